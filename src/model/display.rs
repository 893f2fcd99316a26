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
///
/// Read as a decimal number by hand: `str::parse::<f64>` is used nowhere else in the
/// first screen and alone brought ~14 KB of float-parsing tables into it (issue #19).
pub fn text_size(stored: Option<&str>) -> u16 {
    let Some(hundredths) =
        stored.and_then(|s| hundredths(s.trim().trim_end_matches('%').trim_end()))
    else {
        return 100;
    };
    let clamped = hundredths.clamp(10_000, 20_000);
    TEXT_SIZES
        .into_iter()
        .min_by_key(|step| (i64::from(*step) * 100 - clamped).abs())
        .unwrap_or(100)
}

/// `[+-]digits[.digits]` in hundredths, saturating far outside the 100–200 range;
/// `None` for anything else (also `NaN`, `inf`, `1e2`).
fn hundredths(text: &str) -> Option<i64> {
    let (sign, rest) = match text.as_bytes().first()? {
        b'-' => (-1, &text[1..]),
        b'+' => (1, &text[1..]),
        _ => (1, text),
    };
    let (whole, fraction) = rest.split_once('.').unwrap_or((rest, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (whole.is_empty() && fraction.is_empty()) || !digits(whole) || !digits(fraction) {
        return None;
    }
    let whole = whole
        .bytes()
        .fold(0i64, |n, b| (n * 10 + i64::from(b - b'0')).min(1_000_000));
    let mut cents = fraction.bytes().chain(std::iter::repeat(b'0')).take(2);
    let tens = i64::from(cents.next().unwrap_or(b'0') - b'0');
    let ones = i64::from(cents.next().unwrap_or(b'0') - b'0');
    Some(sign * (whole * 100 + tens * 10 + ones))
}

/// A stored on/off setting: only "1" or "true" is on.
pub fn flag(stored: Option<&str>) -> bool {
    matches!(stored.map(str::trim), Some("1" | "true"))
}
