//! Notification mail over real HTTP and real SMTP: the server mails a contact when a
//! message for them is stored, through Python's `aiosmtpd` on loopback (`smtp_sink.py`,
//! started here). `cargo xtask setup` installs it into `.tools/venv`; set
//! `KOERS_TEST_PYTHON` to use another Python. Windows and retries are shortened with the
//! server's hidden flags, so nothing here waits ten minutes.

mod common;
#[path = "../../tests/common/python.rs"]
mod python;

use common::*;
use koers_server::config::ServeArgs;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const VP_EMAIL: &str = "mira.jansen@example.org";
/// Takes messages, has no address: gets no mail.
const NO_EMAIL: &str = "nm-1";
const DESK: &str = "https://koers.example.org/balie";
const WINDOW: Duration = Duration::from_secs(3);
const GATHER: Duration = Duration::from_secs(1);

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// `smtp_sink.py` on 127.0.0.1:`port`, writing each mail into `dir`.
struct Sink {
    port: u16,
    dir: PathBuf,
    child: Option<Child>,
}

impl Sink {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!(
            "koers-mail-sink-{name}-{}-{}",
            std::process::id(),
            uuid()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        Self {
            port: free_port(),
            dir,
            child: None,
        }
    }

    fn started(name: &str) -> Self {
        let mut sink = Self::new(name);
        sink.start();
        sink
    }

    fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    fn start(&mut self) {
        use std::io::BufRead;
        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/smtp_sink.py");
        let mut child = Command::new(python::with_module("aiosmtpd"))
            .arg(script)
            .arg(self.port.to_string())
            .arg(&self.dir)
            .stdout(Stdio::piped())
            .spawn()
            .unwrap();
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        assert_eq!(line.trim(), "ready", "the SMTP sink did not start");
        self.child = Some(child);
    }

    fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    fn mails(&self) -> Vec<String> {
        mails_in(&self.dir)
    }

    fn wait_for(&self, n: usize, within: Duration) -> Vec<String> {
        wait_for_mails(&self.dir, n, within)
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        self.stop();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn mails_in(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "eml"))
        .map(|p| decode_quoted_printable(&std::fs::read_to_string(p).unwrap()))
        .collect()
}

/// The mail as its reader sees it: a secret split by a soft line break (`=\r\n`) or
/// written `=3D` must not slip past a `contains` check.
fn decode_quoted_printable(mail: &str) -> String {
    let joined = mail.replace("=\r\n", "").replace("=\n", "");
    let mut out = Vec::new();
    let bytes = joined.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'=', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn wait_for_mails(dir: &Path, n: usize, within: Duration) -> Vec<String> {
    let deadline = Instant::now() + within;
    loop {
        let mails = mails_in(dir);
        if mails.len() >= n || Instant::now() > deadline {
            assert_eq!(mails.len(), n, "mails after {within:?}: {mails:#?}");
            return mails;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The fixture contacts with an address for vp-1, and a contact that takes messages but
/// has no address.
fn write_contacts(args: &ServeArgs) {
    let path = args.dist.join("api/v1/contacts.json");
    let mut contacts: Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    contacts["contacts"][0]["email"] = json!(VP_EMAIL);
    contacts["contacts"].as_array_mut().unwrap().push(
        json!({"id": NO_EMAIL, "name": "Zonder Mail", "role": "confidential_adviser",
                     "phone": "+31201112255", "accepts_messages": true}),
    );
    std::fs::write(path, contacts.to_string()).unwrap();
}

fn short_timers(args: &mut ServeArgs) {
    args.mail.mail_window_secs = WINDOW;
    args.mail.mail_gather_secs = GATHER;
    args.mail.mail_retry_secs = Duration::from_millis(200);
    args.mail.mail_retry_max_secs = Duration::from_millis(800);
    args.mail.mail_from = Some("Koers <koers@example.org>".into());
    args.mail.desk_url = Some(DESK.into());
}

fn server_for(sink: &Sink, configure: impl FnOnce(&mut ServeArgs)) -> TestServer {
    let url = sink.url();
    TestServer::start(move |args| {
        write_contacts(args);
        short_timers(args);
        args.mail.smtp_url = Some(url);
        configure(args);
    })
}

/// A message with a text of its own, anonymous or in [`WRITER`]'s name.
fn post_message(server: &TestServer, to: &str, named: bool) -> (String, String) {
    let id = uuid();
    let text = format!("Geheime tekst {}", uuid());
    let mut body = if named {
        named_message(&id, to)
    } else {
        message(&id, to)
    };
    body["body"] = json!(text);
    let (status, answer, _) = if named {
        server.post_as_writer("messages", &body.to_string())
    } else {
        server.post_json("messages", &body.to_string())
    };
    assert_eq!(status, 201, "{answer}");
    (id, text)
}

/// The notice and only the notice: to the contact, the desk link, none of `secrets`.
fn assert_notice(mail: &str, secrets: &[&str]) {
    assert!(
        mail.contains(&format!("X-Envelope-To: {VP_EMAIL}")),
        "{mail}"
    );
    assert!(mail.contains(&format!("To: {VP_EMAIL}")), "{mail}");
    assert!(
        mail.contains("Subject: Er is een nieuw bericht voor je in Koers"),
        "{mail}"
    );
    assert!(mail.contains(DESK), "{mail}");
    for secret in secrets {
        assert!(!mail.contains(secret), "{secret:?} in the mail:\n{mail}");
    }
}

#[test]
fn three_quick_messages_make_one_mail_and_a_later_one_another() {
    // Room for three posts on a busy machine before the first mail goes.
    let gather = Duration::from_secs(2);
    let sink = Sink::started("three");
    let server = server_for(&sink, |args| args.mail.mail_gather_secs = gather);
    let mut secrets = vec![WRITER.to_string(), "06 12345678".to_string()];
    let mut first = None;
    for named in [true, false, true] {
        let (id, text) = post_message(&server, "vp-1", named);
        first.get_or_insert_with(|| (id.clone(), text.clone()));
        secrets.extend([id, text]);
    }
    let mails = sink.wait_for(1, Duration::from_secs(20));
    let sent = Instant::now();
    let secrets_ref: Vec<&str> = secrets.iter().map(String::as_str).collect();
    assert_notice(&mails[0], &secrets_ref);
    assert!(!mails[0].contains("Mira"), "no contact name either needed");

    // The window passes without another mail: all three were covered.
    std::thread::sleep(WINDOW + gather + Duration::from_millis(500));
    assert_eq!(sink.mails().len(), 1);

    // A repeat of a stored message is no new message.
    let (first_id, first_text) = first.unwrap();
    let mut repeat = message(&first_id, "vp-1");
    repeat["participant_id"] = json!(WRITER);
    repeat["body"] = json!(first_text);
    let (status, _, _) = server.post_as_writer("messages", &repeat.to_string());
    assert_eq!(status, 200);
    std::thread::sleep(gather + Duration::from_millis(700));
    assert_eq!(sink.mails().len(), 1, "a repeat is not mailed about");

    // A fourth after the window: a second mail.
    assert!(sent.elapsed() > WINDOW);
    let (id, text) = post_message(&server, "vp-1", false);
    let mails = sink.wait_for(2, Duration::from_secs(20));
    for mail in &mails {
        assert_notice(mail, &[&id, &text, WRITER]);
    }
}

#[test]
fn messages_inside_the_window_get_one_mail_when_it_ends() {
    let sink = Sink::started("window");
    let server = server_for(&sink, |_| {});
    post_message(&server, "vp-1", false);
    sink.wait_for(1, Duration::from_secs(20));
    let first = Instant::now();
    // Inside the window: neither dropped nor mailed at once.
    post_message(&server, "vp-1", false);
    post_message(&server, "vp-1", true);
    std::thread::sleep(WINDOW / 2);
    assert_eq!(sink.mails().len(), 1);
    sink.wait_for(2, Duration::from_secs(20));
    assert!(
        first.elapsed() >= WINDOW - Duration::from_millis(300),
        "{:?}",
        first.elapsed()
    );
    std::thread::sleep(WINDOW + GATHER);
    assert_eq!(sink.mails().len(), 2);
}

#[test]
fn a_mail_server_that_is_down_delays_no_message_and_the_mail_comes_when_it_is_back() {
    let mut sink = Sink::new("down");
    let server = server_for(&sink, |_| {});
    let started = Instant::now();
    let ids: Vec<String> = (0..3)
        .map(|i| post_message(&server, "vp-1", i % 2 == 0).0)
        .collect();
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "answered at once: {:?}",
        started.elapsed()
    );
    let stored: Vec<String> = server.rows().into_iter().map(|(id, _, _)| id).collect();
    assert_eq!(stored, ids);
    // Several failed tries, then the sink comes back on the same port.
    std::thread::sleep(GATHER + Duration::from_secs(2));
    assert!(sink.mails().is_empty());
    sink.start();
    let mails = sink.wait_for(1, Duration::from_secs(20));
    assert_notice(&mails[0], &[&ids[0], &ids[1], &ids[2], WRITER]);
    std::thread::sleep(Duration::from_secs(2));
    assert_eq!(sink.mails().len(), 1, "one mail, not one per retry");
}

#[test]
fn a_pending_notice_survives_a_restart_of_the_server() {
    let sink = Sink::started("restart");
    let mut server = server_for(&sink, |args| {
        // Long enough that the first server stops before it sends.
        args.mail.mail_gather_secs = Duration::from_secs(4);
    });
    post_message(&server, "vp-1", false);
    server.stop();
    assert!(sink.mails().is_empty(), "stopped before the mail was due");
    let database = server.database();
    let _again = server_for(&sink, move |args| args.database = database);
    let mails = sink.wait_for(1, Duration::from_secs(20));
    assert_notice(&mails[0], &[WRITER]);
}

#[test]
fn a_contact_without_an_address_gets_no_mail() {
    let sink = Sink::started("noaddress");
    let server = server_for(&sink, |_| {});
    post_message(&server, NO_EMAIL, false);
    post_message(&server, NO_EMAIL, true);
    // A message for a contact with an address afterwards: the mail that does come shows
    // the pipeline works, and it is the only one.
    post_message(&server, "vp-1", false);
    let mails = sink.wait_for(1, Duration::from_secs(20));
    std::thread::sleep(GATHER + Duration::from_millis(700));
    let mails_after = sink.mails();
    assert_eq!(mails_after.len(), 1, "{mails_after:#?}");
    assert!(mails[0].contains(&format!("X-Envelope-To: {VP_EMAIL}")));
}

#[test]
fn without_mail_configured_nothing_is_sent_and_messages_are_stored() {
    let sink = Sink::started("off");
    let server = TestServer::start(|args| {
        write_contacts(args);
        short_timers(args);
    });
    post_message(&server, "vp-1", false);
    std::thread::sleep(GATHER + Duration::from_millis(700));
    assert!(sink.mails().is_empty());
    assert_eq!(server.rows().len(), 1);
}

#[test]
fn mail_dir_writes_each_mail_as_an_eml_file() {
    let dir = std::env::temp_dir().join(format!("koers-mail-dir-{}", uuid()));
    let mail_dir = dir.clone();
    let server = TestServer::start(move |args| {
        write_contacts(args);
        short_timers(args);
        args.mail.mail_from = None;
        args.mail.mail_dir = Some(mail_dir);
    });
    let (id, text) = post_message(&server, "vp-1", true);
    let mails = wait_for_mails(&dir, 1, Duration::from_secs(20));
    let mail = &mails[0];
    assert!(mail.contains(&format!("To: {VP_EMAIL}")), "{mail}");
    assert!(mail.contains("Subject: Er is een nieuw bericht voor je in Koers"));
    assert!(mail.contains(DESK));
    for secret in [&id, &text, WRITER] {
        assert!(!mail.contains(secret), "{secret}");
    }
    drop(server);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The real binary, killed with SIGKILL while a notice is pending: the restarted server
/// still sends it (the notice was committed, not only queued).
#[test]
fn a_pending_notice_survives_sigkill() {
    let sink = Sink::started("sigkill");
    let dir = site("mail-sigkill");
    write_contacts(&ServeArgs::new(dir.join("dist"), dir.join("inbox.sqlite")));
    let addr = format!("127.0.0.1:{}", free_port());
    let spawn = || {
        let child = server_command(&dir)
            .args(["--addr", &addr, "--quiet", "--smtp-url", &sink.url()])
            .args(["--mail-from", "koers@example.org", "--desk-url", DESK])
            .args(["--mail-gather-secs", "3", "--mail-window-secs", "3"])
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let deadline = Instant::now() + Duration::from_secs(20);
        while std::net::TcpStream::connect(&addr).is_err() {
            assert!(Instant::now() < deadline, "the server did not start");
            std::thread::sleep(Duration::from_millis(10));
        }
        child
    };
    let mut server = spawn();
    let body = message(&uuid(), "vp-1").to_string();
    let response = agent()
        .post(format!("http://{addr}/api/v1/inbox/messages"))
        .header("content-type", "application/json")
        .send(&body)
        .unwrap();
    assert_eq!(response.status().as_u16(), 201);
    // The notice is committed just after the message (src/mail/mod.rs: the trade-off).
    std::thread::sleep(Duration::from_millis(500));
    server.kill().unwrap();
    server.wait().unwrap();
    assert!(sink.mails().is_empty(), "killed before the mail was due");
    let mut server = spawn();
    let mails = sink.wait_for(1, Duration::from_secs(20));
    assert_notice(&mails[0], &[WRITER]);
    server.kill().unwrap();
    server.wait().unwrap();
    let _ = std::fs::remove_dir_all(&dir);
}

/// A contact with a public key gets sealed messages; the mail is the same notice.
#[test]
fn a_sealed_message_is_mailed_about_like_a_plain_one() {
    use koers::model::inbox::InboxKind;
    use koers::model::sealed_write::{seal_body, SecretKey};
    let adviser = SecretKey::generate(&mut rand_core::OsRng);
    let public = adviser.public_key();
    let sink = Sink::started("sealed");
    let key = public.to_base64();
    let server = server_for(&sink, move |args| {
        let path = args.dist.join("api/v1/contacts.json");
        let mut contacts: Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        contacts["contacts"][0]["public_key"] = json!(key);
        std::fs::write(path, contacts.to_string()).unwrap();
    });
    let id = uuid();
    let mut plain = named_message(&id, "vp-1");
    plain["body"] = json!("Verzegelde geheime tekst");
    let sealed = seal_body(InboxKind::Messages, &plain, &public, &mut rand_core::OsRng).unwrap();
    let (status, answer, _) = server.post_as_writer("messages", &sealed.to_string());
    assert_eq!(status, 201, "{answer}");
    let mails = sink.wait_for(1, Duration::from_secs(20));
    assert_notice(&mails[0], &[&id, "Verzegelde", WRITER, "12345678"]);
}
