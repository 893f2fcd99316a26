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

/// `config.json`: organisation, crisis line, active survey, demo mode.
#[derive(Clone, Copy)]
pub struct ConfigResource(pub LocalResource<Result<Rc<Config>, ApiError>>);

pub fn provide_data() {
    let session = use_session();
    let dossier = LocalResource::new(move || {
        let lookup = session.lookup();
        async move {
            match lookup {
                Some(lookup) => api::load_dossier(&lookup, false).await,
                None => Err(ApiError::SignedOut),
            }
        }
    });
    provide_context(DossierResource(dossier));
    provide_context(ConfigResource(LocalResource::new(|| async {
        api::load_config().await.map(Rc::new)
    })));
}

pub fn use_dossier() -> DossierResource {
    expect_context()
}

pub fn use_config() -> ConfigResource {
    expect_context()
}
