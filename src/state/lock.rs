//! The device lock in the browser: the optional PIN, the encrypted local storage behind it,
//! the idle timer and the "shared phone" setting. The cryptography and the rules are in
//! [`crate::model::vault`]; this module only keeps the unwrapped data key in memory and
//! decides when it is there.
//!
//! Everything the app keeps about the participant in localStorage goes through
//! [`read_item`] / [`write_item`]: plain JSON while no PIN is set, `koers.vault/1:` items once
//! it is. While the app is locked nothing is read and nothing is written in plain text.

use super::device_key;
use super::Session;
use crate::model::storage;
use crate::model::vault::{
    self, DataKey, LockRecord, Remembered, RememberedSecrets, VaultError, PIN_KDF,
};
use leptos::prelude::*;
use rand_core::OsRng;
use std::cell::RefCell;

/// The lock record (`koers.lock/1`): present exactly when a PIN is set.
pub const LOCK_KEY: &str = storage::LOCK;
/// Who is signed in (and a sealed dossier's key), kept behind the PIN so a reopen needs
/// only the PIN.
const REMEMBERED_KEY: &str = storage::REMEMBERED;
/// "1" when the phone is shared: closing the app signs out.
pub const SHARED_PHONE_KEY: &str = storage::SHARED_PHONE;

thread_local! {
    // The unwrapped data key while the app is open and unlocked; never stored.
    static DATA_KEY: RefCell<Option<DataKey>> = const { RefCell::new(None) };
}

use crate::browser::{local_storage as local, now_ms as now};

fn lock_record() -> Option<LockRecord> {
    local()?
        .get_item(LOCK_KEY)
        .ok()
        .flatten()
        .and_then(|text| LockRecord::from_json(&text))
}

/// Whether a PIN is set on this device.
pub fn has_pin() -> bool {
    local().is_some_and(|s| s.get_item(LOCK_KEY).ok().flatten().is_some())
}

/// Whether stored items can be read now: no PIN, or the PIN was entered.
pub fn readable() -> bool {
    !has_pin() || DATA_KEY.with_borrow(Option::is_some)
}

/// Keys whose value says something about the participant are encrypted behind the PIN;
/// which ones, `model::storage` decides.
fn in_vault(name: &str) -> bool {
    storage::in_vault(name)
}

/// A stored item in plain text; `None` when absent, damaged, or locked away.
pub fn read_item(name: &str) -> Option<String> {
    let raw = local()?.get_item(name).ok().flatten()?;
    if !vault::is_sealed_item(&raw) {
        return Some(raw);
    }
    DATA_KEY.with_borrow(|key| {
        key.as_ref()?
            .open_item(name, &raw)
            .map(|text| text.to_string())
            .map_err(|e| leptos::logging::warn!("{name}: {e}"))
            .ok()
    })
}

/// Stores an item, encrypted when a PIN is set. While locked nothing is written: the
/// in-memory state is written when the PIN opens the lock again (that counts as kept).
/// `false`: the browser refused it (storage full, or none at all); the caller must keep
/// the value in memory and say so.
#[must_use]
pub fn write_item(name: &str, value: &str) -> bool {
    let Some(storage) = local() else { return false };
    if !has_pin() {
        return storage.set_item(name, value).is_ok();
    }
    let sealed =
        DATA_KEY.with_borrow(|key| key.as_ref().map(|k| k.seal_item(name, value, &mut OsRng)));
    match sealed {
        Some(sealed) => storage.set_item(name, &sealed).is_ok(),
        None => true,
    }
}

pub fn remove_item(name: &str) {
    if let Some(s) = local() {
        let _ = s.remove_item(name);
    }
}

fn vault_keys() -> Vec<String> {
    let Some(storage) = local() else {
        return vec![];
    };
    (0..storage.length().unwrap_or(0))
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| in_vault(k))
        .collect()
}

/// Forgets the data key (sign-out, lock).
pub fn forget_key() {
    DATA_KEY.with_borrow_mut(|k| *k = None);
}

/// Sets a PIN while signed in: a fresh data key, wrapped by the PIN; everything already
/// stored is encrypted with it, and the sign-in is remembered behind it.
pub async fn set_pin(session: Session, pin: String) -> Result<(), VaultError> {
    let Some(lookup) = session.lookup_untracked() else {
        return Err(VaultError::Damaged);
    };
    // Lets the busy button paint before Argon2id blocks the thread.
    crate::browser::yield_to_browser(30).await;
    let key = DataKey::generate(&mut OsRng);
    let record = LockRecord::create(&pin, &key, PIN_KDF, &mut OsRng)?;
    let plain: Vec<(String, String)> = vault_keys()
        .into_iter()
        .filter_map(|name| read_item(&name).map(|value| (name, value)))
        .collect();
    DATA_KEY.with_borrow_mut(|k| *k = Some(key));
    let Some(storage) = local() else {
        return Err(VaultError::Damaged);
    };
    let _ = storage.set_item(LOCK_KEY, &record.to_json());
    remove_item(SHARED_PHONE_KEY);
    // From now on the proof is kept behind the PIN (in the remembered sign-in), not plain.
    if let Some(tab) = crate::browser::session_storage() {
        let _ = tab.remove_item(storage::WRITE_PROOF);
    }
    for (name, value) in plain {
        let _ = write_item(&name, &value);
    }
    remember(lookup).await;
    session.pin_set.set(true);
    session.touch();
    Ok(())
}

/// Stores the remembered sign-in behind the PIN: the lookup, and the secrets held now (a
/// sealed dossier's key, the write proof) sealed again by the device key. Without a device
/// key (no IndexedDB, as in some private windows) the secrets are not kept: after a reopen
/// a sealed dossier asks for the code, and writes in the participant's name wait for it.
async fn remember(lookup: String) {
    let secrets = RememberedSecrets {
        sealed: super::keys::kept_seal_key(&lookup),
        writer: super::keys::kept_write_proof(),
    };
    let device = if secrets.is_empty() {
        None
    } else {
        device_key::seal(&secrets.to_bytes(), vault::DEVICE_AD)
            .await
            .map_err(|_| leptos::logging::warn!("no device key: the code is asked after a reopen"))
            .ok()
    };
    let remembered = Remembered::sealed_by_device(lookup, device.as_deref());
    if let Ok(text) = serde_json::to_string(&remembered) {
        let _ = write_item(REMEMBERED_KEY, &text);
    }
}

/// The secrets of a remembered sign-in: opened by the device key, or read from an older
/// record. A copy of this storage in another browser has no device key: nothing.
async fn secrets_of(remembered: Remembered) -> RememberedSecrets {
    if remembered.is_older() {
        return remembered.older;
    }
    let Some(sealed) = remembered.device_sealed() else {
        return RememberedSecrets::default();
    };
    match device_key::open(&sealed, vault::DEVICE_AD).await {
        Ok(plain) => RememberedSecrets::from_bytes(&plain).unwrap_or_default(),
        Err(_) => {
            leptos::logging::warn!("the device key does not open the remembered sign-in");
            RememberedSecrets::default()
        }
    }
}

/// Removes the PIN (while unlocked): stored items go back to plain text.
pub fn remove_pin(session: Session) {
    let plain: Vec<(String, String)> = vault_keys()
        .into_iter()
        .filter_map(|name| read_item(&name).map(|value| (name, value)))
        .collect();
    remove_item(LOCK_KEY);
    remove_item(REMEMBERED_KEY);
    device_key::forget();
    forget_key();
    for (name, value) in plain {
        if name != REMEMBERED_KEY {
            let _ = write_item(&name, &value);
        }
    }
    session.pin_set.set(false);
    session.keep_write_proof();
}

/// Why the PIN did not open the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnlockProblem {
    /// Wrong PIN; this many attempts are left.
    WrongPin(u8),
    /// The last attempt was wrong: the app must sign out and wipe what it stored.
    WipedOut,
    /// The lock record or the remembered sign-in is damaged: only signing in again helps.
    Damaged,
    /// The PIN check (a wasm chunk) could not be fetched: no connection, and not stored on
    /// this phone yet. Nothing was counted; trying again online helps.
    Offline,
}

/// Opens the lock with `pin`: the data key comes back, then the remembered sign-in (and a
/// sealed dossier's key), then `opened` runs (the caller lets the outbox that waited behind
/// the lock go out: the lock does not know the outbox, which stores through it).
pub async fn unlock(
    session: Session,
    pin: String,
    opened: impl FnOnce(),
) -> Result<u8, UnlockProblem> {
    // One PIN check at a time across tabs: each reads the counter only after the other
    // stored what its attempt cost.
    crate::browser::with_web_lock("koers-unlock", try_pin(session, pin, opened)).await
}

fn store_record(record: &LockRecord) {
    if let Some(s) = local() {
        let _ = s.set_item(LOCK_KEY, &record.to_json());
    }
}

/// `Ok(n)`: open; `n` wrong PINs were typed since the lock last opened.
async fn try_pin(
    session: Session,
    pin: String,
    opened: impl FnOnce(),
) -> Result<u8, UnlockProblem> {
    let Some(mut record) = lock_record() else {
        return Err(UnlockProblem::Damaged);
    };
    // The attempt is spent and stored before the slow check: closing the tab during it
    // cannot give it back.
    let Some(attempt) = record.begin_attempt() else {
        return Err(UnlockProblem::WipedOut);
    };
    store_record(&record);
    // Lets the busy button paint before Argon2id blocks the thread.
    crate::browser::yield_to_browser(30).await;
    let unlocked = match record.kdf() {
        Ok((salt, params)) => match super::open::argon2id(pin.into_bytes(), salt, params).await {
            Ok(Ok(wrapping)) => record
                .unlock_with(&attempt, &wrapping)
                .map(|key| (key, wrapping)),
            Ok(Err(_)) => Err(VaultError::Damaged),
            Err(crate::split::ChunkUnavailable) => {
                record.not_tried(attempt);
                store_record(&record);
                return Err(UnlockProblem::Offline);
            }
        },
        Err(e) => Err(e),
    };
    match unlocked {
        Ok((key, wrapping)) => {
            let wrong = record.succeeded(&attempt, &wrapping, &key, &mut OsRng);
            store_record(&record);
            DATA_KEY.with_borrow_mut(|k| *k = Some(key));
            let remembered = read_item(REMEMBERED_KEY)
                .and_then(|text| serde_json::from_str::<Remembered>(&text).ok())
                .ok_or(UnlockProblem::Damaged)?;
            let lookup = remembered.lookup.clone();
            let older = remembered.is_older();
            let secrets = secrets_of(remembered).await;
            if let Some(kept) = &secrets.sealed {
                super::keys::keep_seal_key(&lookup, kept);
            }
            if let Some(writer) = &secrets.writer {
                super::keys::keep_write_proof(writer);
            }
            if older {
                remember(lookup.clone()).await;
            }
            session.sign_in(lookup);
            opened();
            session.touch();
            session.locked.set(false);
            Ok(wrong)
        }
        Err(VaultError::WrongPin) => {
            // The caller signs out (and wipes) so it can still say why before it unmounts.
            if record.exhausted() {
                return Err(UnlockProblem::WipedOut);
            }
            Err(UnlockProblem::WrongPin(record.attempts_left()))
        }
        Err(VaultError::Damaged) => {
            record.not_tried(attempt);
            store_record(&record);
            Err(UnlockProblem::Damaged)
        }
    }
}

/// Whether this phone is shared (sign out when the app closes).
pub fn shared_phone() -> bool {
    local()
        .and_then(|s| s.get_item(SHARED_PHONE_KEY).ok().flatten())
        .is_some_and(|v| v == "1")
}

/// Turns "shared phone" on or off. On removes the PIN: a phone that forgets everything on
/// close has nothing to lock.
pub fn set_shared_phone(session: Session, on: bool) {
    if on {
        if has_pin() {
            remove_pin(session);
        }
        if let Some(s) = local() {
            let _ = s.set_item(SHARED_PHONE_KEY, "1");
        }
    } else {
        remove_item(SHARED_PHONE_KEY);
    }
}

/// Watches for use (taps, keys) and locks after [`vault::IDLE_LOCK_MS`] without it; on a
/// shared phone, signs out when the page goes away. Lives as long as the page.
pub fn watch(session: Session) {
    let check = move || {
        if session.pin_set.get_untracked()
            && !session.locked.get_untracked()
            && vault::idle_expired(session.last_use.get_value() as i64, now() as i64)
        {
            lock_now(session);
        }
    };
    super::idle::use_idle(
        super::idle::Idle {
            uses: &["pointerdown", "keydown"],
            every: std::time::Duration::from_secs(10),
            when_shown: true,
        },
        move || session.touch(),
        check,
    );
    let _ = window_event_listener(leptos::ev::pagehide, move |_| {
        if shared_phone() && session.lookup_untracked().is_some() {
            session.sign_out_keeping_outbox();
        }
    });
}

/// Locks now: the data key, the dossier and a sealed dossier's key leave memory; the
/// pages unmount and the lock screen asks for the PIN.
pub fn lock_now(session: Session) {
    if !has_pin() {
        return;
    }
    forget_key();
    super::keys::forget();
    session.locked.set(true);
    // Signed out only after the pages have unmounted: a page that saw the session go first
    // would redirect to sign-in, and the PIN would not bring back the same page.
    set_timeout(move || session.suspend(), std::time::Duration::ZERO);
}
