//! The desk (`/api/v1/desk/…`): a contact who takes messages reads them and marks them
//! read or handled, and the writer's phone reads back how far its message got
//! (`GET /api/v1/inbox/messages/{id}`). The bodies and rules are `koers::model::desk`.
//!
//! Design:
//! - A contact signs in with the desk token the operator gave them (`--desk-tokens`). The
//!   [`DeskToken`] extractor is the only way a handler learns the contact, so no handler
//!   can forget the check. A wrong token costs the client a token of the write limiter,
//!   as a wrong results token does, so tokens cannot be guessed at speed.
//! - A token only ever reaches its own contact's messages: every query is by the contact
//!   the token names, and a message of another contact is "not found", exactly like an id
//!   that does not exist.
//! - Messages are handed out as stored. A sealed body stays sealed and its note is sealed
//!   to the contact's own key: the server learns that, and when, a message was read or
//!   handled, never what it or the note says.
//! - Every sign-in, list and status change, and every refused token, goes into the access
//!   log before the answer does; if the log cannot be written, the desk answers 500
//!   rather than give access that is not on record.
//! - Handled messages are deleted after `--retain-days`, at start and every hour.

use crate::error::{ApiError, Realm};
use crate::store::{AccessEntry, DeskRow, StatusOutcome, StatusWrite};
use crate::AppState;
use axum::body::Body;
use axum::extract::{ConnectInfo, FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use koers::model::desk::{
    Cursor, DeskEntry, DeskMe, DeskMessages, DeskQuery, StatusChange, DESK_MESSAGES_SCHEMA,
    STATUS_BODY_BYTES,
};
use koers::model::inbox::{limits, InboxError};
use serde_json::Value;
use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::{Arc, Weak};
use std::time::Duration;

/// How often handled messages past their retention are looked for.
pub const RETAIN_EVERY: Duration = Duration::from_secs(60 * 60);

/// The contact a valid `Authorization: Bearer <desk token>` names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeskToken(pub String);

/// Why a desk request was refused, in the desk's words; [`ApiError`] makes the answer.
/// A type of its own because the same refusal reads differently here ("no such
/// message", "nothing was changed") and a storage failure is logged, never shown: the
/// handlers name the refusal and this one place words it.
#[derive(Debug)]
pub enum DeskError {
    /// The desk is off, or no message of this contact has this id.
    NotFound,
    Unauthorized,
    RateLimited(Duration),
    BadQuery(&'static str),
    UnsupportedMediaType,
    TooLarge,
    /// The body could not be read.
    BadRequest,
    BadJson(serde_json::Error),
    Invalid(InboxError),
    NoteConflict,
    ContactsUnavailable,
    Storage(String),
}

impl From<DeskError> for ApiError {
    fn from(e: DeskError) -> Self {
        match e {
            DeskError::NotFound => Self::NotFound("no such message"),
            DeskError::Unauthorized => Self::Unauthorized(Realm::Desk),
            DeskError::RateLimited(wait) => Self::RateLimited {
                message: "too many attempts",
                wait,
            },
            DeskError::BadQuery(field) => Self::BadQuery {
                expected: "status is received, read or handled; limit is 1 to 500; before is a next from an earlier page",
                field,
            },
            DeskError::UnsupportedMediaType => Self::UnsupportedMediaType,
            DeskError::TooLarge => Self::TooLarge {
                limit: STATUS_BODY_BYTES,
            },
            DeskError::BadRequest => Self::BadRequest,
            DeskError::BadJson(e) => Self::BadJson(e),
            DeskError::Invalid(e) => Self::Invalid(e),
            DeskError::NoteConflict => Self::Conflict {
                message: "this message is already handled with another note",
                field: "note",
            },
            DeskError::ContactsUnavailable => Self::ContactsUnavailable(
                "the contact list cannot be read now; nothing was changed, try again later",
            ),
            DeskError::Storage(_) => {
                Self::Storage("the desk could not be read or written now".to_string())
            }
        }
    }
}

impl IntoResponse for DeskError {
    fn into_response(self) -> Response {
        if let DeskError::Storage(why) = &self {
            eprintln!("koers-server: desk storage failed: {why}");
        }
        ApiError::from(self).into_response()
    }
}

/// The access log's name of what a desk request does.
fn action_of(method: &Method, path: &str) -> &'static str {
    match (method, path) {
        (_, "/api/v1/desk/me") => "sign_in",
        (&Method::POST, _) => "status",
        _ => "list",
    }
}

/// The token of `Authorization: Bearer <token>` (the scheme in any case, RFC 9110).
fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?.trim();
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then_some(token.trim())
        .filter(|t| !t.is_empty())
}

impl FromRequestParts<Arc<AppState>> for DeskToken {
    type Rejection = DeskError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &Arc<AppState>,
    ) -> Result<Self, Self::Rejection> {
        let Some(tokens) = state.desk.as_ref() else {
            return Err(DeskError::NotFound);
        };
        let given = bearer(&parts.headers);
        if let Some(contact) = given.and_then(|t| tokens.contact_for(t)) {
            return Ok(Self(contact.to_string()));
        }
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |c| c.0.ip());
        let client = state.client_ip(SocketAddr::new(peer, 0), &parts.headers);
        // Refusals past the limit are not logged one by one: a flood must not fill the
        // disk, and the ones before it already show the attempt.
        state
            .limiter
            .check(client)
            .map_err(DeskError::RateLimited)?;
        let why = if given.is_some() {
            "wrong token"
        } else {
            "no token"
        };
        let action = action_of(&parts.method, parts.uri.path());
        state
            .store
            .log_access(AccessEntry::refused(action, why))
            .await
            .map_err(DeskError::Storage)?;
        Err(DeskError::Unauthorized)
    }
}

/// `GET /api/v1/desk/me`: the desk's sign-in.
pub async fn me(
    State(state): State<Arc<AppState>>,
    DeskToken(contact_id): DeskToken,
) -> Result<Response, DeskError> {
    log(&state, AccessEntry::now(&contact_id, "sign_in", None)).await?;
    Ok(crate::json_response(
        StatusCode::OK,
        &DeskMe {
            contact_id,
            retain_days: state.retain_days,
        },
    ))
}

async fn log(state: &AppState, entry: AccessEntry) -> Result<(), DeskError> {
    state
        .store
        .log_access(entry)
        .await
        .map_err(DeskError::Storage)
}

/// `GET /api/v1/desk/messages?status=&limit=&before=`: one page of the contact's
/// messages, newest first, with the counts over all of them.
pub async fn messages(
    State(state): State<Arc<AppState>>,
    DeskToken(contact_id): DeskToken,
    Query(query): Query<HashMap<String, String>>,
) -> Result<Response, DeskError> {
    let q = |name: &str| query.get(name).map(String::as_str);
    let query =
        DeskQuery::parse(q("status"), q("limit"), q("before")).map_err(DeskError::BadQuery)?;
    let database = state.store.path().to_path_buf();
    let (contact, wanted) = (contact_id.clone(), query.clone());
    let read = tokio::task::spawn_blocking(move || {
        let mut conn = crate::store::open_reader(&database)?;
        // One snapshot: the counts and the page agree.
        let tx = conn.transaction()?;
        let rows = crate::store::desk_messages(
            &tx,
            &contact,
            wanted.status,
            wanted.before.as_ref(),
            wanted.limit,
        )?;
        let counts = crate::store::desk_counts(&tx, &contact)?;
        Ok::<_, rusqlite::Error>((rows, counts))
    })
    .await;
    let (mut rows, counts) = match read {
        Ok(Ok(read)) => read,
        Ok(Err(e)) => return Err(DeskError::Storage(e.to_string())),
        Err(e) => return Err(DeskError::Storage(e.to_string())),
    };
    let more = rows.len() > query.limit as usize;
    rows.truncate(query.limit as usize);
    let next = more.then(|| rows.last()).flatten().map(|last| {
        Cursor {
            received_at: last.received_at.clone(),
            id: last.id.clone(),
        }
        .encode()
    });
    let detail = format!(
        "status={} limit={} page={} shown={}",
        query.status.map_or("any", |s| s.as_str()),
        query.limit,
        if query.before.is_some() {
            "next"
        } else {
            "first"
        },
        rows.len()
    );
    log(&state, AccessEntry::now(&contact_id, "list", Some(detail))).await?;
    let messages = rows.into_iter().map(entry).collect();
    Ok(crate::json_response(
        StatusCode::OK,
        &DeskMessages {
            schema: DESK_MESSAGES_SCHEMA.to_string(),
            contact_id,
            counts,
            messages,
            next,
        },
    ))
}

/// Stored text as JSON; the inbox only stores JSON, so the fallback (the text as a JSON
/// string) is for a database edited by hand, and still hands out what is there.
fn stored_json(text: String) -> Value {
    serde_json::from_str(&text).unwrap_or(Value::String(text))
}

fn entry(row: DeskRow) -> DeskEntry {
    DeskEntry {
        id: row.id,
        received_at: row.received_at,
        status: row.status.status,
        read_at: row.status.read_at,
        handled_at: row.status.handled_at,
        body: stored_json(row.body),
        writer: row.writer,
        note: row.status.note.map(stored_json),
    }
}

/// `POST /api/v1/desk/messages/{id}/status` with a `StatusChange`.
pub async fn set_status(
    State(state): State<Arc<AppState>>,
    DeskToken(contact_id): DeskToken,
    Path(id): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, DeskError> {
    if !crate::inbox::is_json(&headers) {
        return Err(DeskError::UnsupportedMediaType);
    }
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > STATUS_BODY_BYTES as u64) {
        return Err(DeskError::TooLarge);
    }
    let bytes = match axum::body::to_bytes(body, STATUS_BODY_BYTES).await {
        Ok(bytes) => bytes,
        Err(e) if crate::inbox::is_length_limit(&e) => return Err(DeskError::TooLarge),
        Err(_) => return Err(DeskError::BadRequest),
    };
    let value: Value = serde_json::from_slice(&bytes).map_err(DeskError::BadJson)?;
    let change: StatusChange = crate::inbox::decode_body(&value).map_err(DeskError::Invalid)?;
    let contact = crate::inbox::load_contact(&state, &contact_id)
        .await
        .ok_or(DeskError::ContactsUnavailable)?;
    let key = contact.as_ref().and_then(|c| c.public_key.as_deref());
    change.validate(key).map_err(DeskError::Invalid)?;
    if id.is_empty() || id.len() > limits::ID {
        return Err(DeskError::NotFound);
    }
    let outcome = state
        .store
        .set_status(StatusWrite {
            contact_id,
            id,
            wanted: change.status,
            note: change.note.as_ref().map(crate::inbox::canonical_json),
        })
        .await
        .map_err(DeskError::Storage)?;
    match outcome {
        StatusOutcome::Changed(answer) => Ok(crate::json_response(StatusCode::OK, &answer)),
        StatusOutcome::NotFound => Err(DeskError::NotFound),
        StatusOutcome::NoteConflict => Err(DeskError::NoteConflict),
    }
}

/// `GET /api/v1/inbox/messages/{id}`: the writer's read receipt. No token: the id is a
/// random UUID that only the writer's phone knows, and the answer says nothing else.
pub async fn receipt(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> Response {
    let mut response = receipt_of(&state, id).await;
    // Whoever has the id reads the receipt, so it stays out of the request log.
    response
        .extensions_mut()
        .insert(crate::log::Redacted("/api/v1/inbox/messages/…"));
    response
}

async fn receipt_of(state: &AppState, id: String) -> Response {
    if id.is_empty() || id.len() > limits::ID {
        return DeskError::NotFound.into_response();
    }
    let database = state.store.path().to_path_buf();
    let found = tokio::task::spawn_blocking(move || {
        let conn = crate::store::open_reader(&database)?;
        crate::store::receipt(&conn, &id)
    })
    .await;
    match found {
        Ok(Ok(Some(receipt))) => crate::json_response(StatusCode::OK, &receipt),
        Ok(Ok(None)) => DeskError::NotFound.into_response(),
        Ok(Err(e)) => DeskError::Storage(e.to_string()).into_response(),
        Err(e) => DeskError::Storage(e.to_string()).into_response(),
    }
}

/// Deletes handled messages past their retention every [`RETAIN_EVERY`] (the store did
/// so once at start); ends with the server.
pub fn spawn_retention(state: Weak<AppState>, every: Duration) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        tick.tick().await;
        loop {
            tick.tick().await;
            let Some(state) = state.upgrade() else {
                return;
            };
            match state.store.retain(state.retain_days).await {
                Ok(0) => {}
                Ok(n) => eprintln!(
                    "koers-server: deleted {n} handled messages older than {} days",
                    state.retain_days
                ),
                // Closing: the next start runs it again.
                Err(_) => return,
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Status, code, message and field of a refusal as the client reads it.
    async fn answer(error: DeskError) -> (u16, String, String, Option<String>) {
        let response = error.into_response();
        let status = response.status().as_u16();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        let body: Value = serde_json::from_slice(&bytes).unwrap();
        let text = |key: &str| body["error"][key].as_str().map(str::to_string);
        (
            status,
            text("code").unwrap(),
            text("message").unwrap(),
            text("field"),
        )
    }

    #[tokio::test]
    async fn the_desk_words_its_refusals() {
        let cases = [
            (DeskError::NotFound, 404, "not_found", "no such message", None),
            (
                DeskError::Unauthorized,
                401,
                "unauthorized",
                "a valid desk token is needed",
                None,
            ),
            (
                DeskError::RateLimited(Duration::from_secs(2)),
                429,
                "rate_limited",
                "too many attempts",
                None,
            ),
            (
                DeskError::BadQuery("limit"),
                400,
                "bad_query",
                "status is received, read or handled; limit is 1 to 500; before is a next from an earlier page",
                Some("limit"),
            ),
            (
                DeskError::TooLarge,
                413,
                "too_large",
                "at most 16384 bytes",
                None,
            ),
            (
                DeskError::NoteConflict,
                409,
                "conflict",
                "this message is already handled with another note",
                Some("note"),
            ),
            (
                DeskError::ContactsUnavailable,
                503,
                "contacts_unavailable",
                "the contact list cannot be read now; nothing was changed, try again later",
                None,
            ),
            (
                DeskError::Storage("database is locked".into()),
                500,
                "storage",
                "the desk could not be read or written now",
                None,
            ),
        ];
        for (error, status, code, message, field) in cases {
            let name = format!("{error:?}");
            assert_eq!(
                answer(error).await,
                (
                    status,
                    code.to_string(),
                    message.to_string(),
                    field.map(str::to_string)
                ),
                "{name}"
            );
        }
    }
}
