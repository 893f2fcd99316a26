use crate::api;
use leptos::prelude::*;

use crate::model::storage::{self, PREFIX};

const SESSION_KEY: &str = storage::SESSION;
const SEALED_KEY: &str = storage::SESSION_SEALED;
const PROOF_KEY: &str = storage::WRITE_PROOF;

/// Who is signed in, as the lookup hash of their code (the code itself is never kept).
#[derive(Clone, Copy)]
pub struct Session {
    lookup: RwSignal<Option<String>>,
    /// The PIN lock is shown instead of the pages (`state::lock`).
    pub locked: RwSignal<bool>,
    /// A PIN is set on this device.
    pub pin_set: RwSignal<bool>,
    /// When the person last tapped or typed (ms since the epoch), for the idle lock.
    pub last_use: StoredValue<f64>,
    /// Too many wrong PINs signed out and wiped this device; the sign-in page says so.
    pub wiped: RwSignal<bool>,
    /// Wrong PINs typed since the lock last opened, said once after it opens: someone else
    /// may have tried.
    pub wrong_pins: RwSignal<u8>,
}

use crate::browser::{local_storage, session_storage};

/// Removes every `koers.` key that `model::storage` does not keep at sign-out, except
/// `also_keep`.
fn wipe(store: Option<web_sys::Storage>, also_keep: &[&str]) {
    let Some(store) = store else { return };
    let len = store.length().unwrap_or(0);
    let keys: Vec<String> = (0..len)
        .filter_map(|i| store.key(i).ok().flatten())
        .collect();
    for key in keys {
        let kept = storage::kept_at_sign_out(&key) || also_keep.contains(&key.as_str());
        if key.starts_with(PREFIX) && !kept {
            let _ = store.remove_item(&key);
        }
    }
}

impl Session {
    pub fn lookup(&self) -> Option<String> {
        self.lookup.get()
    }
    pub fn lookup_untracked(&self) -> Option<String> {
        self.lookup.get_untracked()
    }
    /// The person used the app just now (resets the idle lock).
    pub fn touch(&self) {
        self.last_use.set_value(crate::browser::now_ms());
    }
    /// Locked: the pages show nothing of the participant until the PIN brings the
    /// sign-in back (`state::lock::unlock`). Nothing stored is wiped.
    pub fn suspend(&self) {
        if let Some(s) = session_storage() {
            let _ = s.remove_item(SESSION_KEY);
        }
        self.lookup.set(None);
    }
    pub fn is_signed_in(&self) -> bool {
        self.lookup.with(Option::is_some)
    }
    /// This lookup opened sealed (no downgrade after a reload: `model::lookup::plain_allowed`).
    pub fn mark_sealed(&self, lookup: &str) {
        if let Some(s) = session_storage() {
            let _ = s.set_item(SEALED_KEY, lookup);
        }
    }
    /// Keeps the write proof for this tab (no PIN): a reload keeps it, closing the tab
    /// forgets it. With a PIN the lock keeps it instead, encrypted.
    pub fn keep_write_proof(&self) {
        if self.pin_set.get_untracked() {
            return;
        }
        // The 64 hex characters of the proof, then the participant id: no JSON decoder is
        // needed on the first screen for it.
        let proof =
            super::keys::kept_write_proof().map(|w| format!("{}{}", w.proof, w.participant_id));
        if let (Some(s), Some(proof)) = (session_storage(), proof) {
            let _ = s.set_item(PROOF_KEY, &proof);
        }
    }
    /// Whether this tab opened `lookup` sealed before.
    pub fn known_sealed(lookup: &str) -> bool {
        session_storage()
            .and_then(|s| s.get_item(SEALED_KEY).ok().flatten())
            .is_some_and(|l| l == lookup)
    }
    pub fn sign_in(&self, lookup: String) {
        if let Some(s) = session_storage() {
            let _ = s.set_item(SESSION_KEY, &lookup);
        }
        self.lookup.set(Some(lookup));
    }
    /// Forgets the dossier (also the service worker's copy) and everything the app stored
    /// on this device, except the reader settings (language, text size, contrast: not
    /// personal, and needed to read the sign-in page) and the discreet home-screen choice.
    pub fn sign_out(&self) {
        self.sign_out_except(&[]);
    }
    /// Sign-out on a shared phone when the app closes: answers that still wait to be
    /// delivered stay in the outbox (they are sent on the next start), the rest goes.
    pub fn sign_out_keeping_outbox(&self) {
        self.sign_out_except(&[super::outbox::KEY]);
    }
    fn sign_out_except(&self, also_keep: &[&str]) {
        super::keys::forget();
        api::offline::forget_cached_dossier();
        super::lock::forget_key();
        super::device_key::forget();
        wipe(session_storage(), &[]);
        wipe(local_storage(), also_keep);
        self.pin_set.set(false);
        self.locked.set(false);
        self.wrong_pins.set(0);
        self.lookup.set(None);
    }
}

pub fn provide_session() -> Session {
    // With a PIN the sign-in comes back only through the lock screen.
    let pin_set = super::lock::has_pin();
    let stored = if pin_set {
        None
    } else {
        session_storage().and_then(|s| s.get_item(SESSION_KEY).ok().flatten())
    };
    if stored.is_some() {
        let proof = session_storage()
            .and_then(|s| s.get_item(PROOF_KEY).ok().flatten())
            .filter(|t| t.len() > 64 && t.is_char_boundary(64))
            .map(|t| {
                let (proof, participant_id) = t.split_at(64);
                crate::model::vault::RememberedWriter {
                    participant_id: participant_id.to_string(),
                    proof: proof.to_string(),
                }
            });
        if let Some(proof) = proof {
            super::keys::keep_write_proof(&proof);
        }
    }
    let session = Session {
        lookup: RwSignal::new(stored),
        locked: RwSignal::new(pin_set),
        pin_set: RwSignal::new(pin_set),
        last_use: StoredValue::new(crate::browser::now_ms()),
        wiped: RwSignal::new(false),
        wrong_pins: RwSignal::new(0),
    };
    provide_context(session);
    session
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}
