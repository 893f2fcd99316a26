//! The only place that talks HTTP: loading the static API documents, with one typed
//! error, and posting to the inbox.

pub mod desk;
mod error;
pub mod offline;
pub mod results;

pub use error::ApiError;

use crate::model::{decode, Config, Contacts, Document, Survey};
use gloo_net::http::Request;

pub fn api_url(path: &str) -> String {
    format!("{}api/v1/{path}", crate::browser::base_href())
}

/// The body of a successful answer; a status is mapped to the one error type.
/// An answer from the service worker's stored copy is noted for the offline banner.
pub(crate) async fn read_text(response: gloo_net::http::Response) -> Result<String, ApiError> {
    offline::note_response(&response);
    match response.status() {
        200..=299 => response.text().await.map_err(|_| ApiError::Offline),
        404 | 410 => Err(ApiError::NotFound),
        status => Err(ApiError::Server(status)),
    }
}

async fn get_text(path: &str) -> Result<String, ApiError> {
    let response = Request::get(&api_url(path))
        .header("Accept", "application/json")
        .send()
        .await
        .map_err(|_| ApiError::Offline)?;
    read_text(response).await
}

async fn get_document<T: Document>(path: &str) -> Result<T, ApiError> {
    let text = get_text(path).await?;
    decode::<T>(&text).map_err(|e| {
        leptos::logging::warn!("{path}: {e}");
        ApiError::from(e)
    })
}

pub async fn load_config() -> Result<Config, ApiError> {
    get_document("config.json").await
}

pub async fn load_contacts() -> Result<Contacts, ApiError> {
    get_document("contacts.json").await
}

pub async fn load_survey(id: &str) -> Result<Survey, ApiError> {
    let id: String = id
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    get_document(&format!("surveys/{id}.json")).await
}

/// The participant's dossier file as it is served: plain JSON or a `koers.sealed` envelope
/// (`state::open` opens it).
pub async fn get_dossier(lookup: &str) -> Result<String, ApiError> {
    get_text(&format!("dossiers/{lookup}.json")).await
}

/// Posts a body to `api/v1/inbox/{kind}`. 201 and 200 (already stored) both mean done;
/// the body's own `id` makes a retry safe. A write in a participant's name carries their
/// write proof as `authorization` (`Koers-Write …`, from `state::keys`).
pub async fn post_inbox<T: serde::Serialize>(
    kind: crate::model::inbox::InboxKind,
    body: &T,
    authorization: Option<&str>,
) -> Result<(), ApiError> {
    let mut request = Request::post(&api_url(&format!("inbox/{}", kind.path())));
    if let Some(authorization) = authorization {
        request = request.header("Authorization", authorization);
    }
    let request = request.json(body).map_err(|e| ApiError::BadData {
        path: "$".into(),
        message: e.to_string(),
    })?;
    let response = request.send().await.map_err(|_| ApiError::Offline)?;
    match response.status() {
        200..=299 => Ok(()),
        404 => Err(ApiError::NotFound),
        status => Err(ApiError::Server(status)),
    }
}
