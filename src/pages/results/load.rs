//! Loading the results, out of the view: the token and the team's key (in memory only),
//! the server's figures or the sealed bodies opened and counted in this browser, and the
//! CSV. The forms only call [`Results`].

use crate::{
    api::{self, ApiError},
    components::download::save_text,
    model::{
        inbox::SurveyResponse,
        results::{
            aggregate, open_responses, team_key, to_csv, ResultsFilter, SurveyResults,
            TeamKeyError, KEY_FILE_MAX_BYTES,
        },
        sealed_write::SecretKey,
        Survey,
    },
};
use leptos::prelude::*;
use std::sync::Arc;
use zeroize::Zeroizing;

/// What a load is for: the figures, or the CSV file.
#[derive(Clone)]
pub(super) struct Query {
    token: String,
    filter: ResultsFilter,
    /// Set for a survey with a public key: its responses are opened in this browser.
    sealed: Option<SealedQuery>,
}

#[derive(Clone)]
struct SealedQuery {
    survey: Arc<Survey>,
    /// The key file the team chose; `None` for a new filter, which reuses the key read
    /// before.
    file: Option<web_sys::File>,
}

/// The figures to show and, for a sealed survey, what this browser opened to get them.
#[derive(Clone)]
pub(super) struct Loaded {
    pub results: SurveyResults,
    pub opened: Option<Opened>,
}

#[derive(Clone)]
pub(super) struct Opened {
    survey: Arc<Survey>,
    /// Kept for the CSV, which is written here too.
    responses: Arc<Vec<SurveyResponse>>,
    pub unopened: usize,
}

#[derive(Clone)]
pub(super) enum LoadError {
    /// `422 too_few`: the filter would single out fewer than five responses.
    TooFew,
    Api(ApiError),
    /// A sealed survey, and no key file was chosen (or the key read before is gone).
    NoKeyFile,
    Key(TeamKeyError),
}

impl From<ApiError> for LoadError {
    fn from(e: ApiError) -> Self {
        match e {
            // The results paths answer 422 only for a refused filter.
            ApiError::Server(422) => Self::TooFew,
            e => Self::Api(e),
        }
    }
}

/// Reads the chosen key file and checks it belongs to the survey. The text holds the
/// secret key, so the Rust copy is wiped once parsed.
async fn read_team_key(file: &web_sys::File, survey: &Survey) -> Result<SecretKey, LoadError> {
    let not_a_key = LoadError::Key(TeamKeyError::NotAKeyFile);
    if file.size() > KEY_FILE_MAX_BYTES as f64 {
        return Err(not_a_key);
    }
    let text = wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .ok()
        .and_then(|v| v.as_string())
        .map(Zeroizing::new)
        .ok_or(not_a_key)?;
    team_key(survey, &text).map_err(LoadError::Key)
}

/// The sealed path: key, sealed bodies from the server, opened and counted here.
async fn load_sealed(
    survey_id: &str,
    token: &str,
    filter: &ResultsFilter,
    query: SealedQuery,
    key_store: StoredValue<Option<SecretKey>>,
) -> Result<Loaded, LoadError> {
    let key = match &query.file {
        Some(file) => read_team_key(file, &query.survey).await?,
        None => key_store.get_value().ok_or(LoadError::NoKeyFile)?,
    };
    let sealed = api::results::load_sealed_responses(survey_id, token, filter)
        .await
        .map_err(LoadError::from)?;
    let opened = open_responses(&query.survey, &sealed.responses, &key, filter);
    let results = aggregate(&query.survey, &opened.responses, filter);
    key_store.set_value(Some(key));
    Ok(Loaded {
        results,
        opened: Some(Opened {
            survey: query.survey,
            responses: Arc::new(opened.responses),
            unopened: opened.unopened,
        }),
    })
}

/// One survey's results page: what is loaded and what it took. Copy, like the signals
/// inside it, so every form and button can hold it.
#[derive(Clone, Copy)]
pub(super) struct Results {
    /// The team's token lives only here, in memory: never in storage or the URL.
    pub token: RwSignal<String>,
    /// The team's key, once a key file opened the responses; also in memory only.
    key: StoredValue<Option<SecretKey>>,
    /// The figures on screen: the last load that succeeded.
    shown: RwSignal<Option<Loaded>>,
    pub load: Action<Query, Result<Loaded, LoadError>>,
    pub download: Action<Query, Result<(), LoadError>>,
    /// Whether the survey is sealed, and option labels; without it the plain path is taken
    /// and the raw values are shown.
    pub survey: LocalResource<Option<Arc<Survey>>>,
}

impl Results {
    pub fn new(survey_id: String) -> Self {
        let key = StoredValue::new(None::<SecretKey>);
        let shown = RwSignal::new(None::<Loaded>);
        let id = survey_id.clone();
        let load = Action::new_local(move |q: &Query| {
            let q = q.clone();
            let id = id.clone();
            async move {
                let loaded = match q.sealed {
                    None => api::results::load_results(&id, &q.token, &q.filter)
                        .await
                        .map(|results| Loaded {
                            results,
                            opened: None,
                        })
                        .map_err(LoadError::from),
                    Some(sealed) => load_sealed(&id, &q.token, &q.filter, sealed, key).await,
                };
                // A failure goes back to the form, which asks for the key file again; a
                // refused filter keeps the figures shown before, and the key that opened them.
                match &loaded {
                    Ok(l) => shown.set(Some(l.clone())),
                    Err(LoadError::TooFew) => {}
                    Err(_) => {
                        key.set_value(None);
                        shown.set(None);
                    }
                }
                loaded
            }
        });
        let id = survey_id.clone();
        let download = Action::new_local(move |q: &Query| {
            let q = q.clone();
            let id = id.clone();
            async move {
                let csv = api::results::load_results_csv(&id, &q.token, &q.filter)
                    .await
                    .map_err(LoadError::from)?;
                save_text(&format!("{id}-resultaten.csv"), "text/csv", &csv);
                Ok::<(), LoadError>(())
            }
        });
        let survey = LocalResource::new(move || {
            let id = survey_id.clone();
            async move { api::load_survey(&id).await.ok().map(Arc::new) }
        });
        Self {
            token: RwSignal::new(String::new()),
            key,
            shown,
            load,
            download,
            survey,
        }
    }

    /// The survey when its responses are sealed (tracked).
    pub fn sealed_survey(self) -> Option<Arc<Survey>> {
        self.survey
            .get()
            .flatten()
            .filter(|s| s.public_key.is_some())
    }

    /// The figures on screen (tracked).
    pub fn shown(self) -> Option<Loaded> {
        self.shown.get()
    }

    /// Why the last load failed (tracked).
    pub fn failure(self) -> Option<LoadError> {
        self.load.value().get().and_then(Result::err)
    }

    /// Loads the figures for `filter` with the token typed; for a sealed survey with the
    /// key `file` the team chose, or (`None`) with the key read before.
    pub fn show(self, filter: ResultsFilter, file: Option<web_sys::File>) {
        self.load.dispatch(Query {
            token: self.token.get_untracked(),
            filter,
            sealed: untrack(|| self.sealed_survey()).map(|survey| SealedQuery { survey, file }),
        });
    }

    /// Forgets the token, the key and the figures: the token form is back.
    pub fn close(self) {
        self.token.set(String::new());
        self.key.set_value(None);
        self.load.value().set(None);
        self.shown.set(None);
    }

    /// The CSV: written here from what this browser opened, for the period and mode shown;
    /// otherwise the server's, for `filter` (nothing when the filter does not parse).
    pub fn csv(self, filter: Option<ResultsFilter>) {
        match self
            .shown()
            .and_then(|l| l.opened.map(|o| (o, l.results.filter)))
        {
            Some((opened, filter)) => save_text(
                &format!("{}-resultaten.csv", opened.survey.id),
                "text/csv",
                &to_csv(
                    &opened.survey,
                    &opened.responses,
                    &filter,
                    &mut rand_core::OsRng,
                ),
            ),
            None => {
                if let Some(filter) = filter {
                    self.download.dispatch(Query {
                        token: self.token.get_untracked(),
                        filter,
                        sealed: None,
                    });
                }
            }
        }
    }
}
