//! Pure formatting for the results page: decimals in the reader's notation, bar lengths
//! and the query string of a results filter. No Leptos here, so it is tested natively.

use super::results::ResultsFilter;

/// `value` with one decimal: "7,9" in Dutch, Polish and Turkish; "7.9" in English,
/// Arabic (with Western digits, as elsewhere in the app) and any other language.
pub fn decimal(value: f64, lang: &str) -> String {
    let text = format!("{value:.1}");
    if matches!(lang, "nl" | "pl" | "tr") {
        text.replace('.', ",")
    } else {
        text
    }
}

/// The length of a bar for `count` out of the largest `max`, on a scale of `full` units.
/// A count above zero gets at least one unit, so it stays visible.
pub fn bar_length(count: usize, max: usize, full: u32) -> u32 {
    if max == 0 || count == 0 {
        return 0;
    }
    let length = (count.min(max) as f64 / max as f64 * full as f64).round() as u32;
    length.max(1)
}

/// A whole percentage of `count` out of `total` (0 when there is nothing to count).
pub fn percent(count: usize, total: usize) -> u32 {
    if total == 0 {
        0
    } else {
        (count as f64 * 100.0 / total as f64).round() as u32
    }
}

/// The query string for a filter (`?from=..&to=..&mode=..`), empty for no filter.
pub fn filter_query(filter: &ResultsFilter) -> String {
    let mut parts = Vec::new();
    if let Some(from) = filter.from {
        parts.push(format!("from={}", super::lenient::ymd(from.0)));
    }
    if let Some(to) = filter.to {
        parts.push(format!("to={}", super::lenient::ymd(to.0)));
    }
    if let Some(mode) = filter.mode {
        parts.push(format!("mode={}", mode.as_str()));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

/// Keeps only the characters a survey id may have, so it is safe in a URL path.
pub fn safe_id(id: &str) -> String {
    id.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}
