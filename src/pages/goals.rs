use crate::{
    components::{labels, ProgressBar, SkippedNotice, WithDossier},
    i18n::*,
    model::{dates, goals, Dossier, Goal},
    state::settings::lang,
};
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_router::components::A;
use std::rc::Rc;

/// The SMART goals of the support plan, per life domain.
#[component]
pub fn GoalsPage() -> impl IntoView {
    view! { <WithDossier let:d><Goals dossier=d /></WithDossier> }
}

#[component]
fn Goals(dossier: Rc<Dossier>) -> impl IntoView {
    let i18n = use_i18n();
    let groups: Vec<_> = goals::by_domain(&dossier.goals.items)
        .into_iter()
        .map(|(d, gs)| (d, gs.into_iter().cloned().collect::<Vec<_>>()))
        .collect();
    view! {
        <h1>{t!(i18n, goals.title)}</h1>
        <p>{t!(i18n, goals.intro)}</p>
        <SkippedNotice count=dossier.goals_skipped() />
        {if groups.is_empty() {
            view! { <p class="empty">{t!(i18n, goals.empty)}</p> }.into_any()
        } else {
            groups.into_iter().map(|(domain, items)| {
                let icon = labels::domain_icon(domain.as_ref());
                let label = domain.clone().unwrap_or_default();
                view! {
                    <section class="group">
                        <h2><span aria-hidden="true">{icon}" "</span>{move || labels::domain(i18n, &label)}</h2>
                        <ul class="plain cards">
                            {items.into_iter().map(|g| view! { <li><GoalCard goal=g /></li> }).collect_view()}
                        </ul>
                    </section>
                }
            }).collect_view().into_any()
        }}
    }
}

/// Title, progress in a bar and in words, status and the days left.
#[component]
pub fn GoalCard(goal: Goal) -> impl IntoView {
    let i18n = use_i18n();
    let pct = goals::progress(&goal);
    let status = goal.status.clone();
    let deadline = goal.smart.time_bound.map(|d| d.0);
    view! {
        <article class="card goal">
            <h3 dir="auto"><A href=format!("/doelen/{}", goal.id)>{goal.title.clone()}</A></h3>
            <ProgressBar percent=pct />
            <p class="meta">
                <span class="status">{move || labels::goal_status(i18n, &status)}</span>
                {deadline.map(|d| view! { <span>{move || deadline_text(i18n, d)}</span> })}
            </p>
        </article>
    }
}

/// "Nog 45 dagen", "Vandaag klaar" or "Datum is voorbij".
pub fn deadline_text(i18n: I18nContext<Locale>, day: chrono::NaiveDate) -> String {
    let today = dates::today_at(dates::now());
    let when = t_string!(
        i18n,
        goals.deadline,
        date = dates::date_long(day, lang(i18n))
    )
    .to_string();
    let rest = match goals::deadline(day, today) {
        goals::Deadline::Today => t_string!(i18n, goals.today_deadline).to_string(),
        goals::Deadline::Passed => t_string!(i18n, goals.overdue).to_string(),
        goals::Deadline::DaysLeft(n) => t_string!(i18n, goals.days_left, count = n).to_string(),
    };
    format!("{when} · {rest}")
}
