//! The readable overview of "Mijn gegevens": every part of the dossier that Koers shows,
//! all of it at once (ended agreements, past appointments, every step and update), in the
//! order of the menu. Text from the data keeps its own direction (`dir="auto"`).

use crate::{
    components::{isolate, labels, SkippedNotice},
    i18n::*,
    model::{
        dates, Agreement, AgreementStatus, Appointment, AppointmentStatus, Date, Dossier, Goal,
        Instant, Participant, SignalPhase, TeamMember,
    },
    state::settings::lang,
};
use leptos::prelude::*;
use std::rc::Rc;

type I18n = leptos_i18n::I18nContext<Locale>;

fn day(i18n: I18n, date: &Date) -> String {
    dates::date_long(date.0, lang(i18n))
}

fn moment(i18n: I18n, start: &Instant, end: Option<&Instant>) -> String {
    format!(
        "{} {}",
        dates::date_long(dates::local(start).date_naive(), lang(i18n)),
        dates::time_range(start, end)
    )
}

#[component]
pub fn Overview(dossier: Rc<Dossier>) -> impl IntoView {
    let i18n = use_i18n();
    let generated = dossier.generated_at;
    view! {
        <div class="my-data">
            <AboutYou participant=dossier.participant.clone() />
            <Agreements dossier=dossier.clone() />
            <Goals dossier=dossier.clone() />
            <Agenda dossier=dossier.clone() />
            <Signals dossier=dossier.clone() />
            <Team dossier=dossier.clone() />
            {generated.map(|at| view! {
                <p class="muted">{move || t_string!(i18n, my_data.made_on, date = moment(i18n, &at, None))}</p>
            })}
        </div>
    }
}

/// One label and its value, left out when there is no value.
fn fact(
    label: impl Fn() -> String + Send + Sync + 'static,
    value: Option<impl Fn() -> String + Send + Sync + 'static>,
) -> Option<impl IntoView> {
    value.map(|value| {
        view! {
            <dt>{label}</dt>
            <dd dir="auto">{value}</dd>
        }
    })
}

#[component]
fn AboutYou(participant: Participant) -> impl IntoView {
    let i18n = use_i18n();
    let p = participant;
    let name = p.first_name.clone();
    let care = p.care_type.clone();
    let (location, framework) = (p.location.clone(), p.legal_framework.clone());
    let (start, end) = (p.care_start, p.care_end);
    view! {
        <section aria-labelledby="about-title">
            <h2 id="about-title">{t!(i18n, my_data.about)}</h2>
            <dl class="card facts">
                {fact(move || t_string!(i18n, my_data.name).to_string(), Some(move || name.clone()))}
                {fact(move || t_string!(i18n, my_data.care_type).to_string(), Some(move || labels::care_type(i18n, &care)))}
                {fact(move || t_string!(i18n, my_data.location).to_string(), location.map(|l| move || l.clone()))}
                {fact(move || t_string!(i18n, my_data.care_start).to_string(), start.map(|d| move || day(i18n, &d)))}
                {fact(move || t_string!(i18n, my_data.care_end).to_string(), end.map(|d| move || day(i18n, &d)))}
                {fact(move || t_string!(i18n, my_data.legal_framework).to_string(), framework.map(|f| move || f.clone()))}
            </dl>
        </section>
    }
}

/// A part of the overview: its heading, what was left out, an optional line before the
/// list, and its items as cards, or a word that there are none.
fn cards<T, V: IntoView + 'static>(
    id: &'static str,
    title: impl Fn() -> String + Send + Sync + 'static,
    empty: impl Fn() -> String + Send + Sync + 'static,
    skipped: usize,
    before: Option<AnyView>,
    items: Vec<T>,
    card: impl Fn(T) -> V,
) -> impl IntoView {
    let list = (!items.is_empty()).then(|| {
        view! {
            <ul class="plain cards">
                {items.into_iter().map(|item| view! { <li>{card(item)}</li> }).collect_view()}
            </ul>
        }
    });
    let none = list
        .is_none()
        .then(|| view! { <p class="empty">{empty}</p> });
    view! {
        <section aria-labelledby=id>
            <h2 id=id>{title}</h2>
            <SkippedNotice count=skipped />
            {before}
            {list}
            {none}
        </section>
    }
}

#[component]
fn Agreements(dossier: Rc<Dossier>) -> impl IntoView {
    let i18n = use_i18n();
    let mut items = dossier.agreements.items.clone();
    // Those in force first; the ended ones after them, as on the agreements page.
    items.sort_by_key(|a| a.status == AgreementStatus::Ended);
    cards(
        "data-agreements",
        move || t_string!(i18n, agreements.title).to_string(),
        move || t_string!(i18n, agreements.empty).to_string(),
        dossier.agreements.skipped_count(),
        None,
        items,
        |agreement| view! { <AgreementItem agreement /> },
    )
}

#[component]
fn AgreementItem(agreement: Agreement) -> impl IntoView {
    let i18n = use_i18n();
    let a = agreement;
    let (kind, owner) = (a.kind.clone(), a.owner.clone());
    let ended = a.status == AgreementStatus::Ended;
    let changes = a.changes.clone();
    let (agreed, review) = (a.agreed_on, a.review_on);
    view! {
        <article class="card">
            <h3 dir="auto">{a.title.clone()}</h3>
            <p class="kind">{move || format!("{} · {}", labels::agreement_kind(i18n, &kind), labels::owner(i18n, &owner))}</p>
            {ended.then(|| view! { <p><strong>{t!(i18n, my_data.ended)}</strong></p> })}
            {a.text.clone().map(|text| view! { <p dir="auto">{text}</p> })}
            {agreed.map(|d| view! { <p>{move || t_string!(i18n, agreements.agreed_on, date = day(i18n, &d))}</p> })}
            {review.map(|d| view! { <p>{move || t_string!(i18n, agreements.review_on, date = day(i18n, &d))}</p> })}
            {a.version.map(|v| view! { <p>{t!(i18n, my_data.version, version = v)}</p> })}
            {(!changes.is_empty()).then(|| view! {
                <p><strong>{t!(i18n, agreements.changes)}</strong>" "<span dir="auto">{move || changes.get(lang(i18n)).to_string()}</span></p>
            })}
            {a.acknowledged_version.map(|v| view! { <p>{t!(i18n, my_data.acknowledged, version = v)}</p> })}
        </article>
    }
}

#[component]
fn Goals(dossier: Rc<Dossier>) -> impl IntoView {
    let i18n = use_i18n();
    cards(
        "data-goals",
        move || t_string!(i18n, goals.title).to_string(),
        move || t_string!(i18n, goals.empty).to_string(),
        dossier.goals_skipped(),
        None,
        dossier.goals.items.clone(),
        |goal| view! { <GoalItem goal /> },
    )
}

#[component]
fn GoalItem(goal: Goal) -> impl IntoView {
    let i18n = use_i18n();
    let g = goal;
    let (domain, status, progress) = (g.domain.clone(), g.status.clone(), g.progress);
    let smart = g.smart.clone();
    let time_bound = smart.time_bound;
    let next = g.next_evaluation;
    let steps = g.steps.items.clone();
    let updates = g.updates.items.clone();
    view! {
        <article class="card">
            <h3 dir="auto">{g.title.clone()}</h3>
            <p class="kind">{move || {
                let status = labels::goal_status(i18n, &status);
                match &domain {
                    Some(d) => format!("{} · {status}", labels::domain(i18n, d)),
                    None => status,
                }
            }}</p>
            <p>{move || match progress {
                Some(percent) => t_string!(i18n, goals.progress, percent = percent).to_string(),
                None => t_string!(i18n, goals.no_progress).to_string(),
            }}</p>
            <dl class="facts">
                {fact(move || t_string!(i18n, goals.q_specific).to_string(), smart.specific.clone().map(|t| move || t.clone()))}
                {fact(move || t_string!(i18n, goals.q_measurable).to_string(), smart.measurable.clone().map(|t| move || t.clone()))}
                {fact(move || t_string!(i18n, goals.q_achievable).to_string(), smart.achievable.clone().map(|t| move || t.clone()))}
                {fact(move || t_string!(i18n, goals.q_relevant).to_string(), smart.relevant.clone().map(|t| move || t.clone()))}
                {fact(move || t_string!(i18n, goals.q_time_bound).to_string(), time_bound.map(|d| move || day(i18n, &d)))}
            </dl>
            {(!steps.is_empty()).then(|| view! {
                <h4>{t!(i18n, goals.steps)}</h4>
                <ul>
                    {steps.clone().into_iter().map(|s| {
                        let done_on = s.done_on;
                        view! {
                            <li>
                                <strong>{move || if s.done { t_string!(i18n, goals.step_done) } else { t_string!(i18n, goals.step_todo) }}</strong>
                                ": " <span dir="auto">{s.text.clone()}</span>
                                {done_on.map(|d| view! { " (" {move || t_string!(i18n, goals.done_on, date = day(i18n, &d))} ")" })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
            {(!updates.is_empty()).then(|| view! {
                <h4>{t!(i18n, goals.updates)}</h4>
                <ul>
                    {updates.clone().into_iter().map(|u| {
                        let date = u.date;
                        view! {
                            <li>
                                <strong>{move || day(i18n, &date)}</strong>
                                {u.author.clone().map(|a| view! { " · " <bdi>{a}</bdi> })}
                                ": " <span dir="auto">{u.text.clone()}</span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
            {next.map(|d| view! { <p>{move || t_string!(i18n, goals.next_evaluation, date = day(i18n, &d))}</p> })}
        </article>
    }
}

#[component]
fn Agenda(dossier: Rc<Dossier>) -> impl IntoView {
    let i18n = use_i18n();
    let mut items = dossier.appointments.items.clone();
    items.sort_by_key(|a| a.start.0);
    cards(
        "data-agenda",
        move || t_string!(i18n, agenda.title).to_string(),
        move || t_string!(i18n, agenda.empty).to_string(),
        dossier.appointments.skipped_count(),
        None,
        items,
        |appointment| view! { <AppointmentItem appointment /> },
    )
}

#[component]
fn AppointmentItem(appointment: Appointment) -> impl IntoView {
    let i18n = use_i18n();
    let a = appointment;
    let (start, end) = (a.start, a.end);
    let kind = a.kind.clone();
    let status = a.status.clone();
    let place = a
        .location
        .as_ref()
        .map(|l| {
            [l.name.clone(), l.address.clone()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ")
        })
        .filter(|p| !p.is_empty());
    let bring = (!a.bring.is_empty()).then(|| a.bring.join(", "));
    view! {
        <article class="card">
            <h3 dir="auto">{a.title.clone()}</h3>
            <p class="kind">{move || moment(i18n, &start, end.as_ref())}" · "{move || labels::appointment_kind(i18n, &kind)}</p>
            {match status {
                AppointmentStatus::Cancelled => Some(view! { <p><strong>{t!(i18n, agenda.cancelled)}</strong></p> }.into_any()),
                AppointmentStatus::Moved => Some(view! { <p><strong>{t!(i18n, agenda.moved)}</strong></p> }.into_any()),
                _ => None,
            }}
            {place.map(|p| view! { <p dir="auto">{p}</p> })}
            {a.with.clone().map(|w| view! { <p>{t!(i18n, agenda.with, name = isolate(w.clone()))}</p> })}
            {bring.map(|b| view! { <p>{t!(i18n, agenda.bring)}" "<span dir="auto">{b}</span></p> })}
            {a.notes.clone().map(|n| view! { <p dir="auto">{n}</p> })}
        </article>
    }
}

#[component]
fn Signals(dossier: Rc<Dossier>) -> impl IntoView {
    let i18n = use_i18n();
    let plan = dossier.signal_plan.clone();
    let phases = plan
        .as_ref()
        .map(|p| p.phases.items.clone())
        .unwrap_or_default();
    let updated = plan.and_then(|p| p.updated_on).map(|d| {
        view! { <p>{move || t_string!(i18n, signals.updated, date = day(i18n, &d))}</p> }.into_any()
    });
    cards(
        "data-signals",
        move || t_string!(i18n, signals.title).to_string(),
        move || t_string!(i18n, signals.empty).to_string(),
        dossier.signal_plan_skipped(),
        updated,
        phases,
        |phase| view! { <PhaseItem phase /> },
    )
}

#[component]
fn PhaseItem(phase: SignalPhase) -> impl IntoView {
    let i18n = use_i18n();
    let level = phase.level.clone();
    let lists = [
        (0, phase.signals.clone()),
        (1, phase.my_actions.clone()),
        (2, phase.support_actions.clone()),
    ];
    view! {
        <article class="card">
            <h3>{move || labels::signal_level(i18n, &level)}</h3>
            {lists.into_iter().filter(|(_, items)| !items.is_empty()).map(|(which, items)| view! {
                <h4>{move || match which {
                    0 => t_string!(i18n, signals.signals),
                    1 => t_string!(i18n, signals.my_actions),
                    _ => t_string!(i18n, signals.support_actions),
                }}</h4>
                <ul>{items.into_iter().map(|t| view! { <li dir="auto">{t}</li> }).collect_view()}</ul>
            }).collect_view()}
        </article>
    }
}

#[component]
fn Team(dossier: Rc<Dossier>) -> impl IntoView {
    let i18n = use_i18n();
    cards(
        "data-team",
        move || t_string!(i18n, team.title).to_string(),
        move || t_string!(i18n, team.empty).to_string(),
        dossier.team.skipped_count(),
        None,
        dossier.team.items.clone(),
        |member| view! { <MemberItem member /> },
    )
}

#[component]
fn MemberItem(member: TeamMember) -> impl IntoView {
    let i18n = use_i18n();
    let m = member;
    let role = m.role.clone();
    let available = m.available.clone();
    view! {
        <article class="card">
            <h3 dir="auto">{m.name.clone()}</h3>
            <p class="kind">{move || labels::team_role(i18n, &role)}</p>
            <dl class="facts">
                {fact(move || t_string!(i18n, my_data.organisation).to_string(), m.organisation.clone().map(|o| move || o.clone()))}
                {fact(move || t_string!(i18n, my_data.phone).to_string(), m.phone.clone().map(|p| move || p.clone()))}
                {fact(move || t_string!(i18n, my_data.email).to_string(), m.email.clone().map(|e| move || e.clone()))}
                {fact(move || t_string!(i18n, my_data.available).to_string(),
                    (!available.is_empty()).then_some(move || available.get(lang(i18n)).to_string()))}
            </dl>
        </article>
    }
}
