//! The review before sending: every answer with "wijzig", then the send.

use super::screen::{face_word, focus_on_mount, Sent};
use crate::{
    components::isolate,
    i18n::*,
    model::{
        inbox::{AnswerValue, ResponseMode},
        survey::Question,
        survey_flow::{self, AnswerWords, Draft, Step},
        Survey,
    },
    state::outbox::{self, use_outbox},
    state::{lock, settings::lang},
};
use leptos::{html, prelude::*};
use leptos_i18n::I18nContext;
use std::sync::Arc;
use uuid::Uuid;

/// The answer as words, for the review.
fn answer_text(
    i18n: I18nContext<Locale>,
    q: &Question,
    value: Option<&AnswerValue>,
) -> Option<String> {
    Some(match survey_flow::answer_words(q, value, lang(i18n))? {
        AnswerWords::Face(n) => format!("{} {}", survey_flow::face(n), face_word(i18n, n)),
        AnswerWords::Number(n) => n.to_string(),
        AnswerWords::Yes => t_string!(i18n, survey.yes).to_string(),
        AnswerWords::No => t_string!(i18n, survey.no).to_string(),
        AnswerWords::Text(t) => t,
    })
}

#[component]
pub(super) fn Review(
    survey: Arc<Survey>,
    draft: RwSignal<Draft>,
    sent: RwSignal<Option<Sent>>,
    moved: RwSignal<bool>,
    participant: Option<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let heading = NodeRef::<html::H2>::new();
    focus_on_mount(heading, moved);
    let outbox = use_outbox();
    let missing = RwSignal::new(None::<String>);
    let shown: Vec<Question> = draft.with_untracked(|d| {
        survey_flow::visible(&survey, &d.answers)
            .into_iter()
            .cloned()
            .collect()
    });
    // Malformed key: fail closed, nothing is sent in plain text (and the draft stays).
    let sealing = survey.sealing_key();
    let sealed = matches!(sealing, Ok(Some(_)));
    let cannot_seal = sealing.is_err();
    let send = {
        let survey = survey.clone();
        move |_| {
            let Ok(team_key) = sealing.as_ref() else {
                return;
            };
            let language = lang(i18n);
            let problem = draft.with_untracked(|d| {
                survey_flow::first_problem(&survey, &d.answers)
                    .map(|(q, _)| q.text.get(language).to_string())
            });
            if let Some(question) = problem {
                missing.set(Some(question));
                return;
            }
            let response = draft.with_untracked(|d| {
                survey_flow::build_response(
                    &survey,
                    d,
                    Uuid::new_v4(),
                    crate::state::now_instant(),
                    language,
                    participant.as_deref(),
                )
            });
            let id = outbox::send_survey_response(&outbox, &response, team_key.as_ref());
            lock::remove_item(&survey_flow::draft_key(&survey.id));
            // The kiosk is the survey team's tablet, not the participant's device.
            if response.mode != ResponseMode::Kiosk {
                crate::state::survey_invite::sent(&survey.id);
            }
            moved.set(true);
            sent.set(Some(Sent {
                id,
                anonymous: response.participant_id.is_none(),
                at: crate::browser::now_ms(),
            }));
            let fresh = Draft::new(&survey, draft.with_untracked(|d| d.mode));
            draft.set(fresh);
        }
    };
    view! {
        <h2 tabindex="-1" node_ref=heading>{t!(i18n, survey.review_title)}</h2>
        <p>{t!(i18n, survey.review_intro)}</p>
        <ol class="plain cards">
            {shown.into_iter().map(|q| {
                let text = q.text.clone();
                let qid = q.id.clone();
                let answer = {
                    let q = q.clone();
                    move || draft.with(|d| answer_text(i18n, &q, d.answer(&q.id)))
                };
                let change_label = {
                    let text = text.clone();
                    move || t_string!(i18n, survey.change_label, question = text.get(lang(i18n)).to_string()).to_string()
                };
                view! {
                    <li class="card">
                        <p><strong dir="auto">{move || text.get(lang(i18n)).to_string()}</strong></p>
                        {move || match answer() {
                            Some(a) => view! { <p dir="auto">{a}</p> }.into_any(),
                            None => view! { <p class="muted">{t!(i18n, survey.no_answer)}</p> }.into_any(),
                        }}
                        <button type="button" class="button" aria-label=change_label
                            on:click=move |_| {
                                moved.set(true);
                                draft.update(|d| {
                                    d.step = Step::Question(qid.clone());
                                    d.editing = true;
                                });
                            }>
                            {t!(i18n, survey.change)}
                        </button>
                    </li>
                }
            }).collect_view()}
        </ol>
        <div role="alert">
            {move || missing.get().map(|q| view! { <p class="form-error">{t!(i18n, survey.missing, question = isolate(q))}</p> })}
        </div>
        {sealed.then(|| view! { <p class="notice"><span aria-hidden="true">"🔒 "</span>{t!(i18n, survey.sealed_notice)}</p> })}
        {cannot_seal.then(|| view! { <p class="form-error" role="alert">{t!(i18n, survey.cannot_seal)}</p> })}
        <button type="button" class="button big primary" on:click=send disabled=cannot_seal>{t!(i18n, survey.send)}</button>
        <button type="button" class="button" on:click={
            let survey = survey.clone();
            move |_| {
                moved.set(true);
                draft.update(|d| d.step = survey_flow::previous(&survey, d));
            }
        }>{t!(i18n, survey.back)}</button>
    }
}
