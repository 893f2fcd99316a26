//! The reader's settings: interface language, text size and contrast. None of them is
//! sensitive, so they live in localStorage and survive sign-out (see `Session::sign_out`);
//! they are applied to `<html>` so the whole app, and the CSS, follows them.
use crate::{i18n::Locale, model::display};
use leptos::prelude::*;
use leptos_i18n::{I18nContext, Locale as _};

/// The language the reader chose themselves.
pub const LANG_KEY: &str = crate::model::storage::LANG;
/// The dossier's `preferred_language`, kept from sign-in so a reload starts in it too.
/// Part of the dossier, so sign-out wipes it.
pub const PREFERRED_KEY: &str = crate::model::storage::PREFERRED_LANG;
/// Text size in percent (100–200).
pub const TEXT_SIZE_KEY: &str = crate::model::storage::TEXT_SIZE;
/// "1" for strong contrast.
pub const CONTRAST_KEY: &str = crate::model::storage::HIGH_CONTRAST;

use crate::browser::local_storage as storage;

fn stored(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

fn store(key: &str, value: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(key, value);
    }
}

fn device_languages() -> Vec<String> {
    let nav = window().navigator();
    nav.languages()
        .iter()
        .filter_map(|l| l.as_string())
        .chain(nav.language())
        .collect()
}

fn locale(code: &str) -> Locale {
    code.parse().unwrap_or(Locale::nl)
}

/// The reader's choice, else the participant's preferred language, else the device
/// language, else Dutch (`model::display::pick_language`).
pub fn init_language(i18n: I18nContext<Locale>) {
    let device = device_languages();
    let initial = locale(display::pick_language(
        stored(LANG_KEY).as_deref(),
        stored(PREFERRED_KEY).as_deref(),
        device.iter().map(String::as_str),
    ));
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

/// After sign-in: the participant's preferred language (when the app offers it), unless
/// the reader chose one themselves. Kept so the next start uses it too.
pub fn apply_preferred(i18n: I18nContext<Locale>, preferred: Option<&str>) {
    let Some(code) = preferred.and_then(display::offered) else {
        return;
    };
    store(PREFERRED_KEY, code);
    if stored(LANG_KEY)
        .and_then(|c| display::offered(&c))
        .is_none()
    {
        choose(i18n, locale(code));
    }
}

pub fn set_language(i18n: I18nContext<Locale>, locale: Locale) {
    store(LANG_KEY, locale.as_str());
    choose(i18n, locale);
}

/// The language code of the interface, for picking localised text from the data.
pub fn lang(i18n: I18nContext<Locale>) -> &'static str {
    i18n.get_locale().as_str()
}

/// Text size and contrast, applied to `<html data-text-size data-contrast>`; `style/main.css`
/// scales the root font size (everything is in rem) and swaps the colours.
#[derive(Clone, Copy)]
pub struct Display {
    pub text_size: RwSignal<u16>,
    pub high_contrast: RwSignal<bool>,
}

impl Display {
    pub fn set_text_size(&self, percent: u16) {
        let size = display::text_size(Some(&percent.to_string()));
        store(TEXT_SIZE_KEY, &size.to_string());
        self.text_size.set(size);
    }

    pub fn set_high_contrast(&self, on: bool) {
        store(CONTRAST_KEY, if on { "1" } else { "0" });
        self.high_contrast.set(on);
    }
}

fn apply(size: u16, contrast: bool) {
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("data-text-size", &size.to_string());
        if contrast {
            let _ = root.set_attribute("data-contrast", "high");
        } else {
            let _ = root.remove_attribute("data-contrast");
        }
    }
}

/// Reads the stored display settings and applies them before the first render.
pub fn provide_display() -> Display {
    let size = display::text_size(stored(TEXT_SIZE_KEY).as_deref());
    let contrast = display::flag(stored(CONTRAST_KEY).as_deref());
    apply(size, contrast);
    let d = Display {
        text_size: RwSignal::new(size),
        high_contrast: RwSignal::new(contrast),
    };
    Effect::new(move |_| apply(d.text_size.get(), d.high_contrast.get()));
    provide_context(d);
    d
}

pub fn use_display() -> Display {
    expect_context()
}
