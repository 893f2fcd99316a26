//! Results of a survey for the team that runs it: the team's token (kept in memory only),
//! a filter by period and mode, counts, averages, distributions as SVG bars with a table
//! alternative, free-text answers, and a CSV download. Figures the server withholds
//! (fewer than five answers) read "te weinig antwoorden". A filter the server refuses
//! because it would single out fewer than five responses (`422 too_few`) is said at the
//! filter, and the figures shown before stay.
//!
//! A survey with a `public_key` has sealed responses the server cannot count. The page
//! then also asks for the team's key file, fetches the sealed bodies and opens, counts
//! and writes the CSV in this browser (`model::results`), with the same view. The key
//! stays in memory, is never stored and never sent.

use crate::{
    api::{self, ApiError},
    components::download::save_text,
    components::FieldError,
    i18n::*,
    model::{
        figures::{bar_length, decimal, percent},
        inbox::SurveyResponse,
        results::{
            aggregate, open_responses, team_key, to_csv, Bucket, Figure, QuestionResult,
            ResultsFilter, SurveyResults, TeamKeyError, KEY_FILE_MAX_BYTES, MIN_RESPONSES,
        },
        sealed_write::SecretKey,
        survey::QuestionType,
        LocalizedText, Survey,
    },
    state::settings::lang,
};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use std::sync::Arc;
use zeroize::Zeroizing;

/// What a load is for: the figures, or the CSV file.
#[derive(Clone)]
struct Query {
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
struct Loaded {
    results: SurveyResults,
    opened: Option<Opened>,
}

#[derive(Clone)]
struct Opened {
    survey: Arc<Survey>,
    /// Kept for the CSV, which is written here too.
    responses: Arc<Vec<SurveyResponse>>,
    unopened: usize,
}

#[derive(Clone)]
enum LoadError {
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

#[component]
pub fn ResultsPage() -> impl IntoView {
    // The router keeps this component when only the survey id changes: a new id starts
    // afresh (and forgets the token and key of the other survey).
    let params = use_params_map();
    let survey_id = Memo::new(move |_| params.read().get("survey").unwrap_or_default());
    move || view! { <ResultsFor survey_id=survey_id.get() /> }
}

#[component]
fn ResultsFor(survey_id: String) -> impl IntoView {
    let i18n = use_i18n();

    // The token and the team's key live only here, in memory: never in storage or the URL.
    let token = RwSignal::new(String::new());
    let key_store = StoredValue::new(None::<SecretKey>);
    let key_input = NodeRef::<leptos::html::Input>::new();
    let empty = RwSignal::new(false);
    let no_key_file = RwSignal::new(false);
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let mode = RwSignal::new(String::new());
    let filter_error = RwSignal::new(false);
    // The figures on screen: the last load that succeeded.
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
                Some(sealed) => load_sealed(&id, &q.token, &q.filter, sealed, key_store).await,
            };
            // A failure goes back to the form, which asks for the key file again; a refused
            // filter keeps the figures shown before, and the key that opened them.
            match &loaded {
                Ok(l) => shown.set(Some(l.clone())),
                Err(LoadError::TooFew) => {}
                Err(_) => {
                    key_store.set_value(None);
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
    // Whether the survey is sealed, and option labels; without it the plain path is taken
    // and the raw values are shown.
    let id = survey_id.clone();
    let survey = LocalResource::new(move || {
        let id = id.clone();
        async move { api::load_survey(&id).await.ok().map(Arc::new) }
    });
    let sealed_survey = move || survey.get().flatten().filter(|s| s.public_key.is_some());

    let current_filter = move || {
        ResultsFilter::parse(
            Some(&from.get_untracked()),
            Some(&to.get_untracked()),
            Some(&mode.get_untracked()),
        )
    };
    let submit_token = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let value = token.get_untracked();
        let sealed = untrack(sealed_survey);
        let file = key_input
            .get_untracked()
            .and_then(|input| input.files())
            .and_then(|files| files.get(0));
        empty.set(value.trim().is_empty());
        no_key_file.set(sealed.is_some() && file.is_none());
        if empty.get_untracked() || no_key_file.get_untracked() {
            return;
        }
        let filter = current_filter().unwrap_or_default();
        load.dispatch(Query {
            token: value,
            filter,
            sealed: sealed.map(|survey| SealedQuery { survey, file }),
        });
    };
    let submit_filter = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match current_filter() {
            Ok(filter) => {
                filter_error.set(false);
                load.dispatch(Query {
                    token: token.get_untracked(),
                    filter,
                    sealed: untrack(sealed_survey).map(|survey| SealedQuery { survey, file: None }),
                });
            }
            Err(_) => filter_error.set(true),
        }
    };
    let failure = move || load.value().get().and_then(Result::err);
    let too_few_filter =
        move || t_string!(i18n, results.filter_too_few, count = MIN_RESPONSES).to_string();
    let refused = move || matches!(failure(), Some(LoadError::TooFew));
    let token_error = move || match failure() {
        _ if empty.get() => Some(t_string!(i18n, results.token_empty).to_string()),
        // Only when the token form is back (a filter kept after closing the results).
        Some(LoadError::TooFew) => Some(too_few_filter()),
        Some(LoadError::Api(ApiError::Server(401 | 429))) => {
            Some(t_string!(i18n, results.wrong_token).to_string())
        }
        Some(LoadError::Api(ApiError::NotFound)) => Some(t_string!(i18n, results.off).to_string()),
        Some(LoadError::Api(ApiError::Offline)) => Some(t_string!(i18n, error.offline).to_string()),
        Some(LoadError::Api(_)) => Some(t_string!(i18n, results.failed).to_string()),
        _ => None,
    };
    let key_error = move || match failure() {
        _ if no_key_file.get() => Some(t_string!(i18n, results.key_missing).to_string()),
        Some(LoadError::NoKeyFile) => Some(t_string!(i18n, results.key_missing).to_string()),
        Some(LoadError::Key(TeamKeyError::NotAKeyFile)) => {
            Some(t_string!(i18n, results.key_not_a_key).to_string())
        }
        Some(LoadError::Key(TeamKeyError::OtherSurvey)) => {
            Some(t_string!(i18n, results.key_other_survey).to_string())
        }
        _ => None,
    };
    let loaded = move || shown.get();
    let close = move |_| {
        token.set(String::new());
        key_store.set_value(None);
        load.value().set(None);
        shown.set(None);
    };
    let csv = move |_| match loaded().and_then(|l| l.opened.map(|o| (o, l.results.filter))) {
        // Written here from what this browser opened, for the period and mode shown.
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
            if let Ok(filter) = current_filter() {
                download.dispatch(Query {
                    token: token.get_untracked(),
                    filter,
                    sealed: None,
                });
            }
        }
    };

    view! {
        <h1>{t!(i18n, results.title)}</h1>
        <Show
            when=move || loaded().is_some()
            fallback=move || {
                view! {
                    <p>{t!(i18n, results.intro)}</p>
                    <form class="card form" on:submit=submit_token novalidate>
                        <label for="results-token">{t!(i18n, results.token_label)}</label>
                        <p id="results-token-hint" class="muted">{t!(i18n, results.token_hint)}</p>
                        <input
                            id="results-token"
                            name="results-token"
                            type="password"
                            class="input"
                            autocomplete="off"
                            spellcheck="false"
                            aria-describedby="results-token-hint results-token-error"
                            aria-invalid=move || token_error().is_some().to_string()
                            prop:value=token
                            on:input=move |ev| token.set(event_target_value(&ev))
                        />
                        <FieldError id="results-token-error" message=Signal::derive(token_error) />
                        {move || sealed_survey().is_some().then(|| view! {
                            <p>{t!(i18n, results.sealed_intro)}</p>
                            <label for="results-key">{t!(i18n, results.key_label)}</label>
                            <p id="results-key-hint" class="muted">{t!(i18n, results.key_hint)}</p>
                            <input
                                id="results-key"
                                name="results-key"
                                type="file"
                                class="input"
                                node_ref=key_input
                                aria-describedby="results-key-hint results-key-error"
                                aria-invalid=move || key_error().is_some().to_string()
                            />
                            <FieldError id="results-key-error" message=Signal::derive(key_error) />
                        })}
                        // Until the survey is known it is not known whether a key file is needed.
                        <button type="submit" class="button primary big" disabled=move || load.pending().get() || survey.get().is_none()>
                            {move || if load.pending().get() { t_string!(i18n, results.busy) } else { t_string!(i18n, results.show) }}
                        </button>
                    </form>
                }
            }
        >
            <form class="card form" on:submit=submit_filter novalidate>
                <h2>{t!(i18n, results.filter_title)}</h2>
                <label for="results-from">{t!(i18n, results.from)}</label>
                <input id="results-from" type="date" class="input" prop:value=from on:input=move |ev| from.set(event_target_value(&ev)) />
                <label for="results-to">{t!(i18n, results.to)}</label>
                <input id="results-to" type="date" class="input" prop:value=to on:input=move |ev| to.set(event_target_value(&ev)) />
                <label for="results-mode">{t!(i18n, results.mode)}</label>
                <select id="results-mode" class="input" prop:value=mode on:change=move |ev| mode.set(event_target_value(&ev))>
                    <option value="">{t!(i18n, results.mode_all)}</option>
                    <option value="personal">{t!(i18n, results.mode_personal)}</option>
                    <option value="assisted">{t!(i18n, results.mode_assisted)}</option>
                    <option value="kiosk">{t!(i18n, results.mode_kiosk)}</option>
                </select>
                {move || filter_error.get().then(|| view! { <p class="form-error" role="alert">{t!(i18n, results.failed)}</p> })}
                {move || refused().then(|| view! {
                    <p class="form-error" role="alert" data-testid="results-refused">{too_few_filter}" "{t!(i18n, results.filter_kept)}</p>
                })}
                <button type="submit" class="button primary" disabled=move || load.pending().get()>{t!(i18n, results.apply)}</button>
            </form>
            <p>
                <button type="button" class="button" on:click=csv disabled=move || download.pending().get()>{t!(i18n, results.download)}</button>
                " "
                <button type="button" class="button" on:click=close>{t!(i18n, results.sign_out)}</button>
            </p>
            {move || download.value().get().and_then(Result::err).map(|e| match e {
                LoadError::TooFew => view! { <p class="form-error" role="alert">{too_few_filter}</p> }.into_any(),
                _ => view! { <p class="form-error" role="alert">{t!(i18n, results.download_failed)}</p> }.into_any(),
            })}
            {move || loaded().and_then(|l| l.opened).map(|o| view! {
                <p class="notice">{t!(i18n, results.sealed_opened)}</p>
                {(o.unopened > 0).then(|| view! { <p class="notice" data-testid="results-unopened">{t!(i18n, results.unopened, count = move || o.unopened)}</p> })}
            })}
            {move || loaded().map(|l| {
                let s = survey.get().flatten();
                view! { <ResultsView results=l.results survey=s /> }
            })}
        </Show>
    }
}

/// A figure with one decimal, or "te weinig antwoorden" when the server withheld it.
fn figure_text(i18n: leptos_i18n::I18nContext<Locale>, figure: &Figure) -> String {
    match figure.value {
        Some(v) if !figure.hidden => decimal(v, lang(i18n)),
        _ => t_string!(i18n, results.too_few_answers).to_string(),
    }
}

#[component]
fn ResultsView(results: SurveyResults, survey: Option<Arc<Survey>>) -> impl IntoView {
    let i18n = use_i18n();
    let overall = results.overall;
    let min = results.min_responses;
    let sections = results.sections.clone();
    let questions = results.questions.clone();
    let titles: Vec<(String, LocalizedText)> = sections
        .iter()
        .map(|s| (s.id.clone(), s.title.clone()))
        .collect();
    view! {
        <section class="card" aria-labelledby="results-summary">
            <h2 id="results-summary" class="visually-hidden">{t!(i18n, results.title)}</h2>
            <dl>
                <dt>{t!(i18n, results.responses)}</dt>
                <dd data-testid="results-count">{results.responses}</dd>
                <dt>{t!(i18n, results.overall)}</dt>
                <dd data-testid="results-overall">{move || figure_text(i18n, &overall)}</dd>
            </dl>
            {results.hidden.then(|| view! { <p class="notice">{t!(i18n, results.too_few_note, count = move || min)}</p> })}
        </section>
        <section class="card">
            <h2>{t!(i18n, results.sections)}</h2>
            <table>
                <caption class="visually-hidden">{t!(i18n, results.sections)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, results.section)}</th>
                        <th scope="col">{t!(i18n, results.grade)}</th>
                        <th scope="col">{t!(i18n, results.scale5)}</th>
                    </tr>
                </thead>
                <tbody>
                    {sections
                        .into_iter()
                        .map(|s| {
                            let title = s.title.clone();
                            let grade = s.grade;
                            let scale = s.scale5;
                            view! {
                                <tr>
                                    <th scope="row" dir="auto">{move || title.get(lang(i18n)).to_string()}</th>
                                    <td>{move || if grade.count == 0 && grade.hidden { "–".to_string() } else { figure_text(i18n, &grade) }}</td>
                                    <td>{move || if scale.count == 0 && scale.hidden { "–".to_string() } else { figure_text(i18n, &scale) }}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </section>
        <section>
            <h2>{t!(i18n, results.questions)}</h2>
            {questions
                .into_iter()
                .map(|q| {
                    let section = titles.iter().find(|(id, _)| *id == q.section).map(|(_, t)| t.clone()).unwrap_or_default();
                    view! { <QuestionView question=q section survey=survey.clone() /> }
                })
                .collect_view()}
        </section>
    }
}

/// The label of one answer value: yes/no translated, options by their survey label.
fn value_label(
    i18n: leptos_i18n::I18nContext<Locale>,
    question: &QuestionResult,
    survey: Option<&Survey>,
    value: &str,
) -> String {
    match (&question.kind, value) {
        (QuestionType::YesNo, "yes") => t_string!(i18n, results.yes).to_string(),
        (QuestionType::YesNo, "no") => t_string!(i18n, results.no).to_string(),
        (QuestionType::Choice | QuestionType::MultiChoice, _) => survey
            .and_then(|s| {
                s.questions()
                    .map(|(_, q)| q)
                    .find(|q| q.id == question.id)
                    .and_then(|q| q.options.iter().find(|o| o.value == value))
                    .map(|o| o.label.get(lang(i18n)).to_string())
            })
            .filter(|l| !l.is_empty())
            .unwrap_or_else(|| value.to_string()),
        _ => value.to_string(),
    }
}

const BAR_FULL: u32 = 200;
const ROW: u32 = 28;
const LABEL: u32 = 180;

#[component]
fn QuestionView(
    question: QuestionResult,
    section: LocalizedText,
    survey: Option<Arc<Survey>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let heading_id = format!("result-{}", question.id);
    let labelled_by = heading_id.clone();
    let text = question.text.clone();
    let answered = question.answered;
    let body = if question.hidden {
        view! { <p class="muted">{t!(i18n, results.too_few_answers)}</p> }.into_any()
    } else {
        let average = question.average;
        let q = question.clone();
        view! {
            {average.map(|a| view! {
                <p>{t!(i18n, results.average)}": " <strong>{move || decimal(a, lang(i18n))}</strong></p>
            })}
            {(!q.distribution.is_empty()).then(|| view! { <Distribution question=q.clone() survey=survey.clone() /> })}
            {(q.kind == QuestionType::Text).then(|| {
                let texts = q.texts.clone();
                if texts.is_empty() {
                    view! { <p class="muted">{t!(i18n, results.no_texts)}</p> }.into_any()
                } else {
                    view! {
                        <h4>{t!(i18n, results.texts)}</h4>
                        <ul class="result-texts">
                            {texts.into_iter().map(|t| view! { <li dir="auto">{t}</li> }).collect_view()}
                        </ul>
                    }
                    .into_any()
                }
            })}
        }
        .into_any()
    };
    view! {
        <article class="card" aria-labelledby=labelled_by>
            <p class="muted" dir="auto">{move || section.get(lang(i18n)).to_string()}</p>
            <h3 id=heading_id dir="auto">{move || text.get(lang(i18n)).to_string()}</h3>
            <p class="muted">{t!(i18n, results.answered, count = move || answered)}</p>
            {body}
        </article>
    }
}

/// An SVG bar chart (role="img", summarised in its label) and the same numbers as a table.
#[component]
fn Distribution(question: QuestionResult, survey: Option<Arc<Survey>>) -> impl IntoView {
    let i18n = use_i18n();
    let total = question.answered;
    let max = question
        .distribution
        .iter()
        .map(|b| b.count)
        .max()
        .unwrap_or(0);
    let rows: Vec<(String, Bucket)> = question
        .distribution
        .iter()
        .map(|b| {
            (
                value_label(i18n, &question, survey.as_deref(), &b.value),
                b.clone(),
            )
        })
        .collect();
    let summary = format!(
        "{} {}",
        t_string!(i18n, results.chart_label),
        rows.iter()
            .map(|(label, b)| format!("{label}: {} ({}%)", b.count, percent(b.count, total)))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let height = ROW * rows.len() as u32;
    let view_box = format!("0 0 {} {height}", LABEL + BAR_FULL + 60);
    let text = question.text.get(lang(i18n)).to_string();
    let caption = t_string!(i18n, results.table_caption, question = text).to_string();
    let bars = rows.clone();
    view! {
        <svg class="result-chart" role="img" aria-label=summary viewBox=view_box width="100%" height=height>
            {bars
                .into_iter()
                .enumerate()
                .map(|(i, (label, b))| {
                    let y = i as u32 * ROW;
                    let length = bar_length(b.count, max, BAR_FULL);
                    view! {
                        <g aria-hidden="true">
                            <text x=LABEL - 8 y=y + ROW / 2 + 5 text-anchor="end" fill="currentColor">{label}</text>
                            <rect x=LABEL y=y + 4 width=length height=ROW - 8 fill="currentColor" />
                            <text x=LABEL + length + 6 y=y + ROW / 2 + 5 fill="currentColor">{b.count}</text>
                        </g>
                    }
                })
                .collect_view()}
        </svg>
        <table class="result-table">
            <caption>{caption}</caption>
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, results.value)}</th>
                    <th scope="col">{t!(i18n, results.count)}</th>
                    <th scope="col">"%"</th>
                </tr>
            </thead>
            <tbody>
                {rows
                    .into_iter()
                    .map(|(label, b)| view! {
                        <tr>
                            <th scope="row" dir="auto">{label}</th>
                            <td>{b.count}</td>
                            <td>{percent(b.count, total)}</td>
                        </tr>
                    })
                    .collect_view()}
            </tbody>
        </table>
    }
}
