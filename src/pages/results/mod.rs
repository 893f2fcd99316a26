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
//!
//! `load` fetches and opens (no view), `form` is what the team types and taps, `view`
//! draws the figures.

mod form;
mod load;
mod view;

use crate::i18n::*;
use form::{FilterFields, FilterForm, ResultsActions, TokenForm};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use load::Results;
use view::{OpenedNotice, ResultsView};

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
    let page = Results::new(survey_id);
    let filter = FilterFields::new();
    let shown = Signal::derive(move || page.shown());
    view! {
        <h1>{t!(i18n, results.title)}</h1>
        <Show
            when=move || shown.with(Option::is_some)
            fallback=move || view! { <TokenForm page filter /> }
        >
            <FilterForm page filter />
            <ResultsActions page filter />
            <OpenedNotice loaded=shown />
            {move || shown.get().map(|l| {
                let s = page.survey.get().flatten();
                view! { <ResultsView results=l.results survey=s /> }
            })}
        </Show>
    }
}
