//! "Je berichten": what became of the messages this phone sent while signed in. The
//! receipts are asked when the contact page opens and when the phone comes online,
//! each at most every ten seconds; never in a loop.

use crate::{
    api::{self, ApiError},
    components::{isolate, OutboxStatus},
    i18n::*,
    model::{dates, desk::MessageStatus, outbox::ItemState, sent::SentMessage, Contacts, Instant},
    state::{outbox::use_outbox, sent, settings::lang, use_session},
};
use leptos::prelude::*;
use std::sync::Arc;

/// Asks the server about every message that is due, and stores what it said.
async fn check(list: RwSignal<crate::model::sent::SentMessages>, in_outbox: impl Fn(&str) -> bool) {
    let now = crate::browser::now_ms() as i64;
    let mut current = sent::load();
    current.prune(now);
    for id in current.due(now) {
        if in_outbox(&id) {
            continue;
        }
        match api::desk::receipt(&id).await {
            Ok(receipt) => {
                current.apply(&receipt, now);
            }
            // Not delivered yet, or deleted after being handled: keep what was known.
            Err(ApiError::NotFound) => current.checked(&id, now),
            Err(_) => break,
        }
    }
    sent::save(&current);
    list.set(current);
}

#[component]
pub fn SentList(contacts: Arc<Contacts>, version: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let outbox = use_outbox();
    let list = RwSignal::new(sent::load());
    // Not delivered yet (waiting, or refused): the server cannot know it.
    let in_outbox = move |id: &str| {
        uuid::Uuid::parse_str(id).is_ok_and(|id| {
            outbox
                .state(id)
                .is_some_and(|s| !matches!(s, ItemState::Sent))
        })
    };
    let run = move || leptos::task::spawn_local(check(list, in_outbox));
    // A message just sent joins the list; the page opening checks the receipts.
    Effect::new(move |_| {
        version.track();
        list.set(sent::load());
    });
    run();
    let online = window_event_listener(leptos::ev::online, move |_| run());
    on_cleanup(move || online.remove());

    let name_of = move |to: &str| {
        contacts
            .contacts
            .items
            .iter()
            .find(|c| c.id == to)
            .map(|c| c.name.clone())
            .unwrap_or_else(|| to.to_string())
    };
    let forget = move |id: String| {
        let mut current = sent::load();
        current.forget(&id);
        sent::save(&current);
        list.set(current);
    };
    move || {
        let items = list.get().items;
        (session.is_signed_in() && !items.is_empty()).then(|| {
            let name_of = name_of.clone();
            view! {
                <section class="group" aria-labelledby="sent-title">
                    <h2 id="sent-title">{t!(i18n, contact.sent_title)}</h2>
                    <ul class="plain cards">
                        {items.into_iter().map(|m| {
                            let name = name_of(&m.to);
                            view! { <li><SentItem message=m name forget /></li> }
                        }).collect_view()}
                    </ul>
                </section>
            }
        })
    }
}

fn day_of(text: &str, lang: &str) -> String {
    Instant::parse(text)
        .map(|i| {
            let today = dates::today_at(dates::now());
            dates::day_short_absolute(dates::local(&i).date_naive(), today, lang)
        })
        .unwrap_or_default()
}

#[component]
fn SentItem(
    message: SentMessage,
    name: String,
    forget: impl Fn(String) + Clone + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = use_outbox();
    let id = uuid::Uuid::parse_str(&message.id).ok();
    let waiting = move || {
        id.is_some_and(|id| {
            outbox
                .state(id)
                .is_some_and(|s| !matches!(s, ItemState::Sent))
        })
    };
    let sent_at = message.sent_at.clone();
    let updated = message.updated_at.clone().unwrap_or_default();
    let status = message.status;
    let n = name.clone();
    let m_id = message.id.clone();
    view! {
        <article class="card sent">
            <p>
                <strong>{t!(i18n, contact.sent_to, name = isolate(n.clone()))}</strong>
                " · "
                {move || day_of(&sent_at, lang(i18n))}
            </p>
            {move || match (waiting(), id) {
                (true, Some(id)) => view! { <OutboxStatus id /> }.into_any(),
                _ => {
                    let day = day_of(&updated, lang(i18n));
                    let name = name.clone();
                    let text = match status {
                        Some(MessageStatus::Read) => t!(i18n, contact.receipt_read, name = isolate(name), day = day).into_any(),
                        Some(MessageStatus::Handled) => t!(i18n, contact.receipt_handled, name = isolate(name), day = day).into_any(),
                        _ => t!(i18n, contact.receipt_sent).into_any(),
                    };
                    let icon = match status {
                        Some(MessageStatus::Read) => "👀 ",
                        Some(MessageStatus::Handled) => "✅ ",
                        _ => "✉️ ",
                    };
                    view! { <p class="badge" role="status"><span aria-hidden="true">{icon}</span>{text}</p> }.into_any()
                }
            }}
            <button type="button" class="button" on:click={
                let forget = forget.clone();
                let id = m_id.clone();
                move |_| forget(id.clone())
            }>{t!(i18n, contact.sent_forget)}</button>
        </article>
    }
}
