//! How fresh the data on screen is. The service worker (`public/sw.js`) answers from its
//! stored copy when the network fails, and marks that answer with the header
//! `x-koers-cached-at` (RFC 3339, when the copy was stored). The app keeps, per document,
//! whether its last answer was such a copy, and shows the oldest time in the offline banner.

use super::{dates, lenient::Instant};
use chrono::{DateTime, Utc};

/// The header the service worker adds to an answer from its stored copy.
pub const CACHED_AT_HEADER: &str = "x-koers-cached-at";

/// The time in the header; `None` when it is missing or not RFC 3339.
pub fn parse_cached_at(value: &str) -> Option<Instant> {
    DateTime::parse_from_rfc3339(value.trim()).ok().map(Instant)
}

/// The documents whose last answer came from a stored copy, with the time of that copy
/// (`None`: stored, but the time could not be read).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Freshness {
    stale: Vec<(String, Option<Instant>)>,
}

impl Freshness {
    /// Records the answer for one document (its URL): `cached_at` is the header's value,
    /// `None` for an answer from the network, which makes that document fresh again.
    pub fn note(&mut self, url: &str, cached_at: Option<&str>) {
        self.stale.retain(|(u, _)| u != url);
        if let Some(value) = cached_at {
            self.stale.push((url.to_string(), parse_cached_at(value)));
        }
    }

    /// Forgets every document whose URL contains `part` (e.g. the dossier at sign-out).
    pub fn forget(&mut self, part: &str) {
        self.stale.retain(|(u, _)| !u.contains(part));
    }

    /// The documents whose last answer was a stored copy.
    pub fn stale_urls(&self) -> Vec<String> {
        self.stale.iter().map(|(u, _)| u.clone()).collect()
    }

    /// Whether anything on screen came from a stored copy.
    pub fn is_stale(&self) -> bool {
        !self.stale.is_empty()
    }

    /// The oldest stored copy in use: what the banner's "bijgewerkt" must not overstate.
    pub fn oldest(&self) -> Option<&Instant> {
        self.stale.iter().filter_map(|(_, at)| at.as_ref()).min()
    }
}

/// "vandaag 14:00", "gisteren 09:30", "do 27 nov 18:05": when the copy was stored, in
/// Dutch time, as the agenda writes moments.
pub fn updated_at(at: &Instant, now: DateTime<Utc>, lang: &str) -> String {
    dates::moment_short(at, now, lang)
}
