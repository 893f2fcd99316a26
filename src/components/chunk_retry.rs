use crate::i18n::*;
use leptos::{ev, prelude::*};

/// In place of a page (or the lock screen) whose wasm chunk could not be fetched: the
/// "no internet" error (or the server's, when online) with a retry button.
///
/// Trying again reloads the app, by a tap or by itself when the phone is back online: the
/// session, the outbox and every draft are stored, and a reload also picks up a new release
/// whose chunks replaced the ones this page asked for. Offline a reload would end on the
/// browser's own error page, so the tap then waits for the connection. The component is
/// part of the first load, which is why it is this small and not an `ErrorView`.
#[component]
pub fn ChunkRetry() -> impl IntoView {
    let i18n = use_i18n();
    let retry = || {
        if crate::browser::online() {
            let _ = window().location().reload();
        }
    };
    let online = window_event_listener(ev::online, move |_| retry());
    on_cleanup(move || online.remove());
    let message = if crate::browser::online() {
        t_string!(i18n, error.server)
    } else {
        t_string!(i18n, error.offline)
    };
    view! {
        <section class="error-view" role="alert" aria-labelledby="error-title">
            <h1 id="error-title">
                <span aria-hidden="true">"⚠️ "</span>
                {t!(i18n, error.title)}
            </h1>
            <p>{message}</p>
            <button class="button primary" on:click=move |_| retry()>
                {t!(i18n, error.retry)}
            </button>
        </section>
    }
}
