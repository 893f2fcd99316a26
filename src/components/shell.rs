use super::{HelpPanel, Nav};
use crate::{i18n::*, state::use_session};
use leptos::prelude::*;
use leptos_router::components::A;

/// The frame of every page: skip link, top bar with help, navigation when signed in.
#[component]
pub fn Shell(children: Children) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    view! {
        <a class="skip-link" href="#main">{t!(i18n, skip_to_content)}</a>
        <header class="topbar">
            <span class="brand">
                <span aria-hidden="true">"🧭 "</span>
                {t!(i18n, app_name)}
            </span>
            <HelpPanel />
            <Show when=move || session.is_signed_in()>
                <A href="/instellingen" attr:class="button settings-link">
                    <span aria-hidden="true">"⚙️ "</span>
                    {t!(i18n, nav.settings)}
                </A>
            </Show>
        </header>
        <div class="layout" class:with-nav=move || session.is_signed_in()>
            <Show when=move || session.is_signed_in()>
                <Nav />
            </Show>
            <main id="main" tabindex="-1">{children()}</main>
        </div>
    }
}
