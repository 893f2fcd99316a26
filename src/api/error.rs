use crate::model::DecodeError;
use std::fmt;

/// Why data could not be loaded or sent. Every page shows these through one error view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// No connection (fetch itself failed).
    Offline,
    /// 404: for a dossier this means "code not recognised".
    NotFound,
    /// Any other non-success status.
    Server(u16),
    /// The file is not JSON, or a required field is missing or wrong (with its JSON path).
    BadData { path: String, message: String },
    /// The file is of a newer major version than this app reads.
    Unsupported { schema: String },
    /// A page that needs a dossier was opened without signing in.
    SignedOut,
    /// A sealed dossier could not be opened (damaged, or not for this code): "kan niet openen".
    CannotOpen,
    /// A part of the app (a wasm chunk) could not be fetched although the phone is online:
    /// the server lacks it or failed.
    PartMissing,
    /// A sealed dossier, but its key (kept in memory only) is gone after a reload: the
    /// participant has to enter the code again.
    CodeNeeded,
}

impl From<DecodeError> for ApiError {
    fn from(e: DecodeError) -> Self {
        match e {
            DecodeError::NotJson(message) => Self::BadData {
                path: "$".into(),
                message,
            },
            DecodeError::WrongSchema { expected, found } => Self::BadData {
                path: "schema".into(),
                message: format!(
                    "expected {expected}/1, found {}",
                    found.unwrap_or_else(|| "nothing".into())
                ),
            },
            DecodeError::UnsupportedVersion { schema } => Self::Unsupported { schema },
            DecodeError::BadData { path, message } => Self::BadData { path, message },
        }
    }
}

impl From<crate::split::ChunkUnavailable> for ApiError {
    /// "No internet" when the phone is offline; otherwise the server lacks the chunk.
    fn from(_: crate::split::ChunkUnavailable) -> Self {
        if crate::browser::online() {
            Self::PartMissing
        } else {
            Self::Offline
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Offline => write!(f, "offline"),
            Self::NotFound => write!(f, "not found (404)"),
            Self::Server(status) => write!(f, "server answered {status}"),
            Self::BadData { path, message } => write!(f, "bad data at {path}: {message}"),
            Self::Unsupported { schema } => write!(f, "unsupported schema {schema}"),
            Self::SignedOut => write!(f, "signed out"),
            Self::CannotOpen => write!(f, "the sealed dossier cannot be opened"),
            Self::PartMissing => write!(f, "a part of the app could not be fetched"),
            Self::CodeNeeded => write!(f, "the access code is needed to open the dossier"),
        }
    }
}

impl std::error::Error for ApiError {}
