use crate::i18n::*;
use leptos::prelude::*;

/// Says how many items of a list could not be shown because their data was bad.
#[component]
pub fn SkippedNotice(count: usize) -> impl IntoView {
    let i18n = use_i18n();
    (count > 0).then(|| {
        view! {
            <p class="notice" role="status">
                <span aria-hidden="true">"ℹ️ "</span>
                {t!(i18n, skipped, count = move || count)}
            </p>
        }
    })
}
