//! How the app looks for one reader: the interface language, text size and contrast.
//! Pure rules (no browser), so the pick order and the limits are tested natively.

/// The languages the interface offers, Dutch first (the default).
pub const LANGUAGES: [&str; 5] = ["nl", "en", "ar", "pl", "tr"];

/// Languages written right to left among those offered.
pub fn is_rtl(lang: &str) -> bool {
    primary(lang) == "ar"
}

/// "ar" from "ar-MA", "pl" from "pl_PL", lower-cased.
fn primary(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// The offered language a tag asks for, if any.
pub fn offered(tag: &str) -> Option<&'static str> {
    let p = primary(tag);
    LANGUAGES.into_iter().find(|l| *l == p)
}

/// The language to start in: the reader's own choice, else the participant's
/// `preferred_language` from the dossier, else the first offered device language, else Dutch.
/// A value that is not offered is passed over, never an error.
pub fn pick_language<'a>(
    chosen: Option<&str>,
    preferred: Option<&str>,
    device: impl IntoIterator<Item = &'a str>,
) -> &'static str {
    chosen
        .and_then(offered)
        .or_else(|| preferred.and_then(offered))
        .or_else(|| device.into_iter().find_map(offered))
        .unwrap_or("nl")
}

/// Text size in percent of the browser's default, from 100 to 200 in steps of 25.
pub const TEXT_SIZES: [u16; 5] = [100, 125, 150, 175, 200];

/// A stored or typed text size brought within 100–200 % and onto the nearest step;
/// anything unreadable is 100 %.
pub fn text_size(stored: Option<&str>) -> u16 {
    let Some(value) = stored.and_then(|s| s.trim().trim_end_matches('%').parse::<f64>().ok())
    else {
        return 100;
    };
    if !value.is_finite() {
        return 100;
    }
    let clamped = value.clamp(100.0, 200.0);
    TEXT_SIZES
        .into_iter()
        .min_by_key(|step| (f64::from(*step) - clamped).abs() as u32)
        .unwrap_or(100)
}

/// A stored on/off setting: only "1" or "true" is on.
pub fn flag(stored: Option<&str>) -> bool {
    matches!(stored.map(str::trim), Some("1" | "true"))
}
