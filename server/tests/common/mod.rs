//! A real server on 127.0.0.1:0 over a temporary site made from `tests/fixtures`.
#![allow(dead_code)]

use koers_server::config::ServeArgs;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

pub const WASM: &str = "koers-0123456789abcdef_bg.wasm";
pub const JS: &str = "koers-0123456789abcdef.js";
pub const DEMO_SURVEY: &str = "deo-2026";
/// The fixture participant with a writers-file entry, and their access code.
pub const WRITER: &str = "p-1001";
pub const WRITER_CODE: &str = "TEST-1001-CODE";

/// The `Authorization` header of [`WRITER`]'s write proof.
pub fn writer_proof() -> String {
    use koers::model::write_proof;
    write_proof::header_value(&write_proof::proof(WRITER_CODE))
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// `GET path` with `Authorization: Bearer <token>` when there is one (results, desk).
pub fn get_bearer(
    server: &TestServer,
    path: &str,
    token: Option<&str>,
) -> (u16, Value, ureq::http::HeaderMap) {
    let mut request = server.get(path);
    if let Some(token) = token {
        request = request.header("authorization", format!("Bearer {token}"));
    }
    read(request.call().unwrap())
}

/// `koers-server` on `dir`'s site (`dir/dist`) and database (`dir/inbox.sqlite`), for the
/// tests that run the binary itself; add `--addr` and the rest.
pub fn server_command(dir: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_koers-server"));
    cmd.arg("--dist")
        .arg(dir.join("dist"))
        .arg("--database")
        .arg(dir.join("inbox.sqlite"));
    cmd
}

/// `koers-server export` of `database`, each line parsed: whether it succeeded, the
/// lines, and what it said on stderr. With `key`, sealed bodies for that key are opened.
pub fn export_kind(
    database: &Path,
    kind: Option<&str>,
    key: Option<&Path>,
) -> (bool, Vec<Value>, String) {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_koers-server"));
    cmd.arg("export").arg("--database").arg(database);
    if let Some(kind) = kind {
        cmd.arg("--kind").arg(kind);
    }
    if let Some(key) = key {
        cmd.arg("--key").arg(key);
    }
    let out = cmd.output().unwrap();
    let lines = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    (
        out.status.success(),
        lines,
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// [`export_kind`] of every kind.
pub fn export(database: &Path, key: Option<&Path>) -> (bool, Vec<Value>, String) {
    export_kind(database, None, key)
}

/// A key file (mode as `std::fs::write` leaves it) in `dir`.
pub fn write_key(dir: &Path, name: &str, key: &koers::model::sealed_write::SecretKey) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, key.to_key_file()).unwrap();
    path
}

/// Something shaped like a wasm file: half text-like (compresses), half noise.
pub fn fake_wasm(len: usize) -> Vec<u8> {
    let mut bytes = b"\0asm\x01\0\0\0".to_vec();
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    let mut text = true;
    while bytes.len() < len {
        text = !text;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        if text {
            bytes.extend_from_slice(b"koers_model_survey_");
        } else {
            bytes.extend_from_slice(&x.to_le_bytes());
        }
    }
    bytes.truncate(len);
    bytes
}

/// A fresh directory with `dist/` (app + `api/`) and room for a database.
pub fn site(name: &str) -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "koers-server-test-{name}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let dist = dir.join("dist");
    copy_dir(&fixtures, &dist);
    std::fs::write(dist.join(WASM), fake_wasm(300 * 1024)).unwrap();
    std::fs::write(
        dist.join(JS),
        "export default async function init() {}\n".repeat(40),
    )
    .unwrap();
    dir
}

/// The survey team's results token that [`results`] switches on.
pub const TOKEN: &str = "team-token-0123456789";

/// Switches the results on with [`TOKEN`] (for `TestServer::start`'s `configure`).
pub fn results(args: &mut ServeArgs) {
    args.results_token = Some(TOKEN.into());
}

/// The desk tokens [`desk`] gives the fixture contacts.
pub const VP_TOKEN: &str = "test-desk-token-vp-1-0001";
pub const KF_TOKEN: &str = "test-desk-token-kf-1-0001";

/// Switches the desk on (for `TestServer::start`'s `configure`): a token file for `vp-1`
/// and `kf-1` next to the site, outside the served tree.
pub fn desk(args: &mut ServeArgs) {
    let path = args.dist.parent().unwrap().join("desk-tokens.json");
    std::fs::write(
        &path,
        json!({"vp-1": VP_TOKEN, "kf-1": KF_TOKEN}).to_string(),
    )
    .unwrap();
    args.desk_tokens = Some(path);
}

pub struct TestServer {
    pub url: String,
    pub dir: PathBuf,
    args: ServeArgs,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl TestServer {
    pub fn start(configure: impl FnOnce(&mut ServeArgs)) -> Self {
        let dir = site("http");
        let mut args = ServeArgs::new(dir.join("dist"), dir.join("inbox.sqlite"));
        // Outside the served tree, as the docs ask.
        let writers = dir.join("writers.json");
        let file = koers::model::write_proof::Writers::from_codes([(WRITER, WRITER_CODE)]);
        std::fs::write(&writers, file.to_json()).unwrap();
        args.writers = Some(writers);
        configure(&mut args);
        let mut server = Self {
            url: String::new(),
            dir,
            args,
            shutdown: None,
            thread: None,
        };
        server.launch();
        server
    }

    /// Stops the server and starts it again on the same site and database (another port).
    pub fn restart(&mut self) {
        self.stop();
        self.launch();
    }

    fn launch(&mut self) {
        let args = self.args.clone();
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::from_std(listener).unwrap();
                koers_server::run(args, listener, async {
                    let _ = rx.await;
                })
                .await
                .unwrap();
            });
        });
        self.url = url;
        self.shutdown = Some(tx);
        self.thread = Some(thread);
    }

    pub fn database(&self) -> PathBuf {
        self.dir.join("inbox.sqlite")
    }

    pub fn get(&self, path: &str) -> ureq::RequestBuilder<ureq::typestate::WithoutBody> {
        agent().get(format!("{}{path}", self.url))
    }

    pub fn post_json(&self, kind: &str, body: &str) -> (u16, Value, ureq::http::HeaderMap) {
        self.post_with(kind, body, None)
    }

    /// A write with an `Authorization` header (a write proof, or whatever a test sends).
    pub fn post_with(
        &self,
        kind: &str,
        body: &str,
        authorization: Option<&str>,
    ) -> (u16, Value, ureq::http::HeaderMap) {
        let mut request = agent()
            .post(format!("{}/api/v1/inbox/{kind}", self.url))
            .header("content-type", "application/json");
        if let Some(value) = authorization {
            request = request.header("authorization", value);
        }
        read(request.send(body).unwrap())
    }

    /// A write in [`WRITER`]'s name, with their proof.
    pub fn post_as_writer(&self, kind: &str, body: &str) -> (u16, Value, ureq::http::HeaderMap) {
        self.post_with(kind, body, Some(&writer_proof()))
    }

    pub fn stop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(thread) = self.thread.take() {
            thread.join().unwrap();
        }
    }

    /// Every stored row's writer attestation (NULL for most).
    pub fn writers(&self) -> Vec<Option<String>> {
        let conn = rusqlite::Connection::open(self.database()).unwrap();
        let mut stmt = conn
            .prepare("SELECT writer FROM inbox ORDER BY rowid")
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    }

    /// Every stored row as (id, kind, body).
    pub fn rows(&self) -> Vec<(String, String, String)> {
        let conn = rusqlite::Connection::open(self.database()).unwrap();
        let mut stmt = conn
            .prepare("SELECT id, kind, body FROM inbox ORDER BY rowid")
            .unwrap();
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.stop();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

pub fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .into()
}

pub fn read(mut response: ureq::http::Response<ureq::Body>) -> (u16, Value, ureq::http::HeaderMap) {
    let status = response.status().as_u16();
    let bytes = response
        .body_mut()
        .with_config()
        .limit(16 << 20)
        .read_to_vec()
        .unwrap();
    let text = String::from_utf8_lossy(&bytes);
    let value = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or(Value::String(text.into_owned()))
    };
    (status, value, response.headers().clone())
}

pub fn uuid() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// A valid anonymous response to the fixture survey.
pub fn survey_response(id: &str, grade: i64, mode: &str, day: &str) -> Value {
    json!({
        "schema": "koers.survey-response/1",
        "id": id,
        "survey_id": DEMO_SURVEY,
        "survey_version": 1,
        "submitted_at": format!("{day}T10:00:00+01:00"),
        "language": "nl",
        "mode": mode,
        "participant_id": null,
        "answers": [
            {"question": "q1", "value": grade},
            {"question": "q3", "value": grade >= 7},
            {"question": "q5", "value": ["work", "money"]},
            {"question": "overall", "value": grade}
        ]
    })
}

/// A message without a name (no write proof needed).
pub fn message(id: &str, to: &str) -> Value {
    let mut message = named_message(id, to);
    message["participant_id"] = Value::Null;
    message
}

/// A message in [`WRITER`]'s name: needs their write proof.
pub fn named_message(id: &str, to: &str) -> Value {
    json!({
        "schema": "koers.message/1", "id": id, "to": to, "sent_at": "2026-11-20T10:00:00+01:00",
        "participant_id": WRITER, "callback_requested": true, "reply_via": {"phone": "06 12345678"},
        "body": "Kan ik je spreken?"
    })
}
