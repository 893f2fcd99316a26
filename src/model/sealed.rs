//! `koers.sealed/1`: a document (a dossier) encrypted with a key derived from the
//! participant's access code, so that a static host, a CDN or anyone who copies the file
//! sees only ciphertext.
//!
//! - key = Argon2id (version 0x13) of the *normalised* access code (the same
//!   normalisation as the lookup: `A`–`Z`, `0`–`9`), with the salt and cost in the
//!   envelope, 32 bytes;
//! - the document's bytes are sealed with XChaCha20-Poly1305 under that key and a random
//!   24-byte nonce; the associated data is the inner schema name (`sealed_schema`, as
//!   UTF-8 bytes), so a sealed survey cannot pass for a sealed dossier;
//! - binary values are standard base64 (RFC 4648 §4, `+/`) *with* padding; readers also
//!   accept them without padding.
//!
//! The cryptography is RustCrypto's `argon2` and `chacha20poly1305`; nothing here is
//! hand-written. The format is specified in `docs/api.md` ("Sealed dossiers"), with
//! known-answer vectors that `tests/model_sealed.rs` checks.

use super::document::{decode_value, parse_schema, DecodeError, Document};
use super::lookup::normalise_code;
use argon2::{Algorithm, Argon2, Params, Version};
use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::Engine as _;
use chacha20poly1305::aead::{Aead as _, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand_core::CryptoRngCore;
use serde::{Deserialize, Serialize};
use std::fmt;
use zeroize::Zeroizing;

/// The schema of an envelope.
pub const SCHEMA: &str = "koers.sealed/1";
/// The key derivation function: Argon2id, version 1.3 (RFC 9106).
pub const KDF_ARGON2ID: &str = "argon2id";
/// The AEAD: XChaCha20-Poly1305 (24-byte nonce, 16-byte tag appended to the ciphertext).
pub const AEAD_XCHACHA20POLY1305: &str = "xchacha20poly1305";
/// Bytes of salt a writer generates.
pub const SALT_LEN: usize = 16;
/// Bytes of nonce (XChaCha20-Poly1305).
pub const NONCE_LEN: usize = 24;
/// Bytes of key.
pub const KEY_LEN: usize = 32;
/// Bytes of the Poly1305 tag at the end of the ciphertext.
pub const TAG_LEN: usize = 16;

/// Base64 as written in every Koers envelope: standard alphabet, padded on writing,
/// padding optional on reading.
pub const BASE64: GeneralPurpose = GeneralPurpose::new(
    &alphabet::STANDARD,
    GeneralPurposeConfig::new()
        .with_encode_padding(true)
        .with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// The cost of deriving the key: memory in KiB, passes, lanes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KdfParams {
    pub m_kib: u32,
    pub t: u32,
    pub p: u32,
}

impl KdfParams {
    /// What the publisher writes: OWASP's first Argon2id option (19 MiB, 2 passes, 1
    /// lane). See `docs/api.md` for the timing.
    pub const PRODUCTION: Self = Self {
        m_kib: 19 * 1024,
        t: 2,
        p: 1,
    };
    /// Cheap parameters for test vectors and unit tests only: never for real dossiers.
    pub const TEST_ONLY: Self = Self {
        m_kib: 64,
        t: 1,
        p: 1,
    };
    /// A reader refuses more than this memory (a hostile file must not exhaust a phone).
    pub const MAX_M_KIB: u32 = 128 * 1024;
    /// A reader refuses more passes than this.
    pub const MAX_T: u32 = 10;
    /// A reader refuses more lanes than this (the browser has one thread anyway).
    pub const MAX_P: u32 = 4;

    /// Argon2's own limits plus the reader's ceiling.
    fn to_argon2(self) -> Result<Params, OpenError> {
        if self.m_kib > Self::MAX_M_KIB || self.t > Self::MAX_T || self.p > Self::MAX_P {
            return Err(OpenError::Unsupported(format!(
                "key derivation cost out of range (m_kib ≤ {}, t ≤ {}, p ≤ {})",
                Self::MAX_M_KIB,
                Self::MAX_T,
                Self::MAX_P
            )));
        }
        Params::new(self.m_kib, self.t, self.p, Some(KEY_LEN))
            .map_err(|e| OpenError::Unsupported(format!("key derivation parameters: {e}")))
    }
}

/// `koers.sealed/1` as it is written. Readers ignore unknown fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Envelope {
    pub schema: String,
    /// The schema of the sealed document, e.g. `koers.dossier/1`; also the associated data.
    pub sealed_schema: String,
    pub kdf: Kdf,
    pub aead: AeadInfo,
    /// Base64 of the AEAD output: the encrypted document followed by the 16-byte tag.
    pub ciphertext: String,
}

impl Document for Envelope {
    const SCHEMA: &'static str = "koers.sealed";
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kdf {
    /// `argon2id`.
    pub alg: String,
    pub m_kib: u32,
    pub t: u32,
    pub p: u32,
    /// Base64 of the salt (a writer uses 16 random bytes; readers take 8–64).
    pub salt: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AeadInfo {
    /// `xchacha20poly1305`.
    pub alg: String,
    /// Base64 of the 24-byte nonce.
    pub nonce: String,
}

/// Why an envelope could not be opened. Every case is shown to a participant as "kan
/// niet openen"; the detail is for logs and tools. Opening never returns unchecked bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenError {
    /// Wrong access code, or the file was changed (AEAD authentication failed). The two
    /// cannot be told apart, by design.
    WrongCodeOrDamaged,
    /// Not a `koers.sealed/1` envelope, or a field is missing or malformed.
    Malformed(String),
    /// A valid envelope this reader does not support: another algorithm or major
    /// version, or a key derivation cost out of range.
    Unsupported(String),
    /// The envelope holds another kind of document than was asked for.
    WrongContent { expected: String, found: String },
}

impl fmt::Display for OpenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::WrongCodeOrDamaged => {
                write!(f, "cannot open: wrong access code or damaged file")
            }
            Self::Malformed(m) => write!(f, "cannot open: malformed envelope: {m}"),
            Self::Unsupported(m) => write!(f, "cannot open: unsupported envelope: {m}"),
            Self::WrongContent { expected, found } => {
                write!(
                    f,
                    "cannot open: expected {expected}, the envelope holds {found}"
                )
            }
        }
    }
}

impl std::error::Error for OpenError {}

/// Why sealing failed (only for parameters Argon2 itself refuses).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealError(pub String);

impl fmt::Display for SealError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot seal: {}", self.0)
    }
}

impl std::error::Error for SealError {}

/// A derived key, wiped from memory when dropped.
pub struct SealKey(Zeroizing<[u8; KEY_LEN]>);

impl SealKey {
    pub fn as_bytes(&self) -> &[u8; KEY_LEN] {
        &self.0
    }
    /// A key kept earlier (the device vault keeps a sealed dossier's key behind the PIN).
    pub fn from_bytes(bytes: [u8; KEY_LEN]) -> Self {
        Self(Zeroizing::new(bytes))
    }
}

impl fmt::Debug for SealKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SealKey(..)")
    }
}

/// Argon2id(normalised code, salt) → 32-byte key. This is the slow step (well under a
/// second natively with the production parameters).
pub fn derive_key(code: &str, salt: &[u8], params: KdfParams) -> Result<SealKey, OpenError> {
    let password = Zeroizing::new(normalise_code(code));
    derive_from_secret(password.as_bytes(), salt, params)
}

/// Argon2id(secret, salt) → 32-byte key, for a secret that needs no normalising (the device
/// PIN in [`super::vault`]).
pub fn derive_from_secret(
    secret: &[u8],
    salt: &[u8],
    params: KdfParams,
) -> Result<SealKey, OpenError> {
    if !(8..=64).contains(&salt.len()) {
        return Err(OpenError::Malformed(
            "the salt must be 8 to 64 bytes".into(),
        ));
    }
    let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.to_argon2()?);
    let mut key = Zeroizing::new([0u8; KEY_LEN]);
    argon
        .hash_password_into(secret, salt, key.as_mut())
        .map_err(|e| OpenError::Unsupported(format!("key derivation: {e}")))?;
    Ok(SealKey(key))
}

/// Seals `plaintext` (the document's JSON bytes) for whoever knows `code`, with a fresh
/// random salt and nonce from `rng`.
pub fn seal(
    code: &str,
    plaintext: &[u8],
    sealed_schema: &str,
    params: KdfParams,
    rng: &mut impl CryptoRngCore,
) -> Result<Envelope, SealError> {
    let mut salt = [0u8; SALT_LEN];
    let mut nonce = [0u8; NONCE_LEN];
    rng.fill_bytes(&mut salt);
    rng.fill_bytes(&mut nonce);
    seal_with(code, plaintext, sealed_schema, params, &salt, &nonce)
}

/// [`seal`] with a given salt and nonce: for known-answer tests only. Reusing a nonce
/// with the same key breaks the encryption, so real writers use [`seal`].
pub fn seal_with(
    code: &str,
    plaintext: &[u8],
    sealed_schema: &str,
    params: KdfParams,
    salt: &[u8],
    nonce: &[u8; NONCE_LEN],
) -> Result<Envelope, SealError> {
    if parse_schema(sealed_schema).is_none() {
        return Err(SealError(format!("not a schema name: {sealed_schema}")));
    }
    let key = derive_key(code, salt, params).map_err(|e| SealError(e.to_string()))?;
    let cipher = XChaCha20Poly1305::new(key.as_bytes().into());
    let ciphertext = cipher
        .encrypt(
            XNonce::from_slice(nonce),
            Payload {
                msg: plaintext,
                aad: sealed_schema.as_bytes(),
            },
        )
        .map_err(|_| SealError("encryption failed".into()))?;
    Ok(Envelope {
        schema: SCHEMA.into(),
        sealed_schema: sealed_schema.into(),
        kdf: Kdf {
            alg: KDF_ARGON2ID.into(),
            m_kib: params.m_kib,
            t: params.t,
            p: params.p,
            salt: BASE64.encode(salt),
        },
        aead: AeadInfo {
            alg: AEAD_XCHACHA20POLY1305.into(),
            nonce: BASE64.encode(nonce),
        },
        ciphertext: BASE64.encode(ciphertext),
    })
}

fn base64_field(value: &str, field: &str) -> Result<Vec<u8>, OpenError> {
    BASE64
        .decode(value.trim())
        .map_err(|e| OpenError::Malformed(format!("{field} is not base64: {e}")))
}

impl Envelope {
    /// Checks the schema and algorithms, and returns the KDF parameters and salt.
    pub fn checked_kdf(&self) -> Result<(KdfParams, Vec<u8>), OpenError> {
        match parse_schema(&self.schema) {
            Some(("koers.sealed", 1)) => {}
            Some(("koers.sealed", _)) => {
                return Err(OpenError::Unsupported(format!("schema {}", self.schema)))
            }
            _ => return Err(OpenError::Malformed(format!("schema {}", self.schema))),
        }
        if self.kdf.alg != KDF_ARGON2ID {
            return Err(OpenError::Unsupported(format!("kdf.alg {}", self.kdf.alg)));
        }
        let params = KdfParams {
            m_kib: self.kdf.m_kib,
            t: self.kdf.t,
            p: self.kdf.p,
        };
        Ok((params, base64_field(&self.kdf.salt, "kdf.salt")?))
    }

    /// The slow step on its own, so a caller can derive once and keep the key in memory.
    pub fn derive_key(&self, code: &str) -> Result<SealKey, OpenError> {
        let (params, salt) = self.checked_kdf()?;
        derive_key(code, &salt, params)
    }

    /// Decrypts with a key from [`Envelope::derive_key`]; the tag is checked before any
    /// byte is returned.
    pub fn open_with_key(&self, key: &SealKey) -> Result<Vec<u8>, OpenError> {
        self.checked_kdf()?;
        if self.aead.alg != AEAD_XCHACHA20POLY1305 {
            return Err(OpenError::Unsupported(format!(
                "aead.alg {}",
                self.aead.alg
            )));
        }
        let nonce = base64_field(&self.aead.nonce, "aead.nonce")?;
        if nonce.len() != NONCE_LEN {
            return Err(OpenError::Malformed(format!(
                "aead.nonce must be {NONCE_LEN} bytes"
            )));
        }
        let ciphertext = base64_field(&self.ciphertext, "ciphertext")?;
        if ciphertext.len() < TAG_LEN {
            return Err(OpenError::Malformed("ciphertext is too short".into()));
        }
        let cipher = XChaCha20Poly1305::new(key.as_bytes().into());
        cipher
            .decrypt(
                XNonce::from_slice(&nonce),
                Payload {
                    msg: &ciphertext,
                    aad: self.sealed_schema.as_bytes(),
                },
            )
            .map_err(|_| OpenError::WrongCodeOrDamaged)
    }
}

/// Opens an envelope with the access code (any case, spaces and dashes).
pub fn open(code: &str, envelope: &Envelope) -> Result<Vec<u8>, OpenError> {
    let key = envelope.derive_key(code)?;
    envelope.open_with_key(&key)
}

/// Reads an envelope from JSON text (a leading byte order mark is allowed).
pub fn parse_envelope(text: &str) -> Result<Envelope, OpenError> {
    super::document::decode::<Envelope>(text).map_err(|e| match e {
        DecodeError::UnsupportedVersion { schema } => {
            OpenError::Unsupported(format!("schema {schema}"))
        }
        other => OpenError::Malformed(other.to_string()),
    })
}

/// Whether a JSON document is an envelope (its `schema` names `koers.sealed`, any
/// version), as opposed to a plain document.
pub fn is_envelope(value: &serde_json::Value) -> bool {
    value
        .get("schema")
        .and_then(|s| s.as_str())
        .and_then(parse_schema)
        .is_some_and(|(name, _)| name == "koers.sealed")
}

/// Why a possibly sealed document could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// The plain document (or the opened one) did not decode.
    Decode(DecodeError),
    /// The envelope could not be opened: "kan niet openen".
    Open(OpenError),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Decode(e) => e.fmt(f),
            Self::Open(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for ReadError {}

/// Reads a document that may be published plain or sealed: a plain document decodes as
/// with [`super::decode`]; an envelope is opened with `code` (no code: `WrongCodeOrDamaged`),
/// its `sealed_schema` must name `T` at a known major version, and the opened bytes are
/// decoded with the same liberal rules as a plain file.
pub fn decode_document<T: Document>(text: &str, code: Option<&str>) -> Result<T, ReadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: serde_json::Value = serde_json::from_str(text)
        .map_err(|e| ReadError::Decode(DecodeError::NotJson(e.to_string())))?;
    if !is_envelope(&value) {
        return decode_value(value).map_err(ReadError::Decode);
    }
    let envelope: Envelope = decode_value(value).map_err(|e| match e {
        DecodeError::UnsupportedVersion { schema } => {
            ReadError::Open(OpenError::Unsupported(format!("schema {schema}")))
        }
        other => ReadError::Open(OpenError::Malformed(other.to_string())),
    })?;
    match parse_schema(&envelope.sealed_schema) {
        Some((name, _)) if name == T::SCHEMA => {}
        _ => {
            return Err(ReadError::Open(OpenError::WrongContent {
                expected: format!("{}/{}", T::SCHEMA, T::MAJOR),
                found: envelope.sealed_schema.clone(),
            }))
        }
    }
    let code = code.ok_or(ReadError::Open(OpenError::WrongCodeOrDamaged))?;
    let plaintext = Zeroizing::new(open(code, &envelope).map_err(ReadError::Open)?);
    let inner = std::str::from_utf8(&plaintext).map_err(|_| {
        ReadError::Decode(DecodeError::NotJson(
            "the sealed document is not UTF-8".into(),
        ))
    })?;
    let decoded = super::document::decode::<T>(inner).map_err(ReadError::Decode)?;
    Ok(decoded)
}

/// A dossier file's bytes as the publisher writes them sealed: the envelope as pretty
/// JSON with a final newline. Refuses input that is already an envelope.
pub fn seal_dossier(
    code: &str,
    dossier: &[u8],
    params: KdfParams,
    rng: &mut impl CryptoRngCore,
) -> Result<String, SealError> {
    let value: serde_json::Value = serde_json::from_slice(dossier)
        .map_err(|e| SealError(format!("the dossier is not JSON: {e}")))?;
    if is_envelope(&value) {
        return Err(SealError("the dossier is already sealed".into()));
    }
    let envelope = seal(code, dossier, "koers.dossier/1", params, rng)?;
    let mut text = serde_json::to_string_pretty(&envelope).expect("plain data");
    text.push('\n');
    Ok(text)
}
