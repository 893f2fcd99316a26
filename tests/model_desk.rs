//! The desk (`model::desk`): status transitions, the token file, notes, the list query and
//! its cursor, read receipts and the retention cut-off.

mod common;
use common::Fixed;

use base64::Engine as _;
use chrono::{DateTime, TimeZone, Utc};
use koers::model::desk::*;
use koers::model::inbox::{InboxError, Message};
use koers::model::sealed::BASE64;
use koers::model::sealed_write::SecretKey;
use rand_core::OsRng;
use serde_json::{json, Value};

use MessageStatus::{Handled, Read, Received};

#[test]
fn statuses_only_go_forward() {
    assert_eq!(Received.apply(WantedStatus::Read), Read);
    assert_eq!(Received.apply(WantedStatus::Handled), Handled);
    assert_eq!(Read.apply(WantedStatus::Handled), Handled);
    // Opening a handled message again asks `read`: it stays handled.
    assert_eq!(Handled.apply(WantedStatus::Read), Handled);
    // Repeats change nothing.
    assert_eq!(Read.apply(WantedStatus::Read), Read);
    assert_eq!(Handled.apply(WantedStatus::Handled), Handled);
}

#[test]
fn statuses_are_lowercase_on_the_wire() {
    assert_eq!(json!(Received), json!("received"));
    assert_eq!(json!(WantedStatus::Handled), json!("handled"));
    for status in MessageStatus::ALL {
        assert_eq!(MessageStatus::parse(status.as_str()), Some(status));
        assert_eq!(json!(status), json!(status.as_str()));
    }
    assert_eq!(MessageStatus::parse("Read"), None);
    let change: StatusChange = serde_json::from_value(json!({"status": "read"})).unwrap();
    assert_eq!(change.note, None);
    assert!(serde_json::from_value::<StatusChange>(json!({"status": "received"})).is_err());
}

const VP: &str = "demo-desk-token-vp-1-0001";
const KF: &str = "demo-desk-token-kf-1-0001";

#[test]
fn the_token_file_maps_tokens_to_contacts() {
    let tokens = DeskTokens::parse(&json!({"vp-1": VP, "kf-1": KF}).to_string()).unwrap();
    assert_eq!(tokens.len(), 2);
    assert_eq!(tokens.contact_for(VP), Some("vp-1"));
    assert_eq!(tokens.contact_for(KF), Some("kf-1"));
    assert_eq!(tokens.contact_for("demo-desk-token-vp-1-0002"), None);
    assert_eq!(tokens.contact_for(""), None);
    assert_eq!(tokens.contact_for(&VP[..VP.len() - 1]), None);
    assert_eq!(tokens.contact_for(&format!("{VP}x")), None);
    // A token is never shown, even in debug output.
    let debug = format!("{tokens:?}");
    assert!(debug.contains("vp-1") && !debug.contains(VP), "{debug}");
    // The same file through serde.
    let decoded: DeskTokens = serde_json::from_value(json!({"vp-1": VP, "kf-1": KF})).unwrap();
    assert_eq!(decoded, tokens);
}

#[test]
fn a_broken_token_file_is_refused() {
    for (text, why) in [
        ("[]", "object"),
        ("\"x\"", "object"),
        ("{", "JSON"),
        (r#"{"vp-1": ""}"#, "empty"),
        (r#"{"vp-1": "   "}"#, "empty"),
        (r#"{"vp-1": "short-token"}"#, "shorter"),
        (r#"{"vp-1": 1234567890123456789}"#, "string"),
        (r#"{"": "demo-desk-token-vp-1-0001"}"#, "contact"),
    ] {
        let e = DeskTokens::parse(text).expect_err(text);
        assert!(e.contains(why), "{text}: {e}");
    }
    let e = DeskTokens::parse(&json!({"vp-1": VP, "kf-1": VP}).to_string()).unwrap_err();
    assert!(e.contains("another contact"), "{e}");
    // Exactly the minimum is fine.
    let tokens = DeskTokens::parse(r#"{"vp-1": "0123456789abcdef"}"#).unwrap();
    assert_eq!(tokens.contact_for("0123456789abcdef"), Some("vp-1"));
}

#[track_caller]
fn refused(result: Result<(), InboxError>, code: &str, field: &str) {
    let e = result.expect_err("must be refused");
    assert_eq!(
        (e.code.as_str(), e.field.as_deref()),
        (code, Some(field)),
        "{e}"
    );
}

#[test]
fn a_contact_with_a_key_only_gets_sealed_notes_to_that_key() {
    let key = SecretKey::generate(&mut OsRng);
    let public = key.public_key().to_base64();
    let note = seal_note("Teruggebeld, opgelost.", &key.public_key(), &mut OsRng);
    assert_eq!(note["alg"], "crypto_box_seal");
    check_note(&note, Some(&public)).unwrap();
    assert_eq!(
        open_note(&note, &key).as_deref(),
        Some("Teruggebeld, opgelost.")
    );

    let other = SecretKey::generate(&mut OsRng);
    let to_other = seal_note("x", &other.public_key(), &mut OsRng);
    refused(
        check_note(&to_other, Some(&public)),
        "wrong_key",
        "note.recipient",
    );
    assert_eq!(open_note(&to_other, &key), None);

    refused(
        check_note(&json!("plain"), Some(&public)),
        "must_seal",
        "note",
    );
    refused(check_note(&json!(42), Some(&public)), "invalid", "note");
    let mut bad = note.clone();
    bad["alg"] = json!("aes");
    refused(check_note(&bad, Some(&public)), "invalid", "note.alg");
    let mut bad = note.clone();
    bad["ciphertext"] = json!("not base64!");
    refused(
        check_note(&bad, Some(&public)),
        "invalid",
        "note.ciphertext",
    );
    let mut bad = note.clone();
    bad["ciphertext"] = json!(BASE64.encode([0u8; 47]));
    refused(
        check_note(&bad, Some(&public)),
        "invalid",
        "note.ciphertext",
    );
    bad["ciphertext"] = json!(BASE64.encode([0u8; 48]));
    check_note(&bad, Some(&public)).unwrap();
    bad["ciphertext"] = json!(BASE64.encode([0u8; 4097]));
    refused(
        check_note(&bad, Some(&public)),
        "too_long",
        "note.ciphertext",
    );
    let mut bad = note.clone();
    bad["recipient"] = json!("AAAA");
    refused(check_note(&bad, Some(&public)), "invalid", "note.recipient");
    let mut bad = note.clone();
    bad.as_object_mut().unwrap().remove("recipient");
    refused(
        check_note(&bad, Some(&public)),
        "required",
        "note.recipient",
    );
    let mut bad = note.clone();
    bad["text"] = json!("the note in plain text beside it");
    refused(check_note(&bad, Some(&public)), "invalid", "note.text");
}

#[test]
fn a_contact_without_a_key_gets_short_plain_notes() {
    check_note(&json!("Gebeld, afgesproken op maandag."), None).unwrap();
    check_note(&json!("x".repeat(500)), None).unwrap();
    refused(
        check_note(&json!("x".repeat(501)), None),
        "too_long",
        "note",
    );
    refused(check_note(&json!("  "), None), "required", "note");
    let key = SecretKey::generate(&mut OsRng);
    let sealed = seal_note("x", &key.public_key(), &mut OsRng);
    refused(check_note(&sealed, None), "wrong_key", "note");
    refused(check_note(&json!(["a"]), None), "invalid", "note");
}

#[test]
fn a_note_only_comes_with_handled() {
    let read = StatusChange {
        status: WantedStatus::Read,
        note: Some(json!("gelezen")),
    };
    refused(read.validate(None), "invalid", "note");
    let handled = StatusChange {
        status: WantedStatus::Handled,
        note: Some(json!("klaar")),
    };
    handled.validate(None).unwrap();
    let bare = StatusChange {
        status: WantedStatus::Read,
        note: None,
    };
    bare.validate(Some("irrelevant")).unwrap();
}

#[test]
fn the_list_query_and_its_cursor() {
    let q = DeskQuery::parse(None, None, None).unwrap();
    assert_eq!((q.status, q.limit, q.before), (None, DEFAULT_LIMIT, None));
    let q = DeskQuery::parse(Some("read"), Some("500"), None).unwrap();
    assert_eq!((q.status, q.limit), (Some(Read), 500));
    assert_eq!(DeskQuery::parse(Some("new"), None, None), Err("status"));
    for limit in ["0", "501", "-1", "ten", ""] {
        assert_eq!(DeskQuery::parse(None, Some(limit), None), Err("limit"));
    }
    let cursor = Cursor {
        received_at: "2026-12-02T03:00:00.123Z".into(),
        id: "c0a8012e-7d3b-4f2a-9e1c-5b6a7d8e9f10".into(),
    };
    let text = cursor.encode();
    assert!(text
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
    let q = DeskQuery::parse(None, None, Some(&text)).unwrap();
    assert_eq!(q.before, Some(cursor));
    for bad in ["", "!!", "bm90IGEgY3Vyc29y"] {
        assert_eq!(DeskQuery::parse(None, None, Some(bad)), Err("before"));
    }
}

#[test]
fn a_receipt_is_dated_by_the_last_status_change() {
    let r = ReadReceipt::new("m", Received, "2026-12-01T10:00:00.000Z", None, None);
    assert_eq!(r.updated_at, "2026-12-01T10:00:00.000Z");
    let r = ReadReceipt::new(
        "m",
        Handled,
        "2026-12-01T10:00:00.000Z",
        Some("2026-12-01T11:00:00.000Z"),
        Some("2026-12-02T09:00:00.000Z"),
    );
    assert_eq!(r.updated_at, "2026-12-02T09:00:00.000Z");
    // Handled straight away: no read time.
    let r = ReadReceipt::new(
        "m",
        Handled,
        "2026-12-01T10:00:00.000Z",
        None,
        Some("2026-12-01T10:05:00.000Z"),
    );
    assert_eq!(r.updated_at, "2026-12-01T10:05:00.000Z");
    let fields: Vec<String> = match json!(r) {
        Value::Object(map) => map.keys().cloned().collect(),
        _ => unreachable!(),
    };
    assert_eq!(fields, ["id", "status", "updated_at"]);
}

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

#[test]
fn retention_deletes_only_what_is_older_than_the_cut_off() {
    let now = Utc.with_ymd_and_hms(2026, 12, 2, 12, 0, 0).unwrap();
    assert_eq!(retention_cutoff(now, 90), at("2026-09-03T12:00:00Z"));
    assert_eq!(retention_cutoff(now, 0), now);
    // Exactly 90 days is kept; a millisecond more is not.
    assert!(!is_expired("2026-09-03T12:00:00.000Z", now, 90));
    assert!(is_expired("2026-09-03T11:59:59.999Z", now, 90));
    assert!(!is_expired("2026-12-01T12:00:00Z", now, 90));
    // Other offsets are the same instant.
    assert!(!is_expired("2026-09-03T14:00:00+02:00", now, 90));
    assert!(is_expired("2026-09-03T13:59:59+02:00", now, 90));
    // Nothing is deleted on a time that does not parse.
    assert!(!is_expired("yesterday", now, 0));
}

#[test]
fn a_desk_page_has_the_documented_shape() {
    let page = DeskMessages {
        schema: DESK_MESSAGES_SCHEMA.into(),
        contact_id: "vp-1".into(),
        counts: StatusCounts {
            received: 1,
            read: 0,
            handled: 0,
        },
        messages: vec![DeskEntry {
            id: "m".into(),
            received_at: "2026-12-01T10:00:00.000Z".into(),
            status: Received,
            read_at: None,
            handled_at: None,
            body: json!({"schema": "koers.message/1"}),
            writer: None,
            note: None,
        }],
        next: None,
    };
    let v = json!(page);
    assert_eq!(v["schema"], "koers.desk-messages/1");
    assert_eq!(v["next"], Value::Null);
    assert_eq!(v["messages"][0]["read_at"], Value::Null);
    assert_eq!(serde_json::from_value::<DeskMessages>(v).unwrap(), page);
    let me = json!(DeskMe {
        contact_id: "vp-1".into(),
        retain_days: DEFAULT_RETAIN_DAYS
    });
    assert_eq!(me, json!({"contact_id": "vp-1", "retain_days": 90}));
}

#[test]
fn the_writers_name_is_only_taken_sealed() {
    let plain = json!({
        "schema": "koers.message/1", "id": "c0a8012e-7d3b-4f2a-9e1c-5b6a7d8e9f10", "to": "vp-1",
        "sent_at": "2026-11-20T10:00:00+01:00", "participant_id": null,
        "callback_requested": false, "reply_via": null, "body": "Hallo"
    });
    let message: Message = serde_json::from_value(plain.clone()).unwrap();
    assert_eq!(message.sender_name, None);
    // Absent stays absent on the wire (older readers, same canonical body).
    assert!(json!(message).get("sender_name").is_none());
    message.validate_plain(Some(true)).unwrap();

    let mut named = plain.clone();
    named["sender_name"] = json!("Sam");
    let message: Message = serde_json::from_value(named).unwrap();
    assert_eq!(message.sender_name.as_deref(), Some("Sam"));
    // Fine inside a sealed body (the recipient checks it after opening) ...
    message.validate(Some(true)).unwrap();
    // ... never readable by the server.
    refused(message.validate_plain(Some(true)), "invalid", "sender_name");

    let mut long = message.clone();
    long.sender_name = Some("x".repeat(81));
    refused(long.validate(None), "too_long", "sender_name");
    long.sender_name = Some(format!("  {}  ", "x".repeat(80)));
    long.validate(None).unwrap();
    long.sender_name = Some("   ".into());
    refused(long.validate(None), "required", "sender_name");
}

/// docs/api.md, "The desk": the sealed-note test vector (recipient secret key bytes
/// 0x01..0x20, as the sealed-write vector; ephemeral key bytes 0x40..0x5f).
const NOTE_VECTOR: &str = r#"{"alg":"crypto_box_seal","ciphertext":"eaYx7t4b+cmPEgMs3q3Q56B5OY/HhriMyEbsia+FpRoEE4aLEs6AHhxY+XyRbcM0ranBt0j7c4XrNyp6DIIK6Ahn1Am1+w==","recipient":"B6N8vBQgk8i3VdwbEOhstCY3StFqqFPtC9/AsrhtHHw="}"#;

#[test]
fn the_sealed_note_vector_of_the_docs() {
    let secret = SecretKey::parse("AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=").unwrap();
    let note = seal_note(
        "Teruggebeld, opgelost.",
        &secret.public_key(),
        &mut Fixed(0x40),
    );
    let vector: Value = serde_json::from_str(NOTE_VECTOR).unwrap();
    assert_eq!(note, vector);
    assert_eq!(
        open_note(&vector, &secret).as_deref(),
        Some("Teruggebeld, opgelost.")
    );
}

fn desk_entry(body: Value, writer: Option<String>, note: Option<Value>) -> DeskEntry {
    DeskEntry {
        id: body["id"].as_str().unwrap().to_string(),
        received_at: "2026-12-01T10:00:00.000Z".into(),
        status: Received,
        read_at: None,
        handled_at: None,
        body,
        writer,
        note,
    }
}

fn a_message(participant: Option<&str>) -> Message {
    let mut m = Message::compose(
        uuid::Uuid::parse_str("c0a8012e-7d3b-4f2a-9e1c-5b6a7d8e9f10").unwrap(),
        "vp-1",
        "Kunt u mij bellen?",
        Some(koers::model::inbox::ReplyVia {
            phone: Some("06 12345678".into()),
            email: None,
        }),
        participant,
        false,
        koers::model::Instant::parse("2026-12-01T10:00:00+01:00").unwrap(),
    );
    m.sender_name = participant.map(|_| "Sam".into());
    m
}

#[test]
fn the_desk_opens_each_message_or_says_why_not() {
    use koers::model::write_proof::{WriterAttestation, WriterCheck};
    let key = SecretKey::generate(&mut OsRng);
    let other = SecretKey::generate(&mut OsRng);

    // Plain: no key needed; a name in a plain message came with its proof.
    let plain = a_message(None);
    let opened = desk_entry(json!(plain), None, Some(json!("Gebeld.")))
        .open(None)
        .unwrap();
    assert_eq!(
        (opened.sealed, opened.writer_check),
        (false, WriterCheck::Anonymous)
    );
    assert_eq!(opened.message, plain);
    assert_eq!(opened.note.as_deref(), Some("Gebeld."));

    // Sealed and named, with the server's attestation: confirmed, with the name.
    let named = a_message(Some("p-1001"));
    let body = named.seal(&key.public_key(), &mut OsRng);
    let attestation =
        WriterAttestation::new(&named.id.to_string(), "p-1001").seal(&key.public_key(), &mut OsRng);
    let note = seal_note("Teruggebeld.", &key.public_key(), &mut OsRng);
    let entry = desk_entry(body.clone(), Some(attestation.clone()), Some(note));
    let opened = entry.open(Some(&key)).unwrap();
    assert!(opened.sealed);
    assert_eq!(opened.writer_check, WriterCheck::Confirmed);
    assert_eq!(opened.message.sender_name.as_deref(), Some("Sam"));
    assert_eq!(opened.message.body, "Kunt u mij bellen?");
    assert_eq!(opened.note.as_deref(), Some("Teruggebeld."));
    // Without the attestation (or another participant's) the name is unconfirmed.
    let opened = desk_entry(body.clone(), None, None)
        .open(Some(&key))
        .unwrap();
    assert_eq!(opened.writer_check, WriterCheck::Unconfirmed);
    let moved =
        WriterAttestation::new(&named.id.to_string(), "p-1002").seal(&key.public_key(), &mut OsRng);
    let opened = desk_entry(body.clone(), Some(moved), None)
        .open(Some(&key))
        .unwrap();
    assert_eq!(opened.writer_check, WriterCheck::Unconfirmed);

    // Why not: no key, another key, a changed box.
    assert_eq!(entry.open(None), Err(Unreadable::NeedsKey));
    assert_eq!(entry.open(Some(&other)), Err(Unreadable::OtherKey));
    let mut changed = body.clone();
    let mut bytes = BASE64
        .decode(changed["sealed"]["ciphertext"].as_str().unwrap())
        .unwrap();
    bytes[60] ^= 1;
    changed["sealed"]["ciphertext"] = json!(BASE64.encode(bytes));
    assert!(matches!(
        desk_entry(changed, None, None).open(Some(&key)),
        Err(Unreadable::Damaged(_))
    ));
    // Not a message at all.
    assert!(matches!(
        desk_entry(json!({"id": "x", "schema": "koers.message/1"}), None, None).open(Some(&key)),
        Err(Unreadable::Damaged(_))
    ));
}
