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
    let initial = stored_language()
        .or_else(device_language)
        .unwrap_or(Locale::nl);
    let chosen = RwSignal::new(initial);
    provide_context(LanguageChoice(chosen));
    i18n.set_locale(initial);
    // leptos_i18n applies its own guess (the device language) from an effect after mount;
    // the participant's choice is the source of truth and is put back whenever it differs.
    Effect::new(move |_| {
        let want = chosen.get();
        if i18n.get_locale() != want {
            i18n.set_locale(want);
        }
    });
}

/// The language the participant (or their dossier) chose; leptos_i18n follows it.
#[derive(Clone, Copy)]
struct LanguageChoice(RwSignal<Locale>);

fn choose(i18n: I18nContext<Locale>, locale: Locale) {
    if let Some(LanguageChoice(chosen)) = use_context::<LanguageChoice>() {
        chosen.set(locale);
    }
    i18n.set_locale(locale);
}

/// After sign-in: the participant's preferred language, unless they chose one themselves.
pub fn apply_preferred(i18n: I18nContext<Locale>, preferred: Option<&str>) {
    if stored_language().is_some() {
        return;
    }
    if let Some(locale) = preferred.and_then(|p| p.parse::<Locale>().ok()) {
        choose(i18n, locale);
    }
}

pub fn set_language(i18n: I18nContext<Locale>, locale: Locale) {
    if let Some(storage) = window().local_storage().ok().flatten() {
        let _ = storage.set_item(LANG_KEY, locale.as_str());
    }
    choose(i18n, locale);
}

/// The language code of the interface, for picking localised text from the data.
pub fn lang(i18n: I18nContext<Locale>) -> &'static str {
    i18n.get_locale().as_str()
}
