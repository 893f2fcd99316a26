//! Signing in and opening the dossier: the file comes from `api`, a sealed one is
//! decrypted with the key derived from the code (kept in memory, `state::keys`), and the
//! decoders of the model turn it into a `Dossier`.

use super::keys;
use crate::{
    api::{self, ApiError},
    browser::yield_to_browser,
    model::{decode, lookup::lookup, sealed, Dossier},
};
use std::rc::Rc;

/// What opens a fetched dossier file (lookup, file text, the access code at sign-in). The
/// app (`app.rs`) sets the one that runs [`open_dossier`] inside the home chunk, so that
/// only `app.rs` and `routes.rs` know the chunks.
pub type DossierOpener =
    fn(
        String,
        String,
        Option<String>,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<Dossier, ApiError>>>>;

thread_local! {
    static OPENER: std::cell::Cell<Option<DossierOpener>> = const { std::cell::Cell::new(None) };
}

/// Sets the dossier opener; done once at start by the app.
pub fn set_dossier_opener(opener: DossierOpener) {
    OPENER.with(|o| o.set(Some(opener)));
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
/// in the wasm, so this is only called from the home chunk (`routes::open_dossier`, set
/// as the [`DossierOpener`]): the sign-in screen loads without it.
pub async fn open_dossier(
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
/// derivation (in the home chunk, with the decoding; ≈ 6 KB that only sealed dossiers
/// need, not worth a chunk and its requests of its own).
/// A derivation this app cannot do is only an error when a key must be derived.
type KdfCheck = Result<(sealed::KdfParams, Vec<u8>), sealed::OpenError>;

fn read_envelope(text: &str) -> Result<(String, KdfCheck), sealed::OpenError> {
    let envelope = sealed::parse_envelope(text)?;
    let kdf = envelope.checked_kdf();
    Ok((envelope.kdf.salt, kdf))
}

fn envelope_error(e: sealed::OpenError) -> ApiError {
    leptos::logging::warn!("sealed dossier: {e}");
    match e {
        sealed::OpenError::Unsupported(schema) => ApiError::Unsupported { schema },
        _ => ApiError::CannotOpen,
    }
}

/// The document inside a sealed dossier, decrypted with its key; zeroed when dropped.
fn open_envelope(text: &str, key: sealed::SealKey) -> Result<zeroize::Zeroizing<String>, ApiError> {
    let envelope = sealed::parse_envelope(text).map_err(envelope_error)?;
    let plaintext = envelope.open_with_key(&key).map_err(envelope_error)?;
    String::from_utf8(plaintext)
        .map(zeroize::Zeroizing::new)
        .map_err(|e| {
            // The bytes are zeroed all the same.
            drop(zeroize::Zeroizing::new(e.into_bytes()));
            envelope_error(sealed::OpenError::Malformed("not UTF-8".into()))
        })
}

/// Opens a sealed dossier: with `code` (at sign-in) the key is derived and kept in memory;
/// without it the kept key is used, and there is none after a reload (`CodeNeeded`).
async fn open_sealed(lookup: &str, text: String, code: Option<&str>) -> Result<Dossier, ApiError> {
    let (salt, kdf) = read_envelope(&text).map_err(envelope_error)?;
    if let Some(code) = code {
        yield_to_browser(20).await;
        let (params, kdf_salt) = kdf.map_err(envelope_error)?;
        let secret = crate::model::lookup::normalise_code(code).into_bytes();
        let key = argon2id(secret, kdf_salt, params)
            .await?
            .map_err(envelope_error)?;
        keys::set_seal_key(lookup, &salt, key);
    }
    let key = keys::seal_key(lookup, &salt).ok_or(ApiError::CodeNeeded)?;
    let inner = open_envelope(&text, key)?;
    decode::<Dossier>(&inner).map_err(|e| {
        leptos::logging::warn!("sealed dossier: {e}");
        ApiError::from(e)
    })
}

/// The dossier file as JSON, opened from its envelope when it is sealed (with the key kept
/// from sign-in), for "Download mijn gegevens". A plain file where a sealed one belongs is
/// refused, as at every opening.
pub async fn dossier_json(
    lookup: &str,
    known_sealed: bool,
) -> Result<zeroize::Zeroizing<String>, ApiError> {
    let text = api::get_dossier(lookup).await?;
    if is_sealed(&text) {
        let (salt, _) = read_envelope(&text).map_err(envelope_error)?;
        let key = keys::seal_key(lookup, &salt).ok_or(ApiError::CodeNeeded)?;
        return open_envelope(&text, key);
    }
    if !crate::model::lookup::plain_allowed(None, known_sealed || keys::opened_sealed(lookup)) {
        leptos::logging::warn!("dossiers/{lookup}.json: plain where a sealed dossier belongs");
        return Err(ApiError::CannotOpen);
    }
    Ok(zeroize::Zeroizing::new(text))
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

async fn fetch_dossier(
    lookup: &str,
    refresh: bool,
    code: Option<&str>,
    known_sealed: bool,
) -> Result<Rc<Dossier>, ApiError> {
    if !refresh {
        if let Some(d) = keys::cached_dossier(lookup) {
            return Ok(d);
        }
    }
    let text = api::get_dossier(lookup).await?;
    let sealed_before = known_sealed || keys::opened_sealed(lookup);
    if !is_sealed(&text) && !crate::model::lookup::plain_allowed(code, sealed_before) {
        leptos::logging::warn!("dossiers/{lookup}.json: plain where a sealed dossier belongs");
        return Err(ApiError::CannotOpen);
    }
    let opener = OPENER.with(|o| o.get()).ok_or_else(|| {
        leptos::logging::error!("no dossier opener set (app.rs sets it)");
        ApiError::CannotOpen
    })?;
    let dossier = Rc::new(opener(lookup.to_string(), text, code.map(str::to_string)).await?);
    keys::cache_dossier(lookup, dossier.clone());
    // The page is drawn from the dossier in a task of its own, not in the decoder's.
    yield_to_browser(0).await;
    Ok(dossier)
}

/// Signs in: the code is hashed here and only the hash leaves the device. A sealed
/// dossier's key is derived from the code here (slow, once) and kept in memory only, like
/// the write proof.
pub async fn sign_in(code: &str) -> Result<(String, Rc<Dossier>), ApiError> {
    let lookup = lookup(code);
    let dossier = fetch_dossier(&lookup, true, Some(code), false).await?;
    keys::set_write_proof(dossier.participant.id.clone(), code);
    Ok((lookup, dossier))
}
