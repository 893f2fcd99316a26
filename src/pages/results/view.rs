//! The figures: counts, averages, distributions as SVG bars with a table alternative,
//! free-text answers.

use super::load::Loaded;
use crate::{
    i18n::*,
    model::{
        figures::{bar_length, decimal, percent},
        results::{Bucket, Figure, QuestionResult, SurveyResults},
        survey::QuestionType,
        LocalizedText, Survey,
    },
    state::settings::lang,
};
use leptos::prelude::*;
use std::sync::Arc;

/// What this browser opened of a sealed survey, and how many it could not.
#[component]
pub(super) fn OpenedNotice(loaded: Signal<Option<Loaded>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        loaded.get().and_then(|l| l.opened).map(|o| view! {
            <p class="notice">{t!(i18n, results.sealed_opened)}</p>
            {(o.unopened > 0).then(|| view! { <p class="notice" data-testid="results-unopened">{t!(i18n, results.unopened, count = move || o.unopened)}</p> })}
        })
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
pub(super) fn ResultsView(results: SurveyResults, survey: Option<Arc<Survey>>) -> impl IntoView {
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
            .and_then(|s| s.option_label(&question.id, value, lang(i18n)))
            .unwrap_or(value)
            .to_string(),
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
