use crate::i18n::*;
use leptos::prelude::*;

/// A progress bar that also says its value in words (never colour alone).
#[component]
pub fn ProgressBar(percent: Option<u8>) -> impl IntoView {
    let i18n = use_i18n();
    match percent {
        Some(p) => view! {
            <div class="progress">
                <progress max="100" value=p aria-label=move || t_string!(i18n, goals.progress, percent = p)>
                    {p}"%"
                </progress>
                <span class="progress-text" aria-hidden="true">{t!(i18n, goals.progress, percent = p)}</span>
            </div>
        }
        .into_any(),
        None => view! { <p class="muted">{t!(i18n, goals.no_progress)}</p> }.into_any(),
    }
}
