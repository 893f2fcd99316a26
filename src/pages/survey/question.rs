//! One question per screen, with the control its type asks for.

use super::screen::{face_word, focus_on_mount};
use crate::{
    components::ReadAloud,
    i18n::*,
    model::{
        inbox::AnswerValue,
        speech::Piece,
        survey::{Question, QuestionType},
        survey_flow::{self, Draft, Problem, Step},
        LocalizedText, Survey,
    },
    state::settings::lang,
};
use leptos::{html, prelude::*};
use leptos_i18n::I18nContext;
use std::sync::Arc;

fn problem_text(i18n: I18nContext<Locale>, p: &Problem) -> String {
    match p {
        Problem::Required => t_string!(i18n, survey.need_answer).to_string(),
        Problem::Invalid("too_long") => t_string!(i18n, survey.too_long).to_string(),
        Problem::Invalid(_) => t_string!(i18n, survey.invalid).to_string(),
    }
}

#[component]
pub(super) fn QuestionScreen(
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
        // A survey text is in the interface language when translated, else in the language
        // the survey falls back to (usually Dutch): each is read in the language it is in.
        let text = question.text.clone();
        let spoken = Signal::derive(move || {
            let ui = lang(i18n);
            let piece =
                |t: &LocalizedText| Piece::sentence(t.lang_of(ui).unwrap_or("nl"), t.get(ui));
            vec![piece(&text), piece(&help)]
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
                            <span><span aria-hidden="true">{survey_flow::face(n)}" "</span>{move || face_word(i18n, n)}</span>
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
