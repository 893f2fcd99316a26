//! Notification mail: when a message for a contact is stored, that contact gets an e-mail
//! saying only that there is a new message at the desk (`/balie`).
//!
//! Design:
//! - The inbox never waits for mail. [`Mailer::notify`] only queues; a recorder task writes
//!   the notice to the `mail_notice` table (its own connection, in the inbox's database so
//!   a pending notice survives a restart), and a sender task mails what is due. A mail
//!   server that is down costs retries, never a message or a slower answer.
//! - What is due is decided by [`Throttle`] (`throttle.rs`), pure and tested without I/O;
//!   `db.rs` only stores what it returns. At most one mail per contact per window (10
//!   minutes); messages inside the window are covered by one mail when it ends; failures
//!   are retried with exponential backoff, forever. A short gathering delay before the
//!   first mail lets a burst (an outbox that flushes three messages when the phone comes
//!   online) become one mail.
//! - The mail is the same text for every message: no message text, participant, message id
//!   or time of the message in it (THREAT_MODEL.md). Delivery is at least once: a crash
//!   between the mail server's acceptance and the record of it sends it again on restart.
//! - Trade-off: the notice is recorded just after the message's commit, not in the same
//!   transaction (the inbox's writer knows nothing of mail). A crash in those milliseconds
//!   loses the notice, never the message.

mod db;
mod throttle;

pub use throttle::{Notice, Throttle};

use clap::Args;
use db::{open_db, pending, read_notice, update, write_notice};
use lettre::message::{header::ContentType, Mailbox};
use lettre::transport::smtp::AsyncSmtpTransport;
use lettre::{AsyncFileTransport, AsyncTransport, Message, Tokio1Executor};
use rusqlite::{Connection, TransactionBehavior};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use throttle::ms;
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
