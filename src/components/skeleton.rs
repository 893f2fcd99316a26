use crate::i18n::*;
use leptos::prelude::*;

/// Grey blocks where content will be, while it loads.
#[component]
pub fn Skeleton(#[prop(default = 3)] lines: usize) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="skeleton" aria-busy="true">
            <p class="visually-hidden" role="status">{t!(i18n, loading)}</p>
            {(0..lines).map(|_| view! { <div class="skeleton-block" aria-hidden="true"></div> }).collect_view()}
        </div>
    }
}
