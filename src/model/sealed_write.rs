//! Sealed writes: a message or survey response whose sensitive part only the recipient
//! (a confidential adviser, a survey team) can read. The server stores ciphertext.
//!
//! The recipient publishes an X25519 public key (`public_key` in `contacts.json` or in
//! the survey, `team_public_key` in the dossier for goal reflections). The app seals the **whole plain body** (its JSON bytes) with libsodium's
//! `crypto_box_seal` (an anonymous sealed box: X25519 with a fresh ephemeral key,
//! XSalsa20-Poly1305; RustCrypto's `crypto_box`) and posts only the readable fields next
//! to it — schema, id and timestamp, which the inbox needs for validation and
//! idempotency — plus `"sealed": {"alg", "recipient", "ciphertext"}`. Whoever opens it
//! checks that the readable fields equal the sealed ones, so a sealed part cannot be
//! moved to another body. Specified in `docs/api.md` ("Sealed writes").

use super::inbox::{
    limits, GoalReflection, InboxError, InboxKind, Message, ResponseMode, SurveyResponse,
};
use super::lenient::Instant;
// The key types were defined here first; they are used everywhere under this name.
pub use super::keys::{optional_key, KeyError, PublicKey, SecretKey, KEY_FILE_SCHEMA};
use super::sealed::BASE64;
use base64::Engine as _;
use rand_core::CryptoRngCore;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::fmt;
use uuid::Uuid;
use zeroize::Zeroizing;

/// The `sealed.alg` of a sealed write: libsodium's `crypto_box_seal`.
pub const BOX_SEAL: &str = "crypto_box_seal";
/// Bytes a sealed box adds to its plaintext: the ephemeral public key (32) and the tag (16).
pub const SEAL_OVERHEAD: usize = 48;

/// The fields of a sealed body that stay readable, per inbox; every other field of the
/// plain body is only inside `sealed`. `None`: this kind is not sealed.
pub fn readable_fields(kind: InboxKind) -> Option<&'static [&'static str]> {
    match kind {
        InboxKind::Messages => Some(&["schema", "id", "to", "sent_at"]),
        InboxKind::SurveyResponses => Some(&[
            "schema",
            "id",
            "survey_id",
            "survey_version",
            "submitted_at",
            "mode",
        ]),
        // A reflection may hold health text; which goal and how it went stay inside.
        InboxKind::GoalReflections => Some(&["schema", "id", "written_at"]),
        InboxKind::Acknowledgements => None,
    }
}

/// Whether an inbox body is sealed (has a `sealed` member).
pub fn is_sealed(body: &Value) -> bool {
    body.get("sealed").is_some()
}

/// The `sealed` member of a sealed body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SealedPart {
    /// `crypto_box_seal`.
    pub alg: String,
    /// Base64 of the recipient's public key, so the inbox can check it is the current
    /// key and the recipient can tell which key opens it.
    pub recipient: String,
    /// Base64 of the sealed box: ephemeral public key (32 bytes) ‖ XSalsa20-Poly1305 box
    /// (16-byte tag, then the encrypted plain body's JSON).
    pub ciphertext: String,
}

/// A sealed `koers.message/1`: who it is for and when it was sent stay readable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SealedMessage {
    pub schema: String,
    pub id: Uuid,
    pub to: String,
    pub sent_at: Instant,
    pub sealed: SealedPart,
}

/// A sealed `koers.survey-response/1`: which survey, version, when and how (mode) stay
/// readable; the participant id, language and answers are sealed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SealedSurveyResponse {
    pub schema: String,
    pub id: Uuid,
    pub survey_id: String,
    pub survey_version: u32,
    pub submitted_at: Instant,
    pub mode: ResponseMode,
    pub sealed: SealedPart,
}

/// A sealed `koers.goal-reflection/1`, sealed to the care team's key (the dossier's
/// `team_public_key`): only when it was written stays readable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SealedGoalReflection {
    pub schema: String,
    pub id: Uuid,
    pub written_at: Instant,
    pub sealed: SealedPart,
}

impl SealedGoalReflection {
    /// The readable part's rules (the sealed part is checked by [`check_sealed_body`];
    /// the rating and text by the team after opening).
    pub fn validate(&self) -> Result<(), InboxError> {
        super::inbox::check_schema(&self.schema, InboxKind::GoalReflections)
    }
}

/// Seals a plain body (already validated) to `recipient`: the readable fields are copied
/// out, the whole body goes into the box.
pub fn seal_body(
    kind: InboxKind,
    body: &Value,
    recipient: &PublicKey,
    rng: &mut impl CryptoRngCore,
) -> Result<Value, InboxError> {
    let readable = readable_fields(kind)
        .ok_or_else(|| InboxError::new("invalid", "this kind of write is not sealed", None))?;
    let object = body
        .as_object()
        .ok_or_else(|| InboxError::new("invalid", "expected a JSON object", None))?;
    let mut outer = Map::new();
    for name in readable {
        if let Some(v) = object.get(*name) {
            outer.insert((*name).to_string(), v.clone());
        }
    }
    let plaintext = Zeroizing::new(serde_json::to_vec(body).expect("JSON serialises"));
    let ciphertext = recipient.seal(&plaintext, rng);
    outer.insert(
        "sealed".into(),
        serde_json::to_value(SealedPart {
            alg: BOX_SEAL.into(),
            recipient: recipient.to_base64(),
            ciphertext: BASE64.encode(ciphertext),
        })
        .expect("plain data"),
    );
    Ok(Value::Object(outer))
}

impl Message {
    /// This message, sealed to the contact's key: the body the app posts.
    pub fn seal(&self, recipient: &PublicKey, rng: &mut impl CryptoRngCore) -> Value {
        let body = serde_json::to_value(self).expect("plain data");
        seal_body(InboxKind::Messages, &body, recipient, rng).expect("a message is sealable")
    }
}

impl GoalReflection {
    /// This reflection, sealed to the care team's key: the body the app posts.
    pub fn seal(&self, recipient: &PublicKey, rng: &mut impl CryptoRngCore) -> Value {
        let body = serde_json::to_value(self).expect("plain data");
        seal_body(InboxKind::GoalReflections, &body, recipient, rng)
            .expect("a reflection is sealable")
    }
}

impl SurveyResponse {
    /// This response, sealed to the survey team's key: the body the app posts.
    pub fn seal(&self, recipient: &PublicKey, rng: &mut impl CryptoRngCore) -> Value {
        let body = serde_json::to_value(self).expect("plain data");
        seal_body(InboxKind::SurveyResponses, &body, recipient, rng)
            .expect("a response is sealable")
    }
}

/// Why a sealed body could not be opened by its recipient.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenBodyError {
    /// Not a sealed body, or `sealed` is malformed.
    Malformed(String),
    /// Sealed to another public key than this secret key's.
    NotForThisKey,
    /// Authentication failed: the ciphertext was changed.
    Damaged,
    /// The opened body disagrees with a readable field (the sealed part was moved).
    Mismatch(String),
}

impl fmt::Display for OpenBodyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Malformed(m) => write!(f, "malformed sealed body: {m}"),
            Self::NotForThisKey => f.write_str("sealed to another key"),
            Self::Damaged => f.write_str("cannot open: the ciphertext was changed"),
            Self::Mismatch(field) => {
                write!(f, "the sealed body does not match its readable {field}")
            }
        }
    }
}

impl std::error::Error for OpenBodyError {}

/// Opens a sealed body with the recipient's secret key and returns the plain body, after
/// checking that every readable field equals the sealed one.
pub fn open_body(kind: InboxKind, body: &Value, key: &SecretKey) -> Result<Value, OpenBodyError> {
    let readable = readable_fields(kind)
        .ok_or_else(|| OpenBodyError::Malformed("this kind of write is not sealed".into()))?;
    let part: SealedPart = body
        .get("sealed")
        .cloned()
        .ok_or_else(|| OpenBodyError::Malformed("no sealed member".into()))
        .and_then(|v| {
            serde_json::from_value(v).map_err(|e| OpenBodyError::Malformed(e.to_string()))
        })?;
    if part.alg != BOX_SEAL {
        return Err(OpenBodyError::Malformed(format!("sealed.alg {}", part.alg)));
    }
    let recipient = PublicKey::parse(&part.recipient).map_err(|e| OpenBodyError::Malformed(e.0))?;
    if recipient != key.public_key() {
        return Err(OpenBodyError::NotForThisKey);
    }
    let ciphertext = BASE64
        .decode(part.ciphertext.trim())
        .map_err(|e| OpenBodyError::Malformed(format!("sealed.ciphertext: {e}")))?;
    let plaintext = key.unseal(&ciphertext).ok_or(OpenBodyError::Damaged)?;
    let inner: Value = serde_json::from_slice(&plaintext)
        .map_err(|e| OpenBodyError::Malformed(format!("the sealed body is not JSON: {e}")))?;
    if !inner.is_object() {
        return Err(OpenBodyError::Malformed(
            "the sealed body is not an object".into(),
        ));
    }
    for name in readable {
        if body.get(*name) != inner.get(*name) {
            return Err(OpenBodyError::Mismatch((*name).to_string()));
        }
    }
    Ok(inner)
}

/// The inbox's checks on a sealed body, before it is decoded into its type: it is sealed
/// for an inbox that takes sealed bodies, nothing but the readable fields is outside
/// `sealed`, and `sealed` has the right algorithm, a 32-byte recipient key and a
/// ciphertext that is base64 and long enough. `expected_key` is the recipient's current
/// key (`Some(None)`: the recipient has no key; `None`: not known to the caller).
pub fn check_sealed_body(
    kind: InboxKind,
    body: &Value,
    expected_key: Option<Option<&str>>,
) -> Result<(), InboxError> {
    let readable = readable_fields(kind).ok_or_else(|| {
        InboxError::new(
            "invalid",
            format!("{} bodies are not sealed", kind.path()),
            Some("sealed"),
        )
    })?;
    let object = body
        .as_object()
        .ok_or_else(|| InboxError::new("invalid", "expected a JSON object", None))?;
    for name in object.keys() {
        if name != "sealed" && !readable.contains(&name.as_str()) {
            return Err(InboxError::new(
                "invalid",
                format!(
                    "in a sealed body only {} may be outside sealed",
                    readable.join(", ")
                ),
                Some(name),
            ));
        }
    }
    let sealed = object
        .get("sealed")
        .and_then(Value::as_object)
        .ok_or_else(|| InboxError::new("invalid", "sealed must be an object", Some("sealed")))?;
    // The smallest plain body is `{}`.
    let limits = SealedLimits {
        noun: "body",
        min_ciphertext: SEAL_OVERHEAD + 2,
        max_ciphertext: limits::BODY_BYTES,
    };
    check_sealed_part(sealed, "sealed", limits, expected_key)
}

/// The sizes a sealed part's decoded ciphertext must keep to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SealedLimits {
    /// What is sealed, for the messages: `body`, `note`.
    pub noun: &'static str,
    pub min_ciphertext: usize,
    pub max_ciphertext: usize,
}

/// The checks on a `{"alg", "recipient", "ciphertext"}` object wherever one is taken (a
/// sealed body's `sealed`, a desk note): the algorithm, a 32-byte recipient key, base64
/// of the right size, and — when the caller knows it — the recipient's current key.
/// Fields are named under `prefix` (`sealed.recipient`, `note.recipient`).
pub fn check_sealed_part(
    sealed: &Map<String, Value>,
    prefix: &str,
    limits: SealedLimits,
    expected_key: Option<Option<&str>>,
) -> Result<(), InboxError> {
    let field = |name: &str| format!("{prefix}.{name}");
    let text = |name: &str| -> Result<&str, InboxError> {
        match sealed.get(name) {
            None | Some(Value::Null) => {
                Err(InboxError::new("required", "missing", Some(&field(name))))
            }
            Some(Value::String(s)) => Ok(s.as_str()),
            Some(_) => Err(InboxError::new(
                "invalid",
                "must be a string",
                Some(&field(name)),
            )),
        }
    };
    if text("alg")? != BOX_SEAL {
        return Err(InboxError::new(
            "invalid",
            format!("{prefix}.alg must be {BOX_SEAL}"),
            Some(&field("alg")),
        ));
    }
    let recipient = PublicKey::parse(text("recipient")?)
        .map_err(|e| InboxError::new("invalid", e.0, Some(&field("recipient"))))?;
    let ciphertext = BASE64.decode(text("ciphertext")?.trim()).map_err(|e| {
        InboxError::new(
            "invalid",
            format!("not base64: {e}"),
            Some(&field("ciphertext")),
        )
    })?;
    if ciphertext.len() < limits.min_ciphertext {
        return Err(InboxError::new(
            "invalid",
            format!("too short to be a sealed {}", limits.noun),
            Some(&field("ciphertext")),
        ));
    }
    if ciphertext.len() > limits.max_ciphertext {
        return Err(InboxError::new(
            "too_long",
            format!("the sealed {} is too large", limits.noun),
            Some(&field("ciphertext")),
        ));
    }
    match expected_key {
        Some(None) => Err(InboxError::new(
            "wrong_key",
            format!(
                "this recipient has no public key: send the {} unsealed",
                limits.noun
            ),
            Some(&field("recipient")),
        )),
        Some(Some(current)) => match PublicKey::parse(current) {
            Ok(current) if current == recipient => Ok(()),
            _ => Err(InboxError::new(
                "wrong_key",
                "sealed to another key than the recipient's current one: reload and seal again",
                Some(&field("recipient")),
            )),
        },
        None => Ok(()),
    }
}

impl SealedMessage {
    /// The readable part's rules (the sealed part is checked by [`check_sealed_body`]).
    pub fn validate(&self, contact_accepts: Option<bool>) -> Result<(), InboxError> {
        super::inbox::check_schema(&self.schema, InboxKind::Messages)?;
        if self.to.trim().is_empty() || self.to.chars().count() > limits::ID {
            return Err(InboxError::new("invalid", "not a contact id", Some("to")));
        }
        if contact_accepts == Some(false) {
            return Err(InboxError::new(
                "unknown_contact",
                "this contact does not take messages",
                Some("to"),
            ));
        }
        Ok(())
    }
}

impl SealedSurveyResponse {
    /// The readable part's rules: the survey and its version. Answers and anonymity are
    /// checked by the team after opening (`koers-server export --key`).
    pub fn validate(&self, survey: &super::Survey) -> Result<(), InboxError> {
        super::inbox::check_survey_ref(&self.schema, &self.survey_id, self.survey_version, survey)
    }
}
