//! The desk: where a contact who takes messages (a confidential adviser, a complaints
//! officer) reads them, and marks them read and handled. The bodies of
//! `api/v1/desk/…`, the status rules, the desk token file and the retention rule, shared
//! by the server and the desk page. Specified in `docs/api.md` ("The desk").
//!
//! The server only ever hands out a message as it was stored: a sealed body stays
//! sealed, and the desk's browser opens it with the contact's key file. A note on a
//! handled message is sealed to the contact's own key the same way, so what the server
//! learns from the desk is only *that* and *when* a message was read or handled.

use super::inbox::{InboxError, InboxKind, Message};
use super::sealed::BASE64;
use super::sealed_write::{
    check_sealed_part, is_sealed, open_body, OpenBodyError, PublicKey, SealedLimits, SealedPart,
    SecretKey, BOX_SEAL, SEAL_OVERHEAD,
};
use super::write_proof::{self, constant_time_eq, WriterAttestation, WriterCheck};
use base64::{engine::general_purpose::URL_SAFE_NO_PAD, Engine as _};
use chrono::{DateTime, Utc};
use rand_core::CryptoRngCore;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// The `schema` of `GET /api/v1/desk/messages`.
pub const DESK_MESSAGES_SCHEMA: &str = "koers.desk-messages/1";
/// How long a handled message is kept by default (`--retain-days`).
pub const DEFAULT_RETAIN_DAYS: u32 = 90;
/// Messages per page when the query does not say, and at most.
pub const DEFAULT_LIMIT: u32 = 100;
pub const MAX_LIMIT: u32 = 500;
/// The largest status change body, in bytes.
pub const STATUS_BODY_BYTES: usize = 16 * 1024;
/// A plain note (a contact without a key), in characters.
pub const NOTE_TEXT_MAX: usize = 500;
/// A sealed note's decoded ciphertext, in bytes.
pub const NOTE_CIPHERTEXT_MAX: usize = 4 * 1024;
/// The shortest desk token the server takes: a token is a password typed by nobody, so
/// there is no reason for a short one.
pub const MIN_TOKEN_LEN: usize = 16;

/// Where a message is, as its writer and the contact see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MessageStatus {
    Received,
    Read,
    Handled,
}

/// What the desk may ask for: a message is never made "received" again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum WantedStatus {
    Read,
    Handled,
}

impl MessageStatus {
    pub const ALL: [MessageStatus; 3] = [Self::Received, Self::Read, Self::Handled];

    /// Forward only: the writer's phone has said "Gelezen" or "Afgehandeld", and that
    /// must stay true. Opening a handled message again (which asks `read`) keeps it
    /// handled; asking for the status a message already has changes nothing.
    pub fn apply(self, wanted: WantedStatus) -> MessageStatus {
        self.max(wanted.into())
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Received => "received",
            Self::Read => "read",
            Self::Handled => "handled",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

impl From<WantedStatus> for MessageStatus {
    fn from(wanted: WantedStatus) -> Self {
        match wanted {
            WantedStatus::Read => Self::Read,
            WantedStatus::Handled => Self::Handled,
        }
    }
}

/// `GET /api/v1/desk/me`: who the token is, and how long handled messages are kept (the
/// desk says so).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskMe {
    pub contact_id: String,
    pub retain_days: u32,
}

/// How many of the contact's messages are in each status (all of them, whatever the page).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct StatusCounts {
    pub received: u32,
    pub read: u32,
    pub handled: u32,
}

impl StatusCounts {
    pub fn add(&mut self, status: MessageStatus) {
        match status {
            MessageStatus::Received => self.received += 1,
            MessageStatus::Read => self.read += 1,
            MessageStatus::Handled => self.handled += 1,
        }
    }

    pub fn total(&self) -> u32 {
        self.received + self.read + self.handled
    }
}

/// One message on the desk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeskEntry {
    pub id: String,
    pub received_at: String,
    pub status: MessageStatus,
    pub read_at: Option<String>,
    pub handled_at: Option<String>,
    /// The body exactly as stored (a sealed one still sealed).
    pub body: Value,
    /// The server's sealed attestation of who wrote a sealed body (`model::write_proof`).
    pub writer: Option<String>,
    /// The note given when it was handled: sealed to the contact's key, or plain text
    /// for a contact without one.
    pub note: Option<Value>,
}

/// Why a message on the desk is not shown opened. The desk lists it with this reason; one
/// such message never makes the list fail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unreadable {
    /// Sealed, and no key file is open.
    NeedsKey,
    /// Sealed to another key than the open key file's (an old key, another contact's).
    OtherKey,
    /// Changed, malformed, or not a valid message once opened.
    Damaged(String),
}

impl fmt::Display for Unreadable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NeedsKey => f.write_str("sealed: open the key file to read it"),
            Self::OtherKey => f.write_str("sealed to another key than this key file's"),
            Self::Damaged(why) => write!(f, "cannot be opened: {why}"),
        }
    }
}

/// A desk message as its contact reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenedEntry {
    pub message: Message,
    /// Whether it came sealed (so the server never read it).
    pub sealed: bool,
    /// Whether the name in it is real. A plain message that names a participant was only
    /// taken with their write proof, so it is confirmed; a sealed one is confirmed by the
    /// server's attestation (`model::write_proof`).
    pub writer_check: WriterCheck,
    /// The handled note's text: opened when sealed to this key, as given when plain;
    /// `None` without a note or when this key does not open it.
    pub note: Option<String>,
}

impl DeskEntry {
    /// Opens the stored body with the contact's key (`None`: no key file open), checks
    /// it as `koers-server export --key` does, and opens the note.
    pub fn open(&self, key: Option<&SecretKey>) -> Result<OpenedEntry, Unreadable> {
        let sealed = is_sealed(&self.body);
        let plain = if sealed {
            let key = key.ok_or(Unreadable::NeedsKey)?;
            open_body(InboxKind::Messages, &self.body, key).map_err(|e| match e {
                OpenBodyError::NotForThisKey => Unreadable::OtherKey,
                other => Unreadable::Damaged(other.to_string()),
            })?
        } else {
            self.body.clone()
        };
        let message: Message = serde_json::from_value(plain.clone())
            .map_err(|e| Unreadable::Damaged(format!("not a message: {e}")))?;
        message
            .validate(None)
            .map_err(|e| Unreadable::Damaged(e.to_string()))?;
        let named = write_proof::named_participant(&plain);
        let writer_check = match (sealed, key) {
            (true, Some(key)) => {
                let attestation = self
                    .writer
                    .as_deref()
                    .and_then(|w| WriterAttestation::open(w, key));
                write_proof::check_writer(&message.id.to_string(), named, attestation.as_ref())
            }
            _ if named.is_some() => WriterCheck::Confirmed,
            _ => WriterCheck::Anonymous,
        };
        let note = match (&self.note, key) {
            (Some(Value::String(text)), _) => Some(text.clone()),
            (Some(note), Some(key)) => open_note(note, key),
            _ => None,
        };
        Ok(OpenedEntry {
            message,
            sealed,
            writer_check,
            note,
        })
    }
}

/// `GET /api/v1/desk/messages`: one page, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeskMessages {
    pub schema: String,
    pub contact_id: String,
    pub counts: StatusCounts,
    pub messages: Vec<DeskEntry>,
    /// The `before` of the next page; `None` on the last one.
    pub next: Option<String>,
}

/// `POST /api/v1/desk/messages/{id}/status`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatusChange {
    pub status: WantedStatus,
    #[serde(default)]
    pub note: Option<Value>,
}

impl StatusChange {
    /// A note only comes with `handled`, and must be fit for the contact (see
    /// [`check_note`]). `contact_key` is the contact's public key, if it has one.
    pub fn validate(&self, contact_key: Option<&str>) -> Result<(), InboxError> {
        match (&self.note, self.status) {
            (None, _) => Ok(()),
            (Some(_), WantedStatus::Read) => Err(InboxError::new(
                "invalid",
                "a note is only given with handled",
                Some("note"),
            )),
            (Some(note), WantedStatus::Handled) => check_note(note, contact_key),
        }
    }
}

/// The note on a handled message. A contact with a public key only gets notes the server
/// cannot read: `{"alg": "crypto_box_seal", "recipient": <their key>, "ciphertext"}`,
/// checked as a sealed body's `sealed` part is. A contact without a key (who also gets
/// plain messages) may write a short plain text.
pub fn check_note(note: &Value, contact_key: Option<&str>) -> Result<(), InboxError> {
    match (note, contact_key) {
        (Value::Object(part), Some(key)) => {
            if let Some(name) = part
                .keys()
                .find(|k| !["alg", "recipient", "ciphertext"].contains(&k.as_str()))
            {
                return Err(InboxError::new(
                    "invalid",
                    "a sealed note has only alg, recipient and ciphertext",
                    Some(&format!("note.{name}")),
                ));
            }
            let limits = SealedLimits {
                noun: "note",
                min_ciphertext: SEAL_OVERHEAD,
                max_ciphertext: NOTE_CIPHERTEXT_MAX,
            };
            check_sealed_part(part, "note", limits, Some(Some(key)))
        }
        (Value::String(_), Some(_)) => Err(InboxError::new(
            "must_seal",
            "this contact has a public key: seal the note to it",
            Some("note"),
        )),
        (Value::Object(_), None) => Err(InboxError::new(
            "wrong_key",
            "this contact has no public key: send the note as text",
            Some("note"),
        )),
        (Value::String(text), None) => {
            if text.trim().is_empty() {
                Err(InboxError::new(
                    "required",
                    "the note is empty",
                    Some("note"),
                ))
            } else if text.chars().count() > NOTE_TEXT_MAX {
                Err(InboxError::new(
                    "too_long",
                    format!("at most {NOTE_TEXT_MAX} characters"),
                    Some("note"),
                ))
            } else {
                Ok(())
            }
        }
        _ => Err(InboxError::new(
            "invalid",
            "a note is a sealed object or a text",
            Some("note"),
        )),
    }
}

/// The answer to a status change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusAnswer {
    pub id: String,
    pub status: MessageStatus,
    pub read_at: Option<String>,
    pub handled_at: Option<String>,
}

/// `GET /api/v1/inbox/messages/{id}`: all the writer's phone learns, and all anyone
/// holding the id learns — no contact, no note, no text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadReceipt {
    pub id: String,
    pub status: MessageStatus,
    /// When it reached this status.
    pub updated_at: String,
}

impl ReadReceipt {
    /// The receipt of a message received at `received_at` with these status times; the
    /// latest of them is `updated_at` (the times are RFC 3339 UTC, so they sort as text).
    pub fn new(
        id: &str,
        status: MessageStatus,
        received_at: &str,
        read_at: Option<&str>,
        handled_at: Option<&str>,
    ) -> Self {
        let updated_at = [Some(received_at), read_at, handled_at]
            .into_iter()
            .flatten()
            .max()
            .unwrap_or(received_at);
        Self {
            id: id.to_string(),
            status,
            updated_at: updated_at.to_string(),
        }
    }
}

/// The query of `GET /api/v1/desk/messages`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeskQuery {
    pub status: Option<MessageStatus>,
    pub limit: u32,
    pub before: Option<Cursor>,
}

impl DeskQuery {
    /// From the query's values; on a bad one, its field's name.
    pub fn parse(
        status: Option<&str>,
        limit: Option<&str>,
        before: Option<&str>,
    ) -> Result<Self, &'static str> {
        let status = match status {
            None => None,
            Some(s) => Some(MessageStatus::parse(s).ok_or("status")?),
        };
        let limit = match limit {
            None => DEFAULT_LIMIT,
            Some(l) => match l.parse::<u32>() {
                Ok(n) if (1..=MAX_LIMIT).contains(&n) => n,
                _ => return Err("limit"),
            },
        };
        let before = match before {
            None => None,
            Some(b) => Some(Cursor::decode(b).ok_or("before")?),
        };
        Ok(Self {
            status,
            limit,
            before,
        })
    }
}

/// Where a page ends: the last message's `received_at` and id. Opaque to clients (base64
/// so nobody builds one by hand), exact for the server: the next page starts strictly
/// after it in the list's order, so a message arriving meanwhile never shifts a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cursor {
    pub received_at: String,
    pub id: String,
}

impl Cursor {
    pub fn encode(&self) -> String {
        URL_SAFE_NO_PAD.encode(format!("{}\n{}", self.received_at, self.id))
    }

    pub fn decode(text: &str) -> Option<Self> {
        let bytes = URL_SAFE_NO_PAD.decode(text.trim()).ok()?;
        let text = String::from_utf8(bytes).ok()?;
        let (received_at, id) = text.split_once('\n')?;
        DateTime::parse_from_rfc3339(received_at).ok()?;
        if id.is_empty() || id.contains('\n') {
            return None;
        }
        Some(Self {
            received_at: received_at.to_string(),
            id: id.to_string(),
        })
    }
}

/// The desk token file (`--desk-tokens`): `{"contact_id": "token", …}`. Only hashes are
/// kept in memory, and `Debug` shows contact ids only, so no token reaches a log.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "BTreeMap<String, Value>")]
pub struct DeskTokens {
    /// Contact id → SHA-256 of its token. Hashing first gives every comparison the same
    /// length, so [`constant_time_eq`] never stops early on a length difference.
    hashes: Vec<(String, [u8; 32])>,
}

fn token_hash(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

impl DeskTokens {
    pub fn parse(text: &str) -> Result<Self, String> {
        let value: Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
        let Value::Object(map) = value else {
            return Err("expected a JSON object of contact id → token".into());
        };
        Self::try_from(map.into_iter().collect::<BTreeMap<_, _>>())
    }

    /// The contact whose token this is. Every entry is compared, so the time taken does
    /// not say whether, or which, one matched.
    pub fn contact_for(&self, token: &str) -> Option<&str> {
        let given = token_hash(token);
        let mut found = None;
        for (contact, hash) in &self.hashes {
            if constant_time_eq(hash, &given) {
                found = Some(contact.as_str());
            }
        }
        found
    }

    pub fn contacts(&self) -> impl Iterator<Item = &str> {
        self.hashes.iter().map(|(c, _)| c.as_str())
    }

    pub fn len(&self) -> usize {
        self.hashes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.hashes.is_empty()
    }
}

impl TryFrom<BTreeMap<String, Value>> for DeskTokens {
    type Error = String;

    fn try_from(map: BTreeMap<String, Value>) -> Result<Self, String> {
        let mut seen = BTreeSet::new();
        let mut hashes = Vec::with_capacity(map.len());
        for (contact, token) in map {
            if contact.trim().is_empty() {
                return Err("a contact id is empty".into());
            }
            // The messages name the contact, never the token.
            let Value::String(token) = token else {
                return Err(format!("{contact}: the token must be a string"));
            };
            if token.trim().is_empty() {
                return Err(format!("{contact}: the token is empty"));
            }
            if token.chars().count() < MIN_TOKEN_LEN {
                return Err(format!(
                    "{contact}: the token is shorter than {MIN_TOKEN_LEN} characters"
                ));
            }
            let hash = token_hash(&token);
            if !seen.insert(hash) {
                return Err(format!(
                    "{contact}: this token is also another contact's; give each its own"
                ));
            }
            hashes.push((contact, hash));
        }
        Ok(Self { hashes })
    }
}

impl fmt::Debug for DeskTokens {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DeskTokens")
            .field("contacts", &self.contacts().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

/// Handled messages older than this are deleted.
pub fn retention_cutoff(now: DateTime<Utc>, days: u32) -> DateTime<Utc> {
    now - chrono::Duration::days(i64::from(days))
}

/// Whether a message handled at `handled_at` is past its retention. Exactly `days` old is
/// still kept; a time that does not parse is kept too (nothing is deleted on a guess).
pub fn is_expired(handled_at: &str, now: DateTime<Utc>, days: u32) -> bool {
    DateTime::parse_from_rfc3339(handled_at)
        .is_ok_and(|at| at.with_timezone(&Utc) < retention_cutoff(now, days))
}

/// A handled note sealed to the contact's own key, as the desk sends it: the note's UTF-8
/// text in a `crypto_box_seal`, in the same `{"alg", "recipient", "ciphertext"}` object as
/// a sealed body's `sealed`.
pub fn seal_note(text: &str, key: &PublicKey, rng: &mut impl CryptoRngCore) -> Value {
    serde_json::to_value(SealedPart {
        alg: BOX_SEAL.into(),
        recipient: key.to_base64(),
        ciphertext: BASE64.encode(key.seal(text.as_bytes(), rng)),
    })
    .expect("plain data")
}

/// The text of a sealed note, if this key opens it; a plain (text) note as it is.
pub fn open_note(note: &Value, key: &SecretKey) -> Option<String> {
    if let Value::String(text) = note {
        return Some(text.clone());
    }
    let part: SealedPart = serde_json::from_value(note.clone()).ok()?;
    if part.alg != BOX_SEAL || PublicKey::parse(&part.recipient).ok()? != key.public_key() {
        return None;
    }
    let ciphertext = BASE64.decode(part.ciphertext.trim()).ok()?;
    String::from_utf8(key.unseal(&ciphertext)?.to_vec()).ok()
}
