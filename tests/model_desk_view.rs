//! The desk's view of stored messages: opened with the contact's key, who wrote them,
//! notes sealed to the contact's own key.

use koers::model::desk::{DeskEntry, MessageStatus, Unreadable};
use koers::model::desk_view::{
    desk_key, open_message, seal_note, writer_of, DeskKeyError, Writer, NOTE_MAX_CHARS,
};
use koers::model::inbox::{Message, ReplyVia};
use koers::model::sealed_write::SecretKey;
use koers::model::write_proof::{WriterAttestation, WriterCheck};
use koers::model::Instant;
use rand_core::OsRng;
use serde_json::{json, Value};
use uuid::Uuid;

/// A stored message as the desk gets it.
fn entry(body: &Value, writer: Option<&str>, note: Option<Value>) -> DeskEntry {
    DeskEntry {
        id: body["id"].as_str().unwrap_or_default().into(),
        received_at: "2026-12-02T09:15:01Z".into(),
        status: MessageStatus::Received,
        read_at: None,
        handled_at: None,
        body: body.clone(),
        writer: writer.map(str::to_string),
        note,
    }
}

fn open(
    body: &Value,
    writer: Option<&str>,
    key: Option<&SecretKey>,
) -> Result<koers::model::desk_view::OpenedMessage, Unreadable> {
    open_message(&entry(body, writer, None), key)
}

fn key() -> SecretKey {
    SecretKey::generate(&mut OsRng)
}

fn message(participant: Option<&str>, name: Option<&str>) -> Message {
    let mut m = Message::compose(
        Uuid::new_v4(),
        "vp-1",
        "  Kunt u mij bellen?  ",
        Some(ReplyVia {
            phone: Some("06 1234 5678".into()),
            email: None,
        }),
        participant,
        false,
        Instant::parse("2026-12-02T10:15:00+01:00").unwrap(),
    );
    m.sender_name = name.map(str::to_string);
    m
}

#[test]
fn a_sealed_message_opens_with_its_key_and_shows_the_confirmed_writer() {
    let k = key();
    let m = message(Some("p-1002"), Some("Jamal"));
    let body = m.seal(&k.public_key(), &mut OsRng);
    let attestation =
        WriterAttestation::new(&m.id.to_string(), "p-1002").seal(&k.public_key(), &mut OsRng);
    let opened = open(&body, Some(&attestation), Some(&k)).unwrap();
    assert_eq!(opened.text, "Kunt u mij bellen?");
    assert!(opened.callback_requested);
    assert_eq!(opened.reply_phone.as_deref(), Some("06 1234 5678"));
    assert_eq!(opened.reply_email, None);
    assert_eq!(opened.writer, WriterCheck::Confirmed);
    assert_eq!(
        writer_of(&opened),
        Writer::Named {
            name: Some("Jamal".into()),
            participant_id: "p-1002".into(),
            confirmed: true
        }
    );
    assert!(opened.sent_at.starts_with("2026-12-02T10:15:00"));
}

#[test]
fn a_name_without_the_servers_attestation_is_unconfirmed() {
    let k = key();
    let m = message(Some("p-1002"), Some("Jamal"));
    let body = m.seal(&k.public_key(), &mut OsRng);
    let opened = open(&body, None, Some(&k)).unwrap();
    assert_eq!(opened.writer, WriterCheck::Unconfirmed);
    // An attestation for another body, or another participant, confirms nothing.
    let other = WriterAttestation::new(&Uuid::new_v4().to_string(), "p-1002")
        .seal(&k.public_key(), &mut OsRng);
    assert_eq!(
        open(&body, Some(&other), Some(&k)).unwrap().writer,
        WriterCheck::Unconfirmed
    );
    let someone_else =
        WriterAttestation::new(&m.id.to_string(), "p-9999").seal(&k.public_key(), &mut OsRng);
    let opened = open(&body, Some(&someone_else), Some(&k)).unwrap();
    assert!(matches!(
        writer_of(&opened),
        Writer::Named {
            confirmed: false,
            ..
        }
    ));
}

#[test]
fn an_anonymous_message_names_nobody() {
    let k = key();
    let body = message(None, None).seal(&k.public_key(), &mut OsRng);
    let opened = open(&body, None, Some(&k)).unwrap();
    assert_eq!(opened.writer, WriterCheck::Anonymous);
    assert_eq!(writer_of(&opened), Writer::Anonymous);
}

#[test]
fn a_message_that_cannot_be_opened_gets_a_reason() {
    let k = key();
    let body = message(None, None).seal(&k.public_key(), &mut OsRng);
    assert_eq!(open(&body, None, Some(&key())), Err(Unreadable::OtherKey));
    assert_eq!(open(&body, None, None), Err(Unreadable::NeedsKey));
    let mut damaged = body.clone();
    let ct = damaged["sealed"]["ciphertext"]
        .as_str()
        .unwrap()
        .to_string();
    let flipped = if ct.starts_with('A') {
        ct.replacen('A', "B", 1)
    } else {
        format!("A{}", &ct[1..])
    };
    damaged["sealed"]["ciphertext"] = Value::String(flipped);
    assert!(matches!(
        open(&damaged, None, Some(&k)),
        Err(Unreadable::Damaged(_))
    ));
    // A readable field changed after sealing: the sealed part was moved to another body.
    let mut moved = body.clone();
    moved["to"] = json!("kf-1");
    assert!(matches!(
        open(&moved, None, Some(&k)),
        Err(Unreadable::Damaged(_))
    ));
    assert!(matches!(
        open(&json!({"schema": "koers.message/1"}), None, None),
        Err(Unreadable::Damaged(_))
    ));
}

#[test]
fn a_plain_message_shows_as_it_was_stored() {
    let m = message(Some("p-1001"), None);
    let body = serde_json::to_value(&m).unwrap();
    let opened = open(&body, None, None).unwrap();
    assert_eq!(opened.text, "Kunt u mij bellen?");
    // The inbox refused a plain write in this name without the write proof.
    assert_eq!(opened.writer, WriterCheck::Confirmed);
    assert_eq!(
        writer_of(&opened),
        Writer::Named {
            name: None,
            participant_id: "p-1001".into(),
            confirmed: true
        }
    );
}

#[test]
fn the_key_file_must_be_this_contacts() {
    let k = key();
    let file = k.to_key_file();
    let public = k.public_key();
    assert!(desk_key(Some(&public), Some(&file)).unwrap().is_some());
    assert_eq!(
        desk_key(Some(&public), None).err(),
        Some(DeskKeyError::Missing)
    );
    assert_eq!(
        desk_key(Some(&public), Some("{}")).err(),
        Some(DeskKeyError::NotAKeyFile)
    );
    assert_eq!(
        desk_key(Some(&public), Some(&key().to_key_file())).err(),
        Some(DeskKeyError::OtherContact)
    );
    // Plain messages only: no key needed, a file given is not read.
    assert!(desk_key(None, Some("not a key")).unwrap().is_none());
}

#[test]
fn a_note_is_sealed_to_the_contacts_own_key_and_opens_again() {
    let k = key();
    let note = seal_note(
        "  Gebeld, afspraak gemaakt.  ",
        Some(&k.public_key()),
        &mut OsRng,
    )
    .unwrap();
    assert_eq!(note["alg"], "crypto_box_seal");
    assert_eq!(note["recipient"], k.public_key().to_base64());
    assert!(!note.to_string().contains("Gebeld"));
    let body = message(None, None).seal(&k.public_key(), &mut OsRng);
    let with_note =
        |key: &SecretKey| open_message(&entry(&body, None, Some(note.clone())), Some(key));
    assert_eq!(
        with_note(&k).unwrap().note.as_deref(),
        Some("Gebeld, afspraak gemaakt.")
    );
    assert_eq!(seal_note("   ", Some(&k.public_key()), &mut OsRng), None);
}

#[test]
fn a_plain_contacts_note_is_plain_text_and_cut_at_the_limit() {
    let long = "a".repeat(NOTE_MAX_CHARS + 20);
    let note = seal_note(&long, None, &mut OsRng).unwrap();
    assert_eq!(note.as_str().unwrap().chars().count(), NOTE_MAX_CHARS);
    let body = serde_json::to_value(message(None, None)).unwrap();
    let opened = open_message(&entry(&body, None, Some(note)), None).unwrap();
    assert_eq!(opened.note.unwrap().len(), NOTE_MAX_CHARS);
}

#[test]
fn desk_texts_fill_their_placeholders() {
    use koers::model::desk_view::{fill, placeholders};
    assert_eq!(
        fill(
            "Van {{ name }} ({{id}})",
            &[("name", "Jamal"), ("id", "p-1")]
        ),
        "Van Jamal (p-1)"
    );
    assert_eq!(fill("Nog {{ onbekend }}", &[]), "Nog {{ onbekend }}");
    assert_eq!(fill("kapot {{ name", &[("name", "x")]), "kapot {{ name");
    assert_eq!(fill("geen", &[]), "geen");
    assert_eq!(placeholders("{{ b }} en {{a}}"), vec!["a", "b"]);
}
