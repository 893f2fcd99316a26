//! A dossier file that says it is sealed: the envelope, its key derivation's limits (never
//! run: a hostile cost must be refused before Argon2id), and opening it with a key.
#![no_main]

use koers::model::sealed::{decode_document, parse_envelope, SealKey};
use koers::model::Dossier;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(envelope) = parse_envelope(text) {
        let _ = envelope.checked_kdf();
        let _ = envelope.open_with_key(&SealKey::from_bytes([7; 32]));
    }
    // Without a code: a plain dossier is decoded, an envelope is refused without deriving.
    let _ = decode_document::<Dossier>(text, None);
});
