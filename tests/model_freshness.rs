//! Native tests of the offline banner's logic: reading the service worker's
//! `x-koers-cached-at` header and which stored copy the banner reports.

use chrono::{DateTime, Utc};
use koers::model::freshness::{parse_cached_at, updated_at, Freshness};

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

const DOSSIER: &str = "http://127.0.0.1:8080/api/v1/dossiers/fa41.json";
const CONFIG: &str = "http://127.0.0.1:8080/api/v1/config.json";

#[test]
fn the_header_is_rfc3339_as_javascript_writes_it() {
    // Date.prototype.toISOString: milliseconds and Z.
    let at = parse_cached_at("2026-11-25T13:05:09.123Z").unwrap();
    assert_eq!(
        at.0.timestamp_millis(),
        utc("2026-11-25T13:05:09.123Z").timestamp_millis()
    );
    assert!(parse_cached_at(" 2026-11-25T14:05:09+01:00 ").is_some());
    assert!(parse_cached_at("").is_none());
    assert!(parse_cached_at("yesterday").is_none());
    assert!(parse_cached_at("2026-11-25").is_none());
}

#[test]
fn an_answer_from_the_network_is_fresh() {
    let mut f = Freshness::default();
    f.note(CONFIG, None);
    assert!(!f.is_stale());
    assert_eq!(f.oldest(), None);
}

#[test]
fn a_stored_copy_makes_it_stale_until_the_network_answers_again() {
    let mut f = Freshness::default();
    f.note(DOSSIER, Some("2026-11-25T07:00:00Z"));
    assert!(f.is_stale());
    assert_eq!(f.oldest(), parse_cached_at("2026-11-25T07:00:00Z").as_ref());
    f.note(DOSSIER, None);
    assert!(!f.is_stale());
}

#[test]
fn the_banner_reports_the_oldest_copy_on_screen() {
    let mut f = Freshness::default();
    f.note(CONFIG, Some("2026-11-25T09:00:00Z"));
    f.note(DOSSIER, Some("2026-11-24T18:30:00Z"));
    assert_eq!(f.oldest(), parse_cached_at("2026-11-24T18:30:00Z").as_ref());
    // A newer copy of the same document replaces the old note.
    f.note(DOSSIER, Some("2026-11-25T10:00:00Z"));
    assert_eq!(f.oldest(), parse_cached_at("2026-11-25T09:00:00Z").as_ref());
}

#[test]
fn a_copy_with_an_unreadable_time_is_still_stale_but_has_no_time() {
    let mut f = Freshness::default();
    f.note(CONFIG, Some("nonsense"));
    assert!(f.is_stale());
    assert_eq!(f.oldest(), None);
}

#[test]
fn sign_out_forgets_the_dossier_only() {
    let mut f = Freshness::default();
    f.note(CONFIG, Some("2026-11-25T09:00:00Z"));
    f.note(DOSSIER, Some("2026-11-24T18:30:00Z"));
    f.forget("/api/v1/dossiers/");
    assert_eq!(f.oldest(), parse_cached_at("2026-11-25T09:00:00Z").as_ref());
}

#[test]
fn the_time_reads_in_dutch_time_with_relative_words() {
    let now = utc("2026-11-25T15:00:00Z");
    // 13:05 UTC is 14:05 in Amsterdam in winter.
    let today = parse_cached_at("2026-11-25T13:05:09.123Z").unwrap();
    assert_eq!(updated_at(&today, now, "nl"), "vandaag 14:05");
    assert_eq!(updated_at(&today, now, "en"), "today 14:05");
    let yesterday = parse_cached_at("2026-11-24T22:30:00Z").unwrap();
    assert_eq!(updated_at(&yesterday, now, "nl"), "gisteren 23:30");
    // Just after midnight in Amsterdam is already the next day (23:10 UTC in winter).
    let late = parse_cached_at("2026-11-22T23:10:00Z").unwrap();
    assert_eq!(updated_at(&late, now, "nl"), "ma 23 nov 00:10");
    // Summer time: two hours ahead.
    let summer = parse_cached_at("2026-07-01T08:00:00Z").unwrap();
    assert_eq!(updated_at(&summer, now, "nl"), "wo 1 jul 10:00");
}

#[test]
fn the_stale_documents_are_the_ones_to_ask_again() {
    let mut f = Freshness::default();
    f.note(CONFIG, None);
    f.note(DOSSIER, Some("2026-11-24T18:30:00Z"));
    assert_eq!(f.stale_urls(), [DOSSIER]);
}
