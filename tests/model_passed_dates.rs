//! A date that has passed is never worded as coming (issue #22, "Dates that have passed"):
//! agreements' reviews, goals' end dates and evaluations, and today's appointments, each
//! around midnight in Dutch time and across a daylight-saving night.
#![cfg(not(target_arch = "wasm32"))]
use chrono::{DateTime, NaiveDate, Utc};
use koers::model::{
    agenda,
    agreements::{self, Review},
    dates, goals, Agreement, Appointment,
};

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn agreement(review_on: &str) -> Agreement {
    serde_json::from_value(serde_json::json!({
        "id": "1", "title": "Sanne belt binnen één werkdag terug", "review_on": review_on
    }))
    .unwrap()
}

fn appointment(id: &str, start: &str, end: Option<&str>) -> Appointment {
    serde_json::from_value(serde_json::json!({
        "id": id, "title": format!("Gesprek {id}"), "kind": "mentor", "start": start, "end": end
    }))
    .unwrap()
}

/// The review on Saturday 28 November, seen at a moment of the Dutch clock.
fn review_of_28_nov_at(now: &str) -> Option<Review> {
    agreements::review(&agreement("2026-11-28"), dates::today_at(utc(now)), 21)
}

#[test]
fn a_review_is_upcoming_until_the_end_of_its_dutch_day() {
    assert_eq!(
        review_of_28_nov_at("2026-11-27T23:59:00+01:00"),
        Some(Review::Upcoming)
    );
    assert_eq!(
        review_of_28_nov_at("2026-11-28T00:00:00+01:00"),
        Some(Review::Upcoming)
    );
    assert_eq!(
        review_of_28_nov_at("2026-11-28T23:59:00+01:00"),
        Some(Review::Upcoming)
    );
    // 23:30 UTC on the 28th is already Sunday the 29th in Amsterdam.
    assert_eq!(
        review_of_28_nov_at("2026-11-28T23:30:00Z"),
        Some(Review::Passed)
    );
    assert_eq!(
        review_of_28_nov_at("2026-11-29T00:00:00+01:00"),
        Some(Review::Passed)
    );
    // The example from the issue: on 1 December it is no longer "binnenkort".
    assert_eq!(
        review_of_28_nov_at("2026-12-01T09:00:00+01:00"),
        Some(Review::Passed)
    );
}

#[test]
fn a_review_three_weeks_ahead_is_upcoming_and_one_day_more_is_not_listed() {
    let today = day(2026, 11, 7);
    assert_eq!(
        agreements::review(&agreement("2026-11-28"), today, 21),
        Some(Review::Upcoming)
    );
    assert_eq!(
        agreements::review(&agreement("2026-11-29"), today, 21),
        None
    );
}

#[test]
fn a_review_across_the_daylight_saving_night_counts_dutch_days() {
    // Summer time ends in the night of Saturday 24 to Sunday 25 October 2026 (03:00 -> 02:00).
    let review = agreement("2026-10-25");
    let at = |now: &str| agreements::review(&review, dates::today_at(utc(now)), 21);
    assert_eq!(at("2026-10-24T23:59:00+02:00"), Some(Review::Upcoming));
    assert_eq!(at("2026-10-25T02:30:00+01:00"), Some(Review::Upcoming));
    assert_eq!(at("2026-10-25T23:59:00+01:00"), Some(Review::Upcoming));
    assert_eq!(at("2026-10-26T00:00:00+01:00"), Some(Review::Passed));
    // Summer time starts in the night of 28 to 29 March 2026 (02:00 -> 03:00).
    let review = agreement("2026-03-28");
    let at = |now: &str| agreements::review(&review, dates::today_at(utc(now)), 21);
    assert_eq!(at("2026-03-28T23:59:00+01:00"), Some(Review::Upcoming));
    assert_eq!(at("2026-03-29T00:00:00+01:00"), Some(Review::Passed));
    assert_eq!(at("2026-03-29T03:30:00+02:00"), Some(Review::Passed));
}

#[test]
fn the_agreements_page_says_a_review_passed_only_after_its_day() {
    let review_on = day(2026, 11, 28);
    let today = |now: &str| dates::today_at(utc(now));
    assert!(!agreements::review_passed(
        review_on,
        today("2026-11-28T23:59:00+01:00")
    ));
    assert!(agreements::review_passed(
        review_on,
        today("2026-11-29T00:00:00+01:00")
    ));
    assert!(!agreements::review_passed(
        review_on,
        today("2026-11-27T12:00:00+01:00")
    ));
}

#[test]
fn an_ended_agreement_is_never_listed_for_review() {
    let mut a = agreement("2026-11-28");
    a.status = koers::model::AgreementStatus::Ended;
    assert_eq!(agreements::review(&a, day(2026, 12, 1), 21), None);
    assert_eq!(agreements::review(&a, day(2026, 11, 27), 21), None);
}

#[test]
fn a_goal_deadline_is_today_on_its_day_and_passed_from_the_next_dutch_midnight() {
    use goals::Deadline;
    let end = day(2026, 11, 28);
    let at = |now: &str| goals::deadline(end, dates::today_at(utc(now)));
    assert_eq!(at("2026-11-26T23:59:00+01:00"), Deadline::DaysLeft(2));
    assert_eq!(at("2026-11-27T00:00:00+01:00"), Deadline::DaysLeft(1));
    assert_eq!(at("2026-11-27T23:59:00+01:00"), Deadline::DaysLeft(1));
    assert_eq!(at("2026-11-28T00:00:00+01:00"), Deadline::Today);
    assert_eq!(at("2026-11-28T23:59:00+01:00"), Deadline::Today);
    assert_eq!(at("2026-11-28T23:30:00Z"), Deadline::Passed);
    assert_eq!(at("2026-11-29T00:00:00+01:00"), Deadline::Passed);
    // Across the night the clocks go back, the 25th is still one day.
    let end = day(2026, 10, 26);
    let at = |now: &str| goals::deadline(end, dates::today_at(utc(now)));
    assert_eq!(at("2026-10-24T23:59:00+02:00"), Deadline::DaysLeft(2));
    assert_eq!(at("2026-10-25T00:00:00+02:00"), Deadline::DaysLeft(1));
    assert_eq!(at("2026-10-25T23:59:00+01:00"), Deadline::DaysLeft(1));
    assert_eq!(at("2026-10-26T00:00:00+01:00"), Deadline::Today);
}

#[test]
fn a_goal_evaluation_is_next_until_the_end_of_its_day() {
    let on = day(2026, 11, 28);
    let today = |now: &str| dates::today_at(utc(now));
    assert!(!goals::evaluation_passed(
        on,
        today("2026-11-27T23:59:00+01:00")
    ));
    assert!(!goals::evaluation_passed(
        on,
        today("2026-11-28T23:59:00+01:00")
    ));
    assert!(goals::evaluation_passed(
        on,
        today("2026-11-29T00:00:00+01:00")
    ));
}

#[test]
fn today_counts_only_appointments_that_have_not_ended() {
    let list = vec![
        appointment(
            "morning",
            "2026-11-25T09:00:00+01:00",
            Some("2026-11-25T10:00:00+01:00"),
        ),
        appointment(
            "evening",
            "2026-11-25T23:00:00+01:00",
            Some("2026-11-25T23:45:00+01:00"),
        ),
        appointment("tomorrow", "2026-11-26T00:30:00+01:00", None),
    ];
    let count = |now: &str| agenda::count_today(&list, utc(now));
    assert_eq!(count("2026-11-25T08:00:00+01:00"), 2);
    // During the morning appointment it is still today's.
    assert_eq!(count("2026-11-25T09:30:00+01:00"), 2);
    assert_eq!(count("2026-11-25T12:00:00+01:00"), 1);
    assert_eq!(count("2026-11-25T23:50:00+01:00"), 0);
    // From midnight the appointment at 00:30 is today's.
    assert_eq!(count("2026-11-25T23:59:00+01:00"), 0);
    assert_eq!(count("2026-11-26T00:00:00+01:00"), 1);
    assert_eq!(count("2026-11-26T01:00:00+01:00"), 0);
}

#[test]
fn the_next_appointment_is_never_one_that_ended() {
    let list = vec![
        appointment(
            "late",
            "2026-11-25T23:00:00+01:00",
            Some("2026-11-25T23:30:00+01:00"),
        ),
        appointment("early", "2026-11-26T00:15:00+01:00", None),
    ];
    let next = |now: &str| agenda::next(&list, utc(now)).map(|a| a.id.clone());
    assert_eq!(next("2026-11-25T22:59:00+01:00").as_deref(), Some("late"));
    assert_eq!(next("2026-11-25T23:59:00+01:00").as_deref(), Some("early"));
    assert_eq!(next("2026-11-26T00:00:00+01:00").as_deref(), Some("early"));
    assert_eq!(next("2026-11-26T00:16:00+01:00"), None);
}

#[test]
fn the_next_appointment_after_midnight_is_worded_for_the_new_day() {
    let early = appointment("early", "2026-11-26T00:15:00+01:00", None);
    let when = |now: &str| dates::moment_short(&early.start, utc(now), "nl");
    assert_eq!(when("2026-11-25T23:59:00+01:00"), "morgen 00:15");
    assert_eq!(when("2026-11-26T00:00:00+01:00"), "vandaag 00:15");
}
