use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::components::A;

/// Shown for any path the app does not know.
#[component]
pub fn NotFoundPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{t!(i18n, not_found.title)}</h1>
        <p>{t!(i18n, not_found.text)}</p>
        <A href="/" attr:class="button primary">{t!(i18n, not_found.home)}</A>
    }
}
