use crate::{
    api,
    components::{error_view::error_fallback, Skeleton, SkippedNotice, WithConfig},
    i18n::*,
    model::Survey,
    state::settings::lang,
};
use leptos::prelude::*;
use std::rc::Rc;

/// The active satisfaction survey of `config.json`.
#[component]
pub fn SurveyPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{t!(i18n, survey.title)}</h1>
        <WithConfig let:c>
            {match c.active_survey.clone() {
                Some(id) => view! { <SurveyIntro id /> }.into_any(),
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

#[component]
fn SurveyIntro(id: String) -> impl IntoView {
    let survey = LocalResource::new(move || {
        let id = id.clone();
        async move { api::load_survey(&id).await.map(Rc::new) }
    });
    view! {
        <Transition fallback=|| view! { <Skeleton /> }>
            <ErrorBoundary fallback=move |errors| error_fallback(errors, Callback::new(move |_| survey.refetch()), false)>
                {move || Suspend::new(async move { survey.await.map(|s| view! { <SurveySummary survey=s /> }) })}
            </ErrorBoundary>
        </Transition>
    }
}

#[component]
fn SurveySummary(survey: Rc<Survey>) -> impl IntoView {
    let i18n = use_i18n();
    let title = survey.title.clone();
    let intro = survey.intro.clone();
    let count = survey.questions().count();
    let minutes = survey.estimated_minutes;
    view! {
        <section class="card">
            <h2 dir="auto">{move || title.get(lang(i18n)).to_string()}</h2>
            <p dir="auto">{move || intro.get(lang(i18n)).to_string()}</p>
            <p>{t!(i18n, survey.questions, count = count)}</p>
            {minutes.map(|m| view! { <p>{t!(i18n, survey.minutes, count = m)}</p> })}
            <SkippedNotice count=survey.skipped() />
        </section>
    }
}
