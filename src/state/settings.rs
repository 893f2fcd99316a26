use crate::i18n::Locale;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_i18n::Locale as _;

pub const LANG_KEY: &str = "koers.lang";

fn stored_language() -> Option<Locale> {
    let storage = window().local_storage().ok().flatten()?;
    storage.get_item(LANG_KEY).ok().flatten()?.parse().ok()
}

fn device_language() -> Option<Locale> {
    let nav = window().navigator();
    nav.languages()
        .iter()
        .filter_map(|l| l.as_string())
        .chain(nav.language())
        .find_map(|tag| tag.split('-').next().unwrap_or("").parse().ok())
}

/// The remembered choice, else the device language, else Dutch.
pub fn init_language(i18n: I18nContext<Locale>) {
    i18n.set_locale(
        stored_language()
            .or_else(device_language)
            .unwrap_or(Locale::nl),
    );
}

/// After sign-in: the participant's preferred language, unless they chose one themselves.
pub fn apply_preferred(i18n: I18nContext<Locale>, preferred: Option<&str>) {
    if stored_language().is_some() {
        return;
    }
    if let Some(locale) = preferred.and_then(|p| p.parse::<Locale>().ok()) {
        i18n.set_locale(locale);
    }
}

pub fn set_language(i18n: I18nContext<Locale>, locale: Locale) {
    if let Some(storage) = window().local_storage().ok().flatten() {
        let _ = storage.set_item(LANG_KEY, locale.as_str());
    }
    i18n.set_locale(locale);
}

/// The language code of the interface, for picking localised text from the data.
pub fn lang(i18n: I18nContext<Locale>) -> &'static str {
    i18n.get_locale().as_str()
}
