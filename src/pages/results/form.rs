//! What the team types and taps: the token (and key file) form, the filter, the CSV and
//! sign-out buttons, and the words for what went wrong.

use super::load::{LoadError, Results};
use crate::{
    api::ApiError,
    components::{api_error_text, FieldError, SecretForm},
    i18n::*,
    model::results::{ResultsFilter, TeamKeyError, MIN_RESPONSES},
};
use leptos::prelude::*;
use leptos_i18n::I18nContext;

/// The filter's fields (and whether they parsed), kept while the token form is back: the
/// next load uses them.
#[derive(Clone, Copy)]
pub(super) struct FilterFields {
    from: RwSignal<String>,
    to: RwSignal<String>,
    mode: RwSignal<String>,
    /// The last filter applied did not parse.
    invalid: RwSignal<bool>,
}

impl FilterFields {
    pub fn new() -> Self {
        Self {
            from: RwSignal::new(String::new()),
            to: RwSignal::new(String::new()),
            mode: RwSignal::new(String::new()),
            invalid: RwSignal::new(false),
        }
    }

    fn current(self) -> Result<ResultsFilter, &'static str> {
        ResultsFilter::parse(
            Some(&self.from.get_untracked()),
            Some(&self.to.get_untracked()),
            Some(&self.mode.get_untracked()),
        )
    }
}

fn too_few_filter(i18n: I18nContext<Locale>) -> String {
    t_string!(i18n, results.filter_too_few, count = MIN_RESPONSES).to_string()
}

/// The token and, for a sealed survey, the team's key file.
#[component]
pub(super) fn TokenForm(page: Results, filter: FilterFields) -> impl IntoView {
    let i18n = use_i18n();
    let key_input = NodeRef::<leptos::html::Input>::new();
    let empty = RwSignal::new(false);
    let no_key_file = RwSignal::new(false);
    let token = page.token;
    let submit = move |_: ()| {
        let file = key_input
            .get_untracked()
            .and_then(|input| input.files())
            .and_then(|files| files.get(0));
        empty.set(token.get_untracked().trim().is_empty());
        no_key_file.set(untrack(|| page.sealed_survey()).is_some() && file.is_none());
        if empty.get_untracked() || no_key_file.get_untracked() {
            return;
        }
        page.show(filter.current().unwrap_or_default(), file);
    };
    let token_error = move || match page.failure() {
        _ if empty.get() => Some(t_string!(i18n, results.token_empty).to_string()),
        // Only when the token form is back (a filter kept after closing the results).
        Some(LoadError::TooFew) => Some(too_few_filter(i18n)),
        Some(LoadError::Api(ApiError::Server(401 | 429))) => {
            Some(t_string!(i18n, results.wrong_token).to_string())
        }
        Some(LoadError::Api(ApiError::NotFound)) => Some(t_string!(i18n, results.off).to_string()),
        Some(LoadError::Api(e @ ApiError::Offline)) => Some(api_error_text(i18n, &e).to_string()),
        Some(LoadError::Api(_)) => Some(t_string!(i18n, results.failed).to_string()),
        _ => None,
    };
    let key_error = move || match page.failure() {
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
    let load = page.load;
    view! {
        <p>{t!(i18n, results.intro)}</p>
        <SecretForm
            input_id="results-token"
            name="results-token"
            label=move || t_string!(i18n, results.token_label)
            hint_id="results-token-hint"
            hint=move || t_string!(i18n, results.token_hint)
            error_id="results-token-error"
            error=Signal::derive(token_error)
            value=token
            spellcheck="false"
            on_submit=submit
            busy=load.pending()
            // Until the survey is known it is not known whether a key file is needed.
            disabled=Signal::derive(move || page.survey.get().is_none())
            submit_label=move || t_string!(i18n, results.show)
            busy_label=move || t_string!(i18n, results.busy)
        >
            {move || page.sealed_survey().is_some().then(|| view! {
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
        </SecretForm>
    }
}

/// Period and mode; a filter the server refuses keeps the figures shown before.
#[component]
pub(super) fn FilterForm(page: Results, filter: FilterFields) -> impl IntoView {
    let i18n = use_i18n();
    let FilterFields {
        from,
        to,
        mode,
        invalid: filter_error,
    } = filter;
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match filter.current() {
            Ok(f) => {
                filter_error.set(false);
                page.show(f, None);
            }
            Err(_) => filter_error.set(true),
        }
    };
    let refused = move || matches!(page.failure(), Some(LoadError::TooFew));
    let load = page.load;
    view! {
        <form class="card form" on:submit=submit novalidate>
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
                <p class="form-error" role="alert" data-testid="results-refused">{move || too_few_filter(i18n)}" "{t!(i18n, results.filter_kept)}</p>
            })}
            <button type="submit" class="button primary" disabled=move || load.pending().get()>{t!(i18n, results.apply)}</button>
        </form>
    }
}

/// The CSV download and closing the results (which forgets the token and key).
#[component]
pub(super) fn ResultsActions(page: Results, filter: FilterFields) -> impl IntoView {
    let i18n = use_i18n();
    let download = page.download;
    view! {
        <p>
            <button type="button" class="button" on:click=move |_| page.csv(filter.current().ok()) disabled=move || download.pending().get()>{t!(i18n, results.download)}</button>
            " "
            <button type="button" class="button" on:click=move |_| page.close()>{t!(i18n, results.sign_out)}</button>
        </p>
        {move || download.value().get().and_then(Result::err).map(|e| match e {
            LoadError::TooFew => view! { <p class="form-error" role="alert">{move || too_few_filter(i18n)}</p> }.into_any(),
            _ => view! { <p class="form-error" role="alert">{t!(i18n, results.download_failed)}</p> }.into_any(),
        })}
    }
}
