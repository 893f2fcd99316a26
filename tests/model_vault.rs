//! The device lock: PIN rules, wrapping the data key, encrypted stored items.

use base64::Engine as _;
use koers::model::sealed::{KdfParams, BASE64};
use koers::model::vault::*;
use rand_core::OsRng;

fn record(pin: &str, key: &DataKey) -> LockRecord {
    LockRecord::create(pin, key, KdfParams::TEST_ONLY, &mut OsRng).unwrap()
}

#[test]
fn a_pin_is_five_digits() {
    assert!(valid_pin("40719"));
    assert!(valid_pin("00000"));
    for bad in ["4071", "407192", "4071a", " 4071", "٤٠٧١٩", ""] {
        assert!(!valid_pin(bad), "{bad:?}");
    }
}

#[test]
fn a_new_pin_is_not_the_first_guess_and_matches_its_repeat() {
    assert_eq!(check_new_pin("40719", "40719"), Ok(()));
    assert_eq!(check_new_pin("4071", "4071"), Err(PinProblem::Format));
    for easy in ["11111", "12345", "54321", "34567", "98765", "00000"] {
        assert_eq!(
            check_new_pin(easy, easy),
            Err(PinProblem::TooEasy),
            "{easy}"
        );
    }
    // Not a run: steps differ.
    assert_eq!(check_new_pin("13579", "13579"), Ok(()));
    assert_eq!(check_new_pin("40719", "40791"), Err(PinProblem::Mismatch));
}

#[test]
fn idle_for_five_minutes_locks() {
    let start = 1_000_000;
    assert!(!idle_expired(start, start));
    assert!(!idle_expired(start, start + IDLE_LOCK_MS - 1));
    assert!(idle_expired(start, start + IDLE_LOCK_MS));
    assert!(idle_expired(start, start + 3_600_000));
}

#[test]
fn the_right_pin_unwraps_the_data_key_and_a_wrong_one_does_not() {
    let key = DataKey::generate(&mut OsRng);
    let lock = record("40719", &key);
    let stored = key.seal_item("koers.outbox", "{\"items\":[]}", &mut OsRng);
    let again = lock.unlock("40719").unwrap();
    assert_eq!(
        again.open_item("koers.outbox", &stored).unwrap().as_str(),
        "{\"items\":[]}"
    );
    assert_eq!(lock.unlock("40718").unwrap_err(), VaultError::WrongPin);
    // The record survives storage as JSON.
    let text = lock.to_json();
    assert!(!text.contains("40719"));
    assert_eq!(LockRecord::from_json(&text).unwrap(), lock);
}

#[test]
fn unlocking_in_steps_is_the_same_as_unlocking_at_once() {
    let key = DataKey::generate(&mut OsRng);
    let lock = record("40719", &key);
    let stored = key.seal_item("koers.outbox", "[]", &mut OsRng);
    let (salt, params) = lock.kdf().unwrap();
    assert_eq!(params, KdfParams::TEST_ONLY);
    let derive = |pin: &str| {
        koers::model::sealed::derive_from_secret(pin.as_bytes(), &salt, params).unwrap()
    };
    let attempt = lock.clone().begin_attempt().unwrap();
    let again = lock.unlock_with(&attempt, &derive("40719")).unwrap();
    assert_eq!(
        again.open_item("koers.outbox", &stored).unwrap().as_str(),
        "[]"
    );
    assert_eq!(
        lock.unlock_with(&attempt, &derive("40718")).unwrap_err(),
        VaultError::WrongPin
    );
    let mut other = lock.clone();
    other.schema = "koers.lock/2".into();
    assert_eq!(other.kdf().unwrap_err(), VaultError::Damaged);
}

#[test]
fn the_record_uses_the_pin_cost_it_says() {
    let lock =
        LockRecord::create("40719", &DataKey::generate(&mut OsRng), PIN_KDF, &mut OsRng).unwrap();
    assert_eq!((lock.m_kib, lock.t, lock.p), (19 * 1024, 4, 1));
    assert_eq!(lock.attempts_left(), MAX_ATTEMPTS);
    assert!(lock.unlock("40719").is_ok());
}

#[test]
fn wrong_pins_count_down_to_a_wipe() {
    let mut lock = record("40719", &DataKey::generate(&mut OsRng));
    for left in (0..MAX_ATTEMPTS).rev() {
        let attempt = lock.begin_attempt().unwrap();
        assert_eq!(attempt.before, left + 1);
        assert_eq!(lock.attempts_left(), left);
    }
    assert!(lock.exhausted());
    assert_eq!(lock.begin_attempt(), None, "stays at zero");
}

fn wrapping_key(lock: &LockRecord, pin: &str) -> koers::model::sealed::SealKey {
    let (salt, params) = lock.kdf().unwrap();
    koers::model::sealed::derive_from_secret(pin.as_bytes(), &salt, params).unwrap()
}

/// Issue #18: the counter lived in plain sight in the record, so editing storage gave a
/// housemate at the lock screen five new guesses. Now each attempt takes a wrap of the data
/// key out, and only the right PIN can make new ones.
#[test]
fn editing_the_stored_counter_gives_no_attempts_back() {
    let key = DataKey::generate(&mut OsRng);
    let mut lock = record("40719", &key);
    let _ = lock.begin_attempt().unwrap();
    let _ = lock.begin_attempt().unwrap();
    assert_eq!(lock.attempts_left(), MAX_ATTEMPTS - 2);
    // A number in the JSON means nothing: the attempts left are the wraps left.
    let mut edited: serde_json::Value = serde_json::from_str(&lock.to_json()).unwrap();
    edited["attempts_left"] = 5.into();
    let edited = LockRecord::from_json(&edited.to_string()).unwrap();
    assert_eq!(
        edited.attempts_left(),
        MAX_ATTEMPTS - 2,
        "the number is not read"
    );
    assert!(!edited.to_json().contains("attempts_left"));
    // Nor can a wrap be passed off as an older record's single one.
    let mut passed_off: serde_json::Value = serde_json::from_str(&lock.to_json()).unwrap();
    passed_off["wrapped"] = passed_off["wraps"][0].clone();
    passed_off["attempts_left"] = 5.into();
    let mut passed_off = LockRecord::from_json(&passed_off.to_string()).unwrap();
    let wrapping = wrapping_key(&passed_off, "40719");
    let attempt = passed_off.begin_attempt().unwrap();
    assert_eq!(
        passed_off.unlock_with(&attempt, &wrapping).unwrap_err(),
        VaultError::WrongPin
    );
    // Copying the wraps that are left into the spent places does not make them open there.
    let mut filled: serde_json::Value = serde_json::from_str(&lock.to_json()).unwrap();
    let wraps = filled["wraps"].as_array().unwrap().clone();
    filled["wraps"] =
        serde_json::Value::Array(wraps.iter().chain(wraps.iter().take(2)).cloned().collect());
    let mut filled = LockRecord::from_json(&filled.to_string()).unwrap();
    assert_eq!(filled.attempts_left(), MAX_ATTEMPTS);
    for _ in 0..2 {
        let attempt = filled.begin_attempt().unwrap();
        assert_eq!(
            filled.unlock_with(&attempt, &wrapping).unwrap_err(),
            VaultError::WrongPin,
            "a copied wrap in another place does not open, even with the right PIN"
        );
    }
    // The genuine ones still open with the right PIN, and only that puts five back.
    let attempt = filled.begin_attempt().unwrap();
    let opened = filled.unlock_with(&attempt, &wrapping).unwrap();
    assert_eq!(
        filled.succeeded(&attempt, &wrapping, &opened, &mut OsRng),
        2
    );
    assert_eq!(filled.attempts_left(), MAX_ATTEMPTS);
    let stored = key.seal_item("koers.outbox", "[]", &mut OsRng);
    assert_eq!(
        filled
            .unlock("40719")
            .unwrap()
            .open_item("koers.outbox", &stored)
            .unwrap()
            .as_str(),
        "[]"
    );
}

/// A record stored before per-attempt wraps (one `wrapped` and a number) still opens with
/// its PIN, so nothing behind it is lost, and becomes one with wraps at that unlock.
#[test]
fn an_older_record_opens_and_is_renewed() {
    let key = DataKey::generate(&mut OsRng);
    let new = record("40719", &key);
    let wrapping = wrapping_key(&new, "40719");
    // What koers.lock/1 looked like before: the data key wrapped once, with the plain AD.
    let old_wrap = {
        use base64::Engine as _;
        use chacha20poly1305::aead::{Aead as _, KeyInit, Payload};
        let nonce = [9u8; 24];
        let cipher = chacha20poly1305::XChaCha20Poly1305::new(wrapping.as_bytes().into());
        let mut out = nonce.to_vec();
        out.extend(
            cipher
                .encrypt(
                    chacha20poly1305::XNonce::from_slice(&nonce),
                    Payload {
                        msg: key.as_bytes(),
                        aad: b"koers.lock/1 data key",
                    },
                )
                .unwrap(),
        );
        base64::engine::general_purpose::STANDARD.encode(out)
    };
    let old = serde_json::json!({
        "schema": "koers.lock/1", "m_kib": new.m_kib, "t": new.t, "p": new.p, "salt": new.salt,
        "wrapped": old_wrap, "attempts_left": 3,
    });
    let mut old = LockRecord::from_json(&old.to_string()).unwrap();
    assert_eq!(old.attempts_left(), 3);
    let attempt = old.begin_attempt().unwrap();
    assert_eq!(old.attempts_left(), 2);
    let opened = old.unlock_with(&attempt, &wrapping).unwrap();
    assert_eq!(opened.as_bytes(), key.as_bytes());
    assert_eq!(old.succeeded(&attempt, &wrapping, &opened, &mut OsRng), 2);
    assert!(old.wrapped.is_none() && old.wraps.len() == usize::from(MAX_ATTEMPTS));
    assert!(!old.to_json().contains("attempts_left"));
}

#[test]
fn a_damaged_record_is_not_a_wrong_pin() {
    let lock = record("40719", &DataKey::generate(&mut OsRng));
    let mut other = lock.clone();
    other.schema = "koers.lock/2".into();
    assert_eq!(other.unlock("40719").unwrap_err(), VaultError::Damaged);
    let mut salt = lock.clone();
    salt.salt = "!!".into();
    assert_eq!(salt.unlock("40719").unwrap_err(), VaultError::Damaged);
    // A hostile cost is refused, not run.
    let mut costly = lock;
    costly.m_kib = 4 * 1024 * 1024;
    assert_eq!(costly.unlock("40719").unwrap_err(), VaultError::Damaged);
}

#[test]
fn stored_items_are_ciphertext_bound_to_their_name() {
    let key = DataKey::generate(&mut OsRng);
    let secret = "{\"tip\":\"Meer koffie op de groep\"}";
    let stored = key.seal_item("koers.survey-draft.deo-2026", secret, &mut OsRng);
    assert!(is_sealed_item(&stored));
    assert!(!is_sealed_item(secret));
    assert!(!stored.contains("koffie"));
    // Two seals of the same text differ (fresh nonce).
    assert_ne!(
        stored,
        key.seal_item("koers.survey-draft.deo-2026", secret, &mut OsRng)
    );
    // Moved under another name: refused.
    assert_eq!(
        key.open_item("koers.outbox", &stored).unwrap_err(),
        VaultError::Damaged
    );
    // Another key: refused.
    let other = DataKey::generate(&mut OsRng);
    assert_eq!(
        other
            .open_item("koers.survey-draft.deo-2026", &stored)
            .unwrap_err(),
        VaultError::Damaged
    );
    // A flipped character: refused.
    let mut bytes = stored.clone().into_bytes();
    let last = bytes.len() - 3;
    bytes[last] = if bytes[last] == b'A' { b'B' } else { b'A' };
    let flipped = String::from_utf8(bytes).unwrap();
    assert_eq!(
        key.open_item("koers.survey-draft.deo-2026", &flipped)
            .unwrap_err(),
        VaultError::Damaged
    );
    // Plain text is not an item.
    assert_eq!(
        key.open_item("koers.outbox", secret).unwrap_err(),
        VaultError::Damaged
    );
}

fn secrets() -> RememberedSecrets {
    RememberedSecrets {
        sealed: Some(RememberedKey::new(
            "c2FsdHNhbHRzYWx0",
            &koers::model::sealed::SealKey::from_bytes([7u8; 32]),
        )),
        writer: Some(RememberedWriter {
            participant_id: "p-1".into(),
            proof: koers::model::write_proof::proof("AAAA-BBBB"),
        }),
    }
}

#[test]
fn the_remembered_secrets_round_trip_through_the_device_seal() {
    let bytes = secrets().to_bytes();
    let back = RememberedSecrets::from_bytes(&bytes).unwrap();
    let restored = back.sealed.as_ref().unwrap().seal_key().unwrap();
    assert_eq!(restored.as_bytes(), &[7u8; 32]);
    let writer = back.writer.as_ref().unwrap();
    assert_eq!(writer.participant_id, "p-1");
    assert_eq!(writer.proof, koers::model::write_proof::proof("aaaabbbb"));
    assert!(RememberedSecrets::from_bytes(b"not json").is_none());
    assert!(RememberedSecrets::default().is_empty() && !back.is_empty());
}

#[test]
fn a_remembered_sign_in_keeps_its_secrets_only_in_the_device_sealed_part() {
    // What the device key made of the secrets (opaque here: the browser seals them).
    let device = [9u8, 8, 7, 6, 5, 4, 3, 2, 1, 0, 1, 2, 3, 4, 5];
    let remembered = Remembered::sealed_by_device("0123abcd".into(), Some(&device));
    let text = serde_json::to_string(&remembered).unwrap();
    assert_eq!(
        text,
        r#"{"lookup":"0123abcd","device":"CQgHBgUEAwIBAAECAwQF"}"#
    );
    let back: Remembered = serde_json::from_str(&text).unwrap();
    assert_eq!(back.device_sealed().unwrap(), device);
    assert!(!back.is_older() && back.older.is_empty());
    // Nothing of the key or the proof is outside that part.
    let plain = secrets();
    let key = plain.sealed.as_ref().unwrap().key.clone();
    assert!(!text.contains(&key) && !text.contains(&plain.writer.as_ref().unwrap().proof));
    // Without a device key nothing but the lookup is kept.
    let bare = serde_json::to_string(&Remembered::sealed_by_device("ab".into(), None)).unwrap();
    assert_eq!(bare, r#"{"lookup":"ab"}"#);
    // A damaged device part opens to nothing (not to an error that stops the unlock).
    let damaged: Remembered = serde_json::from_str(r#"{"lookup":"ab","device":"%%"}"#).unwrap();
    assert!(damaged.device_sealed().is_none() && !damaged.is_older());
}

#[test]
fn an_older_remembered_sign_in_still_gives_its_secrets() {
    // Written before the device key: the secrets beside the lookup, behind the PIN only.
    let key = BASE64.encode([7u8; 32]);
    let proof = koers::model::write_proof::proof("AAAA-BBBB");
    let text = format!(
        r#"{{"lookup":"ab","sealed":{{"salt":"c2FsdA==","key":"{key}"}},"writer":{{"participant_id":"p-1","proof":"{proof}"}}}}"#
    );
    let older: Remembered = serde_json::from_str(&text).unwrap();
    assert!(older.is_older() && older.device_sealed().is_none());
    let sealed = older.older.sealed.as_ref().unwrap();
    assert_eq!(sealed.salt, "c2FsdA==");
    assert_eq!(sealed.seal_key().unwrap().as_bytes(), &[7u8; 32]);
    assert_eq!(older.older.writer.as_ref().unwrap().participant_id, "p-1");
    // A plain dossier's older record remembered only the lookup: nothing to seal anew.
    let plain: Remembered = serde_json::from_str(r#"{"lookup":"ab"}"#).unwrap();
    assert!(!plain.is_older());
}

#[test]
fn an_attempt_is_spent_before_the_check_and_given_back_only_when_it_could_not_run() {
    let key = DataKey::generate(&mut rand_core::OsRng);
    let mut record =
        LockRecord::create("12345", &key, KdfParams::TEST_ONLY, &mut rand_core::OsRng).unwrap();
    let wrapping = wrapping_key(&record, "12345");
    // A wrong PIN, and a tab closed during the check: both cost an attempt.
    let attempt = record.begin_attempt().unwrap();
    assert_eq!(
        (attempt.before, record.attempts_left()),
        (MAX_ATTEMPTS, MAX_ATTEMPTS - 1)
    );
    assert!(record
        .unlock_with(&attempt, &wrapping_key(&record, "00000"))
        .is_err());
    assert!(!record.exhausted());
    let stored = LockRecord::from_json(&record.to_json()).unwrap();
    assert_eq!(
        stored.attempts_left(),
        MAX_ATTEMPTS - 1,
        "spent before the check finished"
    );
    let mut record = stored;
    let _cut_off = record.begin_attempt().unwrap();
    // The check could not run (offline chunk): given back.
    let attempt = record.begin_attempt().unwrap();
    record.not_tried(attempt);
    assert_eq!(record.attempts_left(), MAX_ATTEMPTS - 2);
    // The right PIN: all back, and the two wrong attempts are reported.
    let attempt = record.begin_attempt().unwrap();
    let opened = record.unlock_with(&attempt, &wrapping).unwrap();
    assert_eq!(
        record.succeeded(&attempt, &wrapping, &opened, &mut rand_core::OsRng),
        2
    );
    assert_eq!(record.attempts_left(), MAX_ATTEMPTS);
    // Cut off at the last attempt: nothing left, wipe.
    record.wraps.truncate(1);
    record.begin_attempt().unwrap();
    assert!(record.exhausted());
    assert_eq!(record.begin_attempt(), None);
}
