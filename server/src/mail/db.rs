//! The `mail_notice` table: one row per contact, on a connection of its own to the inbox's
//! database (the inbox's writer thread knows nothing of mail).

use super::Notice;
use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior};
use std::path::Path;
use std::time::Duration;

const SCHEMA: &str = "
    CREATE TABLE IF NOT EXISTS mail_notice (
        contact_id    TEXT PRIMARY KEY,
        email         TEXT NOT NULL,
        pending_since INTEGER,
        last_sent_at  INTEGER,
        attempts      INTEGER NOT NULL DEFAULT 0,
        next_try_at   INTEGER
    );
";

pub(super) fn open_db(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    // The inbox's writer holds the write lock for its group commits: wait, don't fail.
    conn.busy_timeout(Duration::from_secs(10))?;
    // A recorded notice survives a power cut, as the message it is about does.
    conn.execute_batch("PRAGMA synchronous = FULL;")?;
    conn.execute_batch(SCHEMA)?;
    Ok(conn)
}

pub(super) fn read_notice(conn: &Connection, contact_id: &str) -> rusqlite::Result<Option<Notice>> {
    conn.query_row(
        "SELECT email, pending_since, last_sent_at, attempts, next_try_at
         FROM mail_notice WHERE contact_id = ?1",
        [contact_id],
        row_notice,
    )
    .optional()
}

fn row_notice(r: &rusqlite::Row<'_>) -> rusqlite::Result<Notice> {
    Ok(Notice {
        email: r.get(0)?,
        pending_since: r.get(1)?,
        last_sent_at: r.get(2)?,
        attempts: r.get(3)?,
        next_try_at: r.get(4)?,
    })
}

pub(super) fn write_notice(
    conn: &Connection,
    contact_id: &str,
    n: &Notice,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO mail_notice (contact_id, email, pending_since, last_sent_at, attempts, next_try_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (contact_id) DO UPDATE SET email = ?2, pending_since = ?3,
           last_sent_at = ?4, attempts = ?5, next_try_at = ?6",
        rusqlite::params![
            contact_id,
            n.email,
            n.pending_since,
            n.last_sent_at,
            n.attempts,
            n.next_try_at
        ],
    )?;
    Ok(())
}

/// Every contact with a mail pending.
pub(super) fn pending(conn: &Connection) -> rusqlite::Result<Vec<(String, Notice)>> {
    let mut stmt = conn.prepare(
        "SELECT email, pending_since, last_sent_at, attempts, next_try_at, contact_id
         FROM mail_notice WHERE pending_since IS NOT NULL ORDER BY next_try_at",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(5)?, row_notice(r)?)))?;
    rows.collect()
}

/// Applies `change` to one contact's notice in one transaction, so a message recorded
/// meanwhile is never overwritten by a stale copy.
pub(super) fn update(
    conn: &mut Connection,
    contact_id: &str,
    change: impl FnOnce(Option<Notice>) -> Notice,
) -> rusqlite::Result<Notice> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let notice = change(read_notice(&tx, contact_id)?);
    write_notice(&tx, contact_id, &notice)?;
    tx.commit()?;
    Ok(notice)
}
