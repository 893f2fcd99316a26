//! The desk's HTTP: a contact's messages behind their desk token (kept in memory only),
//! and the writer's read receipt. Only called from the desk's and the contact page's
//! chunks, so none of it is in the first load.

use super::{api_url, read_text, ApiError};
use crate::model::desk::{
    DeskMe, DeskMessages, MessageStatus, ReadReceipt, StatusAnswer, StatusChange,
};
use gloo_net::http::Request;

fn bearer(token: &str) -> String {
    format!("Bearer {}", token.trim())
}

fn decode<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, ApiError> {
    serde_json::from_str(text).map_err(|e| ApiError::BadData {
        path: "$".into(),
        message: e.to_string(),
    })
}

/// Which contact the token is for. `Server(401)` is a wrong token, `Server(429)` too many
/// wrong ones, `NotFound` a server without a desk.
pub async fn me(token: &str) -> Result<DeskMe, ApiError> {
    let response = Request::get(&api_url("desk/me"))
        .header("Authorization", &bearer(token))
        .send()
        .await
        .map_err(|_| ApiError::Offline)?;
    decode(&read_text(response).await?)
}

/// One page of the contact's messages, newest first; `before` is the `next` of the page
/// before.
pub async fn messages(
    token: &str,
    status: Option<MessageStatus>,
    before: Option<&str>,
) -> Result<DeskMessages, ApiError> {
    let mut query = vec![("limit", "500".to_string())];
    if let Some(status) = status {
        let name = serde_json::to_value(status)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        query.push(("status", name));
    }
    if let Some(before) = before {
        query.push(("before", before.to_string()));
    }
    let response = Request::get(&api_url("desk/messages"))
        .query(query)
        .header("Authorization", &bearer(token))
        .send()
        .await
        .map_err(|_| ApiError::Offline)?;
    decode(&read_text(response).await?)
}

/// Marks a message read or handled.
pub async fn set_status(
    token: &str,
    id: &str,
    change: &StatusChange,
) -> Result<StatusAnswer, ApiError> {
    let path = format!("desk/messages/{}/status", safe(id));
    let request = Request::post(&api_url(&path))
        .header("Authorization", &bearer(token))
        .json(change)
        .map_err(|e| ApiError::BadData {
            path: "$".into(),
            message: e.to_string(),
        })?;
    let response = request.send().await.map_err(|_| ApiError::Offline)?;
    decode(&read_text(response).await?)
}

/// Whether the contact has read a sent message; `NotFound` when the server does not know
/// it (not delivered yet, or deleted after being handled).
pub async fn receipt(id: &str) -> Result<ReadReceipt, ApiError> {
    let response = Request::get(&api_url(&format!("inbox/messages/{}", safe(id))))
        .send()
        .await
        .map_err(|_| ApiError::Offline)?;
    decode(&read_text(response).await?)
}

/// Ids are UUIDs; anything else is not put in a path as it is.
fn safe(id: &str) -> String {
    id.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect()
}

pub type Texts = std::collections::HashMap<String, String>;

/// The desk's texts in `lang`, and the Dutch ones for any key another language lacks.
pub async fn texts(lang: &'static str) -> Result<(Texts, Texts), ApiError> {
    async fn one(lang: &str) -> Result<Texts, ApiError> {
        let url = format!("{}desk/{lang}.json", crate::browser::base_href());
        let response = Request::get(&url)
            .send()
            .await
            .map_err(|_| ApiError::Offline)?;
        decode(&read_text(response).await?)
    }
    let fallback = one("nl").await?;
    let texts = if lang == "nl" {
        fallback.clone()
    } else {
        one(lang).await.unwrap_or_default()
    };
    Ok((texts, fallback))
}
