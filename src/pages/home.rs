use crate::{
    components::{isolate, labels, ProgressBar, WithDossier},
    i18n::*,
    model::{agenda, agreements, dates, goals, Dossier, GoalStatus},
    state::{settings::lang, use_config},
};
use leptos::prelude::*;
use leptos_router::components::A;
use std::rc::Rc;

/// What matters today: the next appointment, goals, agreements to read, quick calls.
#[component]
pub fn HomePage() -> impl IntoView {
    view! { <WithDossier let:d><Home dossier=d /></WithDossier> }
}

#[component]
fn Home(dossier: Rc<Dossier>) -> impl IntoView {
    let i18n = use_i18n();
    let now = dates::now();
    let today = dates::today_at(now);
    let name = dossier.participant.first_name.clone();
    let next = agenda::next(&dossier.appointments.items, now).cloned();
    let today_count = agenda::count_today(&dossier.appointments.items, now);
    let active_goals: Vec<_> = dossier
        .goals
        .iter()
        .filter(|g| g.status == GoalStatus::Active)
        .cloned()
        .collect();
    let (review, passed): (Vec<_>, Vec<_>) = dossier
        .agreements
        .iter()
        .filter_map(|a| agreements::review(a, today, 21).map(|r| (r, a.clone())))
        .partition(|(r, _)| *r == agreements::Review::Upcoming);
    let review: Vec<_> = review.into_iter().map(|(_, a)| a).collect();
    let passed: Vec<_> = passed.into_iter().map(|(_, a)| a).collect();
    let changed = dossier
        .agreements
        .iter()
        .filter(|a| agreements::is_active(a))
        .filter(|a| {
            agreements::read_state(a, crate::state::acks::local_ack(&a.id))
                != agreements::ReadState::Confirmed
        })
        .count();
    let mentor = dossier.mentor().cloned();

    view! {
        <h1 dir="auto">{t!(i18n, home.greeting, name = isolate(name.clone()))}</h1>
        <SurveyInvite />
        <AgendaChanged dossier=dossier.clone() />
        <section class="card" aria-labelledby="next-title">
            <h2 id="next-title">
                <span aria-hidden="true">"📅 "</span>
                {t!(i18n, home.next_appointment)}
            </h2>
            {match next {
                Some(a) => {
                    let start = a.start;
                    view! {
                        <p class="next-appointment">
                            <strong class="when">{move || dates::moment_short(&start, now, lang(i18n))}</strong>
                            " "
                            <span dir="auto">{a.title.clone()}</span>
                        </p>
                    }
                        .into_any()
                }
                None => view! { <p>{t!(i18n, home.no_next_appointment)}</p> }.into_any(),
            }}
            <p>{t!(i18n, home.today_count, count = move || today_count)}</p>
            <A href="/agenda" attr:class="button"><span aria-hidden="true">"📅 "</span>{t!(i18n, home.see_agenda)}</A>
        </section>
        {(changed > 0).then(|| view! {
            <section class="card attention" aria-labelledby="changed-title">
                <h2 id="changed-title">
                    <span aria-hidden="true">"🔔 "</span>
                    {t!(i18n, home.changed, count = move || changed)}
                </h2>
                <A href="/afspraken" attr:class="button primary"><span aria-hidden="true">"🤝 "</span>{t!(i18n, home.see_agreements)}</A>
            </section>
        })}
        <section class="card" aria-labelledby="goals-title">
            <h2 id="goals-title">
                <span aria-hidden="true">"🎯 "</span>
                {t!(i18n, home.goals)}
            </h2>
            {if active_goals.is_empty() {
                view! { <p>{t!(i18n, home.no_goals)}</p> }.into_any()
            } else {
                view! {
                    <ul class="plain goal-summary">
                        {active_goals.into_iter().map(|g| {
                            let pct = goals::progress(&g);
                            let domain = g.domain.clone();
                            view! {
                                <li>
                                    <A href=format!("/doelen/{}", g.id)>
                                        <span aria-hidden="true">{labels::domain_icon(domain.as_ref())}" "</span>
                                        <span dir="auto">{g.title.clone()}</span>
                                    </A>
                                    <ProgressBar percent=pct />
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <A href="/doelen" attr:class="button"><span aria-hidden="true">"🎯 "</span>{t!(i18n, home.see_all_goals)}</A>
        </section>
        {(!review.is_empty()).then(|| view! {
            <section class="card" aria-labelledby="review-title">
                <h2 id="review-title">
                    <span aria-hidden="true">"🗓️ "</span>
                    {t!(i18n, home.review_soon)}
                </h2>
                <ul class="plain">
                    {review.into_iter().map(|a| {
                        let date = a.review_on.map(|d| d.0);
                        view! {
                            <li>
                                <span dir="auto">{a.title.clone()}</span>
                                {date.map(|d| view! {
                                    " — " {move || t_string!(i18n, agreements.review_on, date = dates::day_short(d, today, lang(i18n)))}
                                })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        })}
        // Its own card, so a date that went by is never under the heading "binnenkort".
        {(!passed.is_empty()).then(|| view! {
            <section class="card" aria-labelledby="review-passed-title">
                <h2 id="review-passed-title">
                    <span aria-hidden="true">"🗓️ "</span>
                    {t!(i18n, home.review_passed)}
                </h2>
                <ul class="plain">
                    {passed.into_iter().filter_map(|a| {
                        let date = a.review_on?.0;
                        let when = move || dates::day_short_absolute(date, today, lang(i18n));
                        Some(view! {
                            <li>
                                {t!(i18n, home.review_passed_item, title = isolate(a.title.clone()), date = when)}
                            </li>
                        })
                    }).collect_view()}
                </ul>
            </section>
        })}
        <QuickActions mentor_name=mentor.as_ref().map(|m| m.name.clone()) mentor_phone=mentor.and_then(|m| m.phone) />
    }
}

/// Big buttons: call my mentor, call the crisis line, talk to a confidential adviser.
#[component]
fn QuickActions(mentor_name: Option<String>, mentor_phone: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let config = use_config().0;
    let crisis = move || {
        config
            .get()
            .and_then(|c| c.ok())
            .and_then(|c| c.crisis_line.clone())
    };
    view! {
        <section class="card" aria-labelledby="quick-title">
            <h2 id="quick-title">{t!(i18n, home.quick)}</h2>
            <div class="stack">
                {mentor_phone.map(|phone| {
                    let name = mentor_name.clone().unwrap_or_default();
                    view! {
                        <a class="button big primary" href=labels::tel_href(&phone)>
                            <span aria-hidden="true">"📞 "</span>
                            <span>{t!(i18n, home.call_mentor, name = isolate(name.clone()))}</span>
                        </a>
                    }
                })}
                {move || crisis().map(|line| view! {
                    <a class="button big" href=labels::tel_href(&line.phone)>
                        <span aria-hidden="true">"☎️ "</span>
                        {t!(i18n, home.call_crisis)}
                    </a>
                })}
                <A href="/contact" attr:class="button big">
                    <span aria-hidden="true">"💬 "</span>
                    {t!(i18n, home.talk_adviser)}
                </A>
            </div>
        </section>
    }
}

/// "Je agenda is veranderd sinds je hem in je telefoon zette": the phone's agenda does not
/// follow the dossier, so after a move, a cancellation or a new appointment the export is
/// offered again (`model::agenda_export`). Gone once exported again.
#[component]
fn AgendaChanged(dossier: Rc<Dossier>) -> impl IntoView {
    use crate::{components::agenda_export::export_to_phone, state::agenda_export};
    let i18n = use_i18n();
    let dossier = StoredValue::new_local(dossier);
    let changed = RwSignal::new(dossier.with_value(|d| {
        agenda_export::exported()
            .changes(&d.appointments.items, dates::now())
            .any()
    }));
    let again = move |_| {
        dossier.with_value(|d| {
            let now = dates::now();
            let list = agenda_export::exported().again(&d.appointments.items, now);
            let all = agenda_export::exported().all;
            export_to_phone(
                &list,
                all,
                |id| d.team_member(id).map(|m| m.name.clone()),
                "koers-agenda.ics",
            );
        });
        changed.set(false);
    };
    move || {
        changed.get().then(|| {
            view! {
                <section class="card attention" aria-labelledby="agenda-changed-title">
                    <h2 id="agenda-changed-title"><span aria-hidden="true">"🔄 "</span>{t!(i18n, home.agenda_changed)}</h2>
                    <p>{t!(i18n, home.agenda_changed_text)}</p>
                    <button type="button" class="button primary big" on:click=again>
                        <span aria-hidden="true">"📥 "</span>{t!(i18n, home.agenda_again)}
                    </button>
                </section>
            }
        })
    }
}

/// "Wil je ons vertellen hoe het gaat?": the active survey, until this device sent it or
/// the participant chose "Later" (asked again after a few days).
#[component]
fn SurveyInvite() -> impl IntoView {
    use crate::state::survey_invite;
    let i18n = use_i18n();
    let config = use_config().0;
    let invites = RwSignal::new(survey_invite::load());
    let active = move || {
        config
            .get()
            .and_then(|c| c.ok())
            .and_then(|c| c.active_survey.clone())
    };
    let later = move |_| {
        if let Some(id) = active() {
            let mut i = survey_invite::load();
            i.put_off(&id, crate::browser::now_ms() as i64);
            survey_invite::save(&i);
            invites.set(i);
        }
    };
    move || {
        let id = active();
        invites
            .with(|i| i.shows(id.as_deref(), crate::browser::now_ms() as i64))
            .then(|| {
                view! {
                    <section class="card attention" aria-labelledby="invite-title">
                        <h2 id="invite-title"><span aria-hidden="true">"💬 "</span>{t!(i18n, home.survey_invite)}</h2>
                        <p>{t!(i18n, home.survey_invite_time)}</p>
                        <div class="stack">
                            <A href="/vragenlijst" attr:class="button primary big">{t!(i18n, home.survey_invite_go)}</A>
                            <button type="button" class="button" on:click=later>{t!(i18n, home.survey_invite_later)}</button>
                        </div>
                    </section>
                }
            })
    }
}
