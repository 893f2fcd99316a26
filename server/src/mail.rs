//! Notification mail: when a message for a contact is stored, that contact gets an e-mail
//! saying only that there is a new message at the desk (`/balie`).
//!
//! Design:
//! - The inbox never waits for mail. [`Mailer::notify`] only queues; a recorder task writes
//!   the notice to the `mail_notice` table (its own connection, in the inbox's database so
//!   a pending notice survives a restart), and a sender task mails what is due. A mail
//!   server that is down costs retries, never a message or a slower answer.
//! - What is due is decided by [`Throttle`], pure and tested without I/O: at most one mail
//!   per contact per window (10 minutes); messages inside the window are covered by one
//!   mail when it ends; failures are retried with exponential backoff, forever. A short
//!   gathering delay before the first mail lets a burst (an outbox that flushes three
//!   messages when the phone comes online) become one mail.
//! - The mail is the same text for every message: no message text, participant, message id
//!   or time of the message in it (THREAT_MODEL.md). Delivery is at least once: a crash
//!   between the mail server's acceptance and the record of it sends it again on restart.
//! - Trade-off: the notice is recorded just after the message's commit, not in the same
//!   transaction (the inbox's writer knows nothing of mail). A crash in those milliseconds
//!   loses the notice, never the message.

use clap::Args;
use lettre::message::{header::ContentType, Mailbox};
use lettre::transport::smtp::AsyncSmtpTransport;
use lettre::{AsyncFileTransport, AsyncTransport, Message, Tokio1Executor};
use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{mpsc, watch, Notify};

pub const SUBJECT: &str = "Er is een nieuw bericht voor je in Koers";

#[derive(Debug, Clone, Args)]
pub struct MailArgs {
    /// SMTP server for the notification mail to a contact when a message for them is
    /// stored: `smtp://host:25` (unencrypted), `smtp://user:pass@host:587?tls=required`
    /// (STARTTLS), `smtps://user:pass@host:465` (TLS). A path names the EHLO host
    /// (`smtp://host:587/koers.example.org?tls=required`). Prefer the environment
    /// variable: the password is in it.
    #[arg(
        long,
        env = "KOERS_SMTP_URL",
        hide_env_values = true,
        conflicts_with = "mail_dir"
    )]
    pub smtp_url: Option<String>,
    /// The sender of notification mail (`Koers <koers@example.org>`); needed with
    /// --smtp-url.
    #[arg(long, env = "KOERS_MAIL_FROM")]
    pub mail_from: Option<String>,
    /// The desk's address, the only link in the mail. [default: http://<ADDR>/balie]
    #[arg(long, env = "KOERS_DESK_URL")]
    pub desk_url: Option<String>,
    /// Write each notification mail as an .eml file into this directory instead of
    /// sending it (demo and tests: no SMTP server needed).
    #[arg(long, env = "KOERS_MAIL_DIR")]
    pub mail_dir: Option<PathBuf>,
    /// Seconds between two mails to one contact (tests only).
    #[arg(long, hide = true, default_value = "600", value_parser = parse_secs)]
    pub mail_window_secs: Duration,
    /// Seconds a first mail waits for more messages to cover (tests only).
    #[arg(long, hide = true, default_value = "5", value_parser = parse_secs)]
    pub mail_gather_secs: Duration,
    /// First retry delay after a failed send, doubled on each failure (tests only).
    #[arg(long, hide = true, default_value = "5", value_parser = parse_secs)]
    pub mail_retry_secs: Duration,
    /// Longest retry delay (tests only).
    #[arg(long, hide = true, default_value = "600", value_parser = parse_secs)]
    pub mail_retry_max_secs: Duration,
}

impl Default for MailArgs {
    fn default() -> Self {
        let throttle = Throttle::default();
        Self {
            smtp_url: None,
            mail_from: None,
            desk_url: None,
            mail_dir: None,
            mail_window_secs: throttle.window,
            mail_gather_secs: throttle.gather,
            mail_retry_secs: throttle.retry_first,
            mail_retry_max_secs: throttle.retry_max,
        }
    }
}

fn parse_secs(s: &str) -> Result<Duration, String> {
    let secs: f64 = s.parse().map_err(|_| "a number of seconds".to_string())?;
    Duration::try_from_secs_f64(secs).map_err(|_| "a number of seconds, 0 or more".into())
}

/// What the mail state of one contact is: the row of `mail_notice`. Times are Unix
/// milliseconds (wall clock: they must mean the same after a restart).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Notice {
    /// Where the next mail goes: the address of the latest message's contact.
    pub email: String,
    /// A message is waiting for a mail since then; `None`: nothing to send.
    pub pending_since: Option<i64>,
    pub last_sent_at: Option<i64>,
    /// Failed sends of the pending mail.
    pub attempts: u32,
    pub next_try_at: Option<i64>,
}

/// When a contact's mail is due. Pure: the I/O around it only stores what it returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Throttle {
    pub window: Duration,
    pub gather: Duration,
    pub retry_first: Duration,
    pub retry_max: Duration,
}

impl Default for Throttle {
    fn default() -> Self {
        Self {
            window: Duration::from_secs(600),
            gather: Duration::from_secs(5),
            retry_first: Duration::from_secs(5),
            retry_max: Duration::from_secs(600),
        }
    }
}

fn ms(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

impl Throttle {
    /// A new message for this contact was stored at `now`.
    pub fn message(&self, old: Option<Notice>, email: &str, now: i64) -> Notice {
        let mut notice = old.unwrap_or_default();
        notice.email = email.to_string();
        if notice.pending_since.is_none() {
            // A mail already pending covers this message, and keeps its retry schedule: a
            // stream of messages must not hammer a mail server that is down.
            let window_ends = notice
                .last_sent_at
                .map_or(now, |sent| sent.saturating_add(ms(self.window)))
                // A clock set back must not postpone the mail by more than one window.
                .min(now.saturating_add(ms(self.window)));
            notice.pending_since = Some(now);
            notice.attempts = 0;
            notice.next_try_at = Some(now.saturating_add(ms(self.gather)).max(window_ends));
        }
        notice
    }

    /// The pending mail was accepted by the mail server at `now`. Every message stored
    /// before this is covered: the adviser who follows the link sees them all.
    pub fn sent(&self, mut notice: Notice, now: i64) -> Notice {
        notice.pending_since = None;
        notice.last_sent_at = Some(now);
        notice.attempts = 0;
        notice.next_try_at = None;
        notice
    }

    /// Sending the pending mail failed at `now`.
    pub fn failed(&self, mut notice: Notice, now: i64) -> Notice {
        notice.attempts = notice.attempts.saturating_add(1);
        notice.next_try_at = Some(now.saturating_add(ms(self.retry_delay(notice.attempts))));
        notice
    }

    /// The wait after the `attempts`-th failure: doubling from `retry_first`, at most
    /// `retry_max`.
    pub fn retry_delay(&self, attempts: u32) -> Duration {
        let factor = 1u32
            .checked_shl(attempts.saturating_sub(1))
            .unwrap_or(u32::MAX);
        self.retry_first.saturating_mul(factor).min(self.retry_max)
    }

    /// When this contact's mail should go, if one is pending. A time further ahead than
    /// any schedule this throttle makes (the clock was set back) means now.
    pub fn due_at(&self, notice: &Notice, now: i64) -> Option<i64> {
        notice.pending_since?;
        let horizon = now.saturating_add(ms(self.window.max(self.retry_max) + self.gather));
        Some(match notice.next_try_at {
            Some(at) if at <= horizon => at,
            _ => now,
        })
    }

    pub fn is_due(&self, notice: &Notice, now: i64) -> bool {
        self.due_at(notice, now).is_some_and(|at| at <= now)
    }
}

fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// The whole mail: the same for every message, so it can reveal nothing about one.
pub fn compose(from: &Mailbox, to: &Mailbox, desk_url: &str) -> Result<Message, String> {
    let domain = from.email.domain().to_string();
    // Short lines, so the mail goes as plain 7-bit text and the link is never broken up.
    let body = format!(
        "Hallo,\n\n\
         Er is een nieuw bericht voor je in Koers. Je leest het op de balie:\n\n\
         {desk_url}\n\n\
         In deze e-mail staat niet wat er in het bericht staat\n\
         en ook niet van wie het is. Kwamen er meer berichten?\n\
         Dan krijg je niet voor elk bericht een e-mail.\n\n\
         There is a new message for you in Koers. Read it at the desk:\n\
         {desk_url}\n"
    );
    Message::builder()
        .from(from.clone())
        .to(to.clone())
        .subject(SUBJECT)
        .message_id(Some(format!("<{}@{domain}>", uuid::Uuid::new_v4())))
        .header(ContentType::TEXT_PLAIN)
        .body(body)
        .map_err(|e| e.to_string())
}

enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Dir(AsyncFileTransport<Tokio1Executor>),
}

impl Transport {
    async fn send(&self, message: Message) -> Result<(), String> {
        match self {
            Self::Smtp(t) => t.send(message).await.map(drop).map_err(|e| e.to_string()),
            Self::Dir(t) => t.send(message).await.map(drop).map_err(|e| e.to_string()),
        }
    }
}

/// `smtp://user:pass@host:587?tls=required` → `smtp://host:587?tls=required`: what may be
/// logged of a URL with a password in it.
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return "(not a URL)".into();
    };
    let end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let query = tail.split_once('?').map_or("", |(_, q)| q);
    let tls: Vec<_> = query.split('&').filter(|p| p.starts_with("tls=")).collect();
    if tls.is_empty() {
        format!("{scheme}://{host}")
    } else {
        format!("{scheme}://{host}?{}", tls.join("&"))
    }
}

struct Event {
    contact_id: String,
    email: String,
}

struct Worker {
    db: Arc<Mutex<Connection>>,
    transport: Transport,
    from: Mailbox,
    desk_url: String,
    throttle: Throttle,
}

/// The inbox's handle on notification mail (in `AppState` when mail is configured).
pub struct Mailer {
    tx: mpsc::UnboundedSender<Event>,
    parts: Mutex<Option<(Worker, mpsc::UnboundedReceiver<Event>)>>,
}

/// The running recorder and sender; [`MailTasks::stop`] at shutdown.
pub struct MailTasks {
    stop: watch::Sender<bool>,
    recorder: tokio::task::JoinHandle<()>,
    sender: tokio::task::JoinHandle<()>,
}

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

fn open_db(path: &Path) -> rusqlite::Result<Connection> {
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

fn read_notice(conn: &Connection, contact_id: &str) -> rusqlite::Result<Option<Notice>> {
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

fn write_notice(conn: &Connection, contact_id: &str, n: &Notice) -> rusqlite::Result<()> {
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
fn pending(conn: &Connection) -> rusqlite::Result<Vec<(String, Notice)>> {
    let mut stmt = conn.prepare(
        "SELECT email, pending_since, last_sent_at, attempts, next_try_at, contact_id
         FROM mail_notice WHERE pending_since IS NOT NULL ORDER BY next_try_at",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(5)?, row_notice(r)?)))?;
    rows.collect()
}

/// Applies `change` to one contact's notice in one transaction, so a message recorded
/// meanwhile is never overwritten by a stale copy.
fn update(
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

impl Worker {
    async fn db<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Connection) -> rusqlite::Result<T> + Send + 'static,
    ) -> Result<T, String> {
        let db = self.db.clone();
        tokio::task::spawn_blocking(move || {
            let mut conn = db.lock().unwrap_or_else(|e| e.into_inner());
            f(&mut conn).map_err(|e| e.to_string())
        })
        .await
        .map_err(|e| e.to_string())?
    }

    async fn record(&self, events: Vec<Event>) {
        let throttle = self.throttle;
        let done = self
            .db(move |conn| {
                let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
                for event in &events {
                    let old = read_notice(&tx, &event.contact_id)?;
                    let notice = throttle.message(old, &event.email, now_ms());
                    write_notice(&tx, &event.contact_id, &notice)?;
                }
                tx.commit()
            })
            .await;
        if let Err(e) = done {
            eprintln!("koers-server: a notification mail could not be recorded: {e}");
        }
    }

    async fn record_loop(
        self: Arc<Self>,
        mut rx: mpsc::UnboundedReceiver<Event>,
        mut stop: watch::Receiver<bool>,
        wake: Arc<Notify>,
    ) {
        loop {
            let first = tokio::select! {
                event = rx.recv() => event,
                _ = stop.changed() => None,
            };
            let Some(first) = first else { break };
            let mut events = vec![first];
            while let Ok(event) = rx.try_recv() {
                events.push(event);
            }
            self.record(events).await;
            wake.notify_one();
        }
        // What was queued before the shutdown is recorded, so the restarted server mails it.
        rx.close();
        let mut events = Vec::new();
        while let Ok(event) = rx.try_recv() {
            events.push(event);
        }
        if !events.is_empty() {
            self.record(events).await;
        }
    }

    async fn send_loop(self: Arc<Self>, mut stop: watch::Receiver<bool>, wake: Arc<Notify>) {
        loop {
            let next = match self.send_due(&mut stop).await {
                Some(next) => next,
                None => return,
            };
            let sleep = async {
                match next {
                    Some(at) => {
                        let wait = u64::try_from(at - now_ms()).unwrap_or(0);
                        tokio::time::sleep(Duration::from_millis(wait)).await
                    }
                    None => std::future::pending().await,
                }
            };
            tokio::select! {
                _ = sleep => {}
                _ = wake.notified() => {}
                _ = stop.changed() => return,
            }
        }
    }

    /// Sends every mail that is due; `None` when stopped, else when to look again.
    async fn send_due(&self, stop: &mut watch::Receiver<bool>) -> Option<Option<i64>> {
        let notices = match self.db(|conn| pending(conn)).await {
            Ok(notices) => notices,
            Err(e) => {
                eprintln!("koers-server: notification mail: cannot read what is due: {e}");
                return Some(Some(now_ms() + ms(self.throttle.retry_first)));
            }
        };
        let mut next: Option<i64> = None;
        for (contact_id, notice) in notices {
            let now = now_ms();
            if !self.throttle.is_due(&notice, now) {
                next = earliest(next, self.throttle.due_at(&notice, now));
                continue;
            }
            let sent = tokio::select! {
                sent = self.send(&notice.email) => sent,
                _ = stop.changed() => return None,
            };
            let throttle = self.throttle;
            let ok = sent.is_ok();
            let id = contact_id.clone();
            let updated = self
                .db(move |conn| {
                    update(conn, &id, |old| {
                        let old = old.unwrap_or(notice);
                        if ok {
                            throttle.sent(old, now_ms())
                        } else {
                            throttle.failed(old, now_ms())
                        }
                    })
                })
                .await;
            match (&sent, &updated) {
                (Err(e), Ok(n)) => eprintln!(
                    "koers-server: notification mail for contact {contact_id} failed (attempt {}, next in {} s): {e}",
                    n.attempts,
                    self.throttle.retry_delay(n.attempts).as_secs_f64()
                ),
                (Err(e), Err(db)) => eprintln!(
                    "koers-server: notification mail for contact {contact_id} failed: {e}; and not recorded: {db}"
                ),
                (Ok(()), Err(db)) => eprintln!(
                    "koers-server: notification mail for contact {contact_id} sent but not recorded (it may be sent twice): {db}"
                ),
                (Ok(()), Ok(_)) => {}
            }
            let again = match updated {
                Ok(n) => self.throttle.due_at(&n, now_ms()),
                Err(_) => Some(now_ms() + ms(self.throttle.retry_first)),
            };
            next = earliest(next, again);
        }
        Some(next)
    }

    async fn send(&self, email: &str) -> Result<(), String> {
        let to: Mailbox = email.parse().map_err(|e| format!("not an address: {e}"))?;
        let message = compose(&self.from, &to, &self.desk_url)?;
        self.transport.send(message).await
    }
}

fn earliest(a: Option<i64>, b: Option<i64>) -> Option<i64> {
    a.into_iter().chain(b).min()
}

impl Mailer {
    /// `None` when neither --smtp-url nor --mail-dir is given. Opens its own connection to
    /// the inbox's database (`database`, already created in WAL mode by the store).
    pub fn new(
        args: &MailArgs,
        database: &Path,
        addr: SocketAddr,
    ) -> Result<Option<Self>, crate::Error> {
        let transport = match (&args.smtp_url, &args.mail_dir) {
            (Some(url), _) => {
                let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| format!("--smtp-url {}: {e}", redact(url)))?
                    .timeout(Some(Duration::from_secs(30)))
                    .build();
                Transport::Smtp(transport)
            }
            (None, Some(dir)) => {
                std::fs::create_dir_all(dir).map_err(|e| {
                    format!("cannot create the mail directory {}: {e}", dir.display())
                })?;
                Transport::Dir(AsyncFileTransport::<Tokio1Executor>::new(dir))
            }
            (None, None) => return Ok(None),
        };
        let from = match (&args.mail_from, &transport) {
            (Some(from), _) => from
                .parse::<Mailbox>()
                .map_err(|e| format!("--mail-from {from}: {e}"))?,
            (None, Transport::Dir(_)) => "Koers <koers@localhost>".parse::<Mailbox>()?,
            (None, Transport::Smtp(_)) => return Err("--smtp-url needs --mail-from".into()),
        };
        let desk_url = args
            .desk_url
            .clone()
            .unwrap_or_else(|| format!("http://{addr}/balie"));
        let db = open_db(database).map_err(|e| {
            format!(
                "cannot open {} for notification mail: {e}",
                database.display()
            )
        })?;
        match (&args.smtp_url, &args.mail_dir) {
            (Some(url), _) => eprintln!(
                "koers-server: notification mail via {} from {from}, desk link {desk_url}",
                redact(url)
            ),
            (None, Some(dir)) => eprintln!(
                "koers-server: notification mail written to {} (not sent), desk link {desk_url}",
                dir.display()
            ),
            _ => {}
        }
        let throttle = Throttle {
            window: args.mail_window_secs,
            gather: args.mail_gather_secs,
            retry_first: args.mail_retry_secs,
            retry_max: args.mail_retry_max_secs,
        };
        let worker = Worker {
            db: Arc::new(Mutex::new(db)),
            transport,
            from,
            desk_url,
            throttle,
        };
        let (tx, rx) = mpsc::unbounded_channel();
        Ok(Some(Self {
            tx,
            parts: Mutex::new(Some((worker, rx))),
        }))
    }

    /// A message for this contact was stored (created, not a repeat). Never waits.
    pub fn notify(&self, contact_id: &str, email: &str) {
        if email.parse::<Mailbox>().is_err() {
            eprintln!(
                "koers-server: contact {contact_id} has an e-mail address that is not one; no notification mail"
            );
            return;
        }
        let _ = self.tx.send(Event {
            contact_id: contact_id.to_string(),
            email: email.to_string(),
        });
    }

    /// Starts the recorder and the sender (once; `None` after that). Needs a Tokio runtime.
    pub fn start(&self) -> Option<MailTasks> {
        let (worker, rx) = self
            .parts
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()?;
        let worker = Arc::new(worker);
        let (stop, stopped) = watch::channel(false);
        let wake = Arc::new(Notify::new());
        let recorder = tokio::spawn(
            worker
                .clone()
                .record_loop(rx, stopped.clone(), wake.clone()),
        );
        let sender = tokio::spawn(worker.send_loop(stopped, wake));
        Some(MailTasks {
            stop,
            recorder,
            sender,
        })
    }
}

impl MailTasks {
    /// Records what is queued and stops; a mail being sent is abandoned and stays pending.
    pub async fn stop(self) {
        let _ = self.stop.send(true);
        let _ = self.recorder.await;
        let _ = self.sender.await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: i64 = 60_000;

    fn throttle() -> Throttle {
        Throttle::default()
    }

    #[test]
    fn a_first_message_is_mailed_after_the_gathering_delay() {
        let t = throttle();
        let n = t.message(None, "a@example.org", 1_000);
        assert_eq!(n.pending_since, Some(1_000));
        assert_eq!(n.next_try_at, Some(6_000));
        assert!(!t.is_due(&n, 5_999));
        assert!(t.is_due(&n, 6_000));
    }

    #[test]
    fn messages_before_the_mail_are_covered_by_it() {
        let t = throttle();
        let n = t.message(None, "a@example.org", 0);
        let n = t.message(Some(n), "a@example.org", 2_000);
        let n = t.message(Some(n), "b@example.org", 4_000);
        assert_eq!(n.pending_since, Some(0));
        assert_eq!(
            n.next_try_at,
            Some(5_000),
            "later messages do not postpone it"
        );
        assert_eq!(n.email, "b@example.org", "the latest address is used");
        let n = t.sent(n, 5_100);
        assert_eq!(t.due_at(&n, 5_100), None);
        assert_eq!(n.last_sent_at, Some(5_100));
    }

    #[test]
    fn at_most_one_mail_per_window_and_none_dropped() {
        let t = throttle();
        let n = t.sent(t.message(None, "a@example.org", 0), 5_000);
        // Inside the window: one mail when the window ends, however many messages.
        let mut n = t.message(Some(n), "a@example.org", 6_000);
        for at in [7_000, 3 * MIN, 9 * MIN] {
            n = t.message(Some(n), "a@example.org", at);
        }
        assert_eq!(n.next_try_at, Some(5_000 + 10 * MIN));
        assert!(!t.is_due(&n, 5_000 + 10 * MIN - 1));
        assert!(t.is_due(&n, 5_000 + 10 * MIN));
        // After the window: only the gathering delay.
        let n = t.sent(n, 5_000 + 10 * MIN);
        let n = t.message(Some(n), "a@example.org", 30 * MIN);
        assert_eq!(n.next_try_at, Some(30 * MIN + 5_000));
    }

    #[test]
    fn failures_back_off_doubling_to_ten_minutes_and_never_give_up() {
        let t = throttle();
        let delays: Vec<u64> = (1..=10).map(|a| t.retry_delay(a).as_secs()).collect();
        assert_eq!(delays, [5, 10, 20, 40, 80, 160, 320, 600, 600, 600]);
        assert_eq!(t.retry_delay(u32::MAX), Duration::from_secs(600));
        let mut n = t.message(None, "a@example.org", 0);
        for _ in 0..1000 {
            n = t.failed(n, 0);
        }
        assert_eq!(n.attempts, 1000);
        assert_eq!(n.next_try_at, Some(10 * MIN), "still pending, still tried");
        // A message during the failures keeps the schedule and the count.
        let n2 = t.message(Some(n.clone()), "a@example.org", 1);
        assert_eq!((n2.attempts, n2.next_try_at), (n.attempts, n.next_try_at));
        let n = t.sent(n2, 10 * MIN);
        assert_eq!(n.attempts, 0);
    }

    #[test]
    fn a_clock_set_back_postpones_nothing_beyond_one_window() {
        let t = throttle();
        let future = 1_000 * MIN;
        let n = t.sent(t.message(None, "a@example.org", future), future);
        let n = t.message(Some(n), "a@example.org", 0);
        assert_eq!(n.next_try_at, Some(10 * MIN));
        let stale = Notice {
            pending_since: Some(0),
            next_try_at: Some(future),
            ..Notice::default()
        };
        assert!(t.is_due(&stale, 0));
    }

    #[test]
    fn the_mail_names_only_the_desk() {
        let from: Mailbox = "Koers <koers@example.org>".parse().unwrap();
        let to: Mailbox = "vp@example.org".parse().unwrap();
        let mail = compose(&from, &to, "https://koers.example.org/balie").unwrap();
        let text = String::from_utf8(mail.formatted()).unwrap();
        assert!(text.contains("Subject: Er is een nieuw bericht voor je in Koers"));
        assert!(text.contains("https://koers.example.org/balie"));
        assert!(text.contains("Message-ID: <"));
        assert!(text.contains("@example.org>"));
        assert!(text.contains("Content-Transfer-Encoding: 7bit"), "{text}");
    }

    #[test]
    fn credentials_are_never_logged() {
        assert_eq!(
            redact("smtp://user:s3cret@mail.example.org:587?tls=required"),
            "smtp://mail.example.org:587?tls=required"
        );
        assert_eq!(redact("smtps://u:p@h:465/ehlo"), "smtps://h:465");
        assert_eq!(redact("smtp://127.0.0.1:25"), "smtp://127.0.0.1:25");
        assert_eq!(redact("s3cret"), "(not a URL)");
    }
}
