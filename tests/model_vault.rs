//! The device lock: PIN rules, wrapping the data key, encrypted stored items.

use koers::model::sealed::KdfParams;
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
    let again = lock.unlock_with(&derive("40719")).unwrap();
    assert_eq!(
        again.open_item("koers.outbox", &stored).unwrap().as_str(),
        "[]"
    );
    assert_eq!(
        lock.unlock_with(&derive("40718")).unwrap_err(),
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
    assert_eq!(lock.attempts_left, MAX_ATTEMPTS);
    assert!(lock.unlock("40719").is_ok());
}

#[test]
fn wrong_pins_count_down_to_a_wipe() {
    let mut lock = record("40719", &DataKey::generate(&mut OsRng));
    for left in (1..MAX_ATTEMPTS).rev() {
        assert!(!lock.count_failure());
        assert_eq!(lock.attempts_left, left);
    }
    assert!(lock.count_failure());
    assert!(lock.count_failure(), "stays at zero");
    assert_eq!(lock.attempts_left, 0);
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

#[test]
fn a_remembered_dossier_key_round_trips() {
    let key = koers::model::sealed::SealKey::from_bytes([7u8; 32]);
    let remembered = Remembered {
        lookup: "0123456789abcdef0123456789abcdef".into(),
        sealed: Some(RememberedKey::new("c2FsdHNhbHRzYWx0", &key)),
        writer: Some(RememberedWriter {
            participant_id: "p-1".into(),
            proof: koers::model::write_proof::proof("AAAA-BBBB"),
        }),
    };
    let text = serde_json::to_string(&remembered).unwrap();
    let back: Remembered = serde_json::from_str(&text).unwrap();
    assert_eq!(back.lookup, remembered.lookup);
    let restored = back.sealed.as_ref().unwrap().seal_key().unwrap();
    let writer = back.writer.as_ref().unwrap();
    assert_eq!(writer.participant_id, "p-1");
    assert_eq!(writer.proof, koers::model::write_proof::proof("aaaabbbb"));
    assert_eq!(restored.as_bytes(), &[7u8; 32]);
    // A plain dossier remembers only the lookup.
    let plain = serde_json::to_string(&Remembered {
        lookup: "ab".into(),
        sealed: None,
        writer: None,
    })
    .unwrap();
    assert_eq!(plain, "{\"lookup\":\"ab\"}");
}

#[test]
fn an_attempt_is_spent_before_the_check_and_given_back_only_when_it_could_not_run() {
    let key = DataKey::generate(&mut rand_core::OsRng);
    let mut record =
        LockRecord::create("12345", &key, KdfParams::TEST_ONLY, &mut rand_core::OsRng).unwrap();
    // A wrong PIN, and a tab closed during the check: both cost an attempt.
    let before = record.begin_attempt().unwrap();
    assert_eq!(
        (before, record.attempts_left),
        (MAX_ATTEMPTS, MAX_ATTEMPTS - 1)
    );
    assert!(record.unlock("00000").is_err());
    assert!(!record.exhausted());
    let stored = LockRecord::from_json(&record.to_json()).unwrap();
    assert_eq!(
        stored.attempts_left,
        MAX_ATTEMPTS - 1,
        "spent before the check finished"
    );
    let mut record = stored;
    let _cut_off = record.begin_attempt().unwrap();
    // The check could not run (offline chunk): given back.
    let before = record.begin_attempt().unwrap();
    record.not_tried(before);
    assert_eq!(record.attempts_left, MAX_ATTEMPTS - 2);
    // The right PIN: all back, and the two wrong attempts are reported.
    let before = record.begin_attempt().unwrap();
    assert!(record.unlock("12345").is_ok());
    assert_eq!(record.succeeded(before), 2);
    assert_eq!(record.attempts_left, MAX_ATTEMPTS);
    // Cut off at the last attempt: nothing left, wipe.
    record.attempts_left = 1;
    record.begin_attempt().unwrap();
    assert!(record.exhausted());
    assert_eq!(record.begin_attempt(), None);
}
