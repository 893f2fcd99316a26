//! The logic behind the dossier pages: agenda grouping, agreement read state and grouping,
//! goal progress, and the iCalendar export.
#![cfg(not(target_arch = "wasm32"))]
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use koers::model::{
    agenda, agreements, goals, ics, Agreement, AgreementOwner, Appointment, AppointmentStatus,
    Goal, GoalStatus,
};

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

fn appointment(id: &str, start: &str, end: Option<&str>) -> Appointment {
    serde_json::from_value(serde_json::json!({
        "id": id, "title": format!("Afspraak {id}"), "kind": "mentor", "start": start, "end": end
    }))
    .unwrap()
}

fn agreement(json: serde_json::Value) -> Agreement {
    serde_json::from_value(json).unwrap()
}

#[test]
fn upcoming_is_grouped_by_dutch_day_soonest_first() {
    let list = vec![
        appointment("c", "2026-11-27T09:00:00+01:00", None),
        appointment("a", "2026-11-25T14:00:00+01:00", None),
        // 23:30 UTC on the 25th is already the 26th in Amsterdam.
        appointment("b", "2026-11-25T23:30:00Z", None),
        appointment(
            "old",
            "2026-11-20T09:00:00+01:00",
            Some("2026-11-20T10:00:00+01:00"),
        ),
    ];
    let (upcoming, past) = agenda::split(&list, utc("2026-11-25T10:00:00+01:00"));
    let days: Vec<_> = upcoming
        .iter()
        .map(|d| {
            (
                d.date.to_string(),
                d.appointments
                    .iter()
                    .map(|a| a.id.as_str())
                    .collect::<Vec<_>>(),
            )
        })
        .collect();
    assert_eq!(
        days,
        vec![
            ("2026-11-25".to_string(), vec!["a"]),
            ("2026-11-26".to_string(), vec!["b"]),
            ("2026-11-27".to_string(), vec!["c"]),
        ]
    );
    assert_eq!(past.len(), 1);
    assert_eq!(past[0].appointments[0].id, "old");
}

#[test]
fn an_appointment_going_on_now_is_still_upcoming() {
    let a = appointment(
        "now",
        "2026-11-25T09:30:00+01:00",
        Some("2026-11-25T10:30:00+01:00"),
    );
    assert!(agenda::is_upcoming(&a, utc("2026-11-25T10:00:00+01:00")));
    assert!(!agenda::is_upcoming(&a, utc("2026-11-25T10:31:00+01:00")));
}

#[test]
fn past_days_are_latest_first_but_mornings_first_within_a_day() {
    let list = vec![
        appointment("d1-am", "2026-11-20T09:00:00+01:00", None),
        appointment("d1-pm", "2026-11-20T15:00:00+01:00", None),
        appointment("d2", "2026-11-21T09:00:00+01:00", None),
    ];
    let (_, past) = agenda::split(&list, utc("2026-11-25T10:00:00+01:00"));
    assert_eq!(past[0].appointments[0].id, "d2");
    let ids: Vec<_> = past[1].appointments.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["d1-am", "d1-pm"]);
}

#[test]
fn next_skips_cancelled_and_today_counts_dutch_today() {
    let mut cancelled = appointment("x", "2026-11-25T11:00:00+01:00", None);
    cancelled.status = AppointmentStatus::Cancelled;
    let list = vec![
        cancelled,
        appointment("y", "2026-11-25T15:00:00+01:00", None),
        appointment("z", "2026-11-26T00:30:00+01:00", None),
    ];
    let now = utc("2026-11-25T10:00:00+01:00");
    assert_eq!(agenda::next(&list, now).unwrap().id, "y");
    assert_eq!(agenda::count_today(&list, now), 1);
}

#[test]
fn pages_of_the_agenda_never_cut_a_day_in_half() {
    let list: Vec<_> = (0..10)
        .map(|i| {
            appointment(
                &format!("a{i}"),
                &format!("2026-12-{:02}T{:02}:00:00+01:00", 1 + i / 3, 9 + i % 3),
                None,
            )
        })
        .collect();
    let now = utc("2026-11-25T10:00:00+01:00");
    let page = agenda::days(&list, now, false, 4);
    let shown: usize = page.iter().map(|d| d.appointments.len()).sum();
    assert_eq!(page.len(), 2);
    assert_eq!(shown, 6);
    assert_eq!(agenda::days(&list, now, false, 3).len(), 1);
    assert!(agenda::days(&list, now, false, 0).is_empty());
    assert_eq!(
        agenda::days(&list, now, false, 100),
        agenda::split(&list, now).0
    );
    // Past pages start at the most recent day, mornings first within a day.
    let later = utc("2027-01-01T10:00:00+01:00");
    let past = agenda::days(&list, later, true, 1);
    assert_eq!(past.len(), 1);
    let ids: Vec<_> = past[0].appointments.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["a9"]);
    let past = agenda::days(&list, later, true, 2);
    let ids: Vec<_> = past
        .iter()
        .flat_map(|d| d.appointments.iter().map(|a| a.id.as_str()))
        .collect();
    assert_eq!(ids, ["a9", "a6", "a7", "a8"]);
}

#[test]
fn read_state_follows_versions_and_local_confirmations() {
    use agreements::ReadState::*;
    let base = serde_json::json!({"id": "a", "title": "t"});
    assert_eq!(
        agreements::read_state(&agreement(base.clone()), None),
        Confirmed,
        "no versions: nothing to confirm"
    );
    let v2_ack1 = agreement(
        serde_json::json!({"id": "a", "title": "t", "version": 2, "acknowledged_version": 1}),
    );
    assert_eq!(agreements::read_state(&v2_ack1, None), Changed);
    assert_eq!(
        agreements::read_state(&v2_ack1, Some(2)),
        Confirmed,
        "confirmed on this device"
    );
    assert_eq!(agreements::read_state(&v2_ack1, Some(1)), Changed);
    let v1_never = agreement(serde_json::json!({"id": "a", "title": "t", "version": 1}));
    assert_eq!(agreements::read_state(&v1_never, None), New);
    let v3_ack3 = agreement(
        serde_json::json!({"id": "a", "title": "t", "version": 3, "acknowledged_version": 3}),
    );
    assert_eq!(agreements::read_state(&v3_ack3, None), Confirmed);
}

#[test]
fn agreements_group_by_owner_with_conditions_first_and_unknown_owners_last() {
    let list = vec![
        agreement(
            serde_json::json!({"id": "1", "title": "B regel", "owner": "participant", "kind": "house_rule"}),
        ),
        agreement(
            serde_json::json!({"id": "2", "title": "Meldplicht", "owner": "participant", "kind": "condition"}),
        ),
        agreement(serde_json::json!({"id": "3", "title": "Bellen", "owner": "care"})),
        agreement(serde_json::json!({"id": "4", "title": "Iets", "owner": "buurman"})),
        agreement(serde_json::json!({"id": "5", "title": "Samen", "owner": "joint"})),
    ];
    let groups = agreements::group_by_owner(&list);
    let shape: Vec<_> = groups
        .iter()
        .map(|(o, items)| {
            (
                o.clone(),
                items.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(),
            )
        })
        .collect();
    assert_eq!(
        shape,
        vec![
            (AgreementOwner::Participant, vec!["2", "1"]),
            (AgreementOwner::Joint, vec!["5"]),
            (AgreementOwner::Care, vec!["3"]),
            (AgreementOwner::default(), vec!["4"]),
        ]
    );
}

#[test]
fn search_needs_every_word_in_any_case() {
    let a = agreement(
        serde_json::json!({"id": "1", "title": "Op tijd komen", "text": "Ik bel een dag van tevoren."}),
    );
    assert!(agreements::matches(&a, "TIJD bel"));
    assert!(agreements::matches(&a, "  "));
    assert!(!agreements::matches(&a, "tijd fiets"));
}

#[test]
fn review_splits_upcoming_from_passed_and_leaves_out_ended() {
    use agreements::Review;
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
    let soon = agreement(serde_json::json!({"id": "1", "title": "t", "review_on": "2026-12-01"}));
    let later = agreement(serde_json::json!({"id": "2", "title": "t", "review_on": "2027-03-01"}));
    let overdue =
        agreement(serde_json::json!({"id": "3", "title": "t", "review_on": "2026-11-01"}));
    let ended = agreement(
        serde_json::json!({"id": "4", "title": "t", "review_on": "2026-12-01", "status": "ended"}),
    );
    assert_eq!(agreements::review(&soon, today, 21), Some(Review::Upcoming));
    assert_eq!(agreements::review(&later, today, 21), None);
    assert_eq!(
        agreements::review(&overdue, today, 21),
        Some(Review::Passed)
    );
    assert_eq!(agreements::review(&ended, today, 21), None);
}

fn goal(json: serde_json::Value) -> Goal {
    serde_json::from_value(json).unwrap()
}

#[test]
fn progress_is_given_or_derived_from_the_steps() {
    let given = goal(
        serde_json::json!({"id": "g", "title": "t", "progress": 40, "steps": [{"id": "s", "text": "x", "done": true}]}),
    );
    assert_eq!(goals::progress(&given), Some(40));
    let derived = goal(
        serde_json::json!({"id": "g", "title": "t", "progress": null, "steps": [
        {"id": "1", "text": "a", "done": true}, {"id": "2", "text": "b", "done": false}, {"id": "3", "text": "c", "done": false}]}),
    );
    assert_eq!(goals::progress(&derived), Some(33));
    let unknown = goal(serde_json::json!({"id": "g", "title": "t"}));
    assert_eq!(goals::progress(&unknown), None);
    let achieved = goal(serde_json::json!({"id": "g", "title": "t", "status": "achieved"}));
    assert_eq!(achieved.status, GoalStatus::Achieved);
    assert_eq!(goals::progress(&achieved), Some(100));
}

#[test]
fn goals_are_grouped_by_domain_with_no_domain_last() {
    let list = vec![
        goal(serde_json::json!({"id": "1", "title": "a", "domain": null})),
        goal(serde_json::json!({"id": "2", "title": "b", "domain": "work"})),
        goal(serde_json::json!({"id": "3", "title": "c", "domain": "housing"})),
        goal(serde_json::json!({"id": "4", "title": "d", "domain": "work"})),
    ];
    let groups = goals::by_domain(&list);
    let ids: Vec<Vec<&str>> = groups
        .iter()
        .map(|(_, g)| g.iter().map(|x| x.id.as_str()).collect())
        .collect();
    assert_eq!(ids, vec![vec!["2", "4"], vec!["3"], vec!["1"]]);
}

#[test]
fn ics_is_valid_icalendar_in_dutch_time_across_daylight_saving() {
    let mut summer = appointment(
        "zomer",
        "2026-10-24T10:00:00+02:00",
        Some("2026-10-24T11:00:00+02:00"),
    );
    summer.title = "Gesprek; met, reclassering".into();
    summer.notes = Some("Neem je ID-bewijs mee.\nEn je pas.".into());
    summer.bring = vec!["ID-bewijs".into()];
    let mut winter = appointment("winter", "2026-10-26T10:00:00+01:00", None);
    winter.status = AppointmentStatus::Cancelled;
    winter.title = "Ééń heel lange titel ".repeat(8);
    let text = ics::calendar(
        [&summer, &winter],
        |_| None,
        koers::model::reminders::Reminders::Both,
        Utc.with_ymd_and_hms(2026, 10, 1, 8, 0, 0).unwrap(),
    );
    assert!(
        text.lines().all(|l| l.len() <= 75),
        "lines are folded at 75 octets"
    );
    assert!(text.contains("DTSTART;TZID=Europe/Amsterdam:20261024T100000"));
    assert!(text.contains("DTSTART;TZID=Europe/Amsterdam:20261026T100000"));
    assert!(text.contains("DTEND;TZID=Europe/Amsterdam:20261024T110000"));
    assert!(text.contains("DTSTAMP:20261001T080000Z"));
    // The evening before at 19:00 Dutch summer time is 17:00 UTC.
    assert!(text.contains("TRIGGER;VALUE=DATE-TIME:20261023T170000Z"));
    let parsed: icalendar::Calendar = text.parse().expect("parses as iCalendar");
    let events: Vec<_> = parsed
        .components
        .iter()
        .filter_map(|c| c.as_event())
        .collect();
    assert_eq!(events.len(), 2);
    use icalendar::Component;
    assert_eq!(events[0].get_summary(), Some("Gesprek; met, reclassering"));
    assert_eq!(
        events[0].get_description(),
        Some("ID-bewijs\nNeem je ID-bewijs mee.\nEn je pas.")
    );
    assert_eq!(
        events[1].get_summary().map(str::trim_end),
        Some("Ééń heel lange titel ".repeat(8).trim_end())
    );
    assert_eq!(events[1].property_value("STATUS"), Some("CANCELLED"));
    assert_eq!(events[0].get_uid(), Some("zomer@koers"));
}
