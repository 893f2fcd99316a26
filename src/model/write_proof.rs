//! Trusted writes: only the participant writes as the participant.
//!
//! Participant ids (`p-1001`) and agreement ids (`a-01`) are easy to guess, so a body's
//! `participant_id` proves nothing. A write that names a participant also carries
//! `Authorization: Koers-Write <proof>`, where the proof is derived from the access code
//! that only the participant (and the printed card) has. The server keeps only a hash of
//! each proof (the **writers file**), so a copy of that file cannot be replayed as proofs,
//! and the code itself never leaves the phone. Specified in `docs/api.md` ("Trusted
//! writes").

use super::keys::{PublicKey, SecretKey};
use super::lookup::normalise_code;
use super::sealed::BASE64;
use base64::Engine as _;
use rand_core::CryptoRngCore;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The schema of the writers file the server reads (`--writers`).
pub const WRITERS_SCHEMA: &str = "koers.writers/1";
/// The `Authorization` scheme of a write proof.
pub const SCHEME: &str = "Koers-Write";
/// A proof and its hash are both 64 lowercase hex characters (SHA-256).
pub const HEX_LEN: usize = 64;

fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(out, "{b:02x}");
    }
    out
}

/// The write proof of an access code: lowercase hex of SHA-256(`koers-write:` +
/// normalised code). Another prefix than the lookup's, so a lookup (a public file name)
/// says nothing about the proof.
pub fn proof(code: &str) -> String {
    hex(&Sha256::digest(
        format!("koers-write:{}", normalise_code(code)).as_bytes(),
    ))
}

/// What the writers file holds for a proof: lowercase hex of SHA-256 of the proof's 64
/// ASCII characters.
pub fn proof_hash(proof: &str) -> String {
    hex(&Sha256::digest(proof.as_bytes()))
}

fn is_lower_hex(text: &str) -> bool {
    text.len() == HEX_LEN && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// The `Authorization` header value for a proof.
pub fn header_value(proof: &str) -> String {
    format!("{SCHEME} {proof}")
}

/// Why an `Authorization` header is not a write proof.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeaderProblem {
    /// Another scheme (`Bearer …`), or none.
    OtherScheme,
    /// `Koers-Write` with something that is not 64 lowercase hex characters.
    Malformed,
}

/// The proof in an `Authorization` header (`Koers-Write <64 lowercase hex>`). The scheme
/// is case-insensitive (RFC 9110); the proof is not, so one proof has one spelling.
pub fn parse_header(value: &str) -> Result<&str, HeaderProblem> {
    let value = value.trim();
    let (scheme, rest) = value.split_once(' ').ok_or(HeaderProblem::OtherScheme)?;
    if !scheme.eq_ignore_ascii_case(SCHEME) {
        return Err(HeaderProblem::OtherScheme);
    }
    let proof = rest.trim();
    if is_lower_hex(proof) {
        Ok(proof)
    } else {
        Err(HeaderProblem::Malformed)
    }
}

/// The participant a plain body names, if any: the writes that need a proof. Sealed
/// bodies keep the participant inside the seal; for them the header alone says that the
/// writer names themselves (see [`Writers::writer_of`]).
pub fn named_participant(body: &Value) -> Option<&str> {
    body.get("participant_id").and_then(Value::as_str)
}

/// The writers file: participant id → hash of their proof.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Writers {
    pub schema: String,
    pub writers: BTreeMap<String, String>,
}

/// Why a writers file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WritersError {
    NotJson(String),
    Schema(String),
    /// A participant's entry is not 64 lowercase hex characters.
    BadHash(String),
}

impl std::fmt::Display for WritersError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NotJson(e) => write!(f, "not a writers file: {e}"),
            Self::Schema(s) => write!(f, "schema is {s:?}, expected {WRITERS_SCHEMA}"),
            Self::BadHash(id) => write!(
                f,
                "the entry for {id:?} is not 64 lowercase hex characters (SHA-256 of the proof)"
            ),
        }
    }
}

impl std::error::Error for WritersError {}

/// Compares two equal-length strings without stopping at the first difference, so the
/// time an answer takes says nothing about how much of a guess was right.
pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

impl Writers {
    /// A writers file for `codes` (participant id → access code), as the publisher and
    /// `koers-server writers` write it.
    pub fn from_codes<'a>(codes: impl IntoIterator<Item = (&'a str, &'a str)>) -> Self {
        Self {
            schema: WRITERS_SCHEMA.into(),
            writers: codes
                .into_iter()
                .map(|(id, code)| (id.to_string(), proof_hash(&proof(code))))
                .collect(),
        }
    }

    /// Reads a writers file strictly: it decides who may write, so a half-understood file
    /// must not be used.
    pub fn parse(text: &str) -> Result<Self, WritersError> {
        let writers: Self =
            serde_json::from_str(text).map_err(|e| WritersError::NotJson(e.to_string()))?;
        if writers.schema != WRITERS_SCHEMA {
            return Err(WritersError::Schema(writers.schema));
        }
        if let Some((id, _)) = writers.writers.iter().find(|(_, h)| !is_lower_hex(h)) {
            return Err(WritersError::BadHash(id.clone()));
        }
        Ok(writers)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("plain data") + "\n"
    }

    /// Whether `proof` is the proof of `participant`. An unknown participant fails the
    /// same way as a wrong proof.
    pub fn allows(&self, participant: &str, proof: &str) -> bool {
        let hash = proof_hash(proof);
        self.writers
            .get(participant)
            .is_some_and(|known| constant_time_eq(known.as_bytes(), hash.as_bytes()))
    }

    /// Whose proof this is, for a sealed write (whose participant id only the recipient
    /// can read): every entry is compared, so the time does not say which one matched.
    pub fn writer_of(&self, proof: &str) -> Option<&str> {
        let hash = proof_hash(proof);
        let mut found = None;
        for (id, known) in &self.writers {
            if constant_time_eq(known.as_bytes(), hash.as_bytes()) {
                found = Some(id.as_str());
            }
        }
        found
    }
}

/// What the server seals to a sealed write's recipient next to the body, once the proof
/// showed who wrote it: the recipient then knows the name inside the body is real.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WriterAttestation {
    pub schema: String,
    /// The body's `id`, so an attestation cannot be moved to another body.
    pub id: String,
    pub participant_id: String,
}

/// The schema of [`WriterAttestation`].
pub const ATTESTATION_SCHEMA: &str = "koers.writer/1";

impl WriterAttestation {
    pub fn new(id: &str, participant_id: &str) -> Self {
        Self {
            schema: ATTESTATION_SCHEMA.into(),
            id: id.into(),
            participant_id: participant_id.into(),
        }
    }

    /// Base64 of `crypto_box_seal` of the JSON, as sealed bodies are sealed.
    pub fn seal(&self, recipient: &PublicKey, rng: &mut impl CryptoRngCore) -> String {
        let json = serde_json::to_vec(self).expect("plain data");
        BASE64.encode(recipient.seal(&json, rng))
    }

    /// Opens what [`WriterAttestation::seal`] made; `None` for anything else.
    pub fn open(sealed: &str, key: &SecretKey) -> Option<Self> {
        let bytes = BASE64.decode(sealed.trim()).ok()?;
        let plain = key.unseal(&bytes)?;
        serde_json::from_slice(&plain).ok()
    }
}

/// Whether an opened sealed body's writer is confirmed: what the recipient shows next to
/// a name. Anonymous bodies need no confirmation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WriterCheck {
    /// The body names nobody.
    Anonymous,
    /// The server saw the proof of the participant the body names.
    Confirmed,
    /// The body names a participant, but no proof (or another participant's) came with it.
    Unconfirmed,
}

/// Compares the participant an opened body names with the attestation stored next to it.
pub fn check_writer(
    body_id: &str,
    named: Option<&str>,
    attestation: Option<&WriterAttestation>,
) -> WriterCheck {
    match (named, attestation) {
        (None, _) => WriterCheck::Anonymous,
        (Some(p), Some(a))
            if a.schema == ATTESTATION_SCHEMA && a.id == body_id && a.participant_id == p =>
        {
            WriterCheck::Confirmed
        }
        (Some(_), _) => WriterCheck::Unconfirmed,
    }
}
