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
                Some(ItemState::Waiting) if outbox.awaits_proof(id) => Some(view! {
                    <p><span aria-hidden="true">"🔑 "</span>{t!(i18n, outbox.needs_code)}</p>
                }.into_any()),
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

/// Shown while signed in but without the write proof that writes in the participant's name
/// need (a lock opened by a version that did not keep it behind the PIN, a tab whose proof
/// was lost). Typing the code again sends them; nothing is lost before.
#[component]
pub fn OutboxNeedsCode() -> impl IntoView {
    let i18n = use_i18n();
    let outbox = use_outbox();
    let (code, set_code) = signal(String::new());
    let (wrong, set_wrong) = signal(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if crate::state::keys::prove(&code.get_untracked()) {
            set_wrong.set(false);
            set_code.set(String::new());
            outbox.proof_changed();
        } else {
            set_wrong.set(true);
        }
    };
    view! {
        <Show when=move || { outbox.awaiting_proof() > 0 }>
            <form class="notice outbox-needs-code" aria-labelledby="needs-code-text" on:submit=submit>
                <p id="needs-code-text">
                    <span aria-hidden="true">"🔑 "</span>
                    {t!(i18n, outbox.needs_code_intro)}
                </p>
                <label for="needs-code">{t!(i18n, sign_in.code_label)}</label>
                <input
                    id="needs-code"
                    type="text"
                    autocomplete="off"
                    autocapitalize="characters"
                    spellcheck="false"
                    aria-describedby="needs-code-text"
                    aria-invalid=move || wrong.get().to_string()
                    prop:value=code
                    on:input=move |ev| set_code.set(event_target_value(&ev))
                />
                <Show when=move || wrong.get()>
                    <p class="form-error" role="alert">{t!(i18n, outbox.needs_code_wrong)}</p>
                </Show>
                <button type="submit" class="button">{t!(i18n, outbox.needs_code_send)}</button>
            </form>
        </Show>
    }
}
