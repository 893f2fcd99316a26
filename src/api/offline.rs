//! The app's side of the service worker (`public/sw.js`): registering it, offering a new
//! version, noting which answers came from its stored copies, and deleting the stored
//! dossier at sign-out.

use crate::model::freshness::{Freshness, CACHED_AT_HEADER};
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use wasm_bindgen::{prelude::*, JsCast};
use web_sys::{ServiceWorkerRegistration, ServiceWorkerState};

/// The cache the service worker keeps the dossier in (see `DOSSIER_CACHE` in sw.js).
const DOSSIER_CACHE: &str = "koers-dossier";

thread_local! {
    static FRESHNESS: ArcRwSignal<Freshness> = ArcRwSignal::new(Freshness::default());
    static REGISTRATION: RefCell<Option<ServiceWorkerRegistration>> = const { RefCell::new(None) };
    // Set when the participant asked for the new version: only then does a change of
    // worker reload the page (the very first install also changes it, silently).
    static RELOAD_ON_CHANGE: Cell<bool> = const { Cell::new(false) };
}

/// Which documents on screen came from a stored copy, and from when.
pub fn freshness() -> ArcRwSignal<Freshness> {
    FRESHNESS.with(Clone::clone)
}

/// Called for every answer of the API (in `read_text`).
pub(super) fn note_response(response: &gloo_net::http::Response) {
    let cached_at = response.headers().get(CACHED_AT_HEADER);
    let url = response.url();
    let freshness = freshness();
    if cached_at.is_some() || freshness.with_untracked(Freshness::is_stale) {
        freshness.update(|f| f.note(&url, cached_at.as_deref()));
    }
}

/// Back online: asks the network again for every document shown from a stored copy. The
/// worker stores the fresh answers and each one that arrives ends its "stale" note; the
/// pages keep what they show until they load again. The connection often needs a moment
/// after the `online` event, so a copy that is still stored is asked again a few times.
pub fn revalidate() {
    revalidate_attempt(0);
}

fn revalidate_attempt(attempt: u32) {
    let urls = freshness().with_untracked(Freshness::stale_urls);
    if urls.is_empty() || attempt >= 6 || !window().navigator().on_line() {
        return;
    }
    leptos::task::spawn_local(async move {
        for url in urls {
            if let Ok(response) = gloo_net::http::Request::get(&url)
                .header("Accept", "application/json")
                .send()
                .await
            {
                note_response(&response);
            }
        }
        if freshness().with_untracked(Freshness::is_stale) {
            set_timeout(
                move || revalidate_attempt(attempt + 1),
                std::time::Duration::from_secs(5),
            );
        }
    });
}

/// Sign-out: the stored dossier goes, on this device nothing of it is left.
pub fn forget_cached_dossier() {
    freshness().update(|f| f.forget("/api/v1/dossiers/"));
    // The worker also drops a dossier answer still on its way (its epoch changes).
    if has_service_workers() {
        if let Some(worker) = window().navigator().service_worker().controller() {
            let _ = worker.post_message(&JsValue::from_str("forgetDossier"));
        }
    }
    if let Ok(caches) = window().caches() {
        let _ = caches.delete(DOSSIER_CACHE);
    }
}

fn has_service_workers() -> bool {
    let window = window();
    window.is_secure_context()
        && js_sys::Reflect::has(&window.navigator(), &JsValue::from_str("serviceWorker"))
            .unwrap_or(false)
}

/// Registers `sw.js` (only over https or on localhost, where browsers allow it) and sets
/// `update_ready` when a new version has installed and waits.
pub fn register_service_worker(update_ready: RwSignal<bool>) {
    if !has_service_workers() {
        return;
    }
    let container = window().navigator().service_worker();
    let base = crate::browser::base_href();
    let options = web_sys::RegistrationOptions::new();
    options.set_scope(&base);
    let registering = container.register_with_options(&format!("{base}sw.js"), &options);

    let on_change = Closure::<dyn FnMut()>::new(|| {
        if RELOAD_ON_CHANGE.get() {
            let _ = window().location().reload();
        }
    });
    container.set_oncontrollerchange(Some(on_change.as_ref().unchecked_ref()));
    on_change.forget();

    leptos::task::spawn_local(async move {
        let Ok(registration) = wasm_bindgen_futures::JsFuture::from(registering).await else {
            return;
        };
        let registration: ServiceWorkerRegistration = registration.unchecked_into();
        // A version that installed while the app was closed waits already.
        if registration.waiting().is_some() && has_controller() {
            update_ready.set(true);
        }
        let watched = registration.clone();
        let on_found = Closure::<dyn FnMut()>::new(move || {
            if let Some(worker) = watched.installing() {
                let w = worker.clone();
                let on_state = Closure::<dyn FnMut()>::new(move || {
                    if w.state() == ServiceWorkerState::Installed && has_controller() {
                        update_ready.set(true);
                    }
                });
                worker.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
                on_state.forget();
            }
        });
        registration.set_onupdatefound(Some(on_found.as_ref().unchecked_ref()));
        on_found.forget();
        // Look for a new version now rather than at the browser's next check.
        let _ = registration.update();
        REGISTRATION.with_borrow_mut(|r| *r = Some(registration));
    });
}

fn has_controller() -> bool {
    window().navigator().service_worker().controller().is_some()
}

/// "Opnieuw laden": the waiting version takes over, then the page reloads with it.
pub fn apply_update() {
    RELOAD_ON_CHANGE.set(true);
    let waiting = REGISTRATION.with_borrow(|r| r.as_ref().and_then(|r| r.waiting()));
    match waiting {
        Some(worker) => {
            let _ = worker.post_message(&JsValue::from_str("skipWaiting"));
        }
        None => {
            let _ = window().location().reload();
        }
    }
}
