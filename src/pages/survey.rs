//! The satisfaction survey: an intro with the choices, one question per screen, a review
//! with "wijzig", sending through the outbox and a thank-you. The draft is saved on every
//! change so a reload resumes on the same question. All logic is in `model::survey_flow`.

use crate::{
    api,
    components::{
        error_view::error_fallback, shell::KioskChrome, OutboxStatus, ReadAloud, Skeleton,
        SkippedNotice, WithConfig, WithDossier,
    },
    i18n::*,
    model::{
        inbox::{AnswerValue, ResponseMode},
        survey::{Anonymity, Question, QuestionType},
        survey_flow::{self, kiosk, Draft, Problem, Step},
        LocalizedText, Survey,
    },
    state::outbox::{self, use_outbox},
    state::{lock, settings::lang, use_session},
};
use leptos::{html, prelude::*};
use leptos_i18n::I18nContext;
use leptos_router::components::A;
use std::sync::Arc;
use uuid::Uuid;

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

/// Loads a survey and hands it to `child` (loading and errors as everywhere else).
#[component]
pub fn LoadSurvey<F, V>(id: String, children: F) -> impl IntoView
where
    F: Fn(Arc<Survey>) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let survey = LocalResource::new(move || {
        let id = id.clone();
        async move { api::load_survey(&id).await.map(Arc::new) }
    });
    let children = Arc::new(children);
    view! {
        <Transition fallback=|| view! { <Skeleton /> }>
            <ErrorBoundary fallback=move |errors| error_fallback(errors, Callback::new(move |_| survey.refetch()), false)>
                {
                    let children = children.clone();
                    move || {
                        let children = children.clone();
                        Suspend::new(async move { survey.await.map(|s| children(s)) })
                    }
                }
            </ErrorBoundary>
        </Transition>
    }
}

#[component]
fn SurveyLoader(id: String, participant: Option<String>) -> impl IntoView {
    view! {
        <LoadSurvey id let:survey>
            <PersonalSurvey survey participant=participant.clone() />
        </LoadSurvey>
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

/// A response put in the outbox, for the thank-you screen.
#[derive(Clone, Copy, PartialEq)]
pub struct Sent {
    pub id: Uuid,
    pub anonymous: bool,
    pub at: f64,
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

/// Focuses a screen's heading when it appears after a move, so screen readers follow.
fn focus_on_mount(heading: NodeRef<html::H2>, moved: RwSignal<bool>) {
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            if moved.get_untracked() {
                let _ = h.focus();
            }
        }
    });
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

fn problem_text(i18n: I18nContext<Locale>, p: &Problem) -> String {
    match p {
        Problem::Required => t_string!(i18n, survey.need_answer).to_string(),
        Problem::Invalid("too_long") => t_string!(i18n, survey.too_long).to_string(),
        Problem::Invalid(_) => t_string!(i18n, survey.invalid).to_string(),
    }
}

#[component]
fn QuestionScreen(
    survey: Arc<Survey>,
    section: LocalizedText,
    question: Question,
    draft: RwSignal<Draft>,
    moved: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let heading = NodeRef::<html::H2>::new();
    focus_on_mount(heading, moved);
    let problem = RwSignal::new(None::<Problem>);
    let qid = question.id.clone();
    let progress = {
        let (survey, qid) = (survey.clone(), qid.clone());
        move || {
            draft
                .with(|d| survey_flow::progress(&survey, &d.answers, &qid))
                .unwrap_or((1, 1))
        }
    };
    let go_next = {
        let (survey, question) = (survey.clone(), question.clone());
        move |_| {
            let checked =
                draft.with_untracked(|d| survey_flow::check(&question, d.answer(&question.id)));
            if let Err(p) = checked {
                problem.set(Some(p));
                return;
            }
            problem.set(None);
            moved.set(true);
            draft.update(|d| {
                d.step = survey_flow::next(&survey, d);
                if d.step == Step::Review {
                    d.editing = false;
                }
            });
        }
    };
    let go_back = {
        let survey = survey.clone();
        move |_| {
            moved.set(true);
            draft.update(|d| d.step = survey_flow::previous(&survey, d));
        }
    };
    let help = question.help.clone();
    let has_help = !help.is_empty();
    let (spoken, what) = {
        let (text, help) = (question.text.clone(), help.clone());
        let what = Signal::derive(move || text.get(lang(i18n)).to_string());
        let spoken = Signal::derive(move || {
            let help = help.get(lang(i18n));
            if help.is_empty() {
                what.get()
            } else {
                format!("{}. {help}", what.get())
            }
        });
        (spoken, what)
    };
    let help_id = format!("help-{qid}");
    let error_id = format!("error-{qid}");
    let describedby = {
        let (help_id, error_id) = (help_id.clone(), error_id.clone());
        move || {
            let mut ids = vec![];
            if has_help {
                ids.push(help_id.clone());
            }
            if problem.with(Option::is_some) {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <h2 dir="auto" tabindex="-1" node_ref=heading>{move || section.get(lang(i18n)).to_string()}</h2>
        <div class="progress">
            {
                let progress = progress.clone();
                move || {
                    let (current, total) = progress();
                    view! { <progress max=total value=current aria-hidden="true"></progress> }
                }
            }
            <span class="progress-text">{move || {
                let (current, total) = progress();
                t_string!(i18n, survey.progress, current = current, total = total).to_string()
            }}</span>
        </div>
        <ReadAloud text=spoken what />
        <form class="form card" on:submit=|ev| ev.prevent_default()>
            <QuestionInput question=question.clone() draft describedby=Signal::derive(describedby) invalid=Signal::derive(move || problem.with(Option::is_some)) />
            {has_help.then(|| view! { <p id=help_id class="muted" dir="auto">{move || help.get(lang(i18n)).to_string()}</p> })}
            <div role="alert" id=error_id>
                {move || problem.get().map(|p| view! { <p class="form-error">{problem_text(i18n, &p)}</p> })}
            </div>
            <button type="submit" class="button big primary" on:click=go_next>
                {t!(i18n, survey.next)}<span class="arrow" aria-hidden="true">" →"</span>
            </button>
            <button type="button" class="button" on:click=go_back>
                <span class="arrow" aria-hidden="true">"← "</span>{t!(i18n, survey.back)}
            </button>
        </form>
    }
}

fn face(n: i64) -> &'static str {
    match n {
        1 => "😞",
        2 => "🙁",
        3 => "😐",
        4 => "🙂",
        _ => "😄",
    }
}

fn face_word(i18n: I18nContext<Locale>, n: i64) -> String {
    match n {
        1 => t_string!(i18n, survey.face_1),
        2 => t_string!(i18n, survey.face_2),
        3 => t_string!(i18n, survey.face_3),
        4 => t_string!(i18n, survey.face_4),
        _ => t_string!(i18n, survey.face_5),
    }
    .to_string()
}

/// The answer as words, for the review.
fn answer_text(
    i18n: I18nContext<Locale>,
    q: &Question,
    value: Option<&AnswerValue>,
) -> Option<String> {
    let language = lang(i18n);
    let label = |v: &str| {
        q.options
            .iter()
            .find(|o| o.value == v)
            .map(|o| o.label.get(language).to_string())
            .unwrap_or_else(|| v.to_string())
    };
    Some(match (value?, &q.kind) {
        (AnswerValue::Int(n), QuestionType::Scale5) => {
            format!("{} {}", face(*n), face_word(i18n, *n))
        }
        (AnswerValue::Int(n), _) => n.to_string(),
        (AnswerValue::Bool(true), _) => t_string!(i18n, survey.yes).to_string(),
        (AnswerValue::Bool(false), _) => t_string!(i18n, survey.no).to_string(),
        (AnswerValue::Text(t), QuestionType::Choice) => label(t),
        (AnswerValue::Text(t), _) if t.trim().is_empty() => return None,
        (AnswerValue::Text(t), _) => t.clone(),
        (AnswerValue::Many(vs), _) if vs.is_empty() => return None,
        (AnswerValue::Many(vs), _) => q
            .options
            .iter()
            .filter(|o| vs.contains(&o.value))
            .map(|o| label(&o.value))
            .collect::<Vec<_>>()
            .join(", "),
    })
}

/// The right control for a question type: radio buttons, faces, yes/no, checkboxes, text.
#[component]
fn QuestionInput(
    question: Question,
    draft: RwSignal<Draft>,
    describedby: Signal<Option<String>>,
    invalid: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let qid = question.id.clone();
    let text = question.text.clone();
    let required = question.required;
    let legend = move || {
        let text = text.clone();
        view! {
            <span dir="auto">{move || text.get(lang(i18n)).to_string()}</span>
            {required.then(|| view! { <span class="muted">" ("{t!(i18n, survey.required)}")"</span> })}
        }
    };
    let is = {
        let qid = qid.clone();
        move |v: AnswerValue| {
            let qid = qid.clone();
            move || draft.with(|d| d.answer(&qid) == Some(&v))
        }
    };
    let set = {
        let qid = qid.clone();
        move |v: AnswerValue| {
            let qid = qid.clone();
            move |_| draft.update(|d| d.set_answer(&qid, Some(v.clone())))
        }
    };
    let aria_invalid = move || invalid.get().then_some("true");
    match question.kind {
        QuestionType::Grade => view! {
            <fieldset aria-describedby=describedby>
                <legend>{legend()}</legend>
                <div class="grade-buttons">
                    {(1..=10i64).map(|n| view! {
                        <label class="grade">
                            <input type="radio" name=qid.clone() value=n
                                prop:checked=is(AnswerValue::Int(n)) on:change=set(AnswerValue::Int(n)) />
                            <span>{n}</span>
                        </label>
                    }).collect_view()}
                </div>
            </fieldset>
        }
        .into_any(),
        QuestionType::Scale5 => view! {
            <fieldset aria-describedby=describedby>
                <legend>{legend()}</legend>
                <div class="stack">
                    {(1..=5i64).map(|n| view! {
                        <label class="grade">
                            <input type="radio" name=qid.clone() value=n
                                prop:checked=is(AnswerValue::Int(n)) on:change=set(AnswerValue::Int(n)) />
                            <span><span aria-hidden="true">{face(n)}" "</span>{move || face_word(i18n, n)}</span>
                        </label>
                    }).collect_view()}
                </div>
            </fieldset>
        }
        .into_any(),
        QuestionType::YesNo => view! {
            <fieldset aria-describedby=describedby>
                <legend>{legend()}</legend>
                <div class="stack">
                    <label class="grade">
                        <input type="radio" name=qid.clone() value="yes"
                            prop:checked=is(AnswerValue::Bool(true)) on:change=set(AnswerValue::Bool(true)) />
                        <span>{t!(i18n, survey.yes)}</span>
                    </label>
                    <label class="grade">
                        <input type="radio" name=qid.clone() value="no"
                            prop:checked=is(AnswerValue::Bool(false)) on:change=set(AnswerValue::Bool(false)) />
                        <span>{t!(i18n, survey.no)}</span>
                    </label>
                </div>
            </fieldset>
        }
        .into_any(),
        QuestionType::Choice => view! {
            <fieldset aria-describedby=describedby>
                <legend>{legend()}</legend>
                {question.options.iter().map(|o| {
                    let label = o.label.clone();
                    let v = AnswerValue::Text(o.value.clone());
                    view! {
                        <label class="choice">
                            <input type="radio" name=qid.clone() value=o.value.clone()
                                prop:checked=is(v.clone()) on:change=set(v) />
                            <span dir="auto">{move || label.get(lang(i18n)).to_string()}</span>
                        </label>
                    }
                }).collect_view()}
            </fieldset>
        }
        .into_any(),
        QuestionType::MultiChoice => view! {
            <fieldset aria-describedby=describedby>
                <legend>{legend()}</legend>
                {question.options.iter().map(|o| {
                    let label = o.label.clone();
                    let value = o.value.clone();
                    let checked = {
                        let (qid, value) = (qid.clone(), value.clone());
                        move || draft.with(|d| matches!(d.answer(&qid), Some(AnswerValue::Many(vs)) if vs.contains(&value)))
                    };
                    let qid = qid.clone();
                    view! {
                        <label class="choice">
                            <input type="checkbox" value=o.value.clone() prop:checked=checked
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    draft.update(|d| d.toggle_option(&qid, &value, on));
                                } />
                            <span dir="auto">{move || label.get(lang(i18n)).to_string()}</span>
                        </label>
                    }
                }).collect_view()}
            </fieldset>
        }
        .into_any(),
        _ => {
            let max = question.text_max();
            let current = {
                let qid = qid.clone();
                move || draft.with(|d| match d.answer(&qid) {
                    Some(AnswerValue::Text(t)) => t.clone(),
                    _ => String::new(),
                })
            };
            let count = {
                let current = current.clone();
                move || current().chars().count()
            };
            let input_id = format!("answer-{qid}");
            let count_id = format!("count-{qid}");
            let described = {
                let count_id = count_id.clone();
                move || Some(match describedby.get() {
                    Some(ids) => format!("{ids} {count_id}"),
                    None => count_id.clone(),
                })
            };
            view! {
                <label for=input_id.clone()>{legend()}</label>
                <textarea id=input_id class="input" rows="5" maxlength=max dir="auto"
                    aria-describedby=described aria-invalid=aria_invalid
                    prop:value=current
                    on:input=move |ev| {
                        let value = event_target_value(&ev);
                        draft.update(|d| d.set_answer(&qid, (!value.is_empty()).then_some(AnswerValue::Text(value))));
                    }></textarea>
                <p id=count_id class="muted" aria-live="polite">{move || t_string!(i18n, survey.chars, used = count(), max = max).to_string()}</p>
            }
            .into_any()
        }
    }
}

#[component]
fn Review(
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
                    api::now_instant(),
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
            {move || missing.get().map(|q| view! { <p class="form-error">{t!(i18n, survey.missing, question = q)}</p> })}
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

const KIOSK_PIN_KEY: &str = crate::model::storage::KIOSK_PIN;

use crate::browser::session_storage;

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

#[component]
fn KioskFor(id: String) -> impl IntoView {
    let i18n = use_i18n();
    let pin =
        RwSignal::new(session_storage().and_then(|s| s.get_item(KIOSK_PIN_KEY).ok().flatten()));
    view! {
        <h1>{t!(i18n, survey.title)}</h1>
        {move || match pin.get() {
            None => view! { <KioskSetup pin /> }.into_any(),
            Some(hash) => {
                let id = id.clone();
                view! {
                    <LoadSurvey id let:survey>
                        <KioskRun survey pin_hash=hash.clone() pin />
                    </LoadSurvey>
                }
                .into_any()
            }
        }}
    }
}

/// The team sets a PIN; only its hash is kept, in sessionStorage.
#[component]
fn KioskSetup(pin: RwSignal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    let value = RwSignal::new(String::new());
    let invalid = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let entered = value.get_untracked();
        if !kiosk::valid_pin(&entered) {
            invalid.set(true);
            return;
        }
        let hash = kiosk::pin_hash(&entered);
        if let Some(s) = session_storage() {
            let _ = s.set_item(KIOSK_PIN_KEY, &hash);
        }
        value.set(String::new());
        pin.set(Some(hash));
    };
    view! {
        <section class="card" aria-labelledby="kiosk-setup-title">
            <h2 id="kiosk-setup-title">{t!(i18n, kiosk.title)}</h2>
            <p>{t!(i18n, kiosk.setup_intro)}</p>
            <form class="form" on:submit=submit>
                <label for="kiosk-pin">{t!(i18n, kiosk.pin)}</label>
                <input id="kiosk-pin" class="input" type="password" inputmode="numeric" autocomplete="off"
                    maxlength="8" aria-invalid=move || invalid.get().then_some("true")
                    aria-describedby=move || invalid.get().then_some("kiosk-pin-error")
                    prop:value=value on:input=move |ev| value.set(event_target_value(&ev)) />
                <div role="alert" id="kiosk-pin-error">
                    {move || invalid.get().then(|| view! { <p class="form-error">{t!(i18n, kiosk.pin_invalid)}</p> })}
                </div>
                <button type="submit" class="button big primary">{t!(i18n, kiosk.start)}</button>
            </form>
        </section>
    }
}

/// One respondent after another: a fresh draft each time, wiped after sending or after
/// two minutes without a touch.
#[component]
fn KioskRun(survey: Arc<Survey>, pin_hash: String, pin: RwSignal<Option<String>>) -> impl IntoView {
    let i18n = use_i18n();
    if survey.anonymous == Anonymity::Forbidden {
        return view! { <p class="notice">{t!(i18n, kiosk.forbidden)}</p> <KioskLeave pin_hash pin reset=Callback::new(|_| ()) /> }.into_any();
    }
    let fresh = {
        let survey = survey.clone();
        move || Draft::new(&survey, ResponseMode::Kiosk)
    };
    let draft = RwSignal::new(fresh());
    let sent = RwSignal::new(None::<Sent>);
    let respondent = RwSignal::new(0u32);
    let warning = RwSignal::new(None::<u32>);
    let last_touch = StoredValue::new(crate::browser::now_ms());
    let reset = {
        let fresh = fresh.clone();
        Callback::new(move |_: ()| {
            draft.set(fresh());
            sent.set(None);
            warning.set(None);
            last_touch.set_value(crate::browser::now_ms());
            respondent.update(|n| *n += 1);
        })
    };
    let touch = move || {
        last_touch.set_value(crate::browser::now_ms());
        if warning.get_untracked().is_some() {
            warning.set(None);
        }
    };
    let handles = [
        window_event_listener(leptos::ev::pointerdown, move |_| touch()),
        window_event_listener(leptos::ev::keydown, move |_| touch()),
        window_event_listener(leptos::ev::input, move |_| touch()),
    ];
    let tick = set_interval_with_handle(
        move || {
            let now = crate::browser::now_ms();
            if let Some(s) = sent.get_untracked() {
                if now - s.at >= kiosk::THANKS_MS as f64 {
                    reset.run(());
                }
                return;
            }
            let started = draft.with_untracked(|d| d.step != Step::Intro || !d.answers.is_empty());
            if !started {
                return;
            }
            match kiosk::idle((now - last_touch.get_value()) as i64) {
                kiosk::Idle::Active => {
                    if warning.get_untracked().is_some() {
                        warning.set(None);
                    }
                }
                kiosk::Idle::Warning(left) => warning.set(Some(left)),
                kiosk::Idle::Reset => reset.run(()),
            }
        },
        std::time::Duration::from_millis(500),
    )
    .ok();
    on_cleanup(move || {
        for h in handles {
            h.remove();
        }
        if let Some(t) = tick {
            t.clear();
        }
    });
    let still_here = NodeRef::<html::Button>::new();
    Effect::new(move |_| {
        if warning.with(Option::is_some) {
            if let Some(b) = still_here.get() {
                let _ = b.focus();
            }
        }
    });
    view! {
        {move || warning.get().map(|left| view! {
            <div class="card attention" role="alertdialog" aria-labelledby="still-there-title" aria-describedby="still-there-text">
                <h2 id="still-there-title">{t!(i18n, kiosk.still_there)}</h2>
                <p id="still-there-text">{t!(i18n, kiosk.still_there_text, count = move || left)}</p>
                <button type="button" class="button big primary" node_ref=still_here on:click=move |_| touch()>{t!(i18n, kiosk.still_here)}</button>
            </div>
        })}
        {
            let survey = survey.clone();
            move || {
                respondent.track();
                view! { <SurveyFlow survey=survey.clone() participant=None draft sent next_person=reset /> }
            }
        }
        <KioskLeave pin_hash pin reset />
    }
    .into_any()
}

/// "Kioskstand stoppen": only with the team PIN.
#[component]
fn KioskLeave(
    pin_hash: String,
    pin: RwSignal<Option<String>>,
    reset: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let open = RwSignal::new(false);
    let value = RwSignal::new(String::new());
    let wrong = RwSignal::new(false);
    let navigate = leptos_router::hooks::use_navigate();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if kiosk::pin_hash(&value.get_untracked()) != pin_hash {
            wrong.set(true);
            return;
        }
        reset.run(());
        if let Some(s) = session_storage() {
            let _ = s.remove_item(KIOSK_PIN_KEY);
        }
        pin.set(None);
        navigate("/", Default::default());
    };
    view! {
        <div class="kiosk-leave">
            {move || if open.get() {
                let submit = submit.clone();
                view! {
                    <form class="form card" on:submit=submit>
                        <label for="kiosk-leave-pin">{t!(i18n, kiosk.leave_pin)}</label>
                        <input id="kiosk-leave-pin" class="input" type="password" inputmode="numeric" autocomplete="off"
                            aria-invalid=move || wrong.get().then_some("true")
                            prop:value=value on:input=move |ev| value.set(event_target_value(&ev)) />
                        <div role="alert">
                            {move || wrong.get().then(|| view! { <p class="form-error">{t!(i18n, kiosk.wrong_pin)}</p> })}
                        </div>
                        <button type="submit" class="button danger">{t!(i18n, kiosk.leave_confirm)}</button>
                        <button type="button" class="button" on:click=move |_| { open.set(false); wrong.set(false); value.set(String::new()); }>{t!(i18n, kiosk.cancel)}</button>
                    </form>
                }.into_any()
            } else {
                view! { <p><button type="button" class="button" on:click=move |_| open.set(true)>{t!(i18n, kiosk.leave)}</button></p> }.into_any()
            }}
        </div>
    }
}
