use crate::{
    components::{isolate, labels, SkippedNotice, WithDossier},
    i18n::*,
    model::{Dossier, TeamMember},
    state::settings::lang,
};
use leptos::prelude::*;
use std::rc::Rc;

/// Who is who in the participant's team, with call and mail buttons.
#[component]
pub fn TeamPage() -> impl IntoView {
    view! { <WithDossier let:d><Team dossier=d /></WithDossier> }
}

#[component]
fn Team(dossier: Rc<Dossier>) -> impl IntoView {
    let i18n = use_i18n();
    let members = dossier.team.items.clone();
    view! {
        <h1>{t!(i18n, team.title)}</h1>
        <p>{t!(i18n, team.intro)}</p>
        <SkippedNotice count=dossier.team.skipped_count() />
        {if members.is_empty() {
            view! { <p class="empty">{t!(i18n, team.empty)}</p> }.into_any()
        } else {
            view! { <ul class="plain cards">{members.into_iter().map(|m| view! { <li><Member member=m /></li> }).collect_view()}</ul> }.into_any()
        }}
    }
}

#[component]
fn Member(member: TeamMember) -> impl IntoView {
    let i18n = use_i18n();
    let m = member;
    let role = m.role.clone();
    let available = m.available.clone();
    let name = m.name.clone();
    view! {
        <article class="card">
            <h2 dir="auto">{m.name.clone()}</h2>
            <p class="kind">{move || labels::team_role(i18n, &role)}</p>
            {m.organisation.clone().map(|o| view! { <p class="muted" dir="auto">{o}</p> })}
            {(!available.is_empty()).then(|| view! { <p>{move || t_string!(i18n, team.available, hours = available.get(lang(i18n)).to_string())}</p> })}
            <div class="stack">
                {m.phone.clone().map(|p| {
                    let name = name.clone();
                    view! { <a class="button primary big" href=labels::tel_href(&p)><span aria-hidden="true">"📞 "</span><span>{t!(i18n, team.call, name = isolate(name.clone()))}</span></a> }
                })}
                {m.email.as_deref().and_then(crate::model::contacts::mailto_href).map(|href| {
                    let name = name.clone();
                    view! { <a class="button big" href=href><span aria-hidden="true">"✉️ "</span><span>{t!(i18n, team.mail, name = isolate(name.clone()))}</span></a> }
                })}
            </div>
        </article>
    }
}
