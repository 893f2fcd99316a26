//! What a signed-in code unlocks, held in memory only: the opened dossier (so the pages
//! that follow do not fetch it again), the key of a sealed dossier and the write proof.
//! Never in any storage; the device lock keeps the key and the proof behind the PIN
//! (`state::lock`), and sign-out forgets all three.

use crate::model::{
    lookup::lookup,
    sealed::SealKey,
    vault::{RememberedKey, RememberedWriter},
    write_proof, Dossier,
};
use std::{cell::RefCell, rc::Rc};

thread_local! {
    static DOSSIER: RefCell<Option<(String, Rc<Dossier>)>> = const { RefCell::new(None) };
    // For this lookup and this envelope's salt. Zeroed when dropped.
    static SEAL_KEY: RefCell<Option<(String, String, SealKey)>> = const { RefCell::new(None) };
    // For that participant id.
    static WRITE_PROOF: RefCell<Option<RememberedWriter>> = const { RefCell::new(None) };
}

/// The dossier opened for this lookup, when there is one.
pub fn cached_dossier(lookup: &str) -> Option<Rc<Dossier>> {
    DOSSIER.with_borrow(|c| {
        c.as_ref()
            .filter(|(l, _)| l == lookup)
            .map(|(_, d)| d.clone())
    })
}

pub(super) fn cache_dossier(lookup: &str, dossier: Rc<Dossier>) {
    DOSSIER.with_borrow_mut(|c| *c = Some((lookup.to_string(), dossier)));
}

/// Keeps the key derived at sign-in for a sealed dossier.
pub(super) fn set_seal_key(lookup: &str, salt: &str, key: SealKey) {
    SEAL_KEY.with_borrow_mut(|k| *k = Some((lookup.to_string(), salt.to_string(), key)));
}

/// A copy of the kept key, when it is this lookup's for this salt (both copies are zeroed
/// when dropped).
pub(super) fn seal_key(lookup: &str, salt: &str) -> Option<SealKey> {
    SEAL_KEY.with_borrow(|k| match k {
        Some((l, s, key)) if l == lookup && s == salt => Some(SealKey::from_bytes(*key.as_bytes())),
        _ => None,
    })
}

/// Whether the kept seal key is for this lookup: it was opened sealed.
pub fn opened_sealed(lookup: &str) -> bool {
    SEAL_KEY.with_borrow(|k| k.as_ref().is_some_and(|(l, _, _)| l == lookup))
}

/// The key of the sealed dossier signed in with, for the device lock to keep behind the PIN.
pub fn kept_seal_key(lookup: &str) -> Option<RememberedKey> {
    SEAL_KEY.with_borrow(|k| match k {
        Some((l, salt, key)) if l == lookup => Some(RememberedKey::new(salt, key)),
        _ => None,
    })
}

/// Puts back a sealed dossier's key that the device lock kept (after the PIN).
pub fn keep_seal_key(lookup: &str, kept: &RememberedKey) {
    if let Some(key) = kept.seal_key() {
        set_seal_key(lookup, &kept.salt, key);
    }
}

/// Keeps the write proof of the code signed in with.
pub(super) fn set_write_proof(participant_id: String, code: &str) {
    WRITE_PROOF.with_borrow_mut(|w| {
        *w = Some(RememberedWriter {
            participant_id,
            proof: write_proof::proof(code),
        })
    });
}

/// The code typed again for writes that wait for their proof (after a reload without a
/// PIN): it must be the code of the dossier open now (its lookup is the code's hash, so
/// nothing is fetched). `false`: another code.
pub fn prove(code: &str) -> bool {
    let participant = DOSSIER.with_borrow(|d| {
        d.as_ref()
            .filter(|(l, _)| *l == lookup(code))
            .map(|(_, d)| d.participant.id.clone())
    });
    let Some(participant_id) = participant else {
        return false;
    };
    set_write_proof(participant_id, code);
    true
}

/// The participant whose write proof the app holds now (their writes can go out).
pub fn prover() -> Option<String> {
    WRITE_PROOF.with_borrow(|w| w.as_ref().map(|w| w.participant_id.clone()))
}

/// The `Authorization` value for a write in `writer`'s name, when the proof held is theirs.
pub fn write_authorization(writer: &str) -> Option<String> {
    WRITE_PROOF.with_borrow(|w| {
        w.as_ref()
            .filter(|w| w.participant_id == writer)
            .map(|w| write_proof::header_value(&w.proof))
    })
}

/// The write proof, for the device lock to keep behind the PIN.
pub fn kept_write_proof() -> Option<RememberedWriter> {
    WRITE_PROOF.with_borrow(|w| w.clone())
}

/// Puts back a write proof that the device lock kept (after the PIN).
pub fn keep_write_proof(kept: &RememberedWriter) {
    WRITE_PROOF.with_borrow_mut(|w| *w = Some(kept.clone()));
}

/// Forgets the dossier, the key of a sealed one and the write proof.
pub fn forget() {
    DOSSIER.with_borrow_mut(|c| *c = None);
    SEAL_KEY.with_borrow_mut(|k| *k = None);
    WRITE_PROOF.with_borrow_mut(|w| *w = None);
}
