//! The only place that talks HTTP: loading the static API documents, with one typed
//! error, and posting to the inbox.

pub mod desk;
mod error;
pub mod offline;
pub mod results;

pub use error::ApiError;

pub use crate::browser::yield_to_browser;
use crate::model::{
    decode,
    lookup::lookup,
    sealed::{self, SealKey},
    Config, Contacts, Document, Dossier, Survey,
};
use gloo_net::http::Request;
use std::{cell::RefCell, rc::Rc};

/// The app's base URL (from `<base href>`), so it works under a sub-path like `/koers/`.
pub fn base_href() -> String {
    leptos::prelude::document()
        .base_uri()
        .ok()
        .flatten()
        .unwrap_or_else(|| "/".into())
}

/// The router's base: the path of the base URL without its trailing slash.
pub fn router_base() -> String {
    let href = base_href();
    let path = web_sys::Url::new(&href)
        .map(|u| u.pathname())
        .unwrap_or_else(|_| "/".into());
    path.trim_end_matches('/').to_string()
}

pub fn api_url(path: &str) -> String {
    format!("{}api/v1/{path}", base_href())
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

/// What opens a fetched dossier file (lookup, file text, the access code at sign-in). The
/// app (`app.rs`) sets the one that runs [`open_dossier`] inside the dossier chunk, so that
/// only `app.rs` and `routes.rs` know the chunks and this layer calls nothing above it.
pub type DossierOpener =
    fn(
        String,
        String,
        Option<String>,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<Dossier, ApiError>>>>;

/// Sets the dossier opener; done once at start by the app.
pub fn set_dossier_opener(opener: DossierOpener) {
    OPENER.with(|o| o.set(Some(opener)));
}

thread_local! {
    static OPENER: std::cell::Cell<Option<DossierOpener>> = const { std::cell::Cell::new(None) };
    // The dossier signed in with, so the pages that follow do not fetch it again.
    static DOSSIER: RefCell<Option<(String, Rc<Dossier>)>> = const { RefCell::new(None) };
    // The key of a sealed dossier, derived from the access code at sign-in: in memory only
    // (never in any storage), for this lookup and this envelope's salt. Zeroed when dropped.
    static SEAL_KEY: RefCell<Option<(String, String, SealKey)>> = const { RefCell::new(None) };
    // The write proof of the code signed in with, for that participant id: like the seal
    // key, in memory only (behind the PIN when one is set, `state::lock`).
    static WRITE_PROOF: RefCell<Option<crate::model::vault::RememberedWriter>> = const { RefCell::new(None) };
}

/// Whether a dossier file is a `koers.sealed` envelope (only its `schema` is looked at).
fn is_sealed(text: &str) -> bool {
    #[derive(serde::Deserialize)]
    struct Probe {
        #[serde(default)]
        schema: serde_json::Value,
    }
    serde_json::from_str::<Probe>(text)
        .is_ok_and(|p| sealed::is_envelope(&serde_json::json!({ "schema": p.schema })))
}

crate::split! {
    preload __preload_argon2id;
    /// Argon2id in its own wasm chunk, fetched on the first sealed sign-in or PIN unlock:
    /// most participants never need it, so it is not part of the first load.
    pub async fn argon2id(
        secret: Vec<u8>,
        salt: Vec<u8>,
        params: sealed::KdfParams,
    ) -> Result<sealed::SealKey, sealed::OpenError> {
        let secret = zeroize::Zeroizing::new(secret);
        sealed::derive_from_secret(&secret, &salt, params)
    }
}

/// Opens a fetched dossier file: decodes it, or decrypts a sealed one first, and logs what
/// was left out. The lenient decoders of all its lists are the largest part of the model
/// in the wasm, so this is only called from the dossier chunk (`routes::open_dossier`, set
/// as the [`DossierOpener`]): the sign-in screen loads without it.
pub(crate) async fn open_dossier(
    lookup: String,
    text: String,
    code: Option<String>,
) -> Result<Dossier, ApiError> {
    let dossier = if is_sealed(&text) {
        open_sealed(&lookup, text, code.as_deref()).await?
    } else {
        decode::<Dossier>(&text).map_err(|e| {
            leptos::logging::warn!("dossiers/{lookup}.json: {e}");
            ApiError::from(e)
        })?
    };
    for (section, list) in [
        ("team", &dossier.team.skipped),
        ("agreements", &dossier.agreements.skipped),
        ("goals", &dossier.goals.skipped),
        ("appointments", &dossier.appointments.skipped),
    ] {
        for problem in list {
            leptos::logging::warn!("dossier {section}{problem} left out");
        }
    }
    Ok(dossier)
}

/// The salt (as written, to match a kept key) and cost of a sealed dossier's key
/// derivation (in the dossier chunk, with the decoding; ≈ 6 KB that only sealed dossiers
/// need, not worth a chunk and its requests of its own).
/// A derivation this app cannot do is only an error when a key must be derived.
type KdfCheck = Result<(sealed::KdfParams, Vec<u8>), sealed::OpenError>;

fn read_envelope(text: &str) -> Result<(String, KdfCheck), sealed::OpenError> {
    let envelope = sealed::parse_envelope(text)?;
    let kdf = envelope.checked_kdf();
    Ok((envelope.kdf.salt, kdf))
}

/// Why a sealed dossier did not open: the envelope, or the document inside it.
enum SealedProblem {
    Open(sealed::OpenError),
    Decode(crate::model::DecodeError),
}

/// Decrypts a sealed dossier with its key and decodes what is inside; the plaintext is
/// zeroed afterwards.
fn open_envelope(text: String, key: SealKey) -> Result<Dossier, SealedProblem> {
    let envelope = sealed::parse_envelope(&text).map_err(SealedProblem::Open)?;
    let plaintext =
        zeroize::Zeroizing::new(envelope.open_with_key(&key).map_err(SealedProblem::Open)?);
    let inner = std::str::from_utf8(&plaintext)
        .map_err(|_| SealedProblem::Open(sealed::OpenError::Malformed("not UTF-8".into())))?;
    decode::<Dossier>(inner).map_err(SealedProblem::Decode)
}

/// Opens a sealed dossier: with `code` (at sign-in) the key is derived and kept in memory;
/// without it the kept key is used, and there is none after a reload (`CodeNeeded`).
async fn open_sealed(lookup: &str, text: String, code: Option<&str>) -> Result<Dossier, ApiError> {
    let (salt, kdf) = read_envelope(&text).map_err(|e| {
        leptos::logging::warn!("sealed dossier: {e}");
        match e {
            sealed::OpenError::Unsupported(schema) => ApiError::Unsupported { schema },
            _ => ApiError::CannotOpen,
        }
    })?;
    if let Some(code) = code {
        yield_to_browser(20).await;
        let (params, kdf_salt) = kdf.map_err(|e| {
            leptos::logging::warn!("sealed dossier: {e}");
            ApiError::CannotOpen
        })?;
        let secret = crate::model::lookup::normalise_code(code).into_bytes();
        let key = argon2id(secret, kdf_salt, params).await?.map_err(|e| {
            leptos::logging::warn!("sealed dossier: {e}");
            ApiError::CannotOpen
        })?;
        SEAL_KEY.with_borrow_mut(|k| *k = Some((lookup.to_string(), salt.clone(), key)));
    }
    // A copy of the kept key for the chunk; both copies are zeroed when dropped.
    let key = SEAL_KEY.with_borrow(|k| match k {
        Some((l, s, key)) if l == lookup && *s == salt => {
            Some(SealKey::from_bytes(*key.as_bytes()))
        }
        _ => None,
    });
    let Some(key) = key else {
        return Err(ApiError::CodeNeeded);
    };
    open_envelope(text, key).map_err(|problem| match problem {
        SealedProblem::Open(e) => {
            leptos::logging::warn!("sealed dossier: {e}");
            ApiError::CannotOpen
        }
        SealedProblem::Decode(e) => {
            leptos::logging::warn!("sealed dossier: {e}");
            ApiError::from(e)
        }
    })
}

/// Loads the dossier for a lookup (never the access code itself) and logs what was skipped.
/// A sealed dossier is opened with the key kept from sign-in.
/// `known_sealed`: this tab opened the lookup sealed before (a plain file there is then
/// refused).
pub async fn load_dossier(
    lookup: &str,
    refresh: bool,
    known_sealed: bool,
) -> Result<Rc<Dossier>, ApiError> {
    fetch_dossier(lookup, refresh, None, known_sealed).await
}

/// Whether the kept seal key is for this lookup: it was opened sealed.
pub fn opened_sealed(lookup: &str) -> bool {
    SEAL_KEY.with_borrow(|k| k.as_ref().is_some_and(|(l, _, _)| l == lookup))
}

async fn fetch_dossier(
    lookup: &str,
    refresh: bool,
    code: Option<&str>,
    known_sealed: bool,
) -> Result<Rc<Dossier>, ApiError> {
    if !refresh {
        if let Some(d) = DOSSIER.with_borrow(|c| {
            c.as_ref()
                .filter(|(l, _)| l == lookup)
                .map(|(_, d)| d.clone())
        }) {
            return Ok(d);
        }
    }
    let text = get_text(&format!("dossiers/{lookup}.json")).await?;
    let sealed_before = known_sealed || opened_sealed(lookup);
    if !is_sealed(&text) && !crate::model::lookup::plain_allowed(code, sealed_before) {
        leptos::logging::warn!("dossiers/{lookup}.json: plain where a sealed dossier belongs");
        return Err(ApiError::CannotOpen);
    }
    let opener = OPENER.with(|o| o.get()).ok_or_else(|| {
        leptos::logging::error!("no dossier opener set (app.rs sets it)");
        ApiError::CannotOpen
    })?;
    let dossier = Rc::new(opener(lookup.to_string(), text, code.map(str::to_string)).await?);
    DOSSIER.with_borrow_mut(|c| *c = Some((lookup.to_string(), dossier.clone())));
    // The page is drawn from the dossier in a task of its own, not in the decoder's.
    yield_to_browser(0).await;
    Ok(dossier)
}

/// Signs in: the code is hashed here and only the hash leaves the device. A sealed
/// dossier's key is derived from the code here (slow, once) and kept in memory only.
pub async fn sign_in(code: &str) -> Result<(String, Rc<Dossier>), ApiError> {
    let lookup = lookup(code);
    let dossier = fetch_dossier(&lookup, true, Some(code), false).await?;
    WRITE_PROOF.with_borrow_mut(|w| {
        *w = Some(crate::model::vault::RememberedWriter {
            participant_id: dossier.participant.id.clone(),
            proof: crate::model::write_proof::proof(code),
        })
    });
    Ok((lookup, dossier))
}

/// The code typed again for writes that wait for their proof (after a reload without a
/// PIN): it must be the code of the dossier open now (its lookup is the code's hash, so
/// nothing is fetched). `false`: another code.
pub fn prove(code: &str) -> bool {
    let participant = DOSSIER.with_borrow(|d| {
        d.as_ref()
            .filter(|(l, _)| *l == lookup(code))
            .map(|(_, d)| d.participant.id.clone())
    });
    let Some(participant_id) = participant else {
        return false;
    };
    WRITE_PROOF.with_borrow_mut(|w| {
        *w = Some(crate::model::vault::RememberedWriter {
            participant_id,
            proof: crate::model::write_proof::proof(code),
        })
    });
    true
}

/// The participant whose write proof the app holds now (their writes can go out).
pub fn prover() -> Option<String> {
    WRITE_PROOF.with_borrow(|w| w.as_ref().map(|w| w.participant_id.clone()))
}

/// The write proof, for the device lock to keep behind the PIN.
pub fn kept_write_proof() -> Option<crate::model::vault::RememberedWriter> {
    WRITE_PROOF.with_borrow(|w| w.clone())
}

/// Puts back a write proof that the device lock kept (after the PIN).
pub fn keep_write_proof(kept: &crate::model::vault::RememberedWriter) {
    WRITE_PROOF.with_borrow_mut(|w| *w = Some(kept.clone()));
}

/// The key of the sealed dossier signed in with, for the device lock to keep behind the PIN.
pub fn kept_seal_key(lookup: &str) -> Option<crate::model::vault::RememberedKey> {
    SEAL_KEY.with_borrow(|k| match k {
        Some((l, salt, key)) if l == lookup => {
            Some(crate::model::vault::RememberedKey::new(salt, key))
        }
        _ => None,
    })
}

/// Puts back a sealed dossier's key that the device lock kept (after the PIN).
pub fn keep_seal_key(lookup: &str, kept: &crate::model::vault::RememberedKey) {
    if let Some(key) = kept.seal_key() {
        SEAL_KEY.with_borrow_mut(|k| *k = Some((lookup.to_string(), kept.salt.clone(), key)));
    }
}

/// Forgets the dossier and the key of a sealed one.
pub fn forget_dossier() {
    DOSSIER.with_borrow_mut(|c| *c = None);
    SEAL_KEY.with_borrow_mut(|k| *k = None);
    WRITE_PROOF.with_borrow_mut(|w| *w = None);
}

/// Posts a body to `api/v1/inbox/{kind}`. 201 and 200 (already stored) both mean done;
/// the body's own `id` makes a retry safe. A write in `writer`'s name carries their
/// write proof (`Authorization: Koers-Write …`); the caller only sends it when the proof
/// is this participant's ([`prover`]).
pub async fn post_inbox<T: serde::Serialize>(
    kind: crate::model::inbox::InboxKind,
    body: &T,
    writer: Option<&str>,
) -> Result<(), ApiError> {
    let mut request = Request::post(&api_url(&format!("inbox/{}", kind.path())));
    if let Some(writer) = writer {
        let proof = WRITE_PROOF.with_borrow(|w| {
            w.as_ref()
                .filter(|w| w.participant_id == writer)
                .map(|w| crate::model::write_proof::header_value(&w.proof))
        });
        if let Some(proof) = proof {
            request = request.header("Authorization", &proof);
        }
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

pub fn now_instant() -> crate::model::Instant {
    crate::model::Instant(
        chrono::Utc::now()
            .with_timezone(&crate::model::dates::TZ)
            .fixed_offset(),
    )
}
