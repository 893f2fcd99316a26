use super::{error_view::error_fallback, Skeleton};
use crate::{
    model::{Config, Dossier},
    state::{use_config, use_dossier, use_session},
};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use std::{rc::Rc, sync::Arc};

/// Renders its children with the signed-in dossier: a skeleton while loading, the
/// shared error view (with retry) on failure, and the sign-in page when signed out.
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
            <Transition fallback=|| view! { <Skeleton /> }>
                <ErrorBoundary fallback=move |errors| error_fallback(errors, Callback::new(move |_| dossier.refetch()), true)>
                    {
                        let children = children.clone();
                        move || {
                            let children = children.clone();
                            Suspend::new(async move { dossier.await.map(|d| children(d)) })
                        }
                    }
                </ErrorBoundary>
            </Transition>
        }
        .into_any()
    }
}

/// Renders its children with `config.json` (loading and errors as [`WithDossier`]).
#[component]
pub fn WithConfig<F, V>(children: F) -> impl IntoView
where
    F: Fn(Rc<Config>) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let config = use_config().0;
    let children = Arc::new(children);
    view! {
        <Transition fallback=|| view! { <Skeleton lines=1 /> }>
            <ErrorBoundary fallback=move |errors| error_fallback(errors, Callback::new(move |_| config.refetch()), false)>
                {
                    let children = children.clone();
                    move || {
                        let children = children.clone();
                        Suspend::new(async move { config.await.map(|c| children(c)) })
                    }
                }
            </ErrorBoundary>
        </Transition>
    }
}
