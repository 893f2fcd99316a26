//! A sealed inbox body: the inbox's checks before decoding, for every inbox, and opening it
//! with a recipient's key (as the desk and the results do).
#![no_main]

use koers::model::inbox::InboxKind;
use koers::model::sealed_write::{check_sealed_body, is_sealed, open_body, SecretKey};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn key() -> &'static SecretKey {
    static KEY: OnceLock<SecretKey> = OnceLock::new();
    KEY.get_or_init(|| SecretKey::generate(&mut rand_core::OsRng))
}

fuzz_target!(|data: &[u8]| {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) else {
        return;
    };
    let _ = is_sealed(&value);
    let recipient = key().public_key().to_base64();
    for kind in InboxKind::ALL {
        let _ = check_sealed_body(kind, &value, None);
        let _ = check_sealed_body(kind, &value, Some(Some(&recipient)));
        let _ = check_sealed_body(kind, &value, Some(None));
        let _ = open_body(kind, &value, key());
    }
});
