//! The inbox in SQLite. One writer thread owns the write connection and commits whatever
//! queued up while the previous commit was being synced, so many concurrent writes share
//! one fsync (group commit) and the async runtime never waits on the disk.

use koers::model::inbox::{InboxError, InboxKind};
use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::thread::JoinHandle;
use tokio::sync::{mpsc, oneshot};

/// How many writes one transaction takes at most; bounds the latency of the last one.
const MAX_BATCH: usize = 512;
/// Writes waiting for the writer; beyond this, requests wait for room (back-pressure).
const QUEUE: usize = 4096;

const SCHEMA: &str = "
    CREATE TABLE IF NOT EXISTS inbox (
        id          TEXT PRIMARY KEY,
        kind        TEXT NOT NULL,
        body        TEXT NOT NULL,
        received_at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS inbox_kind ON inbox (kind);
";

/// Version 2: `writer`, the server's attestation of who wrote a sealed body (sealed to
/// its recipient, `model::write_proof`), or NULL.
fn migrate(conn: &Connection) -> rusqlite::Result<()> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version < 2 {
        let has_writer: bool = conn.query_row(
            "SELECT COUNT(*) FROM pragma_table_info('inbox') WHERE name = 'writer'",
            [],
            |r| r.get::<_, i64>(0).map(|n| n > 0),
        )?;
        if !has_writer {
            conn.execute_batch("ALTER TABLE inbox ADD COLUMN writer TEXT")?;
        }
        conn.execute_batch("PRAGMA user_version = 2")?;
    }
    Ok(())
}

/// The answer to a stored body; a repeat gets the same one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    pub id: String,
    pub stored_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Created(Receipt),
    Repeated(Receipt),
    /// The id is taken by a different body.
    Conflict,
    /// New, but the body failed validation.
    Invalid(InboxError),
}

struct Job {
    kind: InboxKind,
    id: String,
    body: String,
    writer: Option<String>,
    check: Result<(), InboxError>,
    reply: oneshot::Sender<Result<Outcome, String>>,
}

pub struct Store {
    path: PathBuf,
    tx: Mutex<Option<mpsc::Sender<Job>>>,
    writer: Mutex<Option<JoinHandle<()>>>,
}

fn open(path: &Path, flags: OpenFlags) -> rusqlite::Result<Connection> {
    let conn = Connection::open_with_flags(path, flags | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    Ok(conn)
}

/// A connection for reading (results, export); the database must exist.
pub fn open_reader(path: &Path) -> rusqlite::Result<Connection> {
    // Read-write without create: a read-only connection cannot recover a WAL left by a
    // crash, and a typo in the path should fail instead of creating an empty database.
    open(path, OpenFlags::SQLITE_OPEN_READ_WRITE)
}

impl Store {
    pub fn open(path: &Path) -> Result<Self, crate::Error> {
        let conn = open(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
        )?;
        let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            eprintln!(
                "koers-server: warning: {} is in {mode} mode, not WAL",
                path.display()
            );
        }
        // FULL: a 201 promises the body survives a power cut, so the WAL is synced on every
        // commit (NORMAL would only protect against a process crash).
        conn.execute_batch("PRAGMA synchronous = FULL;")?;
        conn.execute_batch(SCHEMA)?;
        migrate(&conn)?;
        let (tx, rx) = mpsc::channel(QUEUE);
        let writer = std::thread::Builder::new()
            .name("koers-inbox-writer".into())
            .spawn(move || writer(conn, rx))?;
        Ok(Self {
            path: path.to_path_buf(),
            tx: Mutex::new(Some(tx)),
            writer: Mutex::new(Some(writer)),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Stores `body` under `id` unless the id is taken. `check` is the validation result:
    /// a repeat of a stored body is answered as such even if it would no longer validate
    /// (the survey changed since), so a client's retry always gets the first answer.
    pub async fn put(
        &self,
        kind: InboxKind,
        id: String,
        body: String,
        check: Result<(), InboxError>,
    ) -> Result<Outcome, String> {
        self.put_with_writer(kind, id, body, None, check).await
    }

    /// As [`Store::put`], with the attestation of who wrote a sealed body. A repeat is
    /// still judged on the body alone.
    pub async fn put_with_writer(
        &self,
        kind: InboxKind,
        id: String,
        body: String,
        writer: Option<String>,
        check: Result<(), InboxError>,
    ) -> Result<Outcome, String> {
        let tx = self.tx.lock().unwrap_or_else(|e| e.into_inner()).clone();
        let tx = tx.ok_or("the inbox is closing")?;
        let (reply, answer) = oneshot::channel();
        tx.send(Job {
            kind,
            id,
            body,
            writer,
            check,
            reply,
        })
        .await
        .map_err(|_| "the inbox writer stopped")?;
        answer
            .await
            .map_err(|_| "the inbox writer stopped".to_string())?
    }

    /// Lets queued writes finish and stops the writer.
    pub fn close(&self) {
        self.tx.lock().unwrap_or_else(|e| e.into_inner()).take();
        if let Some(writer) = self.writer.lock().unwrap_or_else(|e| e.into_inner()).take() {
            let _ = writer.join();
        }
    }
}

impl Drop for Store {
    fn drop(&mut self) {
        self.close();
    }
}

fn writer(mut conn: Connection, mut rx: mpsc::Receiver<Job>) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while let Some(job) = rx.blocking_recv() {
        batch.push(job);
        while batch.len() < MAX_BATCH {
            match rx.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        match write_batch(&mut conn, &batch) {
            Ok(outcomes) => {
                for (job, outcome) in batch.drain(..).zip(outcomes) {
                    let _ = job.reply.send(Ok(outcome));
                }
            }
            Err(e) => {
                eprintln!("koers-server: inbox write failed: {e}");
                for job in batch.drain(..) {
                    let _ = job.reply.send(Err("the inbox could not store this".into()));
                }
            }
        }
    }
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

fn write_batch(conn: &mut Connection, batch: &[Job]) -> rusqlite::Result<Vec<Outcome>> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let mut outcomes = Vec::with_capacity(batch.len());
    {
        let mut select = tx.prepare_cached("SELECT body, received_at FROM inbox WHERE id = ?1")?;
        let mut insert = tx.prepare_cached(
            "INSERT INTO inbox (id, kind, body, received_at, writer) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        for job in batch {
            let existing: Option<(String, String)> = select
                .query_row([&job.id], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            outcomes.push(match existing {
                Some((body, stored_at)) if body == job.body => Outcome::Repeated(Receipt {
                    id: job.id.clone(),
                    stored_at,
                }),
                Some(_) => Outcome::Conflict,
                None => match &job.check {
                    Err(e) => Outcome::Invalid(e.clone()),
                    Ok(()) => {
                        let stored_at = now();
                        insert.execute(rusqlite::params![
                            job.id,
                            job.kind.path(),
                            job.body,
                            stored_at,
                            job.writer
                        ])?;
                        Outcome::Created(Receipt {
                            id: job.id.clone(),
                            stored_at,
                        })
                    }
                },
            });
        }
    }
    tx.commit()?;
    Ok(outcomes)
}

/// Calls `each` with every stored body of `kind` (or of every kind), oldest first.
pub fn for_each_body(
    conn: &Connection,
    kind: Option<InboxKind>,
    mut each: impl FnMut(&str),
) -> rusqlite::Result<()> {
    let mut stmt =
        conn.prepare("SELECT body FROM inbox WHERE ?1 IS NULL OR kind = ?1 ORDER BY rowid")?;
    let mut rows = stmt.query([kind.map(InboxKind::path)])?;
    while let Some(row) = rows.next()? {
        each(row.get_ref(0)?.as_str()?);
    }
    Ok(())
}

/// As [`for_each_body`], with each body's inbox kind and writer attestation.
pub fn for_each_row(
    conn: &Connection,
    kind: Option<InboxKind>,
    mut each: impl FnMut(Option<InboxKind>, &str, Option<&str>),
) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare(
        "SELECT kind, body, writer FROM inbox WHERE ?1 IS NULL OR kind = ?1 ORDER BY rowid",
    )?;
    let mut rows = stmt.query([kind.map(InboxKind::path)])?;
    while let Some(row) = rows.next()? {
        let kind = InboxKind::from_path(row.get_ref(0)?.as_str()?);
        each(
            kind,
            row.get_ref(1)?.as_str()?,
            row.get_ref(2)?.as_str_or_null()?,
        );
    }
    Ok(())
}

/// The stored responses to one survey, as JSON text.
pub fn survey_responses(conn: &Connection, survey_id: &str) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT body FROM inbox WHERE kind = 'survey-responses' AND json_extract(body, '$.survey_id') = ?1 ORDER BY rowid",
    )?;
    let rows = stmt.query_map([survey_id], |r| r.get(0))?;
    rows.collect()
}

/// The stored sealed responses (those with a `sealed` object) to one survey, as JSON
/// text, oldest first.
pub fn sealed_survey_responses(
    conn: &Connection,
    survey_id: &str,
) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT body FROM inbox WHERE kind = 'survey-responses' AND json_extract(body, '$.survey_id') = ?1 AND json_type(body, '$.sealed') = 'object' ORDER BY rowid",
    )?;
    let rows = stmt.query_map([survey_id], |r| r.get(0))?;
    rows.collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_db(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("koers-store-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir.join("inbox.sqlite")
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn stores_each_id_once() {
        let path = temp_db("once");
        let store = Store::open(&path).unwrap();
        let put =
            |id: &str, body: &str| store.put(InboxKind::Messages, id.into(), body.into(), Ok(()));
        let Outcome::Created(first) = put("a", "{}").await.unwrap() else {
            panic!()
        };
        assert_eq!(put("a", "{}").await.unwrap(), Outcome::Repeated(first));
        assert_eq!(put("a", "{\"x\":1}").await.unwrap(), Outcome::Conflict);
        let invalid = InboxError::new("invalid", "no", None);
        assert_eq!(
            store
                .put(
                    InboxKind::Messages,
                    "b".into(),
                    "{}".into(),
                    Err(invalid.clone())
                )
                .await
                .unwrap(),
            Outcome::Invalid(invalid)
        );
        // Concurrent writes of one id in one batch: exactly one is created.
        let outcomes = futures_join(&store).await;
        assert_eq!(
            outcomes
                .iter()
                .filter(|o| matches!(o, Outcome::Created(_)))
                .count(),
            1
        );
        store.close();
        let conn = open_reader(&path).unwrap();
        let mut bodies = Vec::new();
        for_each_body(&conn, None, |b| bodies.push(b.to_string())).unwrap();
        assert_eq!(bodies, ["{}", "{}"]);
    }

    async fn futures_join(store: &Store) -> Vec<Outcome> {
        let (a, b, c) = tokio::join!(
            store.put(InboxKind::Messages, "c".into(), "{}".into(), Ok(())),
            store.put(InboxKind::Messages, "c".into(), "{}".into(), Ok(())),
            store.put(InboxKind::Messages, "c".into(), "{}".into(), Ok(())),
        );
        vec![a.unwrap(), b.unwrap(), c.unwrap()]
    }
}
