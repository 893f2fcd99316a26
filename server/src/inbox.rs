//! `POST /api/v1/inbox/{kind}`: decode with the app's own types, validate with the app's
//! own rules, then store once per id.

use crate::error::ApiError;
use crate::store::Outcome;
use crate::AppState;
use axum::body::Body;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::Response;
use koers::model::inbox::{
    limits, Acknowledgement, GoalReflection, InboxError, InboxKind, Message, SurveyResponse,
};
use koers::model::sealed_write::{
    self, PublicKey, SealedGoalReflection, SealedMessage, SealedSurveyResponse,
};
use koers::model::write_proof::{self, WriterAttestation};
use koers::model::{decode, Contact, Contacts, Survey};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::net::SocketAddr;
use std::sync::Arc;

pub async fn post(
    State(state): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(kind): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let kind = InboxKind::from_path(&kind).ok_or(ApiError::NotFound("no such inbox"))?;
    state
        .limiter
        .check(state.client_ip(peer, &headers))
        .map_err(|wait| ApiError::RateLimited {
            message: "too many writes; try again later",
            wait,
        })?;
    if !is_json(&headers) {
        return Err(ApiError::UnsupportedMediaType);
    }
    let too_large = || ApiError::TooLarge {
        limit: limits::BODY_BYTES,
    };
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > limits::BODY_BYTES as u64) {
        return Err(too_large());
    }
    let bytes = match axum::body::to_bytes(body, limits::BODY_BYTES).await {
        Ok(bytes) => bytes,
        Err(e) if is_length_limit(&e) => return Err(too_large()),
        Err(_) => return Err(ApiError::BadRequest),
    };
    let value: Value = serde_json::from_slice(&bytes).map_err(ApiError::BadJson)?;
    let writer = check_writer(&state, &headers, &value).map_err(ApiError::NotYours)?;
    check_and_store(&state, kind, value, writer).await
}

/// Who wrote a body, as far as the write proof shows.
enum Writer {
    /// No proof needed (the body names nobody) and none given.
    Anonymous,
    /// A plain body naming this participant, with their proof.
    Plain,
    /// A sealed body, with the proof of this participant: the recipient is told so.
    Sealed(String),
}

/// 403 `not_yours` for a write in a participant's name without that participant's proof
/// (`model::write_proof`), before anything about the body is checked or stored. An
/// unknown participant gets the same answer as a wrong proof, so the answer says nothing
/// about which ids exist.
fn check_writer(
    state: &AppState,
    headers: &HeaderMap,
    value: &Value,
) -> Result<Writer, &'static str> {
    let proof = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .map(write_proof::parse_header);
    let proof = match proof {
        None | Some(Err(write_proof::HeaderProblem::OtherScheme)) => None,
        Some(Ok(proof)) => Some(proof),
        Some(Err(write_proof::HeaderProblem::Malformed)) => {
            return Err("the Koers-Write proof is not 64 lowercase hex characters")
        }
    };
    let sealed = sealed_write::is_sealed(value);
    match (write_proof::named_participant(value), proof) {
        (Some(participant), Some(proof)) if !sealed => {
            if state.writers.get().allows(participant, proof) {
                Ok(Writer::Plain)
            } else {
                Err("this write proof is not this participant's")
            }
        }
        (Some(_), None) if !sealed => {
            Err("a write in a participant's name needs their Koers-Write proof")
        }
        (_, Some(proof)) if sealed => match state.writers.get().writer_of(proof) {
            Some(participant) => Ok(Writer::Sealed(participant.to_string())),
            None => Err("this write proof is no participant's"),
        },
        _ => Ok(Writer::Anonymous),
    }
}

pub(crate) fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("application/json"))
}

pub(crate) fn is_length_limit(e: &axum::Error) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = source {
        if err.is::<http_body_util::LengthLimitError>() {
            return true;
        }
        source = err.source();
    }
    false
}

/// Decodes a body into its contract type, naming the offending field by its serde path.
pub(crate) fn decode_body<T: DeserializeOwned>(value: &Value) -> Result<T, InboxError> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let message = e.inner().to_string();
        let parent = (path != ".").then_some(path.as_str());
        let missing = message
            .strip_prefix("missing field `")
            .and_then(|m| m.split('`').next());
        match missing {
            Some(name) => {
                let field = parent.map_or(name.to_string(), |p| format!("{p}.{name}"));
                InboxError::new("required", message.clone(), Some(&field))
            }
            None => InboxError::new("invalid", message.clone(), parent),
        }
    })
}

/// A body for another inbox or a newer contract version is named as such, before its
/// fields are looked at.
fn check_schema(value: &Value, kind: InboxKind) -> Result<(), InboxError> {
    if !value.is_object() {
        return Err(InboxError::new("invalid", "expected a JSON object", None));
    }
    koers::model::inbox::check_schema(
        value.get("schema").and_then(Value::as_str).unwrap_or(""),
        kind,
    )
}

async fn check_and_store(
    state: &AppState,
    kind: InboxKind,
    value: Value,
    writer: Writer,
) -> Result<Response, ApiError> {
    check_schema(&value, kind)?;
    let sealed = sealed_write::is_sealed(&value);
    if sealed {
        // Nothing but the readable fields outside `sealed`, and `sealed` well formed.
        sealed_write::check_sealed_body(kind, &value, None)?;
    }
    // The key a sealed body is sealed to: the writer's attestation is sealed to it too.
    let mut recipient = None;
    // Who is told by mail once a message is stored: (contact id, address).
    let mut notify = None;
    let (id, check) = match kind {
        InboxKind::SurveyResponses if sealed => {
            let response: SealedSurveyResponse = decode_body(&value)?;
            let check = match load_survey(state, &response.survey_id).await {
                Some(survey) => response.validate(&survey).and_then(|()| {
                    recipient = survey.public_key.clone();
                    sealed_write::check_sealed_body(
                        kind,
                        &value,
                        Some(survey.public_key.as_deref()),
                    )
                }),
                None => Err(unknown_survey()),
            };
            (response.id, check)
        }
        InboxKind::SurveyResponses => {
            let response: SurveyResponse = decode_body(&value)?;
            let check = match load_survey(state, &response.survey_id).await {
                Some(survey) if survey.public_key.is_some() => Err(must_seal("the survey team")),
                Some(survey) => response.validate(&survey),
                None => Err(unknown_survey()),
            };
            (response.id, check)
        }
        InboxKind::Messages if sealed => {
            let message: SealedMessage = decode_body(&value)?;
            let contact = load_contact(state, &message.to).await;
            notify = mail_to(&contact);
            let accepts = contact
                .as_ref()
                .map(|c| c.as_ref().is_some_and(|c| c.accepts_messages));
            let check = message.validate(accepts).and_then(|()| match &contact {
                Some(Some(c)) => {
                    recipient = c.public_key.clone();
                    sealed_write::check_sealed_body(kind, &value, Some(c.public_key.as_deref()))
                }
                _ => Ok(()),
            });
            (message.id, check)
        }
        InboxKind::Messages => {
            let message: Message = decode_body(&value)?;
            let contact = load_contact(state, &message.to).await;
            notify = mail_to(&contact);
            if contact.is_none() {
                // The contact may have a public key: never take plain text on a guess.
                return Err(ApiError::ContactsUnavailable(
                    "the contact list cannot be read now; nothing was stored, try again later",
                ));
            }
            let accepts = contact
                .as_ref()
                .map(|c| c.as_ref().is_some_and(|c| c.accepts_messages));
            let check = match &contact {
                Some(Some(c)) if accepts == Some(true) && c.public_key.is_some() => {
                    Err(must_seal("this contact"))
                }
                _ => message.validate_plain(accepts),
            };
            (message.id, check)
        }
        InboxKind::GoalReflections if sealed => {
            // A reflection is always in the participant's name, and sealed the server
            // cannot see whose: it takes one only with some participant's proof, whose
            // name it then seals to the team (the attestation).
            if !matches!(writer, Writer::Sealed(_)) {
                return Err(ApiError::NotYours(
                    "a goal reflection is in a participant's name: it needs their Koers-Write proof",
                ));
            }
            let reflection: SealedGoalReflection = decode_body(&value)?;
            // The team's key is in the dossier, which may itself be sealed: the inbox can
            // check only that the recipient is a key (`check_sealed_body` above).
            recipient = Some(reflection.sealed.recipient.clone());
            (reflection.id, reflection.validate())
        }
        InboxKind::GoalReflections => {
            let reflection: GoalReflection = decode_body(&value)?;
            (reflection.id, reflection.validate())
        }
        InboxKind::Acknowledgements => {
            let ack: Acknowledgement = decode_body(&value)?;
            (ack.id, ack.validate())
        }
    };
    let body = canonical_json(&value);
    let attestation = match (&writer, &recipient) {
        (Writer::Sealed(participant), Some(key)) => attest(&id.to_string(), participant, key),
        _ => None,
    };
    let stored = state
        .store
        .put_with_writer(kind, id.to_string(), body, attestation, check)
        .await;
    match stored {
        Ok(Outcome::Created(receipt)) => {
            // Only a new message: a retry of a stored one was mailed about already.
            if let (Some(mailer), Some((contact, email))) = (&state.mail, &notify) {
                mailer.notify(contact, email);
            }
            Ok(crate::json_response(StatusCode::CREATED, &receipt))
        }
        Ok(Outcome::Repeated(receipt)) => Ok(crate::json_response(StatusCode::OK, &receipt)),
        Ok(Outcome::Conflict) => Err(ApiError::Conflict {
            message: "this id is already stored with a different body",
            field: "id",
        }),
        Ok(Outcome::Invalid(e)) => Err(e.into()),
        Err(e) => Err(ApiError::Storage(e)),
    }
}

/// The writer's attestation for a sealed body, sealed to the body's recipient: the server
/// saw the proof, but stores who wrote it only in a form the recipient alone can read.
fn attest(id: &str, participant: &str, recipient: &str) -> Option<String> {
    let key = PublicKey::parse(recipient).ok()?;
    Some(WriterAttestation::new(id, participant).seal(&key, &mut rand_core::OsRng))
}

/// Survey ids become file names, so only plain names are looked up.
pub fn is_plain_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= limits::ID
        && !id.starts_with('.')
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
}

pub async fn load_survey(state: &AppState, survey_id: &str) -> Option<Survey> {
    if !is_plain_id(survey_id) {
        return None;
    }
    let path = state
        .files
        .api
        .join("v1/surveys")
        .join(format!("{survey_id}.json"));
    let file = state.files.load(&path).await.ok()?;
    match decode::<Survey>(std::str::from_utf8(&file.body).ok()?) {
        Ok(survey) if survey.id == survey_id => Some(survey),
        Ok(_) => None,
        Err(e) => {
            eprintln!(
                "koers-server: {} is not a usable survey: {e}",
                path.display()
            );
            None
        }
    }
}

async fn load_contacts(state: &AppState) -> Option<Contacts> {
    let file = state
        .files
        .load(&state.files.api.join("v1/contacts.json"))
        .await
        .ok()?;
    decode::<Contacts>(std::str::from_utf8(&file.body).ok()?).ok()
}

fn mail_to(contact: &Option<Option<Contact>>) -> Option<(String, String)> {
    let contact = contact.as_ref()?.as_ref()?;
    Some((contact.id.clone(), contact.email.clone()?))
}

/// `None`: no usable contact list; `Some(None)`: no such contact.
pub(crate) async fn load_contact(state: &AppState, id: &str) -> Option<Option<Contact>> {
    let contacts = load_contacts(state).await?;
    Some(contacts.contacts.iter().find(|c| c.id == id).cloned())
}

fn unknown_survey() -> InboxError {
    InboxError::new("unknown_survey", "no such survey", Some("survey_id"))
}

/// A recipient with a public key only takes sealed bodies: the server must never hold
/// such a write in plain text.
fn must_seal(who: &str) -> InboxError {
    InboxError::new(
        "must_seal",
        format!("{who} has a public key: seal the body to it"),
        Some("sealed"),
    )
}

/// The same JSON always gives the same text (keys sorted, no spaces), whatever the
/// client's formatting and whatever serde_json features other crates switch on; this is
/// what "an identical body" means for a repeat.
pub fn canonical_json(value: &Value) -> String {
    fn write(value: &Value, out: &mut String) {
        match value {
            Value::Object(map) => {
                let mut entries: Vec<_> = map.iter().collect();
                entries.sort_by(|a, b| a.0.cmp(b.0));
                out.push('{');
                for (i, (k, v)) in entries.into_iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(&Value::String(k.clone()).to_string());
                    out.push(':');
                    write(v, out);
                }
                out.push('}');
            }
            Value::Array(items) => {
                out.push('[');
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write(v, out);
                }
                out.push(']');
            }
            scalar => out.push_str(&scalar.to_string()),
        }
    }
    let mut out = String::new();
    write(value, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_json_ignores_formatting_and_key_order() {
        let a: Value =
            serde_json::from_str(r#"{"b": [1, {"y": 2, "x": 1}], "a": "é\"", "c": 1.5}"#).unwrap();
        let b: Value =
            serde_json::from_str(r#"{"c":1.5,"a":"é\"","b":[1,{"x":1,"y":2}]}"#).unwrap();
        assert_eq!(canonical_json(&a), canonical_json(&b));
        assert_eq!(
            canonical_json(&a),
            r#"{"a":"é\"","b":[1,{"x":1,"y":2}],"c":1.5}"#
        );
    }

    #[test]
    fn decode_errors_name_the_field() {
        let v: Value = serde_json::json!({"schema": "koers.goal-reflection/1", "id": "not-a-uuid"});
        let e = decode_body::<GoalReflection>(&v).unwrap_err();
        assert_eq!(
            (e.code.as_str(), e.field.as_deref()),
            ("invalid", Some("id"))
        );
        let v: Value = serde_json::json!({"schema": "koers.goal-reflection/1", "id": "6f1c1f55-4a0e-4d51-9d6a-3a0c8f6d2b10"});
        let e = decode_body::<GoalReflection>(&v).unwrap_err();
        assert_eq!(
            (e.code.as_str(), e.field.as_deref()),
            ("required", Some("participant_id"))
        );
    }
}
