use crate::{
    components::agenda_export::export_to_phone,
    components::{labels, SkippedNotice, WithDossier},
    i18n::*,
    markup::{Markup, SLOT},
    model::{agenda, dates, reminders, Appointment, AppointmentStatus, Dossier},
};
use chrono::{DateTime, NaiveDate, Utc};
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_router::components::A;
use std::rc::Rc;
use wasm_bindgen::JsCast;

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
    // draws the list again. The cards are static, so they are written as HTML text in one
    // go (`crate::markup`, issue #19); their buttons are handled by `export_clicked`.
    let render_days = move |past: bool, limit: usize| {
        let locale = i18n.get_locale();
        team.with_value(|d| days_html(d, now, today, past, limit, locale, i18n))
    };
    let export_clicked = move |ev: leptos::ev::MouseEvent| {
        let index = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|t| t.closest("button[data-export]").ok().flatten())
            .and_then(|b| b.get_attribute("data-export"))
            .and_then(|i| i.parse::<usize>().ok());
        let Some(index) = index else { return };
        team.with_value(|d| {
            let Some(one) = d.appointments.items.get(index) else {
                return;
            };
            let with = one
                .with
                .as_deref()
                .and_then(|id| d.team_member(id).map(|m| m.name.clone()));
            export_to_phone(
                std::slice::from_ref(one),
                false,
                |_| with.clone(),
                &format!("koers-{}.ics", one.id),
            );
        });
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
                <div class="agenda" on:click=export_clicked inner_html=move || render_days(false, shown.get())></div>
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
                            <div class="agenda past-list" on:click=export_clicked inner_html=render_days(true, past_shown.get())></div>
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

/// The days' sections with their cards, as HTML text: each day a heading and a list.
fn days_html(
    d: &Dossier,
    now: DateTime<Utc>,
    today: NaiveDate,
    past: bool,
    limit: usize,
    locale: Locale,
    i18n: I18nContext<Locale>,
) -> String {
    let items = &d.appointments.items;
    let mut m = Markup::new();
    for day in agenda::days(items, now, past, limit) {
        let heading = dates::day_heading(day.date, today, locale.as_str());
        m.open("section", &[("class", "day"), ("aria-label", &heading)])
            .element("h2", &[("class", "day-heading")], &heading)
            .open("ul", &[("class", "plain cards")]);
        for a in day.appointments {
            // The button names its appointment by place in the list: ids in the data need
            // not be unique. `a` is an element of `items`, so its place is its address's
            // distance from the start (a search would scan thousands per card).
            let index = (std::ptr::from_ref(a) as usize - items.as_ptr() as usize)
                / std::mem::size_of::<Appointment>();
            let with = a
                .with
                .as_deref()
                .and_then(|id| d.team_member(id).map(|m| m.name.as_str()));
            m.open("li", &[]);
            card_html(&mut m, a, index, with, locale, i18n);
            m.close("li");
        }
        m.close("ul").close("section");
    }
    m.into_string()
}

/// One appointment: time, title, kind, with whom, where (with a map link), what to bring,
/// and its own button to put it in the phone's agenda.
fn card_html(
    m: &mut Markup,
    a: &Appointment,
    index: usize,
    with: Option<&str>,
    locale: Locale,
    i18n: I18nContext<Locale>,
) {
    let hidden = [("aria-hidden", "true")];
    let cancelled = a.status == AppointmentStatus::Cancelled;
    let class = if cancelled {
        "card appointment cancelled"
    } else {
        "card appointment"
    };
    m.open("article", &[("class", class)])
        .open("p", &[("class", "time")])
        .element("strong", &[], &dates::time_range(&a.start, a.end.as_ref()));
    match a.status {
        AppointmentStatus::Cancelled => {
            m.open("span", &[("class", "badge warn")])
                .element("span", &hidden, "✖ ")
                .text(td_string!(locale, agenda.cancelled))
                .close("span");
        }
        AppointmentStatus::Moved => {
            m.open("span", &[("class", "badge")])
                .element("span", &[("class", "arrow"), ("aria-hidden", "true")], "↪")
                .text(" ")
                .text(td_string!(locale, agenda.moved))
                .close("span");
        }
        _ => {}
    }
    m.close("p")
        .element("h3", &[("dir", "auto")], &a.title)
        .open("p", &[("class", "kind")])
        .element(
            "span",
            &hidden,
            &format!("{} ", labels::appointment_icon(&a.kind)),
        )
        .text(&labels::appointment_kind(i18n, &a.kind))
        .close("p");
    if let Some(name) = with {
        m.open("p", &[("dir", "auto")])
            .sentence(&td_string!(locale, agenda.with, name = SLOT), |m| {
                m.element("bdi", &[], name);
            })
            .close("p");
    }
    if let Some(l) = &a.location {
        m.open("p", &[("dir", "auto")])
            .element("span", &hidden, "📍 ")
            .text(l.name.as_deref().unwrap_or_default());
        if let Some(address) = &l.address {
            let href = format!(
                "https://www.openstreetmap.org/search?query={}",
                js_sys::encode_uri_component(address)
            );
            m.open("br", &[])
                .open(
                    "a",
                    &[
                        ("href", &href),
                        ("target", "_blank"),
                        ("rel", "noopener noreferrer"),
                    ],
                )
                .sentence(&td_string!(locale, agenda.route, address = SLOT), |m| {
                    m.element("bdi", &[], address);
                })
                .close("a");
        }
        m.close("p");
    }
    if !a.bring.is_empty() {
        m.open("p", &[])
            .element("strong", &[], td_string!(locale, agenda.bring))
            .text(" ")
            .element("span", &[("dir", "auto")], &a.bring.join(", "))
            .close("p");
    }
    if let Some(notes) = &a.notes {
        m.element("p", &[("class", "notes"), ("dir", "auto")], notes);
    }
    if reminders::always_both(&a.kind) && !cancelled {
        m.open("p", &[("class", "notice")])
            .element("span", &hidden, "🔔 ")
            .text(td_string!(locale, agenda.always_reminded))
            .close("p");
    }
    m.open(
        "button",
        &[("class", "button"), ("data-export", &index.to_string())],
    )
    .element("span", &hidden, "📥 ")
    .text(td_string!(locale, agenda.add_single))
    .close("button")
    .close("article");
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
