//! The desk over real HTTP: tokens, the contact's own messages only, paging, status and
//! the read receipt, notes, retention across a restart, the access log, and the writer's
//! name that only travels sealed.

mod common;

use common::*;
use koers::model::desk::{seal_note, Cursor};
use koers::model::inbox::{Message, ReplyVia};
use koers::model::sealed_write::SecretKey;
use koers::model::Instant;
use rand_core::OsRng;
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_koers-server");

/// Marking `id` handled with `note` is refused with `(status, code, field)`.
fn refused_note(
    server: &TestServer,
    id: &str,
    note: Value,
    token: &str,
    (status, code, field): (u16, &str, Option<&str>),
) {
    let (got, body) = set_status(
        server,
        id,
        &json!({"status": "handled", "note": note}),
        token,
    );
    error(got, &body, status, code, field);
}

fn list(server: &TestServer, query: &str, token: &str) -> Value {
    let (status, page, _) = get_bearer(
        server,
        &format!("/api/v1/desk/messages{query}"),
        Some(token),
    );
    assert_eq!(status, 200, "{page}");
    page
}

fn ids(page: &Value) -> Vec<String> {
    page["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap().to_string())
        .collect()
}

fn set_status(server: &TestServer, id: &str, body: &Value, token: &str) -> (u16, Value) {
    let response = agent()
        .post(format!("{}/api/v1/desk/messages/{id}/status", server.url))
        .header("content-type", "application/json")
        .header("authorization", format!("Bearer {token}"))
        .send(body.to_string())
        .unwrap();
    let (status, value, _) = read(response);
    (status, value)
}

fn receipt(server: &TestServer, id: &str) -> (u16, Value, ureq::http::HeaderMap) {
    read(
        server
            .get(&format!("/api/v1/inbox/messages/{id}"))
            .call()
            .unwrap(),
    )
}

/// Edits the served contacts.json.
fn edit_contacts(server: &TestServer, edit: impl FnOnce(&mut Value)) {
    let path = server.dir.join("dist/api/v1/contacts.json");
    let mut contacts: Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    edit(&mut contacts);
    std::fs::write(&path, contacts.to_string()).unwrap();
}

/// Both fixture contacts take messages (`kf-1` does not in the fixture).
fn both_take_messages(server: &TestServer) {
    edit_contacts(server, |c| {
        c["contacts"][1]["accepts_messages"] = json!(true)
    });
}

/// Posts an anonymous plain message and answers its id.
fn send(server: &TestServer, to: &str) -> String {
    let id = uuid();
    let (status, answer, _) = server.post_json("messages", &message(&id, to).to_string());
    assert_eq!(status, 201, "{answer}");
    id
}

#[track_caller]
fn error(status: u16, body: &Value, expected_status: u16, code: &str, field: Option<&str>) {
    assert_eq!(
        (
            status,
            body["error"]["code"].as_str(),
            body["error"]["field"].as_str()
        ),
        (expected_status, Some(code), field),
        "{body}"
    );
}

#[test]
fn without_a_token_file_there_is_no_desk() {
    let server = TestServer::start(|_| {});
    let (unknown, unknown_body, _) = get_bearer(&server, "/api/v1/no-such-thing", None);
    for path in ["/api/v1/desk/me", "/api/v1/desk/messages"] {
        let (status, body, _) = get_bearer(&server, path, Some(VP_TOKEN));
        assert_eq!((status, &body), (unknown, &unknown_body), "{path}");
        assert_eq!(status, 404);
    }
    let (status, _) = set_status(&server, &uuid(), &json!({"status": "read"}), VP_TOKEN);
    assert_eq!(status, 404);
    // The writer's receipt does not need the desk.
    let id = send(&server, "vp-1");
    let (status, body, _) = receipt(&server, &id);
    assert_eq!(
        (status, body["status"].as_str()),
        (200, Some("received")),
        "{body}"
    );
}

#[test]
fn a_broken_token_file_stops_the_start() {
    let dir = site("desk-broken");
    for (text, why) in [
        ("{\"vp-1\": \"short\"}", "shorter than 16"),
        ("[\"demo-desk-token-vp-1-0001\"]", "JSON object"),
        ("{}", "no contact"),
        (
            "{\"vp-1\": \"same-token-for-both-0001\", \"kf-1\": \"same-token-for-both-0001\"}",
            "another contact",
        ),
    ] {
        let tokens = dir.join("desk-tokens.json");
        std::fs::write(&tokens, text).unwrap();
        let out = server_command(&dir)
            .args(["--addr", "127.0.0.1:0", "--quiet"])
            .arg("--desk-tokens")
            .arg(&tokens)
            .output()
            .unwrap();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(!out.status.success(), "{text}: {stderr}");
        assert!(
            stderr.contains("desk tokens") && stderr.contains(why),
            "{text}: {stderr}"
        );
        assert!(!stderr.contains("same-token-for-both"), "{stderr}");
    }
    let out = Command::new(BIN)
        .args(["--addr", "127.0.0.1:0", "--desk-tokens"])
        .arg(dir.join("missing.json"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8(out.stderr)
        .unwrap()
        .contains("cannot read the desk tokens"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_token_sees_only_its_own_contacts_messages() {
    let server = TestServer::start(desk);
    both_take_messages(&server);
    let vp: BTreeSet<String> = [send(&server, "vp-1"), send(&server, "vp-1")].into();
    let kf = send(&server, "kf-1");

    let (status, me, headers) = get_bearer(&server, "/api/v1/desk/me", Some(VP_TOKEN));
    assert_eq!(
        (status, &me),
        (200, &json!({"contact_id": "vp-1", "retain_days": 90}))
    );
    assert_eq!(headers["cache-control"], "no-store");

    let page = list(&server, "", VP_TOKEN);
    assert_eq!(page["schema"], "koers.desk-messages/1");
    assert_eq!(page["contact_id"], "vp-1");
    assert_eq!(
        page["counts"],
        json!({"received": 2, "read": 0, "handled": 0})
    );
    assert_eq!(ids(&page).into_iter().collect::<BTreeSet<_>>(), vp);
    assert_eq!(page["next"], Value::Null);
    // The body exactly as stored.
    let stored: Vec<Value> = server
        .rows()
        .into_iter()
        .filter(|(id, _, _)| vp.contains(id))
        .map(|(_, _, body)| serde_json::from_str(&body).unwrap())
        .collect();
    for entry in page["messages"].as_array().unwrap() {
        assert!(stored.contains(&entry["body"]), "{entry}");
        assert_eq!(entry["status"], "received");
        assert_eq!(
            (&entry["read_at"], &entry["handled_at"], &entry["note"]),
            (&Value::Null, &Value::Null, &Value::Null)
        );
    }
    assert_eq!(ids(&list(&server, "", KF_TOKEN)), std::slice::from_ref(&kf));

    // Another contact's message is "not found", exactly as an id that does not exist.
    let (status, theirs) = set_status(&server, &kf, &json!({"status": "read"}), VP_TOKEN);
    let (unknown_status, unknown) =
        set_status(&server, &uuid(), &json!({"status": "read"}), VP_TOKEN);
    error(status, &theirs, 404, "not_found", None);
    assert_eq!((unknown_status, &unknown), (status, &theirs));
    assert_eq!(receipt(&server, &kf).1["status"], "received");
    // A survey response's id is no message either.
    let (status, _) = set_status(
        &server,
        "not-a-message",
        &json!({"status": "read"}),
        VP_TOKEN,
    );
    assert_eq!(status, 404);
}

#[test]
fn a_wrong_or_missing_token_is_401_and_a_burst_of_them_429() {
    let server = TestServer::start(|args| {
        desk(args);
        args.rate_burst = 3;
        args.rate_limit = 6;
    });
    for token in [None, Some("wrong-token-wrong-token"), Some("")] {
        let (status, body, headers) = get_bearer(&server, "/api/v1/desk/messages", token);
        error(status, &body, 401, "unauthorized", None);
        assert!(headers["www-authenticate"]
            .to_str()
            .unwrap()
            .starts_with("Bearer"));
    }
    // Another scheme is no token either.
    let (status, body, headers) = read(
        server
            .get("/api/v1/desk/me")
            .header("authorization", format!("Basic {VP_TOKEN}"))
            .call()
            .unwrap(),
    );
    error(status, &body, 429, "rate_limited", None);
    assert!(
        headers["retry-after"]
            .to_str()
            .unwrap()
            .parse::<u64>()
            .unwrap()
            >= 1
    );
    // The right token is never limited.
    assert_eq!(
        get_bearer(&server, "/api/v1/desk/me", Some(VP_TOKEN)).0,
        200
    );
    // The scheme in another case is fine (RFC 9110).
    let (status, _, _) = read(
        server
            .get("/api/v1/desk/me")
            .header("authorization", format!("bearer {KF_TOKEN}"))
            .call()
            .unwrap(),
    );
    assert_eq!(status, 200);
}

#[test]
fn paging_hands_out_every_message_once_newest_first() {
    let server = TestServer::start(desk);
    let mut sent = BTreeSet::new();
    for _ in 0..7 {
        sent.insert(send(&server, "vp-1"));
    }
    let mut seen = Vec::new();
    let mut times = Vec::new();
    let mut query = "?limit=3".to_string();
    let mut pages = 0;
    loop {
        let page = list(&server, &query, VP_TOKEN);
        pages += 1;
        // The counts are over every message, the late one included.
        assert_eq!(page["counts"]["received"], if pages == 1 { 7 } else { 8 });
        for m in page["messages"].as_array().unwrap() {
            times.push((
                m["received_at"].as_str().unwrap().to_string(),
                m["id"].as_str().unwrap().to_string(),
            ));
        }
        seen.extend(ids(&page));
        match page["next"].as_str() {
            Some(next) => query = format!("?limit=3&before={next}"),
            None => break,
        }
        // A message arriving meanwhile does not shift the pages.
        if pages == 1 {
            let late = send(&server, "vp-1");
            assert!(!seen.contains(&late));
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(seen.len(), 7);
    assert_eq!(seen.iter().cloned().collect::<BTreeSet<_>>(), sent);
    let mut sorted = times.clone();
    sorted.sort();
    sorted.reverse();
    assert_eq!(times, sorted, "newest first");
    // The first page now starts with the late one.
    assert_eq!(list(&server, "", VP_TOKEN)["counts"]["received"], 8);

    for (query, field) in [
        ("?limit=0", "limit"),
        ("?limit=501", "limit"),
        ("?limit=x", "limit"),
        ("?status=new", "status"),
        ("?before=garbage", "before"),
    ] {
        let (status, body, _) = get_bearer(
            &server,
            &format!("/api/v1/desk/messages{query}"),
            Some(VP_TOKEN),
        );
        error(status, &body, 400, "bad_query", Some(field));
    }
    // A cursor is opaque, but exact: built from the last entry it gives what follows.
    let cursor = Cursor {
        received_at: times[2].0.clone(),
        id: times[2].1.clone(),
    };
    let page = list(
        &server,
        &format!("?limit=500&before={}", cursor.encode()),
        VP_TOKEN,
    );
    assert_eq!(
        ids(&page),
        times[3..].iter().map(|t| t.1.clone()).collect::<Vec<_>>()
    );
}

#[test]
fn a_status_change_is_seen_in_the_read_receipt_and_only_goes_forward() {
    let server = TestServer::start(desk);
    let id = uuid();
    let (_, stored, _) = server.post_json("messages", &message(&id, "vp-1").to_string());
    let (status, first, headers) = receipt(&server, &id);
    assert_eq!(status, 200);
    assert_eq!(
        first,
        json!({"id": id, "status": "received", "updated_at": stored["stored_at"]})
    );
    assert_eq!(headers["cache-control"], "no-store");

    let (status, read_answer) = set_status(&server, &id, &json!({"status": "read"}), VP_TOKEN);
    assert_eq!(status, 200, "{read_answer}");
    assert_eq!(read_answer["status"], "read");
    assert_eq!(read_answer["handled_at"], Value::Null);
    let read_at = read_answer["read_at"].as_str().unwrap().to_string();
    assert_eq!(
        receipt(&server, &id).1,
        json!({"id": id, "status": "read", "updated_at": read_at})
    );
    // A repeat changes nothing, not even the time.
    assert_eq!(
        set_status(&server, &id, &json!({"status": "read"}), VP_TOKEN).1,
        read_answer
    );

    let (_, handled) = set_status(
        &server,
        &id,
        &json!({"status": "handled", "note": null}),
        VP_TOKEN,
    );
    assert_eq!(handled["status"], "handled");
    assert_eq!(handled["read_at"], read_at.as_str());
    let handled_at = handled["handled_at"].as_str().unwrap().to_string();
    assert!(handled_at >= read_at);
    assert_eq!(
        receipt(&server, &id).1,
        json!({"id": id, "status": "handled", "updated_at": handled_at})
    );
    // Opening it again (read) keeps it handled.
    assert_eq!(
        set_status(&server, &id, &json!({"status": "read"}), VP_TOKEN).1,
        handled
    );
    assert_eq!(
        set_status(&server, &id, &json!({"status": "handled"}), VP_TOKEN).1,
        handled
    );

    // Handled straight from received: no read time.
    let other = send(&server, "vp-1");
    let (_, answer) = set_status(&server, &other, &json!({"status": "handled"}), VP_TOKEN);
    assert_eq!(
        (answer["status"].as_str(), &answer["read_at"]),
        (Some("handled"), &Value::Null)
    );

    let page = list(&server, "?status=handled", VP_TOKEN);
    assert_eq!(
        page["counts"],
        json!({"received": 0, "read": 0, "handled": 2})
    );
    assert_eq!(ids(&page).len(), 2);
    assert!(list(&server, "?status=received", VP_TOKEN)["messages"]
        .as_array()
        .unwrap()
        .is_empty());

    // Receipts for what is not a message.
    assert_eq!(receipt(&server, &uuid()).0, 404);
    let response = uuid();
    let body = survey_response(&response, 8, "personal", "2026-11-20");
    assert_eq!(
        server.post_json("survey-responses", &body.to_string()).0,
        201
    );
    let (status, body, _) = receipt(&server, &response);
    error(status, &body, 404, "not_found", None);
}

#[test]
fn a_status_body_is_json_of_the_right_shape() {
    let server = TestServer::start(desk);
    let id = send(&server, "vp-1");
    let url = format!("{}/api/v1/desk/messages/{id}/status", server.url);
    let post = |content_type: &str, body: String| {
        let response = agent()
            .post(&url)
            .header("content-type", content_type)
            .header("authorization", format!("Bearer {VP_TOKEN}"))
            .send(body)
            .unwrap();
        let (status, value, _) = read(response);
        (status, value)
    };
    let (status, body) = post("text/plain", json!({"status": "read"}).to_string());
    error(status, &body, 415, "unsupported_media_type", None);
    let (status, body) = post("application/json", "{".into());
    error(status, &body, 400, "bad_json", None);
    let (status, body) = post(
        "application/json",
        json!({"status": "received"}).to_string(),
    );
    error(status, &body, 422, "invalid", Some("status"));
    let (status, body) = post("application/json", json!({"note": "x"}).to_string());
    error(status, &body, 422, "required", Some("status"));
    let (status, body) = post(
        "application/json",
        json!({"status": "read", "note": "x"}).to_string(),
    );
    error(status, &body, 422, "invalid", Some("note"));
    let (status, body) = post(
        "application/json",
        json!({"status": "handled", "note": "x".repeat(20_000)}).to_string(),
    );
    error(status, &body, 413, "too_large", None);
    // Nothing of that changed the message.
    assert_eq!(receipt(&server, &id).1["status"], "received");
}

#[test]
fn notes_are_sealed_to_the_contacts_own_key_or_plain_for_a_contact_without_one() {
    let server = TestServer::start(desk);
    both_take_messages(&server);
    let adviser = SecretKey::generate(&mut OsRng);
    let public = adviser.public_key().to_base64();
    edit_contacts(&server, |c| c["contacts"][0]["public_key"] = json!(public));
    let sealed = Message::compose(
        uuid::Uuid::new_v4(),
        "vp-1",
        "Ik wil een klacht indienen.",
        None,
        None,
        true,
        Instant::parse("2026-12-01T10:00:00+01:00").unwrap(),
    );
    let id = sealed.id.to_string();
    let (status, answer, _) = server.post_json(
        "messages",
        &sealed.seal(&adviser.public_key(), &mut OsRng).to_string(),
    );
    assert_eq!(status, 201, "{answer}");

    let stranger = SecretKey::generate(&mut OsRng);
    let to_stranger = seal_note("Opgelost.", &stranger.public_key(), &mut OsRng);
    refused_note(
        &server,
        &id,
        json!(to_stranger),
        VP_TOKEN,
        (422, "wrong_key", Some("note.recipient")),
    );
    refused_note(
        &server,
        &id,
        json!("Opgelost."),
        VP_TOKEN,
        (422, "must_seal", Some("note")),
    );
    assert_eq!(receipt(&server, &id).1["status"], "received");

    let note = seal_note("Opgelost.", &adviser.public_key(), &mut OsRng);
    let (status, body) = set_status(
        &server,
        &id,
        &json!({"status": "handled", "note": note}),
        VP_TOKEN,
    );
    assert_eq!(
        (status, body["status"].as_str()),
        (200, Some("handled")),
        "{body}"
    );
    let page = list(&server, "", VP_TOKEN);
    assert_eq!(page["messages"][0]["note"], note);
    assert_eq!(
        koers::model::desk::open_note(&page["messages"][0]["note"], &adviser).as_deref(),
        Some("Opgelost.")
    );
    // The same note again is a retry; another one would silently be lost, so it is refused.
    assert_eq!(
        set_status(
            &server,
            &id,
            &json!({"status": "handled", "note": note}),
            VP_TOKEN
        )
        .0,
        200
    );
    let other = seal_note("Toch niet.", &adviser.public_key(), &mut OsRng);
    refused_note(
        &server,
        &id,
        json!(other),
        VP_TOKEN,
        (409, "conflict", Some("note")),
    );
    // The server holds only ciphertext of the note.
    let conn = rusqlite::Connection::open(server.database()).unwrap();
    let stored: String = conn
        .query_row(
            "SELECT note FROM message_status WHERE id = ?1",
            [&id],
            |r| r.get(0),
        )
        .unwrap();
    assert!(!stored.contains("Opgelost"), "{stored}");

    // kf-1 has no key: a short plain note.
    let plain = send(&server, "kf-1");
    refused_note(
        &server,
        &plain,
        json!(note),
        KF_TOKEN,
        (422, "wrong_key", Some("note")),
    );
    refused_note(
        &server,
        &plain,
        json!("x".repeat(501)),
        KF_TOKEN,
        (422, "too_long", Some("note")),
    );
    let (status, _) = set_status(
        &server,
        &plain,
        &json!({"status": "handled", "note": "Gebeld."}),
        KF_TOKEN,
    );
    assert_eq!(status, 200);
    assert_eq!(
        list(&server, "", KF_TOKEN)["messages"][0]["note"],
        "Gebeld."
    );
}

#[test]
fn handled_messages_are_deleted_after_the_retention_and_read_ones_kept() {
    let mut server = TestServer::start(|args| {
        desk(args);
        args.retain_days = 30;
    });
    let old = send(&server, "vp-1");
    let recent = send(&server, "vp-1");
    let read_only = send(&server, "vp-1");
    let untouched = send(&server, "vp-1");
    for id in [&old, &recent] {
        assert_eq!(
            set_status(&server, id, &json!({"status": "handled"}), VP_TOKEN).0,
            200
        );
    }
    assert_eq!(
        set_status(&server, &read_only, &json!({"status": "read"}), VP_TOKEN).0,
        200
    );
    let (_, me, _) = get_bearer(&server, "/api/v1/desk/me", Some(VP_TOKEN));
    assert_eq!(me["retain_days"], 30);
    server.stop();
    {
        let conn = rusqlite::Connection::open(server.database()).unwrap();
        // 31 days ago is past 30 days; 29 days ago is not.
        let ago = |days: i64| {
            (chrono::Utc::now() - chrono::Duration::days(days))
                .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
        };
        conn.execute(
            "UPDATE message_status SET handled_at = ?1 WHERE id = ?2",
            [ago(31), old.clone()],
        )
        .unwrap();
        conn.execute(
            "UPDATE message_status SET handled_at = ?1 WHERE id = ?2",
            [ago(29), recent.clone()],
        )
        .unwrap();
        // A read message is never deleted, however old.
        conn.execute(
            "UPDATE message_status SET read_at = ?1 WHERE id = ?2",
            [ago(400), read_only.clone()],
        )
        .unwrap();
    }
    server.restart();
    assert_eq!(receipt(&server, &old).0, 404);
    for id in [&recent, &read_only, &untouched] {
        assert_eq!(receipt(&server, id).0, 200, "{id}");
    }
    let page = list(&server, "", VP_TOKEN);
    assert!(!ids(&page).contains(&old));
    assert_eq!(
        page["counts"],
        json!({"received": 1, "read": 1, "handled": 1})
    );
    let conn = rusqlite::Connection::open(server.database()).unwrap();
    let left: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM message_status WHERE id = ?1",
            [&old],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(left, 0);
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, 3);
}

fn access_log(database: &Path) -> Vec<Value> {
    let out = Command::new(BIN)
        .args(["access-log", "--database"])
        .arg(database)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn every_desk_access_and_refusal_is_logged_without_content() {
    let server = TestServer::start(desk);
    let named = uuid();
    let (status, answer, _) =
        server.post_as_writer("messages", &named_message(&named, "vp-1").to_string());
    assert_eq!(status, 201, "{answer}");
    assert_eq!(
        get_bearer(&server, "/api/v1/desk/me", Some(VP_TOKEN)).0,
        200
    );
    assert_eq!(
        list(&server, "?limit=10", VP_TOKEN)["messages"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        set_status(
            &server,
            &named,
            &json!({"status": "handled", "note": "Teruggebeld op 06 12345678"}),
            VP_TOKEN
        )
        .0,
        200
    );
    assert_eq!(
        get_bearer(
            &server,
            "/api/v1/desk/messages",
            Some("a-guessed-token-0000")
        )
        .0,
        401
    );
    assert_eq!(get_bearer(&server, "/api/v1/desk/me", None).0, 401);

    let log = access_log(&server.database());
    let actions: Vec<(&str, Option<&str>)> = log
        .iter()
        .map(|e| (e["action"].as_str().unwrap(), e["contact_id"].as_str()))
        .collect();
    assert_eq!(
        actions,
        [
            ("sign_in", Some("vp-1")),
            ("list", Some("vp-1")),
            ("status", Some("vp-1")),
            ("refused", None),
            ("refused", None)
        ]
    );
    assert_eq!(log[3]["detail"], "list: wrong token");
    assert_eq!(log[4]["detail"], "sign_in: no token");
    assert!(log[2]["detail"].as_str().unwrap().contains(&named));
    for entry in &log {
        assert!(entry["at"].as_str().unwrap().ends_with('Z'));
        let text = entry.to_string();
        for secret in [
            "Kan ik je spreken",
            "12345678",
            "Teruggebeld",
            WRITER,
            VP_TOKEN,
            "a-guessed-token",
        ] {
            assert!(!text.contains(secret), "{secret} in {text}");
        }
    }
    // A database without a desk has an empty log, not an error.
    let empty = TestServer::start(|_| {});
    send(&empty, "vp-1");
    assert!(access_log(&empty.database()).is_empty());
}

#[test]
fn the_writers_name_is_only_taken_sealed_and_exported_opened() {
    let server = TestServer::start(desk);
    let mut plain = message(&uuid(), "vp-1");
    plain["sender_name"] = json!("Sam");
    let (status, body, _) = server.post_json("messages", &plain.to_string());
    error(status, &body, 422, "invalid", Some("sender_name"));
    assert!(server.rows().is_empty());

    let adviser = SecretKey::generate(&mut OsRng);
    edit_contacts(&server, |c| {
        c["contacts"][0]["public_key"] = json!(adviser.public_key().to_base64())
    });
    let mut message = Message::compose(
        uuid::Uuid::new_v4(),
        "vp-1",
        "Mag ik langskomen?",
        Some(ReplyVia {
            phone: Some("06 12345678".into()),
            email: None,
        }),
        None,
        true,
        Instant::parse("2026-12-01T10:00:00+01:00").unwrap(),
    );
    message.sender_name = Some("Sam".into());
    let sealed = message.seal(&adviser.public_key(), &mut OsRng);
    assert!(sealed.get("sender_name").is_none());
    let (status, body, _) = server.post_json("messages", &sealed.to_string());
    assert_eq!(status, 201, "{body}");
    for (_, _, body) in server.rows() {
        assert!(!body.contains("Sam"), "{body}");
    }
    // The desk hands it out sealed; the key file's holder reads the name.
    let page = list(&server, "", VP_TOKEN);
    assert!(page["messages"][0]["body"]["sealed"].is_object());
    let key = write_key(&server.dir, "adviser.key", &adviser);
    let (ok, lines, stderr) = export_kind(&server.database(), Some("messages"), Some(&key));
    assert!(ok, "{stderr}");
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["sender_name"], "Sam");
    assert_eq!(lines[0]["body"], "Mag ik langskomen?");
}

#[test]
fn a_token_file_in_the_served_tree_is_not_served() {
    let server = TestServer::start(desk);
    let text = std::fs::read(server.dir.join("desk-tokens.json")).unwrap();
    for name in ["desk-tokens.json", "demo-desk-tokens.json"] {
        std::fs::write(server.dir.join("dist/api/v1").join(name), &text).unwrap();
        let (status, body, _) = get_bearer(&server, &format!("/api/v1/{name}"), None);
        assert_eq!(status, 404, "{name}");
        assert!(!body.to_string().contains(VP_TOKEN));
    }
}

/// `cargo xtask serve` starts the desk with the committed demo tokens: the demo adviser's
/// token names `vp-1`, and the demo key file is `vp-1`'s key in the shipped contacts.json.
#[test]
fn the_demo_desk_token_and_key_file_belong_to_the_demo_adviser() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let text = std::fs::read_to_string(root.join("tests/fixtures/demo-desk-tokens.json")).unwrap();
    let tokens = koers::model::desk::DeskTokens::parse(&text).unwrap();
    assert_eq!(
        tokens.contact_for("demo-desk-token-vp-1-0001"),
        Some("vp-1")
    );
    assert_eq!(
        tokens.contact_for("demo-desk-token-kf-1-0001"),
        Some("kf-1")
    );
    let key = SecretKey::from_key_file(
        &std::fs::read_to_string(root.join("tests/fixtures/demo-keys/adviser.key")).unwrap(),
    )
    .unwrap();
    let contacts: Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("public/api/v1/contacts.json")).unwrap(),
    )
    .unwrap();
    let vp = contacts["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "vp-1")
        .unwrap();
    assert_eq!(vp["public_key"], key.public_key().to_base64());
    assert_eq!(vp["accepts_messages"], true);
}

/// The request log shows desk paths, but never a receipt's message id (it reads the
/// receipt) nor a token.
#[test]
fn the_request_log_holds_no_receipt_id_and_no_token() {
    let dir = site("desk-log");
    let tokens = dir.join("desk-tokens.json");
    std::fs::write(&tokens, json!({"vp-1": VP_TOKEN}).to_string()).unwrap();
    let addr = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().to_string()
    };
    let child = server_command(&dir)
        .args(["--addr", &addr])
        .arg("--desk-tokens")
        .arg(&tokens)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while std::net::TcpStream::connect(&addr).is_err() {
        assert!(
            std::time::Instant::now() < deadline,
            "the server did not start"
        );
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let url = format!("http://{addr}");
    let id = uuid();
    let sent = agent()
        .post(format!("{url}/api/v1/inbox/messages"))
        .header("content-type", "application/json")
        .send(message(&id, "vp-1").to_string())
        .unwrap();
    assert_eq!(sent.status(), 201);
    let got = agent()
        .get(format!("{url}/api/v1/inbox/messages/{id}"))
        .call()
        .unwrap();
    assert_eq!(got.status(), 200);
    let missing = agent()
        .get(format!("{url}/api/v1/inbox/messages/{}", uuid()))
        .call()
        .unwrap();
    assert_eq!(missing.status(), 404);
    let listed = agent()
        .get(format!("{url}/api/v1/desk/messages"))
        .header("authorization", format!("Bearer {VP_TOKEN}"))
        .call()
        .unwrap();
    assert_eq!(listed.status(), 200);
    // SIGTERM: the server finishes and flushes its log.
    sigterm(child.id());
    let out = child.wait_with_output().unwrap();
    let log = String::from_utf8(out.stderr).unwrap();
    assert!(log.contains("GET /api/v1/inbox/messages/… 200"), "{log}");
    assert!(log.contains("GET /api/v1/inbox/messages/… 404"), "{log}");
    assert!(log.contains("GET /api/v1/desk/messages 200"), "{log}");
    assert!(!log.contains(&id) && !log.contains(VP_TOKEN), "{log}");
    let _ = std::fs::remove_dir_all(&dir);
}

fn sigterm(pid: u32) {
    let status = Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}
