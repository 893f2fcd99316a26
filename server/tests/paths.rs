//! One path, one decision (issue #18): every spelling of a dossier path is a 404 or is
//! counted by the lookup limit; dossiers are `no-store`; secrets put in the served tree by
//! mistake are never served; the request log never holds a lookup.

mod common;

use common::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};

/// The dossier in the fixtures.
const KNOWN: &str = "0123456789abcdef0123456789abcdef";
const MISSING: &str = "fedcba9876543210fedcba9876543210";

struct Answer {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Answer {
    fn header(&self, name: &str) -> &str {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map_or("", |(_, v)| v.as_str())
    }
}

/// Sends `path` byte for byte: an HTTP client library might tidy it first.
fn raw(url: &str, method: &str, path: &str, extra: &str) -> Answer {
    let addr = url.strip_prefix("http://").unwrap();
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n{extra}\r\n"
    )
    .unwrap();
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).unwrap();
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_string(), v.trim().to_string()))
        .collect();
    Answer {
        status,
        headers,
        body: body.to_string(),
    }
}

fn get(server: &TestServer, path: &str) -> Answer {
    raw(&server.url, "GET", path, "")
}

/// Every other way of writing the path to the known dossier. Each of them once reached the
/// file (or could, on a case-insensitive file system) without the lookup limit.
fn spellings(hash: &str) -> Vec<String> {
    let tail = &hash[1..];
    let first = hash.as_bytes()[0];
    vec![
        format!("//api/v1/dossiers/{hash}.json"),
        format!("/api//v1/dossiers/{hash}.json"),
        format!("/api/v1//dossiers/{hash}.json"),
        format!("/api/v1/dossiers//{hash}.json"),
        format!("/%61pi/v1/dossiers/{hash}.json"),
        format!("/api%2Fv1/dossiers/{hash}.json"),
        format!("/api%2fv1/dossiers/{hash}.json"),
        format!("/api/v1%2Fdossiers/{hash}.json"),
        format!("/api/v1/dossiers%2F{hash}.json"),
        format!("/api/v1/%64ossiers/{hash}.json"),
        format!("/api/v1/dossiers/%{first:02X}{tail}.json"),
        format!("/api/v1/dossiers/{hash}%2Ejson"),
        format!("/api/./v1/dossiers/{hash}.json"),
        format!("/api/v1/x/../dossiers/{hash}.json"),
        format!("/api/v1/dossiers/./{hash}.json"),
        format!("/api/v1/dossiers/{hash}.json/"),
        format!("/api/v1/dossiers%5C{hash}.json"),
        format!("/api/v1/dossiers./{hash}.json"),
        format!("/API/v1/dossiers/{hash}.json"),
        format!("/Api/v1/dossiers/{hash}.json"),
        format!("/api/V1/DOSSIERS/{hash}.json"),
    ]
}

#[test]
fn every_other_spelling_of_a_dossier_path_is_a_json_404() {
    let server = TestServer::start(|args| args.lookup_burst = 100);
    for path in spellings(KNOWN) {
        let answer = get(&server, &path);
        assert_eq!(answer.status, 404, "{path}");
        assert_eq!(answer.header("content-type"), "application/json", "{path}");
        assert!(
            answer.body.contains("\"not_found\""),
            "{path}: {}",
            answer.body
        );
    }
    // `%25` is a `%` that needs encoding: this names a directory `%61pi` in the app, not the API.
    let answer = get(&server, &format!("/%2561pi/v1/dossiers/{KNOWN}.json"));
    assert_eq!(answer.status, 404);
    // A raw backslash: refused by the HTTP parser or by the resolver, never served.
    let answer = get(&server, &format!("/api/v1/dossiers\\{KNOWN}.json"));
    assert!(matches!(answer.status, 400 | 404), "{}", answer.status);
    // The file is there: only its one spelling reaches it.
    let answer = get(&server, &format!("/api/v1/dossiers/{KNOWN}.json"));
    assert_eq!(answer.status, 200);
    assert!(answer.body.contains("koers.dossier/1"));
}

#[test]
fn out_of_lookup_tokens_no_spelling_gets_a_dossier() {
    let server = TestServer::start(|args| {
        args.lookup_rate_limit = 1;
        args.lookup_burst = 3;
    });
    for _ in 0..3 {
        let path = format!("/api/v1/dossiers/{MISSING}.json");
        assert_eq!(get(&server, &path).status, 404);
    }
    let known = format!("/api/v1/dossiers/{KNOWN}.json");
    assert_eq!(get(&server, &known).status, 429);
    for path in spellings(KNOWN) {
        let status = get(&server, &path).status;
        assert!(matches!(status, 404 | 429), "{path}: {status}");
    }
    // HEAD and other methods are counted too.
    assert_eq!(raw(&server.url, "HEAD", &known, "").status, 429);
    assert_eq!(
        raw(&server.url, "POST", &known, "Content-Length: 0\r\n").status,
        429
    );
}

#[test]
fn a_spelling_that_resolves_to_a_dossier_is_counted() {
    let server = TestServer::start(|args| {
        args.lookup_rate_limit = 1;
        args.lookup_burst = 2;
    });
    // On this (case-sensitive) file system it is a miss, and misses cost a token.
    for _ in 0..2 {
        let path = format!("/api/V1/DOSSIERS/{MISSING}.json");
        assert_eq!(get(&server, &path).status, 404);
    }
    let path = format!("/api/v1/dossiers/{MISSING}.json");
    assert_eq!(get(&server, &path).status, 429);
}

#[test]
fn the_api_directory_is_reached_only_as_api() {
    // An API directory inside the app under another name than `api`.
    let server = TestServer::start(|args| {
        std::fs::rename(args.dist.join("api"), args.dist.join("data")).unwrap();
        args.api = Some(args.dist.join("data"));
        args.lookup_rate_limit = 1;
        args.lookup_burst = 1;
    });
    for path in [
        format!("/data/v1/dossiers/{KNOWN}.json"),
        format!("/DATA/v1/dossiers/{KNOWN}.json"),
        "/data/v1/config.json".to_string(),
    ] {
        assert_eq!(get(&server, &path).status, 404, "{path}");
    }
    let answer = get(&server, &format!("/api/v1/dossiers/{KNOWN}.json"));
    assert_eq!(answer.status, 200);
    assert_eq!(answer.header("cache-control"), "no-store");
    assert_eq!(get(&server, "/api/v1/config.json").status, 200);
}

#[test]
fn app_routes_and_encoded_names_still_work() {
    let server = TestServer::start(|_| {});
    std::fs::write(server.dir.join("dist/a b.txt"), "space\n").unwrap();
    std::fs::write(
        server.dir.join("dist/api/v1/caf\u{e9}.json"),
        r#"{"schema": "koers.config/1"}"#,
    )
    .unwrap();
    for path in [
        "/",
        "/doelen",
        "/kiosk/",
        "/vragenlijst/deo-2026",
        "/vragenlijst/caf%C3%A9",
        "/vragenlijst/caf%c3%a9",
        "/doelen%20later",
        "/zoek/a%2Cb",
    ] {
        let answer = get(&server, path);
        assert_eq!(answer.status, 200, "{path}");
        assert!(answer.body.contains("<title>Koers</title>"), "{path}");
    }
    let answer = get(&server, "/a%20b.txt");
    assert_eq!((answer.status, answer.body.as_str()), (200, "space\n"));
    assert_eq!(get(&server, "/api/v1/caf%C3%A9.json").status, 200);
    // Outside the API a refused spelling is the app's plain 404, not the app shell.
    for path in [
        "//doelen",
        "/%64oelen",
        "/doelen//",
        "/./doelen",
        "/manifest.webmanifest/",
        "/%6Danifest.webmanifest",
        "/index.html/",
    ] {
        let answer = get(&server, path);
        assert_eq!(answer.status, 404, "{path}");
        assert_eq!(
            answer.header("content-type"),
            "text/plain; charset=utf-8",
            "{path}"
        );
    }
}

#[test]
fn dossiers_are_no_store() {
    let server = TestServer::start(|_| {});
    let known = format!("/api/v1/dossiers/{KNOWN}.json");
    let answer = get(&server, &known);
    assert_eq!(answer.status, 200);
    assert_eq!(answer.header("cache-control"), "no-store");
    let etag = answer.header("etag").to_string();
    let answer = raw(&server.url, "HEAD", &known, "");
    assert_eq!(answer.header("cache-control"), "no-store");
    let answer = raw(
        &server.url,
        "GET",
        &known,
        &format!("If-None-Match: {etag}\r\n"),
    );
    assert_eq!(answer.status, 304);
    assert_eq!(answer.header("cache-control"), "no-store");
    let answer = get(&server, &format!("/api/v1/dossiers/{MISSING}.json"));
    assert_eq!(answer.status, 404);
    assert_eq!(answer.header("cache-control"), "no-store");
    // Other API files may be kept and revalidated.
    let answer = get(&server, "/api/v1/config.json");
    assert_eq!(answer.header("cache-control"), "no-cache");
}

#[test]
fn secrets_in_the_served_tree_are_never_served() {
    let server = TestServer::start(|_| {});
    let dist = server.dir.join("dist");
    let codes = r#"{"codes": {"p-1001": "SECRET-K7QM-2XHV"}, "schema": "koers.codes/1"}"#;
    let key = r#"{"schema": "koers.secret-key/1", "alg": "x25519", "public_key": "AAAA", "secret_key": "SECRET-KEY"}"#;
    let writers = r#"{"schema": "koers.writers/1", "writers": {"p-1001": "SECRET-HASH"}}"#;
    let in_dossiers = "api/v1/dossiers/abcdefabcdefabcdefabcdefabcdefab.json";
    std::fs::create_dir_all(dist.join("api/v1/keys")).unwrap();
    let files = [
        ("api/v1/codes.json", codes),
        ("codes.json", codes),
        ("Codes.JSON", codes),
        ("api/v1/published.json", codes),
        (in_dossiers, codes),
        ("adviser.key", key),
        ("api/v1/adviser.key", key),
        ("api/v1/keys/team.json", key),
        ("team-key", key),
        ("api/v1/writers.json", writers),
        ("writers.json", writers),
        ("api/v1/who-may-write.json", writers),
        (
            "api/v1/minor.json",
            r#"{"schema": "koers.codes/1.3", "x": "SECRET"}"#,
        ),
    ];
    for (name, text) in files {
        std::fs::write(dist.join(name), text).unwrap();
    }
    for (name, _) in files {
        for method in ["GET", "HEAD"] {
            let answer = raw(&server.url, method, &format!("/{name}"), "");
            assert_eq!(answer.status, 404, "{method} {name}");
            assert!(!answer.body.contains("SECRET"), "{name}: {}", answer.body);
        }
    }
    // A file that becomes a secret while the server runs stops being served.
    let late = dist.join("api/v1/late.json");
    std::fs::write(&late, r#"{"schema": "koers.config/1"}"#).unwrap();
    assert_eq!(get(&server, "/api/v1/late.json").status, 200);
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(&late, codes).unwrap();
    let answer = get(&server, "/api/v1/late.json");
    assert_eq!(answer.status, 404);
    assert!(!answer.body.contains("SECRET"));
    // Files that only mention a secret schema are served.
    let note = r#"{"schema": "koers.config/1", "note": "koers.codes/1 stays with the publisher"}"#;
    std::fs::write(dist.join("api/v1/note.json"), note).unwrap();
    assert_eq!(get(&server, "/api/v1/note.json").status, 200);
}

#[test]
fn lookups_have_a_bucket_of_their_own() {
    let write = |server: &TestServer| {
        let body = survey_response(&uuid(), 8, "kiosk", "2026-11-20");
        server.post_json("survey-responses", &body.to_string()).0
    };
    let known = format!("/api/v1/dossiers/{KNOWN}.json");
    let missing = format!("/api/v1/dossiers/{MISSING}.json");
    let limits = |args: &mut koers_server::config::ServeArgs| {
        args.rate_limit = 1;
        args.rate_burst = 2;
        args.lookup_rate_limit = 1;
        args.lookup_burst = 2;
    };
    // Unknown codes do not use up the inbox's tokens...
    let server = TestServer::start(limits);
    assert_eq!(get(&server, &missing).status, 404);
    assert_eq!(get(&server, &missing).status, 404);
    assert_eq!(get(&server, &missing).status, 429);
    assert_eq!(write(&server), 201);
    assert_eq!(write(&server), 201);
    assert_eq!(write(&server), 429);
    // ...and writes do not use up the lookups'.
    let server = TestServer::start(limits);
    for _ in 0..2 {
        assert_eq!(write(&server), 201);
    }
    assert_eq!(write(&server), 429);
    assert_eq!(get(&server, &known).status, 200);
    assert_eq!(get(&server, &missing).status, 404);
}

#[test]
fn the_defaults_let_a_household_sign_in() {
    let args = koers_server::config::ServeArgs::new("dist".into(), "db".into());
    assert!(args.lookup_burst >= 10 && args.lookup_rate_limit >= 10);
    assert!(args.lookup_rate_limit < args.rate_limit);
}

/// Whether `text` holds a run of 16 or more hex digits: part of a lookup.
fn holds_a_lookup(text: &str) -> bool {
    let mut run = 0;
    for c in text.chars() {
        run = if c.is_ascii_hexdigit() { run + 1 } else { 0 };
        if run >= 16 {
            return true;
        }
    }
    false
}

#[test]
fn the_request_log_never_holds_a_lookup() {
    let dir = site("log");
    let mut child = Command::new(env!("CARGO_BIN_EXE_koers-server"))
        .args(["--addr", "127.0.0.1:0", "--lookup-burst", "3"])
        .args(["--lookup-rate-limit", "1"])
        .arg("--dist")
        .arg(dir.join("dist"))
        .arg("--database")
        .arg(dir.join("inbox.sqlite"))
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let url = loop {
        let mut line = String::new();
        assert!(
            stderr.read_line(&mut line).unwrap() > 0,
            "the server stopped"
        );
        if let Some(rest) = line.split("listening on ").nth(1) {
            break rest.split_whitespace().next().unwrap().to_string();
        }
    };
    let log = Arc::new(Mutex::new(String::new()));
    let reader = {
        let log = log.clone();
        std::thread::spawn(move || {
            for line in stderr.lines().map_while(Result::ok) {
                let mut log = log.lock().unwrap();
                log.push_str(&line);
                log.push('\n');
            }
        })
    };
    let mut paths = vec![
        format!("/api/v1/dossiers/{KNOWN}.json"),
        format!("/api/v1/dossiers/{MISSING}.json"),
        format!("/api/v1/dossiers/{MISSING}.json"),
        format!("/api/v1/dossiers/{MISSING}.json"),
        // Out of tokens by now: the 429s are logged too.
        format!("/api/v1/dossiers/{KNOWN}.json"),
        format!("/api/v1/dossiers/%{MISSING}"),
        format!("/api/v1/%2564ossiers/{MISSING}.json"),
        format!("/%2561pi/v1/dossiers/{KNOWN}.json"),
    ];
    paths.extend(spellings(KNOWN));
    paths.extend(spellings(MISSING));
    for path in &paths {
        raw(&url, "GET", path, "");
    }
    raw(&url, "GET", "/api/v1/config.json", "");
    child.kill().unwrap();
    child.wait().unwrap();
    reader.join().unwrap();
    let log = log.lock().unwrap().clone();
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        log.lines().count() > paths.len(),
        "one line per request:\n{log}"
    );
    assert!(log.contains("GET /api/v1/config.json 200"), "{log}");
    assert!(log.contains("GET /api/v1/dossiers/… 429"), "{log}");
    assert!(!holds_a_lookup(&log), "{log}");
}
