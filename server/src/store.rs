//! The inbox in SQLite. One writer thread owns the write connection and commits whatever
//! queued up while the previous commit was being synced, so many concurrent writes share
//! one fsync (group commit) and the async runtime never waits on the disk.
//!
//! The desk's writes (a message's status, the access log, retention) are jobs for the
//! same thread: a status change reads and writes in one transaction with nothing in
//! between, so two desks changing one message cannot lose an update, and the access log
//! row of a status change is committed with it or not at all.

use koers::model::desk::{self, MessageStatus, StatusAnswer, WantedStatus};
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
    if version < 3 {
        conn.execute_batch(
            "
            CREATE TABLE IF NOT EXISTS message_status (
                id         TEXT PRIMARY KEY REFERENCES inbox (id),
                status     TEXT NOT NULL,
                read_at    TEXT,
                handled_at TEXT,
                note       TEXT
            );
            CREATE TABLE IF NOT EXISTS access_log (
                at         TEXT NOT NULL,
                contact_id TEXT,
                action     TEXT NOT NULL,
                detail     TEXT
            );
            CREATE INDEX IF NOT EXISTS inbox_messages_to
                ON inbox (json_extract(body, '$.to'), received_at)
                WHERE kind = 'messages';
            PRAGMA user_version = 3;
            ",
        )?;
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

struct Put {
    kind: InboxKind,
    id: String,
    body: String,
    writer: Option<String>,
    check: Result<(), InboxError>,
    reply: oneshot::Sender<Result<Outcome, String>>,
}

/// A desk's status change of one of its contact's messages.
pub struct StatusWrite {
    pub contact_id: String,
    pub id: String,
    pub wanted: WantedStatus,
    /// As given (JSON text), already checked; kept only when the message becomes handled.
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatusOutcome {
    Changed(StatusAnswer),
    /// No message of this contact has this id.
    NotFound,
    /// Already handled with another note.
    NoteConflict,
}

/// One row of the access log; never a message's content or a participant id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessEntry {
    pub at: String,
    /// `None`: a refused desk token.
    pub contact_id: Option<String>,
    pub action: String,
    pub detail: Option<String>,
}

enum Job {
    Put(Put),
    Status(StatusWrite, oneshot::Sender<Result<StatusOutcome, String>>),
    Log(AccessEntry, oneshot::Sender<Result<(), String>>),
    /// Deletes handled messages past their retention; answers how many.
    Retain(u32, oneshot::Sender<Result<usize, String>>),
}

impl Job {
    fn fail(self, why: &str) {
        match self {
            Job::Put(put) => drop(put.reply.send(Err(why.into()))),
            Job::Status(_, reply) => drop(reply.send(Err(why.into()))),
            Job::Log(_, reply) => drop(reply.send(Err(why.into()))),
            Job::Retain(_, reply) => drop(reply.send(Err(why.into()))),
        }
    }
}

/// What one job did, answered once its batch is committed.
enum Done {
    Put(Outcome),
    Status(StatusOutcome),
    Log,
    Retain(usize),
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
        Self::open_retaining(path, None)
    }

    /// As [`Store::open`], deleting handled messages older than `retain_days` before the
    /// first request is taken.
    pub fn open_retaining(path: &Path, retain_days: Option<u32>) -> Result<Self, crate::Error> {
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
        let mut conn = conn;
        if let Some(days) = retain_days {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let deleted = retain(&tx, days)?;
            tx.commit()?;
            if deleted > 0 {
                eprintln!(
                    "koers-server: deleted {deleted} handled messages older than {days} days"
                );
            }
        }
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
        let (reply, answer) = oneshot::channel();
        self.send(
            Job::Put(Put {
                kind,
                id,
                body,
                writer,
                check,
                reply,
            }),
            answer,
        )
        .await
    }

    /// Sets a message's status for the desk of `write.contact_id`, and logs it.
    pub async fn set_status(&self, write: StatusWrite) -> Result<StatusOutcome, String> {
        let (reply, answer) = oneshot::channel();
        self.send(Job::Status(write, reply), answer).await
    }

    /// Appends to the access log; answers once it is on disk.
    pub async fn log_access(&self, entry: AccessEntry) -> Result<(), String> {
        let (reply, answer) = oneshot::channel();
        self.send(Job::Log(entry, reply), answer).await
    }

    /// Deletes handled messages (and their status) older than `days`.
    pub async fn retain(&self, days: u32) -> Result<usize, String> {
        let (reply, answer) = oneshot::channel();
        self.send(Job::Retain(days, reply), answer).await
    }

    async fn send<T>(
        &self,
        job: Job,
        answer: oneshot::Receiver<Result<T, String>>,
    ) -> Result<T, String> {
        let tx = self.tx.lock().unwrap_or_else(|e| e.into_inner()).clone();
        let tx = tx.ok_or("the inbox is closing")?;
        tx.send(job).await.map_err(|_| "the inbox writer stopped")?;
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
                for (job, done) in batch.drain(..).zip(outcomes) {
                    match (job, done) {
                        (Job::Put(put), Done::Put(outcome)) => drop(put.reply.send(Ok(outcome))),
                        (Job::Status(_, reply), Done::Status(outcome)) => {
                            drop(reply.send(Ok(outcome)))
                        }
                        (Job::Log(_, reply), Done::Log) => drop(reply.send(Ok(()))),
                        (Job::Retain(_, reply), Done::Retain(n)) => drop(reply.send(Ok(n))),
                        (job, _) => job.fail("the inbox writer mixed up its answers"),
                    }
                }
            }
            Err(e) => {
                eprintln!("koers-server: inbox write failed: {e}");
                for job in batch.drain(..) {
                    job.fail("the inbox could not store this");
                }
            }
        }
    }
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

fn write_batch(conn: &mut Connection, batch: &[Job]) -> rusqlite::Result<Vec<Done>> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let mut outcomes = Vec::with_capacity(batch.len());
    for job in batch {
        outcomes.push(match job {
            Job::Put(put) => Done::Put(write_put(&tx, put)?),
            Job::Status(write, _) => Done::Status(write_status(&tx, write)?),
            Job::Log(entry, _) => {
                write_log(&tx, entry)?;
                Done::Log
            }
            Job::Retain(days, _) => Done::Retain(retain(&tx, *days)?),
        });
    }
    tx.commit()?;
    Ok(outcomes)
}

fn write_put(tx: &Connection, job: &Put) -> rusqlite::Result<Outcome> {
    let mut select = tx.prepare_cached("SELECT body, received_at FROM inbox WHERE id = ?1")?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO inbox (id, kind, body, received_at, writer) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    let existing: Option<(String, String)> = select
        .query_row([&job.id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    Ok(match existing {
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
    })
}

/// A message's status row, or what an unmarked message has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusRow {
    pub status: MessageStatus,
    pub read_at: Option<String>,
    pub handled_at: Option<String>,
    pub note: Option<String>,
}

fn status_of(text: Option<&str>) -> MessageStatus {
    // A status this version does not know is left as it was written and read as the
    // furthest one, so a message never looks less done than it is.
    text.map_or(MessageStatus::Received, |s| {
        MessageStatus::parse(s).unwrap_or(MessageStatus::Handled)
    })
}

fn write_status(tx: &Connection, write: &StatusWrite) -> rusqlite::Result<StatusOutcome> {
    let current = tx
        .prepare_cached(
            "SELECT s.status, s.read_at, s.handled_at, s.note FROM inbox i
             LEFT JOIN message_status s ON s.id = i.id
             WHERE i.id = ?1 AND i.kind = 'messages' AND json_extract(i.body, '$.to') = ?2",
        )?
        .query_row([&write.id, &write.contact_id], |r| {
            Ok(StatusRow {
                status: status_of(r.get_ref(0)?.as_str_or_null()?),
                read_at: r.get(1)?,
                handled_at: r.get(2)?,
                note: r.get(3)?,
            })
        })
        .optional()?;
    let Some(mut row) = current else {
        write_log(
            tx,
            &AccessEntry::now(&write.contact_id, "status", Some("not found".into())),
        )?;
        return Ok(StatusOutcome::NotFound);
    };
    let next = row.status.apply(write.wanted);
    let at = now();
    if next == MessageStatus::Handled && row.status == MessageStatus::Handled {
        // A retry of the same change is fine; another note would silently be lost.
        if write.note.is_some() && write.note != row.note {
            return Ok(StatusOutcome::NoteConflict);
        }
    } else if next == MessageStatus::Handled {
        row.handled_at = Some(at.clone());
        row.note = write.note.clone();
    }
    if next == MessageStatus::Read && row.read_at.is_none() {
        row.read_at = Some(at.clone());
    }
    if next != row.status {
        row.status = next;
        tx.prepare_cached(
            "INSERT INTO message_status (id, status, read_at, handled_at, note)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (id) DO UPDATE SET status = ?2, read_at = ?3, handled_at = ?4, note = ?5",
        )?
        .execute(rusqlite::params![
            write.id,
            row.status.as_str(),
            row.read_at,
            row.handled_at,
            row.note
        ])?;
    }
    write_log(
        tx,
        &AccessEntry::now(
            &write.contact_id,
            "status",
            Some(format!(
                "{} {} -> {}",
                write.id,
                match write.wanted {
                    WantedStatus::Read => "read",
                    WantedStatus::Handled => "handled",
                },
                row.status.as_str()
            )),
        ),
    )?;
    Ok(StatusOutcome::Changed(StatusAnswer {
        id: write.id.clone(),
        status: row.status,
        read_at: row.read_at,
        handled_at: row.handled_at,
    }))
}

impl AccessEntry {
    pub fn now(contact_id: &str, action: &str, detail: Option<String>) -> Self {
        Self {
            at: now(),
            contact_id: Some(contact_id.to_string()),
            action: action.to_string(),
            detail,
        }
    }

    pub fn refused(action: &str, detail: &str) -> Self {
        Self {
            at: now(),
            contact_id: None,
            action: "refused".to_string(),
            detail: Some(format!("{action}: {detail}")),
        }
    }
}

fn write_log(tx: &Connection, entry: &AccessEntry) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT INTO access_log (at, contact_id, action, detail) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(rusqlite::params![
        entry.at,
        entry.contact_id,
        entry.action,
        entry.detail
    ])?;
    Ok(())
}

/// Deletes handled messages whose `handled_at` is past `days` (`model::desk::is_expired`),
/// with their status rows; answers how many messages went.
fn retain(tx: &Connection, days: u32) -> rusqlite::Result<usize> {
    let now = chrono::Utc::now();
    let expired: Vec<String> = {
        let mut stmt = tx.prepare_cached(
            "SELECT id, handled_at FROM message_status
             WHERE status = 'handled' AND handled_at IS NOT NULL",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut expired = Vec::new();
        for row in rows {
            let (id, handled_at) = row?;
            if desk::is_expired(&handled_at, now, days) {
                expired.push(id);
            }
        }
        expired
    };
    let mut deleted = 0;
    for id in &expired {
        tx.prepare_cached("DELETE FROM message_status WHERE id = ?1")?
            .execute([id])?;
        deleted += tx
            .prepare_cached("DELETE FROM inbox WHERE id = ?1 AND kind = 'messages'")?
            .execute([id])?;
    }
    Ok(deleted)
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

/// One of a contact's messages with its status, as the desk lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeskRow {
    pub id: String,
    pub received_at: String,
    pub body: String,
    pub writer: Option<String>,
    pub status: StatusRow,
}

/// A page of `contact_id`'s messages, newest first (`received_at`, then id), strictly
/// after `before` in that order, at most `limit` (+1, so the caller knows whether there
/// is a next page).
pub fn desk_messages(
    conn: &Connection,
    contact_id: &str,
    status: Option<MessageStatus>,
    before: Option<&desk::Cursor>,
    limit: u32,
) -> rusqlite::Result<Vec<DeskRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT i.id, i.received_at, i.body, i.writer, s.status, s.read_at, s.handled_at, s.note
         FROM inbox i LEFT JOIN message_status s ON s.id = i.id
         WHERE i.kind = 'messages' AND json_extract(i.body, '$.to') = ?1
           AND (?2 IS NULL OR COALESCE(s.status, 'received') = ?2)
           AND (?3 IS NULL OR (i.received_at, i.id) < (?3, ?4))
         ORDER BY i.received_at DESC, i.id DESC
         LIMIT ?5",
    )?;
    let rows = stmt.query_map(
        rusqlite::params![
            contact_id,
            status.map(MessageStatus::as_str),
            before.map(|c| c.received_at.as_str()),
            before.map(|c| c.id.as_str()),
            i64::from(limit) + 1
        ],
        |r| {
            Ok(DeskRow {
                id: r.get(0)?,
                received_at: r.get(1)?,
                body: r.get(2)?,
                writer: r.get(3)?,
                status: StatusRow {
                    status: status_of(r.get_ref(4)?.as_str_or_null()?),
                    read_at: r.get(5)?,
                    handled_at: r.get(6)?,
                    note: r.get(7)?,
                },
            })
        },
    )?;
    rows.collect()
}

/// How many of `contact_id`'s messages are in each status.
pub fn desk_counts(conn: &Connection, contact_id: &str) -> rusqlite::Result<desk::StatusCounts> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.status, COUNT(*) FROM inbox i LEFT JOIN message_status s ON s.id = i.id
         WHERE i.kind = 'messages' AND json_extract(i.body, '$.to') = ?1
         GROUP BY s.status",
    )?;
    let mut counts = desk::StatusCounts::default();
    let mut rows = stmt.query([contact_id])?;
    while let Some(row) = rows.next()? {
        let n = u32::try_from(row.get::<_, i64>(1)?).unwrap_or(u32::MAX);
        let count = match status_of(row.get_ref(0)?.as_str_or_null()?) {
            MessageStatus::Received => &mut counts.received,
            MessageStatus::Read => &mut counts.read,
            MessageStatus::Handled => &mut counts.handled,
        };
        *count = count.saturating_add(n);
    }
    Ok(counts)
}

/// The read receipt of a stored message, by id; `None` for no such message.
pub fn receipt(conn: &Connection, id: &str) -> rusqlite::Result<Option<desk::ReadReceipt>> {
    conn.prepare_cached(
        "SELECT i.received_at, s.status, s.read_at, s.handled_at
         FROM inbox i LEFT JOIN message_status s ON s.id = i.id
         WHERE i.id = ?1 AND i.kind = 'messages'",
    )?
    .query_row([id], |r| {
        let received_at: String = r.get(0)?;
        let status = status_of(r.get_ref(1)?.as_str_or_null()?);
        let read_at: Option<String> = r.get(2)?;
        let handled_at: Option<String> = r.get(3)?;
        Ok(desk::ReadReceipt::new(
            id,
            status,
            &received_at,
            read_at.as_deref(),
            handled_at.as_deref(),
        ))
    })
    .optional()
}

/// Calls `each` with every access log row, oldest first.
pub fn for_each_access(
    conn: &Connection,
    mut each: impl FnMut(AccessEntry),
) -> rusqlite::Result<()> {
    let exists: bool = conn.query_row(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'access_log'",
        [],
        |r| r.get::<_, i64>(0).map(|n| n > 0),
    )?;
    // A database no version 3 server has opened has no access log yet: nothing to show.
    if !exists {
        return Ok(());
    }
    let mut stmt =
        conn.prepare("SELECT at, contact_id, action, detail FROM access_log ORDER BY rowid")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        each(AccessEntry {
            at: row.get(0)?,
            contact_id: row.get(1)?,
            action: row.get(2)?,
            detail: row.get(3)?,
        });
    }
    Ok(())
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

    fn status(contact: &str, id: &str, wanted: WantedStatus) -> StatusWrite {
        StatusWrite {
            contact_id: contact.into(),
            id: id.into(),
            wanted,
            note: None,
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn status_changes_are_serialised_and_retention_runs_as_a_job() {
        let path = temp_db("status");
        let store = Store::open(&path).unwrap();
        let body = r#"{"schema":"koers.message/1","to":"vp-1"}"#;
        for id in ["m1", "m2"] {
            store
                .put(InboxKind::Messages, id.into(), body.into(), Ok(()))
                .await
                .unwrap();
        }
        // Two desks at once: one of them sets the time, both see the same answer.
        let (a, b) = tokio::join!(
            store.set_status(status("vp-1", "m1", WantedStatus::Handled)),
            store.set_status(status("vp-1", "m1", WantedStatus::Handled)),
        );
        assert_eq!(a.unwrap(), b.unwrap());
        assert_eq!(
            store
                .set_status(status("kf-1", "m1", WantedStatus::Read))
                .await
                .unwrap(),
            StatusOutcome::NotFound
        );
        assert_eq!(store.retain(30).await.unwrap(), 0);
        let old = (chrono::Utc::now() - chrono::Duration::days(31))
            .to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
        open_reader(&path)
            .unwrap()
            .execute("UPDATE message_status SET handled_at = ?1", [old])
            .unwrap();
        assert_eq!(store.retain(30).await.unwrap(), 1);
        store.close();
        let conn = open_reader(&path).unwrap();
        assert_eq!(receipt(&conn, "m1").unwrap(), None);
        assert!(receipt(&conn, "m2").unwrap().is_some());
        let mut actions = Vec::new();
        for_each_access(&conn, |e| actions.push((e.contact_id, e.action))).unwrap();
        assert_eq!(actions.len(), 3, "{actions:?}");
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
