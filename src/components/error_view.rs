use crate::{api::ApiError, i18n::*};
use leptos::prelude::*;
use leptos_i18n::I18nContext;

/// An `ApiError` in plain words: the one wording of each error, wherever it is shown.
pub fn api_error_text(i18n: I18nContext<Locale>, error: &ApiError) -> &'static str {
    match error {
        ApiError::Offline => t_string!(i18n, error.offline),
        ApiError::NotFound => t_string!(i18n, error.not_found),
        ApiError::Server(_) | ApiError::PartMissing => t_string!(i18n, error.server),
        ApiError::BadData { .. } => t_string!(i18n, error.bad_data),
        ApiError::Unsupported { .. } => t_string!(i18n, error.update_app),
        ApiError::SignedOut => t_string!(i18n, error.signed_out),
        ApiError::CannotOpen => t_string!(i18n, error.cannot_open),
        ApiError::CodeNeeded => t_string!(i18n, sign_in.code_again),
    }
}

/// The one error view of the app: what went wrong in plain words, and a retry button.
#[component]
pub fn ErrorView(
    error: ApiError,
    #[prop(into)] on_retry: Callback<()>,
    /// When the error replaces a whole page, its title is the page's `<h1>`.
    #[prop(optional)]
    whole_page: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let details = error.to_string();
    let message = move || api_error_text(i18n, &error);
    view! {
        <section class="error-view" role="alert" aria-labelledby="error-title">
            {if whole_page {
                view! { <h1 id="error-title"><span aria-hidden="true">"⚠️ "</span>{t!(i18n, error.title)}</h1> }.into_any()
            } else {
                view! { <h2 id="error-title"><span aria-hidden="true">"⚠️ "</span>{t!(i18n, error.title)}</h2> }.into_any()
            }}
            <p>{message}</p>
            <button class="button primary" on:click=move |_| on_retry.run(())>
                {t!(i18n, error.retry)}
            </button>
            <details class="details">
                <summary>{t!(i18n, error.details)}</summary>
                <code>{details}</code>
            </details>
        </section>
    }
}

/// Shows the first error an `<ErrorBoundary>` caught with [`ErrorView`].
pub fn error_fallback(
    errors: ArcRwSignal<Errors>,
    on_retry: Callback<()>,
    whole_page: bool,
) -> impl IntoView {
    move || {
        let error = errors
            .get()
            .into_iter()
            .next()
            .and_then(|(_, e)| e.into_inner().downcast_ref::<ApiError>().cloned())
            .unwrap_or(ApiError::Server(0));
        view! { <ErrorView error on_retry whole_page /> }
    }
}
