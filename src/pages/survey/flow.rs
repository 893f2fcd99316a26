//! One filling-in: the participant's own (draft kept in storage) and the screens every
//! filling-in goes through, the kiosk's too.

use super::{
    question::QuestionScreen,
    review::Review,
    screen::{focus_on_mount, Sent},
};
use crate::{
    api::{self, ApiError},
    components::{Loader, OutboxStatus, SkippedNotice},
    i18n::*,
    model::{
        inbox::ResponseMode,
        survey::Anonymity,
        survey_flow::{self, Draft, Step},
        Survey,
    },
    state::{lock, settings::lang},
};
use leptos::{html, prelude::*};
use leptos_router::components::A;
use std::sync::Arc;

/// A survey for [`Loader`], fetched once per id.
pub(super) fn survey_resource(id: String) -> LocalResource<Result<Arc<Survey>, ApiError>> {
    LocalResource::new(move || {
        let id = id.clone();
        async move { api::load_survey(&id).await.map(Arc::new) }
    })
}

#[component]
pub(super) fn SurveyLoader(id: String, participant: Option<String>) -> impl IntoView {
    view! {
        <Loader resource=survey_resource(id) let:survey>
            <PersonalSurvey survey participant=participant.clone() />
        </Loader>
    }
}

/// A participant's own filling-in: the draft lives in localStorage until it is sent.
#[component]
fn PersonalSurvey(survey: Arc<Survey>, participant: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    if participant.is_none() && survey.anonymous == Anonymity::Forbidden {
        return view! {
            <p class="notice">{t!(i18n, survey.sign_in_needed)}</p>
            <A href="/" attr:class="button primary">{t!(i18n, survey.sign_in_link)}</A>
        }
        .into_any();
    }
    let key = survey_flow::draft_key(&survey.id);
    let mut initial = lock::read_item(&key)
        .and_then(|text| Draft::restore(&text, &survey))
        .unwrap_or_else(|| Draft::new(&survey, ResponseMode::Personal));
    initial.step = survey_flow::settle(&survey, &initial);
    if participant.is_none() {
        initial.anonymous = true;
    }
    let draft = RwSignal::new(initial);
    let sent = RwSignal::new(None::<Sent>);
    Effect::new(move |_| {
        let text = draft.with(Draft::to_json);
        if sent.with(Option::is_none) {
            // The draft is also in memory; only a reload would lose it, as without storage.
            let _ = lock::write_item(&key, &text);
        }
    });
    view! { <SurveyFlow survey participant draft sent /> }.into_any()
}

/// The screens of one filling-in. `next_person` is set in kiosk mode.
#[component]
pub fn SurveyFlow(
    survey: Arc<Survey>,
    participant: Option<String>,
    draft: RwSignal<Draft>,
    sent: RwSignal<Option<Sent>>,
    #[prop(optional)] next_person: Option<Callback<()>>,
) -> impl IntoView {
    let step = Memo::new(move |_| draft.with(|d| d.step.clone()));
    // Focus moves to the new screen's heading only after the participant moved.
    let moved = RwSignal::new(false);
    let participant = Arc::new(participant);
    move || {
        let survey = survey.clone();
        if let Some(s) = sent.get() {
            return view! { <Thanks sent=s next_person /> }.into_any();
        }
        match step.get() {
            Step::Intro => {
                view! { <Intro survey draft moved participant=participant.is_some() /> }.into_any()
            }
            Step::Question(id) => {
                let found = survey
                    .questions()
                    .find(|(_, q)| q.id == id)
                    .map(|(section, q)| (section.title.clone(), q.clone()));
                match found {
                    Some((section, q)) => {
                        view! { <QuestionScreen survey section question=q draft moved /> }
                            .into_any()
                    }
                    None => {
                        view! { <Intro survey draft moved participant=participant.is_some() /> }
                            .into_any()
                    }
                }
            }
            Step::Review => {
                let participant = participant.clone();
                view! { <Review survey draft sent moved participant=(*participant).clone() /> }
                    .into_any()
            }
        }
    }
}

#[component]
fn Intro(
    survey: Arc<Survey>,
    draft: RwSignal<Draft>,
    moved: RwSignal<bool>,
    participant: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let heading = NodeRef::<html::H2>::new();
    focus_on_mount(heading, moved);
    let title = survey.title.clone();
    let intro = survey.intro.clone();
    let count = survey.questions().count();
    let minutes = survey.estimated_minutes;
    let kiosk = draft.with_untracked(|d| d.mode == ResponseMode::Kiosk);
    let anonymity = survey.anonymous.clone();
    let resuming = draft.with_untracked(|d| !d.answers.is_empty());
    let start = {
        let survey = survey.clone();
        move |_| {
            moved.set(true);
            draft.update(|d| d.step = survey_flow::next(&survey, d));
        }
    };
    let anonymous_choice = match (&anonymity, participant && !kiosk) {
        (Anonymity::Forbidden, _) => {
            view! { <p>{t!(i18n, survey.anonymous_forbidden)}</p> }.into_any()
        }
        (Anonymity::Required, _) => {
            view! { <p>{t!(i18n, survey.anonymous_required)}</p> }.into_any()
        }
        (_, false) => view! { <p>{t!(i18n, survey.anonymous_hint)}</p> }.into_any(),
        (_, true) => view! {
            <label class="choice">
                <input type="checkbox" aria-describedby="anonymous-hint"
                    prop:checked=move || draft.with(|d| d.anonymous)
                    on:change=move |ev| draft.update(|d| d.anonymous = event_target_checked(&ev)) />
                <span>{t!(i18n, survey.anonymous)}</span>
            </label>
            <p id="anonymous-hint" class="muted">{t!(i18n, survey.anonymous_hint)}</p>
        }
        .into_any(),
    };
    view! {
        <section class="card" aria-labelledby="survey-intro-title">
            <h2 id="survey-intro-title" dir="auto" tabindex="-1" node_ref=heading>{move || title.get(lang(i18n)).to_string()}</h2>
            <p dir="auto">{move || intro.get(lang(i18n)).to_string()}</p>
            <p>{t!(i18n, survey.questions, count = move || count)}</p>
            {minutes.map(|m| view! { <p>{t!(i18n, survey.minutes, count = move || m)}</p> })}
            <SkippedNotice count=survey.skipped() />
        </section>
        {kiosk.then(|| view! { <p class="notice">{t!(i18n, kiosk.welcome)}</p> })}
        <fieldset class="form card" hidden=kiosk>
            <legend>{t!(i18n, survey.how)}</legend>
            {anonymous_choice}
            {(!kiosk).then(|| view! {
                <label class="choice">
                    <input type="checkbox"
                        prop:checked=move || draft.with(|d| d.mode == ResponseMode::Assisted)
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            draft.update(|d| d.mode = if on { ResponseMode::Assisted } else { ResponseMode::Personal });
                        } />
                    <span>{t!(i18n, survey.assisted)}</span>
                </label>
            })}
        </fieldset>
        <button type="button" class="button big primary" on:click=start>
            {if resuming { t!(i18n, survey.resume).into_any() } else { t!(i18n, survey.start).into_any() }}
        </button>
    }
}

#[component]
fn Thanks(sent: Sent, next_person: Option<Callback<()>>) -> impl IntoView {
    let i18n = use_i18n();
    let heading = NodeRef::<html::H2>::new();
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            let _ = h.focus();
        }
    });
    view! {
        <section class="card" aria-labelledby="thanks-title">
            <h2 id="thanks-title" tabindex="-1" node_ref=heading>{t!(i18n, survey.thanks_title)}</h2>
            <p>{t!(i18n, survey.thanks_what)}</p>
            <p>{if sent.anonymous { t!(i18n, survey.thanks_anonymous).into_any() } else { t!(i18n, survey.thanks_named).into_any() }}</p>
            <p class="muted">{t!(i18n, survey.thanks_outbox)}</p>
            <OutboxStatus id=sent.id />
        </section>
        {match next_person {
            Some(cb) => view! {
                <p>{t!(i18n, kiosk.thanks_next)}</p>
                <button type="button" class="button big primary" on:click=move |_| cb.run(())>{t!(i18n, kiosk.next_person)}</button>
            }.into_any(),
            None => view! { <A href="/home" attr:class="button big">{t!(i18n, survey.home)}</A> }.into_any(),
        }}
    }
}
