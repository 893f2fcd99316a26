//! The one way a page waits for a document: a skeleton while it loads, the shared error
//! view (with retry) when it fails, the children with the document once it is there.

use super::{error_view::error_fallback, Skeleton};
use crate::{
    api::ApiError,
    model::{Config, Dossier},
    state::{use_config, use_dossier, use_session},
};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use std::{rc::Rc, sync::Arc};

/// Renders `children` with what `resource` loaded: `Skeleton` (of `lines` lines) while
/// it loads, `ErrorView` on an `ApiError`, whose retry refetches the resource.
#[component]
pub fn Loader<T, F, V>(
    resource: LocalResource<Result<T, ApiError>>,
    children: F,
    #[prop(default = 3)] lines: usize,
    /// The error replaces the whole page (its title is the `<h1>`).
    #[prop(optional)]
    whole_page: bool,
) -> impl IntoView
where
    T: Clone + 'static,
    F: Fn(T) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let children = Arc::new(children);
    view! {
        <Transition fallback=move || view! { <Skeleton lines /> }>
            <ErrorBoundary fallback=move |errors| error_fallback(errors, Callback::new(move |_| resource.refetch()), whole_page)>
                {
                    let children = children.clone();
                    move || {
                        let children = children.clone();
                        Suspend::new(async move { resource.await.map(|t| children(t)) })
                    }
                }
            </ErrorBoundary>
        </Transition>
    }
}

/// Renders its children with the signed-in dossier ([`Loader`]), and the sign-in page
/// when signed out.
#[component]
pub fn WithDossier<F, V>(children: F) -> impl IntoView
where
    F: Fn(Rc<Dossier>) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let session = use_session();
    let dossier = use_dossier().0;
    let children = Arc::new(children);
    move || {
        if !session.is_signed_in() {
            return view! { <Redirect path="/" /> }.into_any();
        }
        let children = children.clone();
        view! {
            <Loader resource=dossier whole_page=true let:d>
                {children(d)}
            </Loader>
        }
        .into_any()
    }
}

/// Renders its children with `config.json` ([`Loader`], a one-line skeleton).
#[component]
pub fn WithConfig<F, V>(children: F) -> impl IntoView
where
    F: Fn(Rc<Config>) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let config = use_config().0;
    view! {
        <Loader resource=config lines=1 let:c>
            {children(c)}
        </Loader>
    }
}
