use crate::{
    components::agenda_export::export_to_phone,
    components::{isolate, labels, SkippedNotice, WithDossier},
    i18n::*,
    model::{agenda, dates, reminders, Appointment, AppointmentStatus, Dossier},
    state::settings::lang,
};
use leptos::prelude::*;
use leptos_router::components::A;
use std::rc::Rc;

/// How many appointments are drawn at a time: a 2,000-item agenda stays quick on a phone.
const PAGE: usize = 30;

/// Appointments, upcoming first, grouped by day; past ones behind a toggle.
#[component]
pub fn AgendaPage() -> impl IntoView {
    view! { <WithDossier let:d><Agenda dossier=d /></WithDossier> }
}

#[component]
fn Agenda(dossier: Rc<Dossier>) -> impl IntoView {
    let i18n = use_i18n();
    let now = dates::now();
    let today = dates::today_at(now);
    let shown = RwSignal::new(PAGE);
    let past_shown = RwSignal::new(0usize);
    let all = &dossier.appointments.items;
    let upcoming_total = all.iter().filter(|x| agenda::is_upcoming(x, now)).count();
    let past_total = all.len() - upcoming_total;
    let team = StoredValue::new_local(dossier.clone());

    // Called inside a reactive closure, which reads the language here once: a new language
    // draws the list again, and the cards are static text with no signal per field (issue
    // #19: 30 cards of reactive texts took 55 ms to draw at 4× CPU).
    let render_days = move |past: bool, limit: usize| {
        let lang = lang(i18n);
        team.with_value(|d| {
            agenda::days(&d.appointments.items, now, past, limit)
                .iter()
                .map(|day| {
                    let heading = dates::day_heading(day.date, today, lang);
                    let label = heading.clone();
                    let list: Vec<Appointment> = day.appointments.iter().map(|a| (*a).clone()).collect();
                    view! {
                        <section class="day" aria-label=label>
                            <h2 class="day-heading">{heading}</h2>
                            <ul class="plain cards">
                                {list.into_iter().map(|a| {
                                    let with = a.with.as_deref().and_then(|id| team.with_value(|d| d.team_member(id).map(|m| m.name.clone())));
                                    view! { <li><AppointmentCard appointment=a with /></li> }
                                }).collect_view()}
                            </ul>
                        </section>
                    }
                })
                .collect_view()
        })
    };

    view! {
        <h1>{t!(i18n, agenda.title)}</h1>
        <p>{t!(i18n, agenda.intro)}</p>
        <SkippedNotice count=dossier.appointments.skipped_count() />
        {if upcoming_total == 0 && past_total == 0 {
            view! { <p class="empty">{t!(i18n, agenda.empty)}</p> }.into_any()
        } else {
            view! {
                {(upcoming_total == 0).then(|| view! { <p class="empty">{t!(i18n, agenda.no_upcoming)}</p> })}
                {(upcoming_total > 0).then(|| view! {
                    <button class="button big" aria-describedby="reminder-choice" on:click=move |_| {
                        team.with_value(|d| {
                            let upcoming: Vec<_> = d.appointments.items.iter().filter(|a| agenda::is_upcoming(a, now)).cloned().collect();
                            export_to_phone(&upcoming, true, |id| d.team_member(id).map(|m| m.name.clone()), "koers-agenda.ics");
                        });
                    }>
                        <span aria-hidden="true">"📥 "</span>{t!(i18n, agenda.add_all)}
                    </button>
                    <ReminderChoice />
                })}
                <div class="agenda">{move || render_days(false, shown.get())}</div>
                {move || (shown.get() < upcoming_total).then(|| view! {
                    <button class="button big" on:click=move |_| shown.update(|n| *n += PAGE)>{t!(i18n, agenda.more)}</button>
                })}
                {(past_total > 0).then(|| view! {
                    <div class="past">
                        <button class="button" aria-expanded=move || (past_shown.get() > 0).to_string()
                            on:click=move |_| past_shown.update(|n| *n = if *n > 0 { 0 } else { PAGE })>
                            {move || if past_shown.get() > 0 { t_string!(i18n, agenda.hide_past).to_string() } else { t_string!(i18n, agenda.show_past, count = past_total).to_string() }}
                        </button>
                        {move || (past_shown.get() > 0).then(|| view! {
                            <h2 class="visually-hidden">{t!(i18n, agenda.past)}</h2>
                            <div class="agenda past-list">{render_days(true, past_shown.get())}</div>
                            {(past_shown.get() < past_total).then(|| view! {
                                <button class="button" on:click=move |_| past_shown.update(|n| *n += PAGE)>{t!(i18n, agenda.more)}</button>
                            })}
                        })}
                    </div>
                })}
            }.into_any()
        }}
    }
}

/// One appointment: time, title, kind, with whom, where (with a map link), what to bring.
/// Its texts are in the language of the moment (`tu!`): the list is drawn again for another.
#[component]
fn AppointmentCard(appointment: Appointment, with: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let a = appointment;
    let kind = a.kind.clone();
    let status = a.status.clone();
    let time = dates::time_range(&a.start, a.end.as_ref());
    let location = a.location.clone();
    let with_name = with.clone();
    view! {
        <article class="card appointment" class:cancelled=status == AppointmentStatus::Cancelled>
            <p class="time"><strong>{time}</strong>
                {match status {
                    AppointmentStatus::Cancelled => Some(view! { <span class="badge warn"><span aria-hidden="true">"✖ "</span>{tu!(i18n, agenda.cancelled)}</span> }.into_any()),
                    AppointmentStatus::Moved => Some(view! { <span class="badge"><span class="arrow" aria-hidden="true">"↪"</span>" "{tu!(i18n, agenda.moved)}</span> }.into_any()),
                    _ => None,
                }}
            </p>
            <h3 dir="auto">{a.title.clone()}</h3>
            <p class="kind"><span aria-hidden="true">{labels::appointment_icon(&kind)}" "</span>{labels::appointment_kind(i18n, &kind)}</p>
            {with.map(|name| view! { <p dir="auto">{tu!(i18n, agenda.with, name = isolate(name.clone()))}</p> })}
            {location.map(|l| {
                let address = l.address.clone();
                view! {
                    <p dir="auto">
                        <span aria-hidden="true">"📍 "</span>
                        {l.name.clone()}
                        {address.map(|addr| {
                            let href = format!("https://www.openstreetmap.org/search?query={}", js_sys::encode_uri_component(&addr));
                            view! { <br /><a href=href target="_blank" rel="noopener noreferrer">{tu!(i18n, agenda.route, address = isolate(addr.clone()))}</a> }
                        })}
                    </p>
                }
            })}
            {(!a.bring.is_empty()).then(|| view! {
                <p><strong>{tu!(i18n, agenda.bring)}</strong>" "<span dir="auto">{a.bring.join(", ")}</span></p>
            })}
            {a.notes.clone().map(|n| view! { <p class="notes" dir="auto">{n}</p> })}
            {(reminders::always_both(&a.kind) && a.status != AppointmentStatus::Cancelled).then(|| view! {
                <p class="notice"><span aria-hidden="true">"🔔 "</span>{tu!(i18n, agenda.always_reminded)}</p>
            })}
            {
                let one = a.clone();
                let with = with_name.clone();
                view! {
                    <button class="button" on:click=move |_| {
                        export_to_phone(std::slice::from_ref(&one), false, |_| with.clone(), &format!("koers-{}.ics", one.id));
                    }>
                        <span aria-hidden="true">"📥 "</span>{tu!(i18n, agenda.add_single)}
                    </button>
                }
            }
        </article>
    }
}

/// Which reminders the export gives, with the way to change it: the participant should
/// not find out at 19:00 the day before.
#[component]
fn ReminderChoice() -> impl IntoView {
    let i18n = use_i18n();
    let choice = crate::state::agenda_export::reminders();
    view! {
        <p id="reminder-choice">
            {t!(i18n, agenda.reminder_choice, choice = move || labels::reminders(i18n, choice))}
            " "<A href="/instellingen#herinneringen">{t!(i18n, agenda.reminder_change)}</A>
        </p>
    }
}
