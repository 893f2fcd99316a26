use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::components::A;

/// The main navigation: a bottom tab bar on phones, a side bar on wide screens.
#[component]
pub fn Nav() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav class="nav" aria-label=move || t_string!(i18n, nav.label)>
            <ul>
                <li><A href="/home"><span class="nav-icon" aria-hidden="true">"🏠"</span><span>{t!(i18n, nav.home)}</span></A></li>
                <li><A href="/afspraken"><span class="nav-icon" aria-hidden="true">"🤝"</span><span>{t!(i18n, nav.agreements)}</span></A></li>
                <li><A href="/doelen"><span class="nav-icon" aria-hidden="true">"🎯"</span><span>{t!(i18n, nav.goals)}</span></A></li>
                <li><A href="/agenda"><span class="nav-icon" aria-hidden="true">"📅"</span><span>{t!(i18n, nav.agenda)}</span></A></li>
                <li><A href="/contact"><span class="nav-icon" aria-hidden="true">"💬"</span><span>{t!(i18n, nav.contact)}</span></A></li>
            </ul>
        </nav>
    }
}
