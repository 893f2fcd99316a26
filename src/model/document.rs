//! Reading a whole API document: the `schema` check comes first, so a file from a
//! newer major version is reported as such instead of as garbage.

use serde::de::DeserializeOwned;
use std::fmt;

/// A document type of API v1, named by its schema (`koers.dossier` for `koers.dossier/1`).
pub trait Document: DeserializeOwned {
    const SCHEMA: &'static str;
    /// The major version this app understands.
    const MAJOR: u32 = 1;
}

/// Why a document could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// Not JSON at all (an HTML error page, a cut-off file).
    NotJson(String),
    /// No `schema`, or the schema of another kind of document.
    WrongSchema {
        expected: String,
        found: Option<String>,
    },
    /// The right document, but a major version this app does not know yet.
    UnsupportedVersion { schema: String },
    /// JSON of the right schema with a required field missing or of the wrong type.
    BadData { path: String, message: String },
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotJson(m) => write!(f, "not JSON: {m}"),
            Self::WrongSchema { expected, found } => {
                write!(
                    f,
                    "expected schema {expected}/1, found {}",
                    found.as_deref().unwrap_or("none")
                )
            }
            Self::UnsupportedVersion { schema } => {
                write!(f, "unsupported schema version: {schema}")
            }
            Self::BadData { path, message } => write!(f, "bad data at {path}: {message}"),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Splits `koers.dossier/1` (or `/1.2`) into its name and major version.
pub fn parse_schema(s: &str) -> Option<(&str, u32)> {
    let (name, version) = s.trim().rsplit_once('/')?;
    let major = version.split('.').next()?.parse().ok()?;
    Some((name, major))
}

/// Decodes a document, checking its schema name and major version first.
pub fn decode<T: Document>(text: &str) -> Result<T, DecodeError> {
    // Some editors and exports start a UTF-8 file with a byte order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| DecodeError::NotJson(e.to_string()))?;
    decode_value(value)
}

pub fn decode_value<T: Document>(value: serde_json::Value) -> Result<T, DecodeError> {
    let found = value
        .get("schema")
        .and_then(|s| s.as_str())
        .map(str::to_string);
    let wrong = || DecodeError::WrongSchema {
        expected: T::SCHEMA.to_string(),
        found: found.clone(),
    };
    let (name, major) = found.as_deref().and_then(parse_schema).ok_or_else(wrong)?;
    if name != T::SCHEMA {
        return Err(wrong());
    }
    if major != T::MAJOR {
        return Err(DecodeError::UnsupportedVersion {
            schema: found.clone().unwrap_or_default(),
        });
    }
    super::lenient::deserialize_with_path(value)
        .map_err(|(path, message)| DecodeError::BadData { path, message })
}
