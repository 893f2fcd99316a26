use crate::{
    api,
    components::{
        error_view::error_fallback, isolate, labels, sent_list::SentList, HelpPanel, MessageForm,
        QuickExit, Skeleton, SkippedNotice,
    },
    i18n::*,
    model::{Contact, ContactRole, Contacts},
    state::settings::lang,
};
use leptos::prelude::*;
use std::sync::Arc;

/// People outside the team (confidential adviser, complaints officer, …); works signed out.
#[component]
pub fn ContactPage() -> impl IntoView {
    let i18n = use_i18n();
    let contacts = LocalResource::new(|| async { api::load_contacts().await.map(Arc::new) });
    // Bumped when a message joins this phone's sent list.
    let sent_version = RwSignal::new(0u32);
    let sent_changed = Callback::new(move |()| sent_version.update(|v| *v += 1));
    view! {
        <h1>{t!(i18n, contact.title)}</h1>
        <QuickExit />
        <section class="card danger-zone">
            <HelpPanelInline />
        </section>
        <p>{t!(i18n, contact.intro)}</p>
        <Transition fallback=|| view! { <Skeleton /> }>
            <ErrorBoundary fallback=move |errors| error_fallback(errors, Callback::new(move |_| contacts.refetch()), false)>
                {move || Suspend::new(async move { contacts.await.map(|c| view! {
                    <SentList contacts=c.clone() version=sent_version />
                    <ContactList contacts=c sent_changed />
                }) })}
            </ErrorBoundary>
        </Transition>
    }
}

/// The help panel's content, always open at the top of this page.
#[component]
fn HelpPanelInline() -> impl IntoView {
    let i18n = use_i18n();
    let _ = HelpPanel;
    view! {
        <p class="big-text"><strong>{t!(i18n, help.danger)}</strong></p>
        <a class="button danger big" href="tel:112"><span aria-hidden="true">"📞 "</span>{t!(i18n, help.call_112)}</a>
    }
}

const ROLE_ORDER: [ContactRole; 5] = [
    ContactRole::CrisisLine,
    ContactRole::ConfidentialAdviser,
    ContactRole::ComplaintsOfficer,
    ContactRole::SpiritualCarer,
    ContactRole::ClientCouncil,
];

fn role_rank(r: &ContactRole) -> usize {
    ROLE_ORDER
        .iter()
        .position(|x| x == r)
        .unwrap_or(ROLE_ORDER.len())
}

#[component]
fn ContactList(contacts: Arc<Contacts>, sent_changed: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let mut list: Vec<Contact> = contacts.contacts.items.clone();
    list.sort_by_key(|c| role_rank(&c.role));
    let mut groups: Vec<(ContactRole, Vec<Contact>)> = Vec::new();
    for c in list {
        let key = if c.role.is_other() {
            ContactRole::default()
        } else {
            c.role.clone()
        };
        match groups.last_mut() {
            Some((r, items)) if *r == key => items.push(c),
            _ => groups.push((key, vec![c])),
        }
    }
    view! {
        <SkippedNotice count=contacts.contacts.skipped_count() />
        {if groups.is_empty() {
            view! { <p class="empty">{t!(i18n, contact.empty)}</p> }.into_any()
        } else {
            groups.into_iter().map(|(role, items)| {
                let about = role.clone();
                view! {
                    <section class="group">
                        <h2>{move || labels::contact_role(i18n, &role)}</h2>
                        {move || labels::contact_about(i18n, &about).map(|t| view! { <p>{t}</p> })}
                        <ul class="plain cards">
                            {items.into_iter().map(|c| view! { <li><ContactCard contact=c sent_changed /></li> }).collect_view()}
                        </ul>
                    </section>
                }
            }).collect_view().into_any()
        }}
    }
}

#[component]
fn ContactCard(contact: Contact, sent_changed: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let c = contact;
    let about = c.about.clone();
    let hours = c.hours.clone();
    let name = c.name.clone();
    let languages = c.languages.join(", ");
    // A key that is not a key fails closed: no form, rather than a message in plain text.
    let message = c.accepts_messages.then(|| (c.clone(), c.sealing_key()));
    view! {
        <article class="card contact">
            <h3 dir="auto">{c.name.clone()}</h3>
            {c.organisation.clone().map(|o| view! { <p class="muted" dir="auto">{o}</p> })}
            {c.independent.then(|| view! { <p class="badge ok"><span aria-hidden="true">"🛡️ "</span>{t!(i18n, contact.independent)}</p> })}
            {(!about.is_empty()).then(|| view! { <p dir="auto">{move || about.get(lang(i18n)).to_string()}</p> })}
            {(!hours.is_empty()).then(|| view! { <p>{move || t_string!(i18n, contact.hours, hours = hours.get(lang(i18n)).to_string())}</p> })}
            {(!languages.is_empty()).then(|| view! { <p>{t!(i18n, contact.languages, languages = isolate(languages.clone()))}</p> })}
            <div class="stack">
                {c.phone.clone().map(|p| {
                    let name = name.clone();
                    view! { <a class="button primary big" href=labels::tel_href(&p)><span aria-hidden="true">"📞 "</span><span>{t!(i18n, contact.call, name = isolate(name.clone()))}</span></a> }
                })}
                {c.email.as_deref().and_then(crate::model::contacts::mailto_href).map(|href| {
                    let name = name.clone();
                    view! { <a class="button big" href=href><span aria-hidden="true">"✉️ "</span><span>{t!(i18n, contact.mail, name = isolate(name.clone()))}</span></a> }
                })}
            </div>
            {message.map(|(contact, key)| match key {
                Ok(sealing) => view! { <MessageForm contact sealing sent_changed /> }.into_any(),
                Err(_) => view! {
                    <p class="notice" role="note">{t!(i18n, contact.cannot_seal, name = isolate(name.clone()))}</p>
                }.into_any(),
            })}
        </article>
    }
}
