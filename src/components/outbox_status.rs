use crate::{i18n::*, model::outbox::ItemState, state::outbox::use_outbox};
use leptos::prelude::*;
use uuid::Uuid;

/// The state of one write in the outbox: "wacht", "verstuurd" or "mislukt: reden"
/// (with "Probeer opnieuw"). Announced politely as it changes.
#[component]
pub fn OutboxStatus(id: Uuid) -> impl IntoView {
    let i18n = use_i18n();
    let outbox = use_outbox();
    view! {
        <div class="outbox-status" role="status" aria-live="polite">
            {move || match outbox.state(id) {
                None => None,
                Some(ItemState::Waiting) => Some(view! {
                    <p><span aria-hidden="true">"⏳ "</span>{t!(i18n, outbox.waiting)}</p>
                }.into_any()),
                Some(ItemState::Sent) => Some(view! {
                    <p class="confirmed"><span aria-hidden="true">"✅ "</span>{t!(i18n, outbox.sent)}</p>
                }.into_any()),
                Some(ItemState::Failed(reason)) => Some(view! {
                    <p class="form-error">{t!(i18n, outbox.failed, reason = reason)}</p>
                    <button type="button" class="button" on:click=move |_| outbox.retry(id)>{t!(i18n, outbox.retry)}</button>
                }.into_any()),
            }}
        </div>
    }
}

/// Shown while the phone refused to store what waits in the outbox (storage full): the
/// writes are kept in memory and still go out, but not after the app is closed.
#[component]
pub fn OutboxUnsaved() -> impl IntoView {
    let i18n = use_i18n();
    let outbox = use_outbox();
    view! {
        <Show when=move || outbox.unsaved()>
            <p class="notice outbox-unsaved" role="alert">
                <span aria-hidden="true">"⚠️ "</span>
                {t!(i18n, outbox.unsaved)}
            </p>
        </Show>
    }
}
