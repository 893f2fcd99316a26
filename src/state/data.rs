use super::use_session;
use crate::{
    api::{self, ApiError},
    model::{Config, Dossier},
};
use leptos::prelude::*;
use std::rc::Rc;

/// The signed-in participant's dossier; refetched when the session changes.
#[derive(Clone, Copy)]
pub struct DossierResource(pub LocalResource<Result<Rc<Dossier>, ApiError>>);

impl DossierResource {
    /// The language of the loaded dossier's texts (`Dossier::data_lang`), for "Lees voor".
    pub fn data_lang(&self) -> String {
        self.0
            .get_untracked()
            .and_then(Result::ok)
            .map_or_else(|| "nl".to_string(), |d| d.data_lang())
    }
}

/// `config.json`: organisation, crisis line, active survey, demo mode.
#[derive(Clone, Copy)]
pub struct ConfigResource(pub LocalResource<Result<Rc<Config>, ApiError>>);

/// Set when a stale session was signed out because its sealed dossier needs the code
/// again (its key lived in memory only and a reload cleared it); the sign-in page says so.
#[derive(Clone, Copy)]
pub struct CodeAgain(pub RwSignal<bool>);

pub fn provide_data() {
    let session = use_session();
    let code_again = RwSignal::new(false);
    provide_context(CodeAgain(code_again));
    let dossier = LocalResource::new(move || {
        let lookup = session.lookup();
        async move {
            match lookup {
                Some(lookup) => {
                    let sealed = super::session::Session::known_sealed(&lookup);
                    super::open::load_dossier(&lookup, false, sealed).await
                }
                None => Err(ApiError::SignedOut),
            }
        }
    });
    provide_context(DossierResource(dossier));
    // After a reload a sealed dossier cannot be opened without the code: sign the stale
    // session out cleanly (every page that needs the dossier then goes to sign-in).
    Effect::new(move || {
        if let Some(Err(ApiError::CodeNeeded)) = dossier.get() {
            code_again.set(true);
            session.sign_out();
        }
    });
    provide_context(ConfigResource(LocalResource::new(|| async {
        api::load_config().await.map(Rc::new)
    })));
}

pub fn use_dossier() -> DossierResource {
    expect_context()
}

pub fn use_code_again() -> CodeAgain {
    expect_context()
}

pub fn use_config() -> ConfigResource {
    expect_context()
}
