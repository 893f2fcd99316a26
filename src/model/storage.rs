//! Every key Koers keeps in the browser's storage, and what happens to each: encrypted
//! behind the PIN or plain, wiped at sign-out or kept. These are security rules (what a
//! next user of the phone can read), so they are decided here once, as data, and tested
//! natively; `state::lock` encrypts and `state::session` wipes by asking this table.
//! A key used anywhere else in `src/` fails `tests/storage_keys.rs`. Outside `src/`, the
//! first screen's script in `index.html` reads six of them by name before the wasm exists
//! (`LANG`, `PREFERRED_LANG`, `TEXT_SIZE`, `HIGH_CONTRAST`, `SESSION`, `LOCK`).

/// Where a key lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Store {
    /// `localStorage`: survives closing the app.
    Local,
    /// `sessionStorage`: this tab only.
    Tab,
    /// An IndexedDB database: holds what localStorage cannot, a non-extractable WebCrypto key.
    Database,
}

/// What a key holds, and so how it is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// Reader settings and device choices: not personal, plain, kept at sign-out (the
    /// sign-in page needs them).
    Device,
    /// About the participant, but needed before the PIN is known (the lock record, the
    /// dossier's language for the lock screen): plain, wiped at sign-out.
    BeforePin,
    /// About the participant: encrypted behind the PIN when one is set, wiped at sign-out.
    Vault,
    /// For this tab only: wiped at sign-out.
    ThisTab,
}

/// One registered key (or, with `prefix`, every key that starts with `name`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub name: &'static str,
    pub prefix: bool,
    pub store: Store,
    pub class: Class,
}

/// Every key the app writes starts with this.
pub const PREFIX: &str = "koers.";

pub const LANG: &str = "koers.lang";
pub const PREFERRED_LANG: &str = "koers.preferred_lang";
pub const TEXT_SIZE: &str = "koers.text_size";
pub const HIGH_CONTRAST: &str = "koers.high_contrast";
pub const DISCREET: &str = "koers.discreet";
pub const SHARED_PHONE: &str = "koers.shared_phone";
pub const LOCK: &str = "koers.lock";
pub const REMEMBERED: &str = "koers.remembered";
pub const OUTBOX: &str = "koers.outbox";
pub const ACKS: &str = "koers.acks";
pub const SENT: &str = "koers.sent";
pub const SURVEY_INVITE: &str = "koers.survey-invite";
pub const REMINDERS: &str = "koers.reminders";
pub const AGENDA_EXPORTED: &str = "koers.agenda-exported";
pub const SURVEY_DRAFT: &str = "koers.survey-draft.";
pub const SESSION: &str = "koers.session";
pub const SESSION_SEALED: &str = "koers.session-sealed";
pub const WRITE_PROOF: &str = "koers.write-proof";
pub const KIOSK_PIN: &str = "koers.kiosk-pin";
pub const DEVICE_KEY: &str = "koers.device-key";

const fn key(name: &'static str, store: Store, class: Class) -> Key {
    Key {
        name,
        prefix: false,
        store,
        class,
    }
}

pub const KEYS: [Key; 20] = [
    // The language chosen on this device, and the dossier's (the lock screen speaks it).
    key(LANG, Store::Local, Class::Device),
    key(PREFERRED_LANG, Store::Local, Class::BeforePin),
    key(TEXT_SIZE, Store::Local, Class::Device),
    key(HIGH_CONTRAST, Store::Local, Class::Device),
    // The neutral home-screen name: an app already installed keeps it after sign-out.
    key(DISCREET, Store::Local, Class::Device),
    // "Closing the app signs out": a choice for the phone, not the person.
    key(SHARED_PHONE, Store::Local, Class::Device),
    // The PIN's lock record (`koers.lock/1`): the lock screen reads it before any PIN.
    key(LOCK, Store::Local, Class::BeforePin),
    // Who is signed in and a sealed dossier's key, so a reopen needs only the PIN.
    key(REMEMBERED, Store::Local, Class::Vault),
    // Messages and answers not yet delivered.
    key(OUTBOX, Store::Local, Class::Vault),
    // Agreement versions confirmed on this device.
    key(ACKS, Store::Local, Class::Vault),
    // Messages a signed-in participant sent (id, contact, time; no text), for receipts.
    key(SENT, Store::Local, Class::Vault),
    // The surveys this device sent, and "Later" on the home screen's invitation.
    key(SURVEY_INVITE, Store::Local, Class::Vault),
    // Which reminders the agenda export carries (a person's choice, not the phone's).
    key(REMINDERS, Store::Local, Class::Vault),
    // What this device put in the phone's agenda, to notice a change since.
    key(AGENDA_EXPORTED, Store::Local, Class::Vault),
    Key {
        name: SURVEY_DRAFT,
        prefix: true,
        store: Store::Local,
        class: Class::Vault,
    },
    // The lookup hash of the signed-in code (never the code).
    key(SESSION, Store::Tab, Class::ThisTab),
    // That lookup was opened sealed: after a reload a plain file there is refused.
    key(SESSION_SEALED, Store::Tab, Class::ThisTab),
    // The write proof while no PIN is set: a reload keeps it, closing the tab does not
    // (with a PIN it is kept behind the PIN instead, in `REMEMBERED`).
    key(WRITE_PROOF, Store::Tab, Class::ThisTab),
    // The hash of the survey team's kiosk PIN.
    key(KIOSK_PIN, Store::Tab, Class::ThisTab),
    // The database of this browser's device key (`state::device_key`), which seals the
    // secrets of the remembered sign-in: the participant's, so sign-out deletes it.
    key(DEVICE_KEY, Store::Database, Class::BeforePin),
];

/// The registered key `name` is, or falls under.
pub fn find(name: &str) -> Option<&'static Key> {
    KEYS.iter().find(|k| {
        if k.prefix {
            name.starts_with(k.name)
        } else {
            name == k.name
        }
    })
}

/// Whether `name` is kept encrypted behind the PIN. An unknown `koers.` key counts as
/// personal: failing closed.
pub fn in_vault(name: &str) -> bool {
    match find(name) {
        Some(k) => k.class == Class::Vault,
        None => name.starts_with(PREFIX),
    }
}

/// Whether `name` survives sign-out. Only the device's own choices do; an unknown
/// `koers.` key is wiped.
pub fn kept_at_sign_out(name: &str) -> bool {
    find(name).is_some_and(|k| k.class == Class::Device)
}
