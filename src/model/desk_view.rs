//! What the desk (`/balie`) shows of the messages stored for one contact: opened in the
//! contact's own browser with their key file, the same RustCrypto code as
//! `koers-server export`. Pure, so the rules (which key, who wrote it, what a note looks
//! like) are tested natively; the page only draws what comes out.

use super::desk::{DeskEntry, Unreadable};
use super::sealed_write::{PublicKey, SecretKey};
use super::write_proof::WriterCheck;
use rand_core::CryptoRngCore;
use serde_json::Value;

/// A handled note is short: it says what was done, not the case file.
pub const NOTE_MAX_CHARS: usize = super::desk::NOTE_TEXT_MAX;

/// Key files are a few hundred bytes; anything much larger is not one.
pub const KEY_FILE_MAX_BYTES: usize = 4096;

/// One message as the contact reads it.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenedMessage {
    pub text: String,
    pub sent_at: String,
    pub participant_id: Option<String>,
    /// The first name the writer gave inside the sealed body.
    pub sender_name: Option<String>,
    pub writer: WriterCheck,
    pub callback_requested: bool,
    pub reply_phone: Option<String>,
    pub reply_email: Option<String>,
    /// The note given when it was handled, opened with the same key.
    pub note: Option<String>,
}

/// A stored message as the desk shows it: opened (and checked, as `export --key` does) by
/// [`DeskEntry::open`] with the contact's key. What cannot be opened is listed with its
/// reason; it never makes the list fail.
pub fn open_message(
    entry: &DeskEntry,
    key: Option<&SecretKey>,
) -> Result<OpenedMessage, Unreadable> {
    let opened = entry.open(key)?;
    let message = opened.message;
    let (reply_phone, reply_email) = match message.reply_via {
        Some(r) => (r.phone, r.email),
        None => (None, None),
    };
    Ok(OpenedMessage {
        text: message.body.trim().to_string(),
        sent_at: message.sent_at.0.to_rfc3339(),
        participant_id: message.participant_id,
        sender_name: message
            .sender_name
            .map(|n| n.trim().to_string())
            .filter(|n| !n.is_empty()),
        writer: opened.writer_check,
        callback_requested: message.callback_requested,
        reply_phone,
        reply_email,
        note: opened.note,
    })
}

/// Why a key file was not taken at the desk's sign-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeskKeyError {
    /// The contact has a public key, so their messages are sealed: a key file is needed.
    Missing,
    /// Not a `koers.secret-key/1` file.
    NotAKeyFile,
    /// A key file, but not the one for this contact's public key.
    OtherContact,
}

/// The secret key to open this contact's messages with. A contact without a public key
/// gets plain messages and needs no file (one given anyway is not read).
pub fn desk_key(
    contact_key: Option<&PublicKey>,
    key_file: Option<&str>,
) -> Result<Option<SecretKey>, DeskKeyError> {
    let Some(public) = contact_key else {
        return Ok(None);
    };
    let text = key_file.ok_or(DeskKeyError::Missing)?;
    let key = SecretKey::from_key_file(text).map_err(|_| DeskKeyError::NotAKeyFile)?;
    if key.public_key() == *public {
        Ok(Some(key))
    } else {
        Err(DeskKeyError::OtherContact)
    }
}

/// The note typed at "Afgehandeld", as it goes to the server: sealed to the contact's own
/// key when they have one (the server keeps only ciphertext), plain text otherwise.
/// `None` for an empty note.
pub fn seal_note(
    text: &str,
    own_key: Option<&PublicKey>,
    rng: &mut impl CryptoRngCore,
) -> Option<Value> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let text: String = text.chars().take(NOTE_MAX_CHARS).collect();
    Some(match own_key {
        Some(key) => super::desk::seal_note(&text, key, rng),
        None => Value::String(text),
    })
}

/// Who wrote a message, as the desk says it: the first name and id the writer gave, and
/// whether the server saw their proof.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Writer {
    Anonymous,
    Named {
        name: Option<String>,
        participant_id: String,
        confirmed: bool,
    },
}

pub fn writer_of(message: &OpenedMessage) -> Writer {
    match (&message.participant_id, message.writer) {
        (Some(id), check) if check != WriterCheck::Anonymous => Writer::Named {
            name: message.sender_name.clone(),
            participant_id: id.clone(),
            confirmed: check == WriterCheck::Confirmed,
        },
        _ => Writer::Anonymous,
    }
}

/// The milliseconds after which the desk forgets its key and token when nobody touched it.
pub const IDLE_MS: f64 = 15.0 * 60.0 * 1000.0;

/// Fills `{{ name }}` placeholders in a desk text (the desk's texts are fetched with its
/// chunk, not compiled into the app's first load).
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        match after.find("}}") {
            Some(end) => {
                let name = after[..end].trim();
                match args.iter().find(|(k, _)| *k == name) {
                    Some((_, value)) => out.push_str(value),
                    None => out.push_str(&rest[start..start + 2 + end + 2]),
                }
                rest = &after[end + 2..];
            }
            None => {
                out.push_str(&rest[start..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// The placeholder names in a desk text, for the test that every language has the same.
pub fn placeholders(template: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else { break };
        names.push(after[..end].trim().to_string());
        rest = &after[end + 2..];
    }
    names.sort();
    names
}
