use crate::{
    api::offline,
    i18n::*,
    model::{dates, freshness::updated_at},
};
use leptos::{ev, prelude::*};

/// "Offline — bijgewerkt: vandaag 14:05": shown while the browser is offline or while the
/// data on screen is a stored copy. Icon and words, announced politely. Back online, the
/// stored documents are asked again (in the background: the page is not rebuilt under the
/// participant's hands) and the banner goes when the network answers.
#[component]
pub fn OfflineBanner() -> impl IntoView {
    let i18n = use_i18n();
    let online = RwSignal::new(window().navigator().on_line());
    let freshness = offline::freshness();
    let handle = window_event_listener(ev::offline, move |_| online.set(false));
    on_cleanup(move || handle.remove());
    let handle = window_event_listener(ev::online, move |_| {
        online.set(true);
        offline::revalidate();
    });
    on_cleanup(move || handle.remove());

    let f = freshness.clone();
    let show = move || !online.get() || f.with(|f| f.is_stale());
    let when = move || {
        let lang = i18n.get_locale().as_str();
        freshness
            .with(|f| f.oldest().map(|at| updated_at(at, dates::now(), lang)))
            .map(|when| view! { " — " {t!(i18n, offline.updated, when = when)} })
    };
    view! {
        <div class="offline-banner" role="status" aria-live="polite">
            <Show when=show>
                <p>
                    <span aria-hidden="true">"📴 "</span>
                    <strong>
                        {move || if online.get() { t_string!(i18n, offline.stale) } else { t_string!(i18n, offline.offline) }}
                    </strong>
                    {when.clone()}
                </p>
                <Show when=move || !online.get()>
                    <p class="small">{t!(i18n, offline.outbox_note)}</p>
                </Show>
            </Show>
        </div>
    }
}

/// "Er is een nieuwe versie — Opnieuw laden": a new build has installed and waits.
#[component]
pub fn UpdatePrompt() -> impl IntoView {
    let i18n = use_i18n();
    let ready = RwSignal::new(false);
    offline::register_service_worker(ready);
    view! {
        <div class="update-prompt" role="status" aria-live="polite">
            <Show when=move || ready.get()>
                <p>
                    <span aria-hidden="true">"✨ "</span>
                    {t!(i18n, offline.update_ready)}
                    " — "
                    <button type="button" class="button" on:click=|_| offline::apply_update()>
                        {t!(i18n, offline.update_reload)}
                    </button>
                </p>
            </Show>
        </div>
    }
}
