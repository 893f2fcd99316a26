use crate::{
    components::{labels, ReadAloud, SkippedNotice, WithDossier},
    i18n::*,
    model::{dates, speech::Piece, Dossier, SignalLevel, SignalPhase},
    state::{settings::lang, use_dossier},
};
use leptos::prelude::*;
use leptos_router::components::A;
use std::rc::Rc;

/// The signalling plan: green, orange and red, by words and icons as well as colour.
#[component]
pub fn SignalsPage() -> impl IntoView {
    view! { <WithDossier let:d><Signals dossier=d /></WithDossier> }
}

#[component]
fn Signals(dossier: Rc<Dossier>) -> impl IntoView {
    let i18n = use_i18n();
    let plan = dossier.signal_plan.clone();
    view! {
        <h1>{t!(i18n, signals.title)}</h1>
        <p>{t!(i18n, signals.intro)}</p>
        <SkippedNotice count=dossier.signal_plan_skipped() />
        {match plan {
            None => view! { <p class="empty">{t!(i18n, signals.empty)}</p> }.into_any(),
            Some(plan) => {
                let updated = plan.updated_on.map(|d| d.0);
                view! {
                    {updated.map(|d| view! { <p class="muted">{move || t_string!(i18n, signals.updated, date = dates::date_long(d, lang(i18n)))}</p> })}
                    {plan.phases.items.into_iter().map(|p| view! { <Phase phase=p /> }).collect_view()}
                }.into_any()
            }
        }}
    }
}

#[component]
fn Phase(phase: SignalPhase) -> impl IntoView {
    let i18n = use_i18n();
    let level = phase.level.clone();
    let (class, icon) = match level {
        SignalLevel::Green => ("phase green", "💚"),
        SignalLevel::Orange => ("phase orange", "🔶"),
        SignalLevel::Red => ("phase red", "🔴"),
        SignalLevel::Other(_) => ("phase", "⚪"),
    };
    let is_red = level == SignalLevel::Red;
    let title = move || labels::signal_level(i18n, &level);
    let spoken = {
        let (signals, mine, theirs) = (
            phase.signals.clone(),
            phase.my_actions.clone(),
            phase.support_actions.clone(),
        );
        let title = title.clone();
        let data = use_dossier().data_lang();
        Signal::derive(move || {
            let ui = lang(i18n);
            let mut parts = vec![Piece::sentence(ui, &title())];
            for (label, items) in [
                (t_string!(i18n, signals.signals), &signals),
                (t_string!(i18n, signals.my_actions), &mine),
                (t_string!(i18n, signals.support_actions), &theirs),
            ] {
                parts.push(Piece::new(ui, format!("{label}:")));
                parts.extend(items.iter().map(|s| Piece::sentence(&data, s)));
            }
            parts
        })
    };
    let what = {
        let title = title.clone();
        Signal::derive(move || title().to_string())
    };
    let list = |items: Vec<String>| view! { <ul>{items.into_iter().map(|s| view! { <li dir="auto">{s}</li> }).collect_view()}</ul> };
    view! {
        <section class=format!("card {class}")>
            <h2><span aria-hidden="true">{icon}" "</span>{title}</h2>
            <ReadAloud text=spoken what />
            <h3>{t!(i18n, signals.signals)}</h3>
            {list(phase.signals)}
            <h3>{t!(i18n, signals.my_actions)}</h3>
            {list(phase.my_actions)}
            <h3>{t!(i18n, signals.support_actions)}</h3>
            {list(phase.support_actions)}
            {is_red.then(|| view! {
                <h3>{t!(i18n, signals.crisis)}</h3>
                <div class="stack">
                    <a class="button danger big" href="tel:112"><span aria-hidden="true">"📞 "</span>{t!(i18n, help.call_112)}</a>
                    <A href="/contact" attr:class="button big">{t!(i18n, home.talk_adviser)}</A>
                </div>
            })}
        </section>
    }
}
