//! `koers.sealed/1` and sealed writes: the known-answer vectors of docs/api.md, round
//! trips, and every way opening must fail cleanly ("kan niet openen", never garbage).

mod common;
use common::Fixed;

use base64::Engine as _;
use koers::model::dossier::Dossier;
use koers::model::inbox::{InboxKind, Message, ReplyVia};
use koers::model::lenient::Instant;
use koers::model::lookup::{generate_code, group_code, normalise_code, CODE_ALPHABET};
use koers::model::sealed::{
    decode_document, open, parse_envelope, seal, seal_with, Envelope, KdfParams, OpenError,
    ReadError, BASE64,
};
use koers::model::sealed_write::{
    check_sealed_body, open_body, readable_fields, OpenBodyError, PublicKey, SecretKey,
};
use koers::model::DecodeError;
use rand_core::OsRng;
use serde_json::{json, Value};

const CODE: &str = "k7qm-2xhv-9rtd-4wnb-c8fj";
const PLAINTEXT: &str =
    r#"{"schema":"koers.dossier/1","participant":{"id":"p-test","first_name":"Test"}}"#;

/// Vector 1 (test-only parameters m_kib 64, t 1): docs/api.md.
const VECTOR_1: &str = r#"{"schema":"koers.sealed/1","sealed_schema":"koers.dossier/1","kdf":{"alg":"argon2id","m_kib":64,"t":1,"p":1,"salt":"AAECAwQFBgcICQoLDA0ODw=="},"aead":{"alg":"xchacha20poly1305","nonce":"QEFCQ0RFRkdISUpLTE1OT1BRUlNUVVZX"},"ciphertext":"ho8szZXU/bKkbTsXB4ts/eGRnOZxNAwQmkEHZwMNjj1URO2nJPTiW7nF2JMRhMfxyxgyOE004STnDgwfPWRhigs4kU9ZCRg32nr/t58hAItHLAtf7U8efUPrYL55Zw=="}"#;
const KEY_1: &str = "54c4a1d9fb832630bac795f20d06a1bb07bb4e37366169ad555618d57aeab739";
/// Vector 2 (production parameters m_kib 19456, t 2).
const VECTOR_2: &str = r#"{"schema":"koers.sealed/1","sealed_schema":"koers.dossier/1","kdf":{"alg":"argon2id","m_kib":19456,"t":2,"p":1,"salt":"AAECAwQFBgcICQoLDA0ODw=="},"aead":{"alg":"xchacha20poly1305","nonce":"QEFCQ0RFRkdISUpLTE1OT1BRUlNUVVZX"},"ciphertext":"F8aDeLAhztxF9hvB8FJU4OlmxS+ls2V651vrN4tPl6BctnxHAKxiwx91P6mEWjN8T4YrI6fUCZ9VnXehHKZT6P24r8E/5J79LumFaNfPJ8gdlfmR1ONwMXeoRt6f4A=="}"#;
const KEY_2: &str = "5e371a1cfab7159d3868854509afc73057ef3ee6907691f4ad8c30220475b76b";

fn salt() -> Vec<u8> {
    (0u8..16).collect()
}

fn nonce() -> [u8; 24] {
    let mut n = [0u8; 24];
    for (i, b) in n.iter_mut().enumerate() {
        *b = 0x40 + i as u8;
    }
    n
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn small_envelope(code: &str, plaintext: &[u8]) -> Envelope {
    seal(
        code,
        plaintext,
        "koers.dossier/1",
        KdfParams::TEST_ONLY,
        &mut OsRng,
    )
    .unwrap()
}

#[test]
fn known_answer_vectors() {
    for (params, vector, key) in [
        (KdfParams::TEST_ONLY, VECTOR_1, KEY_1),
        (KdfParams::PRODUCTION, VECTOR_2, KEY_2),
    ] {
        let envelope = seal_with(
            CODE,
            PLAINTEXT.as_bytes(),
            "koers.dossier/1",
            params,
            &salt(),
            &nonce(),
        )
        .unwrap();
        assert_eq!(serde_json::to_string(&envelope).unwrap(), vector);
        assert_eq!(hex(envelope.derive_key(CODE).unwrap().as_bytes()), key);
        // Any spelling of the code opens it: the key is derived from the normalised code.
        let parsed = parse_envelope(vector).unwrap();
        assert_eq!(
            open("K7QM 2XHV 9RTD 4WNB C8FJ", &parsed).unwrap(),
            PLAINTEXT.as_bytes()
        );
    }
}

#[test]
fn round_trip_and_fresh_randomness() {
    let code = generate_code(&mut OsRng);
    let a = small_envelope(&code, PLAINTEXT.as_bytes());
    let b = small_envelope(&code, PLAINTEXT.as_bytes());
    assert_ne!(a.kdf.salt, b.kdf.salt);
    assert_ne!(a.aead.nonce, b.aead.nonce);
    assert_ne!(a.ciphertext, b.ciphertext);
    assert_eq!(open(&code, &a).unwrap(), PLAINTEXT.as_bytes());
    assert_eq!(
        open(&code.to_lowercase(), &b).unwrap(),
        PLAINTEXT.as_bytes()
    );
    // Empty plaintext is sealable too.
    assert_eq!(open(&code, &small_envelope(&code, b"")).unwrap(), b"");
}

#[test]
fn every_flipped_byte_fails_cleanly() {
    let envelope = parse_envelope(VECTOR_1).unwrap();
    let ciphertext = BASE64.decode(&envelope.ciphertext).unwrap();
    for i in 0..ciphertext.len() {
        let mut bad = ciphertext.clone();
        bad[i] ^= 0x01;
        let mut e = envelope.clone();
        e.ciphertext = BASE64.encode(&bad);
        assert_eq!(
            open(CODE, &e),
            Err(OpenError::WrongCodeOrDamaged),
            "byte {i}"
        );
    }
    for (field, edit) in [("nonce", 0usize), ("salt", 1usize)] {
        let mut e = envelope.clone();
        let target = if edit == 0 {
            &mut e.aead.nonce
        } else {
            &mut e.kdf.salt
        };
        let mut bytes = BASE64.decode(&*target).unwrap();
        bytes[3] ^= 0x80;
        *target = BASE64.encode(&bytes);
        assert_eq!(
            open(CODE, &e),
            Err(OpenError::WrongCodeOrDamaged),
            "{field}"
        );
    }
    // Truncated: too short for a tag, or a tag cut off.
    let mut e = envelope.clone();
    e.ciphertext = BASE64.encode(&ciphertext[..10]);
    assert!(matches!(open(CODE, &e), Err(OpenError::Malformed(_))));
    let mut e = envelope.clone();
    e.ciphertext = BASE64.encode(&ciphertext[..ciphertext.len() - 1]);
    assert_eq!(open(CODE, &e), Err(OpenError::WrongCodeOrDamaged));
}

#[test]
fn wrong_code_and_other_parameters_fail() {
    let envelope = parse_envelope(VECTOR_1).unwrap();
    for code in [
        "K7QM-2XHV-9RTD-4WNB-C8FK",
        "K7QM-2XHV-9RTD-4WNB",
        "",
        "DEMO-0001",
    ] {
        assert_eq!(
            open(code, &envelope),
            Err(OpenError::WrongCodeOrDamaged),
            "{code}"
        );
    }
    // The cost is part of the key: other parameters give another key.
    let mut e = envelope.clone();
    e.kdf.t = 2;
    assert_eq!(open(CODE, &e), Err(OpenError::WrongCodeOrDamaged));
}

#[test]
fn wrong_associated_data_fails() {
    // A sealed survey cannot pass for a dossier, nor a dossier for something else.
    let mut e = parse_envelope(VECTOR_1).unwrap();
    e.sealed_schema = "koers.survey/1".into();
    assert_eq!(open(CODE, &e), Err(OpenError::WrongCodeOrDamaged));
    e.sealed_schema = "koers.dossier/1.1".into();
    assert_eq!(open(CODE, &e), Err(OpenError::WrongCodeOrDamaged));
    let survey = seal_with(
        CODE,
        PLAINTEXT.as_bytes(),
        "koers.survey/1",
        KdfParams::TEST_ONLY,
        &salt(),
        &nonce(),
    )
    .unwrap();
    let e = decode_document::<Dossier>(&serde_json::to_string(&survey).unwrap(), Some(CODE));
    assert!(
        matches!(e, Err(ReadError::Open(OpenError::WrongContent { .. }))),
        "{e:?}"
    );
}

#[test]
fn malformed_and_unsupported_envelopes() {
    let v: Value = serde_json::from_str(VECTOR_1).unwrap();
    let edit = |f: &dyn Fn(&mut Value)| {
        let mut v = v.clone();
        f(&mut v);
        v.to_string()
    };
    let unsupported = [
        edit(&|v| v["aead"]["alg"] = json!("aes-256-gcm")),
        edit(&|v| v["kdf"]["alg"] = json!("scrypt")),
        edit(&|v| v["kdf"]["m_kib"] = json!(4 * 1024 * 1024)),
        edit(&|v| v["kdf"]["t"] = json!(1000)),
        edit(&|v| v["kdf"]["m_kib"] = json!(1)),
        edit(&|v| v["schema"] = json!("koers.sealed/2")),
    ];
    for text in unsupported {
        let r = parse_envelope(&text).and_then(|e| open(CODE, &e));
        assert!(matches!(r, Err(OpenError::Unsupported(_))), "{text}: {r:?}");
    }
    let malformed = [
        edit(&|v| v["aead"]["nonce"] = json!("QEFCQ0RFRkdISUpL")),
        edit(&|v| v["aead"]["nonce"] = json!("not base64!")),
        edit(&|v| v["kdf"]["salt"] = json!("AAEC")),
        edit(&|v| v["ciphertext"] = json!(42)),
        edit(&|v| {
            v.as_object_mut().unwrap().remove("kdf");
        }),
        "<html>".to_string(),
    ];
    for text in malformed {
        let r = parse_envelope(&text).and_then(|e| open(CODE, &e));
        assert!(matches!(r, Err(OpenError::Malformed(_))), "{text}: {r:?}");
    }
    // Padding is optional on reading.
    let unpadded = edit(&|v| v["kdf"]["salt"] = json!("AAECAwQFBgcICQoLDA0ODw"));
    assert_eq!(
        open(CODE, &parse_envelope(&unpadded).unwrap()).unwrap(),
        PLAINTEXT.as_bytes()
    );
}

#[test]
fn decode_document_reads_plain_and_sealed_dossiers() {
    // Plain: as before, no code needed.
    let plain = decode_document::<Dossier>(PLAINTEXT, None).unwrap();
    assert_eq!(plain.participant.id, "p-test");
    // Sealed: opened with the code, then decoded with the same liberal rules.
    let sealed = decode_document::<Dossier>(VECTOR_1, Some(CODE)).unwrap();
    assert_eq!(sealed, plain);
    assert!(matches!(
        decode_document::<Dossier>(VECTOR_1, None),
        Err(ReadError::Open(OpenError::WrongCodeOrDamaged))
    ));
    assert!(matches!(
        decode_document::<Dossier>(VECTOR_1, Some("DEMO-0001")),
        Err(ReadError::Open(OpenError::WrongCodeOrDamaged))
    ));
    // The plain decoder names an envelope by its schema instead of failing obscurely.
    match koers::model::decode::<Dossier>(VECTOR_1) {
        Err(DecodeError::WrongSchema { found, .. }) => {
            assert_eq!(found.as_deref(), Some("koers.sealed/1"))
        }
        other => panic!("{other:?}"),
    }
    // A sealed file whose content is not a dossier is a decode error, not garbage.
    let e = seal_with(
        CODE,
        b"not json",
        "koers.dossier/1",
        KdfParams::TEST_ONLY,
        &salt(),
        &nonce(),
    )
    .unwrap();
    assert!(matches!(
        decode_document::<Dossier>(&serde_json::to_string(&e).unwrap(), Some(CODE)),
        Err(ReadError::Decode(DecodeError::NotJson(_)))
    ));
}

#[test]
fn generated_codes_are_long_grouped_and_unambiguous() {
    let mut seen = std::collections::BTreeSet::new();
    for _ in 0..200 {
        let code = generate_code(&mut OsRng);
        assert_eq!(code.len(), 24, "{code}");
        assert_eq!(code.split('-').count(), 5);
        let n = normalise_code(&code);
        assert_eq!(n.len(), 20);
        assert!(n.bytes().all(|b| CODE_ALPHABET.contains(&b)));
        assert!(!n.contains(['0', '1', 'I', 'O']));
        assert_eq!(group_code(&n.to_lowercase()), code);
        assert!(koers::model::lookup::plausible_code(&code));
        seen.insert(code);
    }
    assert_eq!(seen.len(), 200);
    // Every symbol of the alphabet occurs (the selection is not biased to a subset).
    let all: String = seen.iter().map(|c| normalise_code(c)).collect();
    assert!(CODE_ALPHABET.iter().all(|b| all.as_bytes().contains(b)));
}

// ---- Sealed writes -------------------------------------------------------------------

fn message() -> Message {
    Message::compose(
        uuid::Uuid::parse_str("c0a8012e-7d3b-4f2a-9e1c-5b6a7d8e9f10").unwrap(),
        "vp-1",
        "Kunt u mij bellen na 17:00 uur?",
        Some(ReplyVia {
            phone: Some("+31 6 1234 5699".into()),
            email: None,
        }),
        Some("p-1002"),
        false,
        Instant::parse("2026-11-20T21:14:03+01:00").unwrap(),
    )
}

/// The sealed-write vector of docs/api.md: recipient secret key bytes 0x01..0x20.
const RECIPIENT_SECRET: &str = "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=";

#[test]
fn sealed_message_opens_with_the_right_key_only() {
    let team = SecretKey::generate(&mut OsRng);
    let other = SecretKey::generate(&mut OsRng);
    let plain = serde_json::to_value(message()).unwrap();
    let sealed = message().seal(&team.public_key(), &mut OsRng);
    // Only the readable fields and `sealed` are outside; nothing sensitive is.
    let outside: Vec<&str> = sealed
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(outside, ["id", "schema", "sealed", "sent_at", "to"]);
    let text = sealed.to_string();
    for secret in ["Kunt u mij", "1234 5699", "p-1002", "callback"] {
        assert!(!text.contains(secret), "{secret} leaked: {text}");
    }
    check_sealed_body(
        InboxKind::Messages,
        &sealed,
        Some(Some(&team.public_key().to_base64())),
    )
    .unwrap();
    assert_eq!(
        open_body(InboxKind::Messages, &sealed, &team).unwrap(),
        plain
    );
    assert_eq!(
        open_body(InboxKind::Messages, &sealed, &other),
        Err(OpenBodyError::NotForThisKey)
    );
    // Claiming the other key as recipient does not help: the box does not open.
    let mut forged = sealed.clone();
    forged["sealed"]["recipient"] = json!(other.public_key().to_base64());
    assert_eq!(
        open_body(InboxKind::Messages, &forged, &other),
        Err(OpenBodyError::Damaged)
    );
    // A flipped byte.
    let mut bytes = BASE64
        .decode(sealed["sealed"]["ciphertext"].as_str().unwrap())
        .unwrap();
    bytes[60] ^= 1;
    let mut flipped = sealed.clone();
    flipped["sealed"]["ciphertext"] = json!(BASE64.encode(&bytes));
    assert_eq!(
        open_body(InboxKind::Messages, &flipped, &team),
        Err(OpenBodyError::Damaged)
    );
    // A sealed part moved to another body (another id) is noticed.
    let mut moved = sealed.clone();
    moved["id"] = json!("7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d");
    assert_eq!(
        open_body(InboxKind::Messages, &moved, &team),
        Err(OpenBodyError::Mismatch("id".into()))
    );
}

#[test]
fn sealed_write_vector_opens() {
    let key = SecretKey::parse(RECIPIENT_SECRET).unwrap();
    let body = json!({"schema": "koers.message/1", "id": "c0a8012e-7d3b-4f2a-9e1c-5b6a7d8e9f10",
        "to": "vp-1", "sent_at": "2026-11-20T21:14:03+01:00", "participant_id": null,
        "callback_requested": false, "reply_via": null, "body": "Hallo"});
    let sealed = koers::model::sealed_write::seal_body(
        InboxKind::Messages,
        &body,
        &key.public_key(),
        &mut Fixed(0x80),
    )
    .unwrap();
    assert_eq!(
        key.public_key().to_base64(),
        "B6N8vBQgk8i3VdwbEOhstCY3StFqqFPtC9/AsrhtHHw="
    );
    assert_eq!(
        sealed,
        serde_json::from_str::<Value>(SEALED_WRITE_VECTOR).unwrap()
    );
    assert_eq!(open_body(InboxKind::Messages, &sealed, &key).unwrap(), body);
    // Opening the documented vector does not depend on how this code seals.
    let documented: Value = serde_json::from_str(SEALED_WRITE_VECTOR).unwrap();
    assert_eq!(
        open_body(InboxKind::Messages, &documented, &key).unwrap(),
        body
    );
    // The exact plaintext bytes, as docs/api.md gives them.
    let ciphertext = BASE64
        .decode(documented["sealed"]["ciphertext"].as_str().unwrap())
        .unwrap();
    let plaintext = key.unseal(&ciphertext).unwrap();
    assert_eq!(
        std::str::from_utf8(&plaintext).unwrap(),
        r#"{"body":"Hallo","callback_requested":false,"id":"c0a8012e-7d3b-4f2a-9e1c-5b6a7d8e9f10","participant_id":null,"reply_via":null,"schema":"koers.message/1","sent_at":"2026-11-20T21:14:03+01:00","to":"vp-1"}"#
    );
}

const SEALED_WRITE_VECTOR: &str = r#"{"id":"c0a8012e-7d3b-4f2a-9e1c-5b6a7d8e9f10","schema":"koers.message/1","sealed":{"alg":"crypto_box_seal","ciphertext":"ST6C/HRGSlkmiBdiPSBTxeuOLMSpiLT+4XnsawENUx3JgdI5+j/vMx9R+xGkVwGX7LWsqkLmxJDANO3RdMIcAqbQ/yy1w48C4ZHpHZtLy+QAq/hcCXpZyA2aCwKGUEPxvzAuODNY4pfGZGJBJ4GMlDoKnB64u8eIioYy3ChBoEfQ/T9TCI3KGnMRQpPI4h0hUUGS1kYYy7NL9D5wLCGt25kPnLS9JNrnEOi+RJSf1D4e9UH3MmV9692uGNumVLnQFAXKk3D5uInLkLO5ps4DWwdj1ZHakTGEbQIjV/ZcqmyGmJ8Qzh45vBwOxJ/j3FMMc+uiOQ84ygSETgE=","recipient":"B6N8vBQgk8i3VdwbEOhstCY3StFqqFPtC9/AsrhtHHw="},"sent_at":"2026-11-20T21:14:03+01:00","to":"vp-1"}"#;

#[test]
fn inbox_checks_on_sealed_bodies() {
    let team = SecretKey::generate(&mut OsRng);
    let key = team.public_key().to_base64();
    let sealed = message().seal(&team.public_key(), &mut OsRng);
    let check = |edit: &dyn Fn(&mut Value), expected: Option<Option<&str>>| {
        let mut v = sealed.clone();
        edit(&mut v);
        check_sealed_body(InboxKind::Messages, &v, expected)
            .map_err(|e| (e.code, e.field.unwrap_or_default()))
    };
    let err = |code: &str, field: &str| Err((code.to_string(), field.to_string()));
    assert_eq!(check(&|_| {}, None), Ok(()));
    assert_eq!(
        check(&|v| v["body"] = json!("plain"), None),
        err("invalid", "body")
    );
    assert_eq!(
        check(&|v| v["participant_id"] = json!("p-1"), None),
        err("invalid", "participant_id")
    );
    assert_eq!(
        check(&|v| v["sealed"] = json!("x"), None),
        err("invalid", "sealed")
    );
    assert_eq!(
        check(&|v| v["sealed"]["alg"] = json!("hpke"), None),
        err("invalid", "sealed.alg")
    );
    assert_eq!(
        check(
            &|v| {
                v["sealed"].as_object_mut().unwrap().remove("ciphertext");
            },
            None
        ),
        err("required", "sealed.ciphertext")
    );
    assert_eq!(
        check(&|v| v["sealed"]["ciphertext"] = json!("%%%"), None),
        err("invalid", "sealed.ciphertext")
    );
    assert_eq!(
        check(&|v| v["sealed"]["ciphertext"] = json!("AAAA"), None),
        err("invalid", "sealed.ciphertext")
    );
    assert_eq!(
        check(&|v| v["sealed"]["recipient"] = json!("AAAA"), None),
        err("invalid", "sealed.recipient")
    );
    assert_eq!(check(&|_| {}, Some(Some(&key))), Ok(()));
    let other = SecretKey::generate(&mut OsRng).public_key().to_base64();
    assert_eq!(
        check(&|_| {}, Some(Some(&other))),
        err("wrong_key", "sealed.recipient")
    );
    assert_eq!(
        check(&|_| {}, Some(None)),
        err("wrong_key", "sealed.recipient")
    );
    // Acknowledgements and reflections are never sealed.
    assert!(readable_fields(InboxKind::Acknowledgements).is_none());
    assert!(check_sealed_body(InboxKind::GoalReflections, &sealed, None).is_err());
}

#[test]
fn key_files_round_trip_and_are_checked() {
    let key = SecretKey::generate(&mut OsRng);
    let file = key.to_key_file();
    let back = SecretKey::from_key_file(&file).unwrap();
    assert_eq!(back.public_key(), key.public_key());
    let mut v: Value = serde_json::from_str(&file).unwrap();
    v["public_key"] = json!(SecretKey::generate(&mut OsRng).public_key().to_base64());
    assert!(SecretKey::from_key_file(&v.to_string()).is_err());
    assert!(SecretKey::from_key_file("{}").is_err());
    assert!(PublicKey::parse("AAAA").is_err());
}

/// Issue #18: a goal reflection may hold health text, so a dossier with a
/// `team_public_key` has it sealed; a key that is not a key is an error, never "no key".
#[test]
fn goal_reflections_are_sealed_to_the_dossiers_team_key() {
    let team = SecretKey::generate(&mut OsRng);
    let dossier = |key: Value| -> Dossier {
        koers::model::decode(
            &json!({"schema": "koers.dossier/1", "participant": {"id": "p-1", "first_name": "Tarik"},
                    "team_public_key": key})
            .to_string(),
        )
        .unwrap()
    };
    let keyed = dossier(json!(team.public_key().to_base64()));
    assert_eq!(keyed.reflection_key().unwrap(), Some(team.public_key()));
    for absent in [Value::Null, json!(""), json!("   ")] {
        assert_eq!(dossier(absent).reflection_key().unwrap(), None);
    }
    assert!(dossier(json!("bm90IGEga2V5")).reflection_key().is_err());

    let reflection = koers::model::inbox::GoalReflection {
        schema: "koers.goal-reflection/1".into(),
        id: uuid::Uuid::new_v4(),
        participant_id: "p-1".into(),
        goal_id: "g-1".into(),
        written_at: serde_json::from_value(json!("2026-12-03T10:00:00+01:00")).unwrap(),
        rating: 4,
        text: "Ik slaap slecht door de medicijnen.".into(),
    };
    let sealed = reflection.seal(&team.public_key(), &mut OsRng);
    let text = sealed.to_string();
    for secret in ["slaap", "p-1", "g-1", "rating"] {
        assert!(!text.contains(secret), "{secret} readable in {text}");
    }
    check_sealed_body(InboxKind::GoalReflections, &sealed, None).unwrap();
    let opened = open_body(InboxKind::GoalReflections, &sealed, &team).unwrap();
    assert_eq!(opened, serde_json::to_value(&reflection).unwrap());
    // The readable time must be the sealed one: a sealed part cannot be moved.
    let mut moved = sealed.clone();
    moved["written_at"] = json!("2026-12-04T10:00:00+01:00");
    assert_eq!(
        open_body(InboxKind::GoalReflections, &moved, &team).unwrap_err(),
        OpenBodyError::Mismatch("written_at".into())
    );
}
