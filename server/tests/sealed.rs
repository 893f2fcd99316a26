//! Sealed writes over HTTP and through `export --key`, `keygen`, and the publisher end
//! to end into a temporary directory.

mod common;

use common::*;
use koers::model::inbox::InboxKind;
use koers::model::sealed::{decode_document, parse_envelope};
use koers::model::sealed_write::{seal_body, SecretKey};
use koers::model::Dossier;
use rand_core::OsRng;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_koers-server");

/// Gives the fixture contact `vp-1` and the fixture survey a public key.
fn with_keys(server: &TestServer, contact: &SecretKey, team: &SecretKey) {
    let api = server.dir.join("dist/api/v1");
    let path = api.join("contacts.json");
    let mut contacts: Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    contacts["contacts"][0]["public_key"] = json!(contact.public_key().to_base64());
    std::fs::write(&path, contacts.to_string()).unwrap();
    let path = api.join("surveys").join(format!("{DEMO_SURVEY}.json"));
    let mut survey: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    survey["public_key"] = json!(team.public_key().to_base64());
    std::fs::write(&path, survey.to_string()).unwrap();
}

#[test]
fn sealed_message_is_stored_as_ciphertext_and_exported_with_the_right_key_only() {
    let server = TestServer::start(|_| {});
    let adviser = SecretKey::generate(&mut OsRng);
    let team = SecretKey::generate(&mut OsRng);
    let stranger = SecretKey::generate(&mut OsRng);
    with_keys(&server, &adviser, &team);

    let plain = message(&uuid(), "vp-1");
    let sealed = seal_body(
        InboxKind::Messages,
        &plain,
        &adviser.public_key(),
        &mut OsRng,
    )
    .unwrap();
    let (status, answer, _) = server.post_json("messages", &sealed.to_string());
    assert_eq!(status, 201, "{answer}");
    // A retry is recognised by its readable id.
    assert_eq!(server.post_json("messages", &sealed.to_string()).0, 200);
    // The database holds no plain text of it.
    for (_, _, body) in server.rows() {
        assert!(
            !body.contains("Kan ik je spreken")
                && !body.contains("12345678")
                && !body.contains("p-1001"),
            "{body}"
        );
    }

    // A contact with a key takes no plain messages.
    let (status, answer, _) = server.post_json("messages", &message(&uuid(), "vp-1").to_string());
    assert_eq!(
        (status, answer["error"]["code"].as_str()),
        (422, Some("must_seal")),
        "{answer}"
    );
    // Sealed to another key, or malformed: a precise 4xx.
    let other = seal_body(
        InboxKind::Messages,
        &message(&uuid(), "vp-1"),
        &stranger.public_key(),
        &mut OsRng,
    )
    .unwrap();
    // Each case: the sealed body with a fresh id, then one edit.
    let variant = |edit: &dyn Fn(&mut serde_json::Value)| {
        let mut v = sealed.clone();
        v["id"] = json!(uuid());
        edit(&mut v);
        v
    };
    let cases = [
        (other, "wrong_key", "sealed.recipient"),
        (
            variant(&|v| {
                v["body"] = json!("plain");
            }),
            "invalid",
            "body",
        ),
        (
            variant(&|v| {
                v["sealed"]["ciphertext"] = json!("@@");
            }),
            "invalid",
            "sealed.ciphertext",
        ),
        (
            variant(&|v| {
                v["sealed"]["alg"] = json!("rot13");
            }),
            "invalid",
            "sealed.alg",
        ),
        (
            variant(&|v| {
                v["sealed"].as_object_mut().unwrap().remove("recipient");
            }),
            "required",
            "sealed.recipient",
        ),
        (
            variant(&|v| {
                v["to"] = json!("kf-1");
            }),
            "unknown_contact",
            "to",
        ),
        (
            variant(&|v| {
                v["id"] = json!("not-a-uuid");
            }),
            "invalid",
            "id",
        ),
    ];
    for (body, code, field) in cases {
        let (status, answer, _) = server.post_json("messages", &body.to_string());
        assert_eq!(status, 422, "{answer}");
        assert_eq!(
            (
                answer["error"]["code"].as_str(),
                answer["error"]["field"].as_str()
            ),
            (Some(code), Some(field)),
            "{answer}"
        );
    }

    // Acknowledgements are never sealed.
    let ack =
        json!({"schema": "koers.acknowledgement/1", "id": uuid(), "sealed": sealed["sealed"]});
    assert_eq!(
        server.post_json("acknowledgements", &ack.to_string()).1["error"]["field"],
        "sealed"
    );

    let keys = server.dir.clone();
    let right = write_key(&keys, "adviser.key", &adviser);
    let wrong = write_key(&keys, "stranger.key", &stranger);
    let (ok, lines, _) = export(&server.database(), Some(&right));
    assert!(ok);
    assert_eq!(lines, [plain]);
    let (ok, lines, stderr) = export(&server.database(), Some(&wrong));
    assert!(ok);
    assert!(lines.is_empty());
    assert!(
        stderr.contains("1 sealed bodies are for another key"),
        "{stderr}"
    );
    // Without a key: as stored.
    let (_, lines, _) = export(&server.database(), None);
    assert_eq!(lines[0]["sealed"], sealed["sealed"]);
}

#[test]
fn sealed_survey_response_checks_its_readable_part() {
    let server = TestServer::start(|_| {});
    let adviser = SecretKey::generate(&mut OsRng);
    let team = SecretKey::generate(&mut OsRng);
    with_keys(&server, &adviser, &team);
    let plain = survey_response(&uuid(), 8, "personal", "2026-11-20");
    assert_eq!(
        server.post_json("survey-responses", &plain.to_string()).1["error"]["code"],
        "must_seal"
    );
    let sealed = seal_body(
        InboxKind::SurveyResponses,
        &plain,
        &team.public_key(),
        &mut OsRng,
    )
    .unwrap();
    let outside: Vec<&String> = sealed.as_object().unwrap().keys().collect();
    assert!(
        !outside
            .iter()
            .any(|k| *k == "answers" || *k == "participant_id"),
        "{outside:?}"
    );
    assert_eq!(
        server.post_json("survey-responses", &sealed.to_string()).0,
        201
    );
    let mut old = seal_body(
        InboxKind::SurveyResponses,
        &plain,
        &team.public_key(),
        &mut OsRng,
    )
    .unwrap();
    old["id"] = json!(uuid());
    old["survey_version"] = json!(99);
    assert_eq!(
        server.post_json("survey-responses", &old.to_string()).1["error"]["code"],
        "survey_version"
    );
    let key = write_key(&server.dir, "team.key", &team);
    let (ok, lines, _) = export(&server.database(), Some(&key));
    assert!(ok);
    assert_eq!(lines, [plain]);
}

#[test]
fn keygen_writes_a_private_key_file_and_prints_the_public_key() {
    let dir = site("keygen");
    let path = dir.join("team.key");
    let out = Command::new(BIN)
        .args(["keygen", "--out"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success());
    let public = String::from_utf8(out.stdout).unwrap();
    let key = SecretKey::from_key_file(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(public.trim(), key.public_key().to_base64());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    // Never silently replaced.
    let again = Command::new(BIN)
        .args(["keygen", "--out"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(!again.status.success());
    assert_eq!(
        SecretKey::from_key_file(&std::fs::read_to_string(&path).unwrap())
            .unwrap()
            .public_key(),
        key.public_key()
    );
}

/// Every file under `dir`, recursively.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files(&path));
        } else {
            out.push(path);
        }
    }
    out
}

fn dossier(id: &str, name: &str, goal: &str) -> Value {
    json!({ "schema": "koers.dossier/1", "participant": { "id": id, "first_name": name },
        "goals": [ { "id": "g1", "title": goal } ] })
}

fn publish(dir: &Path, extra: &[&str]) -> std::process::Output {
    Command::new(BIN)
        .arg("publish")
        .arg("--dossiers")
        .arg(dir.join("export"))
        .arg("--participants")
        .arg(dir.join("participants.txt"))
        .arg("--out")
        .arg(dir.join("site/api"))
        .arg("--cards")
        .arg(dir.join("cards"))
        .args(["--app-url", "https://koers.example.org/app/"])
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn publisher_seals_every_dossier_and_writes_cards_elsewhere() {
    let dir = site("publish");
    let export_dir = dir.join("export");
    std::fs::create_dir_all(&export_dir).unwrap();
    let people = [
        ("p-1", "Anouk", "Ik vind een huis in Delft"),
        ("p-2", "Bram", "Ik stop met blowen"),
        ("p-3", "Cem", "Ik ga naar de demo"),
    ];
    for (id, name, goal) in people {
        std::fs::write(
            export_dir.join(format!("{id}.json")),
            dossier(id, name, goal).to_string(),
        )
        .unwrap();
    }
    // Not in the list: not published.
    std::fs::write(
        export_dir.join("other.json"),
        dossier("p-9", "Zoë", "Niet publiceren").to_string(),
    )
    .unwrap();
    std::fs::write(
        dir.join("participants.txt"),
        "# ids\np-1\np-2\n\np-3  # demo\n",
    )
    .unwrap();

    let out = publish(&dir, &["--plain", "p-3", "--test-kdf"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("NEVER upload"), "{stderr}");

    let codes: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("cards/codes.json")).unwrap())
            .unwrap();
    let published = files(&dir.join("site"));
    assert_eq!(published.len(), 3);
    // No plain dossier text, no code, nothing of the unlisted dossier in the published tree
    // (except p-3, published plain on purpose).
    for path in &published {
        let text = std::fs::read_to_string(path).unwrap();
        for (id, name, goal) in &people[..2] {
            let code = codes["codes"][id].as_str().unwrap();
            for secret in [
                *id,
                *name,
                *goal,
                code,
                &koers::model::lookup::normalise_code(code),
            ] {
                assert!(!text.contains(secret), "{secret} in {}", path.display());
            }
        }
        assert!(!text.contains("Zoë"));
    }
    for (id, name, goal) in &people[..2] {
        let code = codes["codes"][id].as_str().unwrap();
        assert_eq!(code.len(), 24, "{code}");
        let path = dir
            .join("site/api/v1/dossiers")
            .join(format!("{}.json", koers::model::lookup::lookup(code)));
        let text = std::fs::read_to_string(&path).unwrap();
        let envelope = parse_envelope(&text).unwrap();
        assert_eq!(envelope.kdf.m_kib, 64);
        let opened: Dossier = decode_document(&text, Some(code)).unwrap();
        assert_eq!(
            (
                opened.participant.id.as_str(),
                opened.participant.first_name.as_str()
            ),
            (*id, *name)
        );
        assert_eq!(opened.goals.iter().next().unwrap().title, *goal);
        assert!(decode_document::<Dossier>(&text, Some("DEMO-0001")).is_err());
        // The card: name, grouped code, QR code with the code in the fragment only.
        let card = std::fs::read_to_string(dir.join(format!("cards/{id}.html"))).unwrap();
        assert!(
            card.contains(name) && card.contains(&code.replace('-', " ")) && card.contains("<svg")
        );
    }
    let plain_path = dir.join("site/api/v1/dossiers").join(format!(
        "{}.json",
        koers::model::lookup::lookup(codes["codes"]["p-3"].as_str().unwrap())
    ));
    assert!(std::fs::read_to_string(plain_path)
        .unwrap()
        .contains("Ik ga naar de demo"));

    // The writers file next to the codes: every participant's proof, and no code.
    let writers_text = std::fs::read_to_string(dir.join("cards/writers.json")).unwrap();
    let writers = koers::model::write_proof::Writers::parse(&writers_text).unwrap();
    assert_eq!(writers.writers.len(), 3);
    for (id, _, _) in people {
        let code = codes["codes"][id].as_str().unwrap();
        assert!(writers.allows(id, &koers::model::write_proof::proof(code)));
        assert!(!writers_text.contains(code));
    }
    // `koers-server writers` makes the same file from codes.json.
    let made = dir.join("made-writers.json");
    let out = Command::new(BIN)
        .arg("writers")
        .arg("--codes")
        .arg(dir.join("cards/codes.json"))
        .arg("--out")
        .arg(&made)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(std::fs::read_to_string(&made).unwrap(), writers_text);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&made).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    // A second run refuses to overwrite; with --force it keeps every code.
    let again = publish(&dir, &["--test-kdf"]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));
    let forced = publish(&dir, &["--test-kdf", "--force"]);
    assert!(
        forced.status.success(),
        "{}",
        String::from_utf8_lossy(&forced.stderr)
    );
    let codes_again: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("cards/codes.json")).unwrap())
            .unwrap();
    assert_eq!(codes_again, codes);
    // p-3 is now sealed too, and nothing is plain any more.
    for path in files(&dir.join("site")) {
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("koers.sealed/1") && !text.contains("Ik ga naar de demo"));
    }

    // Cards inside the published tree are refused; a fixed (demo) code is used as given.
    let inside = Command::new(BIN)
        .arg("publish")
        .arg("--dossiers")
        .arg(dir.join("export"))
        .arg("--participants")
        .arg(dir.join("participants.txt"))
        .arg("--out")
        .arg(dir.join("site2"))
        .arg("--cards")
        .arg(dir.join("site2/cards"))
        .args(["--app-url", "https://koers.example.org/", "--test-kdf"])
        .output()
        .unwrap();
    assert!(!inside.status.success());
    assert!(String::from_utf8_lossy(&inside.stderr).contains("outside"));
    // Cards or the plain export anywhere under a served site are refused too.
    for (cards, export) in [
        (dir.join("dist/cards"), dir.join("export")),
        (dir.join("cards"), dir.join("dist/export")),
    ] {
        if !export.exists() {
            std::fs::create_dir_all(&export).unwrap();
            for entry in std::fs::read_dir(dir.join("export")).unwrap() {
                let entry = entry.unwrap();
                std::fs::copy(entry.path(), export.join(entry.file_name())).unwrap();
            }
        }
        let served = Command::new(BIN)
            .arg("publish")
            .arg("--dossiers")
            .arg(&export)
            .arg("--participants")
            .arg(dir.join("participants.txt"))
            .arg("--out")
            .arg(dir.join("site3"))
            .arg("--cards")
            .arg(&cards)
            .args(["--app-url", "https://koers.example.org/", "--test-kdf"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&served.stderr);
        assert!(!served.status.success());
        assert!(stderr.contains("served site"), "{stderr}");
    }
    std::fs::remove_file(dir.join("cards/codes.json")).unwrap();
    let fixed = publish(&dir, &["--force", "--code", "p-1=demo-0099", "--test-kdf"]);
    assert!(fixed.status.success());
    let path = dir
        .join("site/api/v1/dossiers")
        .join(format!("{}.json", koers::model::lookup::lookup("DEMO0099")));
    let opened: Dossier =
        decode_document(&std::fs::read_to_string(path).unwrap(), Some("DEMO-0099")).unwrap();
    assert_eq!(opened.participant.id, "p-1");
    // Stale files of the first publication are gone: one file per participant.
    assert_eq!(files(&dir.join("site")).len(), 3);
}

#[test]
fn publisher_refuses_incomplete_input() {
    let dir = site("publish-bad");
    let export_dir = dir.join("export");
    std::fs::create_dir_all(&export_dir).unwrap();
    std::fs::write(
        export_dir.join("a.json"),
        dossier("p-1", "Anouk", "x").to_string(),
    )
    .unwrap();
    std::fs::write(dir.join("participants.txt"), "p-1\np-2\n").unwrap();
    let out = publish(&dir, &["--test-kdf"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no dossier for: p-2"));
    assert!(!dir.join("site/api/v1/dossiers").exists() || files(&dir.join("site")).is_empty());
}
