use crate::i18n::*;
use leptos::prelude::*;

/// Kept at sign-out (see `state::session`): a choice about the device, not personal data.
pub const DISCREET_KEY: &str = crate::model::storage::DISCREET;

fn stored() -> bool {
    crate::browser::local_storage()
        .and_then(|s| s.get_item(DISCREET_KEY).ok().flatten())
        .is_some_and(|v| v == "1")
}

/// Points the home-screen links of index.html at the neutral "Notities" manifest and icon,
/// or back at Koers. Browsers read them when the app is added to the home screen.
pub fn apply(discreet: bool) {
    let (manifest, icon, title) = if discreet {
        (
            "manifest-neutral.webmanifest",
            "icons/neutral-apple-180.png",
            "Notities",
        )
    } else {
        ("manifest.webmanifest", "icons/koers-apple-180.png", "Koers")
    };
    let document = document();
    for (selector, attribute, value) in [
        ("link[rel=manifest]", "href", manifest),
        ("link[rel=apple-touch-icon]", "href", icon),
        ("meta[name=apple-mobile-web-app-title]", "content", title),
    ] {
        if let Ok(Some(element)) = document.query_selector(selector) {
            let _ = element.set_attribute(attribute, value);
        }
    }
}

/// At start-up: the choice made earlier on this device.
pub fn apply_stored() {
    if stored() {
        apply(true);
    }
}

/// "Discrete naam en icoon": the app installs as "Notities" with a plain icon.
#[component]
pub fn DiscreetInstall() -> impl IntoView {
    let i18n = use_i18n();
    let on = RwSignal::new(stored());
    let change = move |ev| {
        let value = event_target_checked(&ev);
        on.set(value);
        if let Some(storage) = crate::browser::local_storage() {
            let _ = if value {
                storage.set_item(DISCREET_KEY, "1")
            } else {
                storage.remove_item(DISCREET_KEY)
            };
        }
        apply(value);
    };
    view! {
        <section class="card">
            <h2>{t!(i18n, offline.discreet_title)}</h2>
            <div class="choice">
                <input type="checkbox" id="discreet-install" aria-describedby="discreet-install-hint"
                    prop:checked=on on:change=change />
                <label for="discreet-install">{t!(i18n, offline.discreet_label)}</label>
            </div>
            <p id="discreet-install-hint" class="small">{t!(i18n, offline.discreet_hint)}</p>
        </section>
    }
}
