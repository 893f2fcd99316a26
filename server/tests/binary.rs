//! The real binary: killed with SIGKILL mid-load (nothing acknowledged may be lost),
//! stopped with SIGTERM (running writes finish), and the export subcommand.

mod common;

use common::*;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::hash::{BuildHasher, Hasher};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_koers-server");

fn random(below: u64) -> u64 {
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(Instant::now().elapsed().as_nanos() as u64);
    h.finish() % below
}

fn free_addr() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().to_string()
}

fn spawn(addr: &str, dir: &Path) -> Child {
    let child = server_command(dir)
        .args(["--addr", addr, "--rate-limit", "0", "--quiet"])
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(addr).is_err() {
        assert!(Instant::now() < deadline, "the server did not start");
        std::thread::sleep(Duration::from_millis(10));
    }
    child
}

fn client() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(10)))
        .build()
        .into()
}

/// Posts until the server answers; connection errors (the server is being killed) are
/// retried with the same body, as the app does.
fn post_until_answered(agent: &ureq::Agent, url: &str, body: &str) -> (u16, Value) {
    for _ in 0..2000 {
        let sent = agent
            .post(url)
            .header("content-type", "application/json")
            .send(body);
        if let Ok(response) = sent {
            let (status, value, _) = read(response);
            return (status, value);
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    panic!("no answer after many retries");
}

fn export(database: &Path, kind: Option<&str>) -> (bool, String) {
    let mut cmd = Command::new(BIN);
    cmd.arg("export").arg("--database").arg(database);
    if let Some(kind) = kind {
        cmd.args(["--kind", kind]);
    }
    let out = cmd.output().unwrap();
    (out.status.success(), String::from_utf8(out.stdout).unwrap())
}

#[test]
fn every_acknowledged_response_survives_sigkill() {
    const N: usize = 1000;
    const CLIENTS: usize = 4;
    let dir = site("durability");
    let addr = free_addr();
    let url = format!("http://{addr}/api/v1/inbox/survey-responses");
    let bodies: Vec<(String, String)> = (0..N)
        .map(|i| {
            let id = uuid();
            let body =
                survey_response(&id, 1 + (i % 10) as i64, "personal", "2026-11-20").to_string();
            (id, body)
        })
        .collect();
    let server = Arc::new(Mutex::new(spawn(&addr, &dir)));
    let done = Arc::new(AtomicBool::new(false));
    let kills = Arc::new(AtomicUsize::new(0));

    let killer = {
        let (server, done, kills, addr, dir) = (
            server.clone(),
            done.clone(),
            kills.clone(),
            addr.clone(),
            dir.clone(),
        );
        std::thread::spawn(move || {
            while !done.load(Ordering::SeqCst) {
                std::thread::sleep(Duration::from_millis(50 + random(300)));
                if done.load(Ordering::SeqCst) {
                    break;
                }
                let mut child = server.lock().unwrap();
                child.kill().unwrap(); // SIGKILL: no shutdown, no flush, nothing.
                child.wait().unwrap();
                kills.fetch_add(1, Ordering::SeqCst);
                *child = spawn(&addr, &dir);
            }
        })
    };

    let receipts: Arc<Mutex<BTreeMap<String, (u16, Value)>>> = Arc::default();
    let bodies = Arc::new(bodies);
    let clients: Vec<_> = (0..CLIENTS)
        .map(|c| {
            let (bodies, receipts, url) = (bodies.clone(), receipts.clone(), url.clone());
            std::thread::spawn(move || {
                let agent = client();
                for (id, body) in bodies.iter().skip(c).step_by(CLIENTS) {
                    let (status, answer) = post_until_answered(&agent, &url, body);
                    assert!(status == 201 || status == 200, "{status} {answer}");
                    assert_eq!(answer["id"], id.as_str());
                    receipts
                        .lock()
                        .unwrap()
                        .insert(id.clone(), (status, answer));
                }
            })
        })
        .collect();
    for c in clients {
        c.join().unwrap();
    }
    done.store(true, Ordering::SeqCst);
    killer.join().unwrap();
    let kills = kills.load(Ordering::SeqCst);
    assert!(kills >= 1, "the server was never killed");

    // Every acknowledged body is there: a repeat gets 200 and the very same receipt.
    let receipts = receipts.lock().unwrap();
    assert_eq!(receipts.len(), N);
    let created = receipts.values().filter(|(s, _)| *s == 201).count();
    let agent = client();
    for (id, body) in bodies.iter() {
        let (status, answer) = post_until_answered(&agent, &url, body);
        assert_eq!(
            status, 200,
            "{id} was acknowledged but is not stored: {answer}"
        );
        assert_eq!(answer, receipts[id].1, "{id}");
    }
    let mut child = server.lock().unwrap();
    child.kill().unwrap();
    child.wait().unwrap();

    // Stored exactly once each, byte for byte what was sent (modulo formatting).
    let (ok, out) = export(&dir.join("inbox.sqlite"), Some("survey-responses"));
    assert!(ok);
    let stored: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(stored.len(), N);
    let ids: BTreeSet<&str> = stored.iter().map(|v| v["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), N);
    let sent: BTreeMap<&str, Value> = bodies
        .iter()
        .map(|(id, body)| (id.as_str(), serde_json::from_str(body).unwrap()))
        .collect();
    for value in &stored {
        assert_eq!(&sent[value["id"].as_str().unwrap()], value);
    }
    eprintln!(
        "durability: {N} responses, {kills} kills, {created} answered 201, {} answered 200",
        N - created
    );
    let _ = std::fs::remove_dir_all(&dir);
}

fn sigterm(child: &Child) {
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn sigterm_lets_running_writes_finish() {
    let dir = site("sigterm");
    let addr = free_addr();
    let mut child = spawn(&addr, &dir);
    let url = format!("http://{addr}/api/v1/inbox/messages");
    let answered = Arc::new(AtomicUsize::new(0));
    let writers: Vec<_> = (0..8)
        .map(|_| {
            let (url, answered) = (url.clone(), answered.clone());
            std::thread::spawn(move || {
                let agent = client();
                let mut created = Vec::new();
                for _ in 0..200 {
                    let body = message(&uuid(), "vp-1").to_string();
                    match agent
                        .post(&url)
                        .header("content-type", "application/json")
                        .send(&body)
                    {
                        Ok(response) => {
                            let (status, answer, _) = read(response);
                            assert_eq!(status, 201, "{answer}");
                            answered.fetch_add(1, Ordering::SeqCst);
                            created.push(answer["id"].as_str().unwrap().to_string());
                        }
                        Err(_) => break,
                    }
                }
                created
            })
        })
        .collect();
    while answered.load(Ordering::SeqCst) < 50 {
        std::thread::sleep(Duration::from_millis(2));
    }
    sigterm(&child);
    let started = Instant::now();
    let status = child.wait().unwrap();
    assert!(status.success(), "{status:?}");
    assert!(started.elapsed() < Duration::from_secs(10));
    let created: BTreeSet<String> = writers
        .into_iter()
        .flat_map(|w| w.join().unwrap())
        .collect();
    let (ok, out) = export(&dir.join("inbox.sqlite"), None);
    assert!(ok);
    let stored: BTreeSet<String> = out
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert!(
        created.is_subset(&stored),
        "{} answered, {} stored",
        created.len(),
        stored.len()
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn export_prints_json_lines_per_kind() {
    let server = TestServer::start(|_| {});
    let reflection = serde_json::json!({"schema": "koers.goal-reflection/1", "id": uuid(), "participant_id": "p-1001",
        "goal_id": "g1", "written_at": "2026-11-20T10:00:00+01:00", "rating": 7, "text": "Zeg \"ja\"\nen dan?"});
    let msg = message(&uuid(), "vp-1");
    assert_eq!(server.post_json("messages", &msg.to_string()).0, 201);
    assert_eq!(
        server
            .post_as_writer("goal-reflections", &reflection.to_string())
            .0,
        201
    );
    let database: PathBuf = server.database();
    let (ok, out) = export(&database, Some("goal-reflections"));
    assert!(ok);
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines, std::slice::from_ref(&reflection));
    let (ok, out) = export(&database, None);
    assert!(ok);
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines, [msg, reflection]);
    let (ok, _) = export(&database, Some("diaries"));
    assert!(!ok);
    let (ok, _) = export(&server.dir.join("missing.sqlite"), None);
    assert!(!ok);
}

#[test]
fn help_lists_every_flag_with_its_variable() {
    let out = Command::new(BIN).arg("--help").output().unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    for flag in [
        "--addr",
        "--dist",
        "--api",
        "--database",
        "--results-token",
        "--rate-limit",
        "--rate-burst",
        "--lookup-rate-limit",
        "--lookup-burst",
        "--trust-proxy",
        "--desk-tokens",
        "--retain-days",
    ] {
        assert!(help.contains(flag), "{flag}\n{help}");
    }
    for var in [
        "KOERS_ADDR",
        "KOERS_DIST",
        "KOERS_API",
        "KOERS_DATABASE",
        "KOERS_RESULTS_TOKEN",
        "KOERS_RATE_LIMIT",
        "KOERS_LOOKUP_RATE_LIMIT",
        "KOERS_LOOKUP_BURST",
        "KOERS_DESK_TOKENS",
        "KOERS_RETAIN_DAYS",
    ] {
        assert!(help.contains(var), "{var}\n{help}");
    }
    let out = Command::new(BIN)
        .arg("--help")
        .env("KOERS_RESULTS_TOKEN", "secret-value")
        .output()
        .unwrap();
    assert!(!String::from_utf8(out.stdout)
        .unwrap()
        .contains("secret-value"));
}
