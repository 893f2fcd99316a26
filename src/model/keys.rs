//! X25519 key pairs of the recipients of sealed writes (advisers, survey teams): the public
//! key as `contacts.json` and surveys carry it, the secret key as the key file
//! `koers-server keygen` writes. Sealing and opening are libsodium's `crypto_box_seal`
//! (RustCrypto's `crypto_box`). A leaf: the documents and the inbox both use it.

use super::sealed::BASE64;
use base64::Engine as _;
use crypto_box::{PublicKey as BoxPublicKey, SecretKey as BoxSecretKey};
use rand_core::CryptoRngCore;
use serde_json::Value;
use std::fmt;
use zeroize::Zeroizing;

/// The schema of a key file written by `koers-server keygen`.
pub const KEY_FILE_SCHEMA: &str = "koers.secret-key/1";

/// A recipient's X25519 public key.
#[derive(Clone, PartialEq, Eq)]
pub struct PublicKey(BoxPublicKey);

/// A recipient's X25519 secret key (wiped from memory when dropped, by `crypto_box`).
#[derive(Clone)]
pub struct SecretKey(BoxSecretKey);

/// A key that is not 32 bytes of base64, or a key file that is not one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyError(pub String);

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for KeyError {}

fn key_bytes(text: &str) -> Result<Zeroizing<[u8; 32]>, KeyError> {
    let bytes = Zeroizing::new(
        BASE64
            .decode(text.trim())
            .map_err(|e| KeyError(format!("not base64: {e}")))?,
    );
    let mut out = Zeroizing::new([0u8; 32]);
    if bytes.len() != 32 {
        return Err(KeyError(format!(
            "a key is 32 bytes, this is {}",
            bytes.len()
        )));
    }
    out.copy_from_slice(&bytes);
    Ok(out)
}

/// An optional key field of contacts.json or a survey: `Ok(None)` when absent, `Err` when it is
/// not a key (the app then fails closed and sends nothing rather than plain text).
pub fn optional_key(field: Option<&str>) -> Result<Option<PublicKey>, KeyError> {
    field.map(PublicKey::parse).transpose()
}

impl PublicKey {
    /// From base64 (32 bytes), as in `contacts.json`.
    pub fn parse(text: &str) -> Result<Self, KeyError> {
        Ok(Self(BoxPublicKey::from_bytes(*key_bytes(text)?)))
    }
    pub fn to_base64(&self) -> String {
        BASE64.encode(self.0.as_bytes())
    }
    pub fn as_bytes(&self) -> &[u8; 32] {
        self.0.as_bytes()
    }
    /// libsodium `crypto_box_seal` of `plaintext` to this key.
    pub fn seal(&self, plaintext: &[u8], rng: &mut impl CryptoRngCore) -> Vec<u8> {
        self.0
            .seal(rng, plaintext)
            .expect("sealing in memory does not fail")
    }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PublicKey({})", self.to_base64())
    }
}

impl SecretKey {
    pub fn generate(rng: &mut impl CryptoRngCore) -> Self {
        Self(BoxSecretKey::generate(rng))
    }
    /// From base64 (32 bytes).
    pub fn parse(text: &str) -> Result<Self, KeyError> {
        Ok(Self(BoxSecretKey::from_bytes(*key_bytes(text)?)))
    }
    pub fn public_key(&self) -> PublicKey {
        PublicKey(self.0.public_key())
    }
    /// libsodium `crypto_box_seal_open`.
    pub fn unseal(&self, ciphertext: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
        self.0.unseal(ciphertext).ok().map(Zeroizing::new)
    }

    /// The key file `koers-server keygen` writes: JSON with the schema, the algorithm,
    /// the public key (to check which key this is) and the secret key.
    pub fn to_key_file(&self) -> String {
        let secret = Zeroizing::new(BASE64.encode(self.0.to_bytes()));
        let mut text = serde_json::to_string_pretty(&serde_json::json!({
            "schema": KEY_FILE_SCHEMA,
            "alg": "x25519",
            "public_key": self.public_key().to_base64(),
            "secret_key": secret.as_str(),
        }))
        .expect("plain JSON");
        text.push('\n');
        text
    }

    /// Reads a key file; its `public_key` must match the secret key.
    pub fn from_key_file(text: &str) -> Result<Self, KeyError> {
        let value: Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
            .map_err(|e| KeyError(format!("not a key file (not JSON: {e})")))?;
        let field = |name: &str| value.get(name).and_then(Value::as_str);
        if field("schema") != Some(KEY_FILE_SCHEMA) || field("alg") != Some("x25519") {
            return Err(KeyError(format!(
                "not a key file: expected schema {KEY_FILE_SCHEMA} and alg x25519"
            )));
        }
        let secret = Self::parse(field("secret_key").unwrap_or_default())
            .map_err(|e| KeyError(format!("secret_key: {e}")))?;
        if let Some(public) = field("public_key") {
            if PublicKey::parse(public)? != secret.public_key() {
                return Err(KeyError(
                    "the key file's public_key does not belong to its secret_key".into(),
                ));
            }
        }
        Ok(secret)
    }
}

impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SecretKey(..)")
    }
}
