//! The satisfaction survey: an intro with the choices, one question per screen, a review
//! with "wijzig", sending through the outbox and a thank-you. The draft is saved on every
//! change so a reload resumes on the same question. All logic is in `model::survey_flow`.
//!
//! Here only the two routes; `flow` draws the screens of one filling-in (`question`,
//! `review`; what they share is in `screen`), `kiosk` runs them one respondent after another on a shared tablet.

mod flow;
mod kiosk;
mod question;
mod review;
mod screen;

use crate::{
    components::{shell::KioskChrome, WithConfig, WithDossier},
    i18n::*,
    state::use_session,
};
use flow::SurveyLoader;
use kiosk::KioskFor;
use leptos::prelude::*;

/// The active survey of `config.json`, filled in by a signed-in participant (or
/// anonymously when the survey allows it).
#[component]
pub fn SurveyPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    view! {
        <h1>{t!(i18n, survey.title)}</h1>
        <WithConfig let:c>
            {match c.active_survey.clone() {
                Some(id) => {
                    move || {
                        let id = id.clone();
                        if session.is_signed_in() {
                            view! {
                                <WithDossier let:d>
                                    <SurveyLoader id=id.clone() participant=Some(d.participant.id.clone()) />
                                </WithDossier>
                            }
                            .into_any()
                        } else {
                            view! { <SurveyLoader id participant=None /> }.into_any()
                        }
                    }
                }
                .into_any(),
                None => view! { <NoSurvey /> }.into_any(),
            }}
        </WithConfig>
    }
}

#[component]
fn NoSurvey() -> impl IntoView {
    let i18n = use_i18n();
    view! { <p class="empty">{t!(i18n, survey.none)}</p> }
}

/// `/kiosk/:survey`: a shared tablet. No sign-in and no navigation; a team PIN starts
/// and stops it; every respondent starts fresh and answers anonymously.
#[component]
pub fn KioskPage() -> impl IntoView {
    // The router keeps this component when only the survey id changes (`/kiosk/a` →
    // `/kiosk/b`): a new id draws a new kiosk, with the PIN still set.
    let params = leptos_router::hooks::use_params_map();
    let id = Memo::new(move |_| params.read().get("survey").unwrap_or_default());
    if let Some(KioskChrome(chrome)) = use_context::<KioskChrome>() {
        chrome.set(true);
        on_cleanup(move || chrome.set(false));
    }
    move || view! { <KioskFor id=id.get() /> }
}
