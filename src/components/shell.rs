use super::{
    discreet_install, ChunkRetry, HelpPanel, LockScreen, Nav, OfflineBanner, OutboxNeedsCode,
    OutboxUnsaved, UpdatePrompt, WrongPinsNotice,
};
use crate::{i18n::*, state::use_session};
use leptos::prelude::*;
use leptos_router::components::A;

crate::split! {
    preload __preload_lock_screen;
    /// The lock screen (with the PIN check) in a wasm chunk of its own: only participants
    /// who set a PIN need it, and the service worker keeps it for a start without a
    /// connection.
    async fn lock_screen() -> AnyView {
        view! { <LockScreen /> }.into_any()
    }
}

crate::split! {
    preload __preload_notices;
    /// What the app asks or tells only now and then (type the code again for what waits;
    /// wrong PINs since the lock last opened), in a chunk of its own: most starts never
    /// need it, and the first load stays small.
    async fn rare_notices() -> AnyView {
        view! {
            <OutboxNeedsCode />
            <WrongPinsNotice />
        }
        .into_any()
    }
}

/// Kiosk mode: while set, the shell shows no navigation and no settings (help stays).
#[derive(Clone, Copy)]
pub struct KioskChrome(pub RwSignal<bool>);

/// The frame of every page: skip link, top bar with help, the offline banner and update
/// prompt, navigation when signed in. While the PIN lock is on, the pages are unmounted
/// and the lock screen takes their place.
#[component]
pub fn Shell(children: ChildrenFn) -> impl IntoView {
    let i18n = use_i18n();
    discreet_install::apply_stored();
    let session = use_session();
    let outbox = crate::state::outbox::use_outbox();
    let kiosk = RwSignal::new(false);
    provide_context(KioskChrome(kiosk));
    let show_nav = move || session.is_signed_in() && !kiosk.get();
    view! {
        <a class="skip-link" href="#main">{t!(i18n, skip_to_content)}</a>
        <header class="topbar">
            <span class="brand">
                <span aria-hidden="true">"🧭 "</span>
                {t!(i18n, app_name)}
            </span>
            <HelpPanel />
            <Show when=show_nav>
                <A href="/instellingen" attr:class="button settings-link">
                    <span aria-hidden="true">"⚙️ "</span>
                    {t!(i18n, nav.settings)}
                </A>
            </Show>
        </header>
        <UpdatePrompt />
        <OfflineBanner />
        <OutboxUnsaved />
        <Show when=move || {
            (session.is_signed_in() && outbox.awaiting_proof() > 0)
                || (session.wrong_pins.get() > 0 && !session.locked.get())
        }>
            {Suspend::new(async {
                match rare_notices().await {
                    Ok(view) => view,
                    Err(_) => view! { <ChunkRetry /> }.into_any(),
                }
            })}
        </Show>
        <div class="layout" class:with-nav=show_nav>
            <Show when=show_nav>
                <Nav />
            </Show>
            <main id="main" tabindex="-1">
                <Show
                    when=move || !session.locked.get()
                    fallback=|| Suspend::new(async {
                        match lock_screen().await {
                            Ok(view) => view,
                            Err(_) => view! { <ChunkRetry /> }.into_any(),
                        }
                    })
                >
                    {children()}
                </Show>
            </main>
        </div>
    }
}
