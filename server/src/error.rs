//! The API's error answers. Every refusal of the inbox, the results and the desk, and the
//! static files' JSON 404, is an [`ApiError`]: the status, the contract's
//! `{"error": {"code", "message", "field"?}}` body (`docs/api.md`, "Errors") and the
//! headers some of them need are made here alone, so no handler can give a 401 without
//! its challenge or a 429 without its `Retry-After`.
//!
//! The wording that differs between the APIs (what was not found, what a query expects)
//! is the caller's; the codes and the wording that must not differ are fixed here.

use crate::ratelimit::retry_after_secs;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use koers::model::inbox::{ErrorBody, InboxError};
use koers::model::results::{TooFew, MIN_RESPONSES};
use std::time::Duration;

/// Whose token a `401` asks for; each has its own `WWW-Authenticate` realm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Realm {
    Results,
    Desk,
}

impl Realm {
    fn challenge(self) -> &'static str {
        match self {
            Self::Results => "Bearer realm=\"koers-results\"",
            Self::Desk => "Bearer realm=\"koers-desk\"",
        }
    }

    fn message(self) -> &'static str {
        match self {
            Self::Results => "a valid results token is needed",
            Self::Desk => "a valid desk token is needed",
        }
    }
}

#[derive(Debug)]
pub enum ApiError {
    /// `404 not_found`, saying what there is none of.
    NotFound(&'static str),
    /// `404 unknown_survey`: results of a survey that is not published. (A body naming
    /// such a survey is a 422 of the inbox, an [`InboxError`] on its `survey_id`.)
    UnknownSurvey,
    /// `401 unauthorized`, with the realm's challenge.
    Unauthorized(Realm),
    /// `429 rate_limited`, with `Retry-After` in whole seconds.
    RateLimited {
        message: &'static str,
        wait: Duration,
    },
    UnsupportedMediaType,
    /// `413 too_large`: the body may have at most `limit` bytes.
    TooLarge {
        limit: usize,
    },
    /// `400 bad_request`: the body could not be read.
    BadRequest,
    BadJson(serde_json::Error),
    /// `400 bad_query`: `expected` says what the query's values may be.
    BadQuery {
        expected: &'static str,
        field: &'static str,
    },
    /// `403 not_yours` on `participant_id`, saying what is wrong with the proof.
    NotYours(&'static str),
    /// `422`: a body the contract refuses, with the model's code, message and field.
    Invalid(InboxError),
    /// `422 too_few`: the results filter would single out a few responses.
    TooFew(TooFew),
    Conflict {
        message: &'static str,
        field: &'static str,
    },
    /// `503 contacts_unavailable`; the message says what was left undone.
    ContactsUnavailable(&'static str),
    /// `500 storage`, with the message as given: whether the cause is shown is the
    /// caller's decision.
    Storage(String),
    /// `500 read_failed`: a file that exists could not be read.
    ReadFailed,
}

impl ApiError {
    /// An API file that is not there. Results without a token answer this too, so that
    /// they cannot be told apart from a server that has no results at all.
    pub const NO_SUCH_FILE: Self = Self::NotFound("no such file");
}

impl From<InboxError> for ApiError {
    fn from(e: InboxError) -> Self {
        Self::Invalid(e)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let extra = match &self {
            Self::Unauthorized(realm) => Some((
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static(realm.challenge()),
            )),
            Self::RateLimited { wait, .. } => {
                Some((header::RETRY_AFTER, retry_after_secs(*wait).into()))
            }
            _ => None,
        };
        let (status, error) = match self {
            Self::NotFound(message) => (
                StatusCode::NOT_FOUND,
                InboxError::new("not_found", message, None),
            ),
            Self::UnknownSurvey => (
                StatusCode::NOT_FOUND,
                InboxError::new("unknown_survey", "no such survey", None),
            ),
            Self::Unauthorized(realm) => (
                StatusCode::UNAUTHORIZED,
                InboxError::new("unauthorized", realm.message(), None),
            ),
            Self::RateLimited { message, .. } => (
                StatusCode::TOO_MANY_REQUESTS,
                InboxError::new("rate_limited", message, None),
            ),
            Self::UnsupportedMediaType => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                InboxError::new("unsupported_media_type", "send application/json", None),
            ),
            Self::TooLarge { limit } => (
                StatusCode::PAYLOAD_TOO_LARGE,
                InboxError::new("too_large", format!("at most {limit} bytes"), None),
            ),
            Self::BadRequest => (
                StatusCode::BAD_REQUEST,
                InboxError::new("bad_request", "the body could not be read", None),
            ),
            Self::BadJson(e) => (
                StatusCode::BAD_REQUEST,
                InboxError::new("bad_json", format!("not JSON: {e}"), None),
            ),
            Self::BadQuery { expected, field } => (
                StatusCode::BAD_REQUEST,
                InboxError::new("bad_query", expected, Some(field)),
            ),
            Self::NotYours(why) => (
                StatusCode::FORBIDDEN,
                InboxError::new("not_yours", why, Some("participant_id")),
            ),
            Self::Invalid(e) => (StatusCode::UNPROCESSABLE_ENTITY, e),
            Self::TooFew(refused) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                InboxError::new(
                    "too_few",
                    format!(
                        "this filter would single out fewer than {MIN_RESPONSES} responses; \
                         choose another period or every mode"
                    ),
                    refused.field,
                ),
            ),
            Self::Conflict { message, field } => (
                StatusCode::CONFLICT,
                InboxError::new("conflict", message, Some(field)),
            ),
            Self::ContactsUnavailable(message) => (
                StatusCode::SERVICE_UNAVAILABLE,
                InboxError::new("contacts_unavailable", message, None),
            ),
            Self::Storage(message) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                InboxError::new("storage", message, None),
            ),
            Self::ReadFailed => (
                StatusCode::INTERNAL_SERVER_ERROR,
                InboxError::new("read_failed", "the file could not be read", None),
            ),
        };
        // Errors are answers to this request only: `json_response` marks them no-store.
        let mut response = crate::json_response(status, &ErrorBody { error });
        if let Some((name, value)) = extra {
            response.headers_mut().insert(name, value);
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    /// Status, body and the headers an error answer sets.
    async fn answer(error: ApiError) -> (u16, Value, Vec<(String, String)>) {
        let response = error.into_response();
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_str().unwrap().to_string()))
            .collect();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        (status, serde_json::from_slice(&bytes).unwrap(), headers)
    }

    fn plain_headers() -> Vec<(String, String)> {
        vec![
            ("content-type".into(), "application/json".into()),
            ("cache-control".into(), "no-store".into()),
        ]
    }

    fn with(extra: (&str, &str)) -> Vec<(String, String)> {
        let mut headers = plain_headers();
        headers.push((extra.0.into(), extra.1.into()));
        headers
    }

    fn body(code: &str, message: &str, field: Option<&str>) -> Value {
        match field {
            Some(field) => json!({"error": {"code": code, "message": message, "field": field}}),
            None => json!({"error": {"code": code, "message": message}}),
        }
    }

    #[tokio::test]
    async fn every_error_has_its_status_body_and_headers() {
        let bad_json = serde_json::from_str::<Value>("{").unwrap_err();
        let bad_json_message = format!("not JSON: {bad_json}");
        let cases = [
            (
                ApiError::NO_SUCH_FILE,
                404,
                body("not_found", "no such file", None),
                plain_headers(),
            ),
            (
                ApiError::NotFound("no such inbox"),
                404,
                body("not_found", "no such inbox", None),
                plain_headers(),
            ),
            (
                ApiError::UnknownSurvey,
                404,
                body("unknown_survey", "no such survey", None),
                plain_headers(),
            ),
            (
                ApiError::Unauthorized(Realm::Results),
                401,
                body("unauthorized", "a valid results token is needed", None),
                with(("www-authenticate", "Bearer realm=\"koers-results\"")),
            ),
            (
                ApiError::Unauthorized(Realm::Desk),
                401,
                body("unauthorized", "a valid desk token is needed", None),
                with(("www-authenticate", "Bearer realm=\"koers-desk\"")),
            ),
            (
                ApiError::RateLimited {
                    message: "too many attempts",
                    wait: Duration::from_millis(2100),
                },
                429,
                body("rate_limited", "too many attempts", None),
                with(("retry-after", "3")),
            ),
            (
                ApiError::UnsupportedMediaType,
                415,
                body("unsupported_media_type", "send application/json", None),
                plain_headers(),
            ),
            (
                ApiError::TooLarge { limit: 65536 },
                413,
                body("too_large", "at most 65536 bytes", None),
                plain_headers(),
            ),
            (
                ApiError::BadRequest,
                400,
                body("bad_request", "the body could not be read", None),
                plain_headers(),
            ),
            (
                ApiError::BadJson(bad_json),
                400,
                body("bad_json", &bad_json_message, None),
                plain_headers(),
            ),
            (
                ApiError::BadQuery {
                    expected: "from is YYYY-MM-DD",
                    field: "from",
                },
                400,
                body("bad_query", "from is YYYY-MM-DD", Some("from")),
                plain_headers(),
            ),
            (
                ApiError::NotYours("this write proof is not this participant's"),
                403,
                body(
                    "not_yours",
                    "this write proof is not this participant's",
                    Some("participant_id"),
                ),
                plain_headers(),
            ),
            (
                ApiError::from(InboxError::new("too_long", "at most 2000", Some("body"))),
                422,
                body("too_long", "at most 2000", Some("body")),
                plain_headers(),
            ),
            (
                ApiError::TooFew(TooFew { field: Some("to") }),
                422,
                body(
                    "too_few",
                    &format!(
                        "this filter would single out fewer than {MIN_RESPONSES} responses; \
                         choose another period or every mode"
                    ),
                    Some("to"),
                ),
                plain_headers(),
            ),
            (
                ApiError::Conflict {
                    message: "this id is already stored with a different body",
                    field: "id",
                },
                409,
                body(
                    "conflict",
                    "this id is already stored with a different body",
                    Some("id"),
                ),
                plain_headers(),
            ),
            (
                ApiError::ContactsUnavailable("the contact list cannot be read now"),
                503,
                body(
                    "contacts_unavailable",
                    "the contact list cannot be read now",
                    None,
                ),
                plain_headers(),
            ),
            (
                ApiError::Storage("disk full".into()),
                500,
                body("storage", "disk full", None),
                plain_headers(),
            ),
            (
                ApiError::ReadFailed,
                500,
                body("read_failed", "the file could not be read", None),
                plain_headers(),
            ),
        ];
        for (error, status, expected_body, expected_headers) in cases {
            let name = format!("{error:?}");
            let (got_status, got_body, got_headers) = answer(error).await;
            assert_eq!(got_status, status, "{name}");
            assert_eq!(got_body, expected_body, "{name}");
            assert_eq!(got_headers, expected_headers, "{name}");
        }
    }

    #[tokio::test]
    async fn a_short_wait_is_still_a_whole_second() {
        let error = ApiError::RateLimited {
            message: "too many writes; try again later",
            wait: Duration::from_millis(10),
        };
        let (_, _, headers) = answer(error).await;
        assert!(headers.contains(&("retry-after".into(), "1".into())));
    }
}
