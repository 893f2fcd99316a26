//! The desk (`/balie`): where a confidential adviser, a complaints officer or anyone else
//! who takes messages reads what participants sent them, and marks it read and handled.
//!
//! A staff page in a chunk of its own. Its texts are fetched with it (`public/desk/`), so
//! the participant's first load does not carry them. The desk token and the secret key
//! live in this component's memory only: nothing of them, and no opened message, goes to
//! any storage or cache (the service worker lets `api/v1/desk/` pass by). Closing the tab,
//! "Sluit de balie" or 15 minutes without a touch forgets them.

mod inbox;
mod sign_in;
mod text;

use crate::{
    components::{error_view::error_fallback, Skeleton},
    i18n::*,
    model::{desk_view::IDLE_MS, sealed_write::SecretKey, Contact},
    state::settings::lang,
};
use leptos::prelude::*;
use std::sync::Arc;
pub use text::{use_text, DeskText};

/// A signed-in desk: whose messages, with what.
#[derive(Clone)]
pub struct DeskSession {
    pub token: Arc<str>,
    pub contact: Arc<Contact>,
    /// `None` for a contact without a public key (plain messages).
    pub key: Option<Arc<SecretKey>>,
    pub retain_days: u32,
}

/// Why the desk closed by itself.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Closed {
    Idle,
    /// The token stopped working (the operator changed it).
    TokenRefused,
}

#[component]
pub fn DeskPage() -> impl IntoView {
    let i18n = use_i18n();
    let texts = LocalResource::new(move || {
        let lang = lang(i18n);
        async move {
            crate::api::desk::texts(lang)
                .await
                .map(|(texts, fallback)| Arc::new(DeskText::new(texts, fallback)))
        }
    });
    view! {
        <Transition fallback=|| view! { <Skeleton /> }>
            <ErrorBoundary fallback=move |errors| error_fallback(errors, Callback::new(move |_| texts.refetch()), true)>
                {move || Suspend::new(async move {
                    texts.await.map(|t| view! { <Desk text=t /> })
                })}
            </ErrorBoundary>
        </Transition>
    }
}

#[component]
fn Desk(text: Arc<DeskText>) -> impl IntoView {
    provide_context(text.clone());
    let session = RwSignal::new(None::<DeskSession>);
    let closed = RwSignal::new(None::<Closed>);
    watch_idle(session, closed);
    let open = Callback::new(move |s: DeskSession| {
        closed.set(None);
        session.set(Some(s));
    });
    let close = Callback::new(move |why: Option<Closed>| {
        session.set(None);
        closed.set(why);
    });
    let t = text.clone();
    view! {
        <h1>{t.get("title")}</h1>
        {move || {
            let t = use_text();
            match closed.get() {
                Some(Closed::Idle) => Some(view! { <p class="notice" role="status">{t.get("idle_closed")}</p> }),
                Some(Closed::TokenRefused) => Some(view! { <p class="notice" role="status">{t.get("token_refused")}</p> }),
                None => None,
            }
        }}
        {move || match session.get() {
            Some(s) => view! { <inbox::DeskInbox session=s close /> }.into_any(),
            None => view! { <sign_in::DeskSignIn open /> }.into_any(),
        }}
    }
}

/// Forgets the session after [`IDLE_MS`] without a key, pointer or scroll: a desk left
/// open on a shared office computer must not stay readable.
fn watch_idle(session: RwSignal<Option<DeskSession>>, closed: RwSignal<Option<Closed>>) {
    let last = StoredValue::new(crate::browser::now_ms());
    let touch = move || last.set_value(crate::browser::now_ms());
    let handles = [
        window_event_listener(leptos::ev::keydown, move |_| touch()),
        window_event_listener(leptos::ev::pointerdown, move |_| touch()),
        window_event_listener(leptos::ev::scroll, move |_| touch()),
    ];
    let timer = set_interval_with_handle(
        move || {
            let idle = crate::browser::now_ms() - last.get_value() >= IDLE_MS;
            if idle && session.get_untracked().is_some() {
                session.set(None);
                closed.set(Some(Closed::Idle));
            }
        },
        std::time::Duration::from_secs(15),
    )
    .ok();
    // A new session starts a fresh 15 minutes.
    Effect::new(move |_| {
        if session.read().is_some() {
            touch();
        }
    });
    on_cleanup(move || {
        for h in handles {
            h.remove();
        }
        if let Some(t) = timer {
            t.clear();
        }
    });
}
