//! Trusted writes over HTTP (issue #18): only the participant writes as the participant.
//! A forged write in someone's name gets 403 `not_yours` and nothing is stored; the real
//! proof is taken; a sealed write's writer is attested to its recipient only.

mod common;

use common::*;
use koers::model::inbox::InboxKind;
use koers::model::sealed_write::{open_body, seal_body, SecretKey};
use koers::model::write_proof::{self, check_writer, WriterAttestation, WriterCheck, Writers};
use rand_core::OsRng;
use serde_json::{json, Value};

fn ack(participant: &str) -> Value {
    json!({"schema": "koers.acknowledgement/1", "id": uuid(), "participant_id": participant,
           "agreement_id": "a-01", "agreement_version": 1, "acknowledged_at": "2026-11-20T10:00:00+01:00"})
}

fn reflection(participant: &str) -> Value {
    json!({"schema": "koers.goal-reflection/1", "id": uuid(), "participant_id": participant,
           "goal_id": "g1", "written_at": "2026-11-20T10:00:00+01:00", "rating": 7, "text": "Gaat goed."})
}

fn named_response() -> Value {
    let mut body = survey_response(&uuid(), 8, "personal", "2026-11-20");
    body["participant_id"] = json!(WRITER);
    body
}

/// An anonymous (kiosk) answer needs no proof.
fn assert_kiosk_answer_taken(server: &TestServer) {
    let anonymous = survey_response(&uuid(), 8, "kiosk", "2026-11-20");
    let (status, answer, _) = server.post_json("survey-responses", &anonymous.to_string());
    assert_eq!(status, 201, "{answer}");
}

fn assert_not_yours(answer: &(u16, Value, ureq::http::HeaderMap)) {
    let (status, body, _) = answer;
    assert_eq!(*status, 403, "{body}");
    assert_eq!(body["error"]["code"], "not_yours", "{body}");
    assert_eq!(body["error"]["field"], "participant_id", "{body}");
}

#[test]
fn a_forged_write_in_someones_name_is_refused_and_nothing_is_stored() {
    let server = TestServer::start(|_| {});
    let other_proof = write_proof::header_value(&write_proof::proof("SOME-OTHER-CODE"));
    let bodies = [
        ("acknowledgements", ack(WRITER)),
        ("goal-reflections", reflection(WRITER)),
        ("messages", named_message(&uuid(), "vp-1")),
        ("survey-responses", named_response()),
    ];
    for (kind, body) in &bodies {
        let body = body.to_string();
        // No proof, another code's proof, a malformed one, another scheme.
        assert_not_yours(&server.post_json(kind, &body));
        assert_not_yours(&server.post_with(kind, &body, Some(&other_proof)));
        assert_not_yours(&server.post_with(kind, &body, Some("Koers-Write 1234")));
        assert_not_yours(&server.post_with(kind, &body, Some("Bearer e2e-team-token")));
        // The proof of the real code, upper-cased: one proof has one spelling.
        let upper = format!(
            "Koers-Write {}",
            write_proof::proof(WRITER_CODE).to_uppercase()
        );
        assert_not_yours(&server.post_with(kind, &body, Some(&upper)));
    }
    assert!(server.rows().is_empty(), "nothing stored");
    // The real proof: stored, once.
    for (kind, body) in &bodies {
        let (status, answer, _) = server.post_as_writer(kind, &body.to_string());
        assert_eq!(status, 201, "{kind}: {answer}");
        assert_eq!(server.post_as_writer(kind, &body.to_string()).0, 200);
    }
    assert_eq!(server.rows().len(), 4);
    // The proof never reaches the database.
    let proof = write_proof::proof(WRITER_CODE);
    for (_, _, body) in server.rows() {
        assert!(!body.contains(&proof), "{body}");
    }
}

#[test]
fn a_proof_is_good_only_for_its_own_participant() {
    let server = TestServer::start(|_| {});
    // p-1001's proof on p-1002's acknowledgement, and an id nobody has.
    assert_not_yours(&server.post_as_writer("acknowledgements", &ack("p-1002").to_string()));
    assert_not_yours(&server.post_as_writer("acknowledgements", &ack("p-9999").to_string()));
    assert!(server.rows().is_empty());
    // Anonymous writes need no proof (the kiosk), and a proof does not hurt them.
    assert_kiosk_answer_taken(&server);
    let message = message(&uuid(), "vp-1");
    assert_eq!(
        server.post_as_writer("messages", &message.to_string()).0,
        201
    );
}

#[test]
fn without_a_writers_file_nobody_writes_in_a_name() {
    let server = TestServer::start(|args| args.writers = None);
    assert_not_yours(&server.post_as_writer("acknowledgements", &ack(WRITER).to_string()));
    assert_kiosk_answer_taken(&server);
}

#[test]
fn the_writers_file_is_read_again_when_it_changes() {
    let server = TestServer::start(|_| {});
    let path = server.dir.join("writers.json");
    let newcomer = "p-2001";
    let code = "NEW-CODE-2001";
    let proof = write_proof::header_value(&write_proof::proof(code));
    assert_not_yours(&server.post_with(
        "acknowledgements",
        &ack(newcomer).to_string(),
        Some(&proof),
    ));
    let file = Writers::from_codes([(WRITER, WRITER_CODE), (newcomer, code)]);
    std::fs::write(&path, file.to_json()).unwrap();
    let (status, answer, _) =
        server.post_with("acknowledgements", &ack(newcomer).to_string(), Some(&proof));
    assert_eq!(status, 201, "{answer}");
    // A broken new version keeps the last good one: nobody is locked out, nobody let in.
    std::fs::write(&path, "{ not json").unwrap();
    let (status, answer, _) =
        server.post_with("acknowledgements", &ack(newcomer).to_string(), Some(&proof));
    assert_eq!(status, 201, "{answer}");
    assert_not_yours(&server.post_json("acknowledgements", &ack(newcomer).to_string()));
}

/// Gives the fixture contact `vp-1` a public key.
fn give_contact_a_key(server: &TestServer, key: &SecretKey) {
    let path = server.dir.join("dist/api/v1/contacts.json");
    let mut contacts: Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    contacts["contacts"][0]["public_key"] = json!(key.public_key().to_base64());
    std::fs::write(&path, contacts.to_string()).unwrap();
}

#[test]
fn a_sealed_writer_is_attested_to_the_recipient_only() {
    let server = TestServer::start(|_| {});
    let adviser = SecretKey::generate(&mut OsRng);
    give_contact_a_key(&server, &adviser);
    let seal = |body: &Value| {
        seal_body(InboxKind::Messages, body, &adviser.public_key(), &mut OsRng)
            .unwrap()
            .to_string()
    };
    // Named, with the proof: attested.
    let real = named_message(&uuid(), "vp-1");
    let (status, answer, _) = server.post_as_writer("messages", &seal(&real));
    assert_eq!(status, 201, "{answer}");
    // Named inside, without a proof (the server cannot see the name): stored, but not
    // attested, so the adviser sees the name is not confirmed.
    let forged = named_message(&uuid(), "vp-1");
    assert_eq!(server.post_json("messages", &seal(&forged)).0, 201);
    // A proof that is nobody's is refused outright.
    let stranger = write_proof::header_value(&write_proof::proof("NOBODY-CODE"));
    assert_not_yours(&server.post_with(
        "messages",
        &seal(&named_message(&uuid(), "vp-1")),
        Some(&stranger),
    ));

    let rows = server.rows();
    let writers = server.writers();
    assert_eq!(rows.len(), 2);
    assert!(writers[1].is_none());
    let attestation = writers[0].as_deref().unwrap();
    assert!(
        !attestation.contains(WRITER),
        "the server keeps no readable writer"
    );
    for (_, _, body) in &rows {
        assert!(!body.contains(WRITER), "{body}");
    }
    // What the adviser (or `export --key`) concludes.
    let verdict = |row: usize, writer: Option<&str>| {
        let body: Value = serde_json::from_str(&rows[row].2).unwrap();
        let plain = open_body(InboxKind::Messages, &body, &adviser).unwrap();
        let attestation = writer.and_then(|w| WriterAttestation::open(w, &adviser));
        check_writer(
            plain["id"].as_str().unwrap(),
            plain["participant_id"].as_str(),
            attestation.as_ref(),
        )
    };
    assert_eq!(verdict(0, Some(attestation)), WriterCheck::Confirmed);
    // `export --key` says the same for each opened body.
    let key_file = write_key(&server.dir, "adviser.key", &adviser);
    let (ok, lines, stderr) = export(&server.database(), Some(&key_file));
    assert!(ok, "{stderr}");
    assert_eq!(lines[0]["writer_check"], "confirmed");
    assert_eq!(lines[1]["writer_check"], "unconfirmed");
    assert_eq!(lines[0]["participant_id"], WRITER);
    assert_eq!(verdict(1, None), WriterCheck::Unconfirmed);
    // An attestation moved to the other body confirms nothing.
    assert_eq!(verdict(1, Some(attestation)), WriterCheck::Unconfirmed);
}

/// Issue #18: a goal reflection may hold health text. With a `team_public_key` in the
/// dossier the app seals it to the care team; the server stores ciphertext and an
/// attestation of whose proof came with it, and `export --key` opens both.
#[test]
fn a_sealed_goal_reflection_needs_a_proof_and_only_the_team_reads_it() {
    let server = TestServer::start(|_| {});
    let team = SecretKey::generate(&mut OsRng);
    let seal = |body: &Value| {
        seal_body(
            InboxKind::GoalReflections,
            body,
            &team.public_key(),
            &mut OsRng,
        )
        .unwrap()
    };
    let plain = reflection(WRITER);
    let sealed = seal(&plain);
    let mut outside: Vec<_> = sealed.as_object().unwrap().keys().collect();
    outside.sort();
    assert_eq!(
        outside,
        ["id", "schema", "sealed", "written_at"],
        "only the readable fields are outside"
    );
    // Without any proof, and with a proof that is nobody's: 403, nothing stored.
    assert_not_yours(&server.post_json("goal-reflections", &sealed.to_string()));
    let stranger = write_proof::header_value(&write_proof::proof("NOBODY-CODE"));
    assert_not_yours(&server.post_with("goal-reflections", &sealed.to_string(), Some(&stranger)));
    assert!(server.rows().is_empty());
    // The health text or the goal outside `sealed`: 422 naming the field.
    for (field, value) in [("text", json!("Gaat goed.")), ("goal_id", json!("g1"))] {
        let mut leaky = sealed.clone();
        leaky[field] = value;
        let (status, answer, _) = server.post_as_writer("goal-reflections", &leaky.to_string());
        assert_eq!(
            (status, answer["error"]["field"].as_str()),
            (422, Some(field)),
            "{answer}"
        );
    }
    let mut bad_key = sealed.clone();
    bad_key["sealed"]["recipient"] = json!("bm90IGEga2V5");
    let (status, answer, _) = server.post_as_writer("goal-reflections", &bad_key.to_string());
    assert_eq!(
        (status, answer["error"]["field"].as_str()),
        (422, Some("sealed.recipient")),
        "{answer}"
    );
    // With the participant's proof: stored once, as ciphertext.
    let (status, answer, _) = server.post_as_writer("goal-reflections", &sealed.to_string());
    assert_eq!(status, 201, "{answer}");
    assert_eq!(
        server
            .post_as_writer("goal-reflections", &sealed.to_string())
            .0,
        200
    );
    let rows = server.rows();
    assert_eq!(rows.len(), 1);
    for secret in ["Gaat goed.", WRITER, "\"g1\""] {
        assert!(!rows[0].2.contains(secret), "{secret} in {}", rows[0].2);
        assert!(!server.writers()[0].as_deref().unwrap().contains(secret));
    }
    // The team opens it, with the writer confirmed; another key leaves it out and says so.
    let key_file = write_key(&server.dir, "team.key", &team);
    let (ok, lines, stderr) = export(&server.database(), Some(&key_file));
    assert!(ok, "{stderr}");
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["text"], "Gaat goed.");
    assert_eq!(lines[0]["rating"], 7);
    assert_eq!(lines[0]["participant_id"], WRITER);
    assert_eq!(lines[0]["writer_check"], "confirmed");
    let other = write_key(&server.dir, "other.key", &SecretKey::generate(&mut OsRng));
    let (ok, lines, stderr) = export(&server.database(), Some(&other));
    assert!(ok, "{stderr}");
    assert!(lines.is_empty(), "{lines:?}");
    assert!(
        stderr.contains("1 sealed bodies are for another key"),
        "{stderr}"
    );
    // A plain reflection is still taken: the server cannot know whether a dossier has a key.
    // (The plain copy of the sealed one is another body under the same id: a conflict.)
    let (status, answer, _) = server.post_as_writer("goal-reflections", &plain.to_string());
    assert_eq!(status, 409, "{answer}");
    let other_plain = reflection(WRITER).to_string();
    let (status, answer, _) = server.post_as_writer("goal-reflections", &other_plain);
    assert_eq!(status, 201, "{answer}");
}

#[test]
fn plain_messages_wait_while_the_contact_list_cannot_be_read() {
    let server = TestServer::start(|_| {});
    let path = server.dir.join("dist/api/v1/contacts.json");
    let good = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, "{ broken").unwrap();
    let message = message(&uuid(), "vp-1").to_string();
    let (status, answer, headers) = server.post_json("messages", &message);
    assert_eq!(status, 503, "{answer}");
    assert_eq!(answer["error"]["code"], "contacts_unavailable");
    assert_eq!(headers.get("cache-control").unwrap(), "no-store");
    assert!(server.rows().is_empty());
    // Back: the retry is stored.
    std::fs::write(&path, good).unwrap();
    assert_eq!(server.post_json("messages", &message).0, 201);
}
