//! Reminders in the agenda export (`model::reminders`, `VALARM` in `model::ics`) and the
//! "your agenda changed" rule (`model::agenda_export`). The `.ics` is read back by two
//! parsers that are not Koers: the Rust `icalendar` crate and Python's `icalendar`
//! (`tests/common/ics_read.py`), whose reminder moments are checked across both
//! daylight-saving changes.
// The parsers these tests check against are native dev-dependencies (Cargo.toml).
#![cfg(not(target_arch = "wasm32"))]

use chrono::{DateTime, Duration, TimeZone, Utc};
use koers::model::{
    agenda_export::{Changes, Exported},
    ics,
    reminders::{self, Alarm, Reminders},
    Appointment, AppointmentStatus,
};
#[path = "common/python.rs"]
mod python;

use std::{
    io::Write,
    path::Path,
    process::{Command, Stdio},
};

fn appointment(id: &str, kind: &str, start: &str, address: Option<&str>) -> Appointment {
    serde_json::from_value(serde_json::json!({
        "id": id, "title": format!("Gesprek {id}"), "kind": kind, "start": start,
        "location": address.map(|a| serde_json::json!({ "name": "Kantoor", "address": a })),
    }))
    .unwrap()
}

fn utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

fn moments(a: &Appointment, choice: Reminders, now: DateTime<Utc>) -> Vec<DateTime<Utc>> {
    let start = a.start.0.with_timezone(&Utc);
    reminders::alarms(a, choice, now)
        .into_iter()
        .map(|r| r.moment(start))
        .collect()
}

const LONG_AGO: &str = "2026-01-01T00:00:00Z";

#[test]
fn the_choice_is_stored_as_a_word_and_defaults_to_both() {
    for r in Reminders::ALL {
        assert_eq!(Reminders::parse(r.as_str()), r);
    }
    assert_eq!(Reminders::parse(""), Reminders::Both);
    assert_eq!(Reminders::parse("nonsense"), Reminders::Both);
    assert_eq!(Reminders::default(), Reminders::Both);
}

#[test]
fn the_evening_before_is_19_00_dutch_time_across_daylight_saving() {
    // Summer time starts on Sunday 29 March 2026 and ends on Sunday 25 October 2026.
    let cases = [
        // Monday after the spring change: Sunday 19:00 is already CEST (UTC+2).
        ("2026-03-30T09:00:00+02:00", "2026-03-29T17:00:00Z"),
        // On the day of the change: Saturday 19:00 is still CET (UTC+1).
        ("2026-03-29T10:00:00+02:00", "2026-03-28T18:00:00Z"),
        // Monday after the autumn change: Sunday 19:00 is CET again.
        ("2026-10-26T09:00:00+01:00", "2026-10-25T18:00:00Z"),
        ("2026-10-25T10:00:00+01:00", "2026-10-24T17:00:00Z"),
        // Just after midnight Dutch time (still the previous day in UTC): the evening
        // before is the Dutch day before.
        ("2026-12-02T00:30:00+01:00", "2026-12-01T18:00:00Z"),
    ];
    for (start, evening) in cases {
        assert_eq!(
            reminders::evening_before(utc(start)),
            utc(evening),
            "{start}"
        );
    }
}

#[test]
fn two_hours_before_with_an_address_one_hour_without() {
    let now = utc(LONG_AGO);
    let with = appointment(
        "a",
        "mentor",
        "2026-12-03T14:00:00+01:00",
        Some("Stationsplein 1"),
    );
    let without = appointment("b", "mentor", "2026-12-03T14:00:00+01:00", None);
    assert_eq!(
        moments(&with, Reminders::HoursBefore, now),
        [utc("2026-12-03T11:00:00Z")]
    );
    assert_eq!(
        moments(&without, Reminders::HoursBefore, now),
        [utc("2026-12-03T12:00:00Z")]
    );
    assert_eq!(
        moments(&with, Reminders::Both, now),
        [utc("2026-12-02T18:00:00Z"), utc("2026-12-03T11:00:00Z")]
    );
    assert_eq!(
        moments(&with, Reminders::EveningBefore, now),
        [utc("2026-12-02T18:00:00Z")]
    );
    assert!(moments(&with, Reminders::None, now).is_empty());
}

#[test]
fn probation_and_court_always_get_both() {
    let now = utc(LONG_AGO);
    for kind in ["probation", "court"] {
        let a = appointment("r", kind, "2026-12-03T14:00:00+01:00", Some("Kerkstraat 2"));
        assert!(reminders::always_both(&a.kind));
        for choice in Reminders::ALL {
            assert_eq!(moments(&a, choice, now).len(), 2, "{kind} with {choice:?}");
        }
    }
    let mentor = appointment("m", "mentor", "2026-12-03T14:00:00+01:00", None);
    assert!(!reminders::always_both(&mentor.kind));
}

#[test]
fn no_reminder_that_has_passed_none_for_cancelled() {
    let a = appointment(
        "a",
        "probation",
        "2026-12-03T14:00:00+01:00",
        Some("Kerkstraat 2"),
    );
    // Exported at 20:00 the evening before: only the 2-hours reminder is still to come.
    assert_eq!(
        reminders::alarms(&a, Reminders::Both, utc("2026-12-02T19:00:00Z")),
        [Alarm::Before(Duration::hours(2))]
    );
    assert!(reminders::alarms(&a, Reminders::Both, utc("2026-12-03T13:30:00Z")).is_empty());
    let mut cancelled = a.clone();
    cancelled.status = AppointmentStatus::Cancelled;
    assert!(reminders::alarms(&cancelled, Reminders::Both, utc(LONG_AGO)).is_empty());
}

fn read_with_python(ics: &str) -> serde_json::Value {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/common/ics_read.py");
    let mut child = Command::new(python::with_module("icalendar"))
        .arg(script)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(ics.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "Python's icalendar could not read the export: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn two_independent_parsers_read_the_reminders_at_the_same_moments() {
    let appointments = [
        // Spring change in between: the evening before is CEST, the appointment too.
        appointment(
            "spring",
            "mentor",
            "2026-03-30T09:00:00+02:00",
            Some("Stationsplein 1"),
        ),
        // Autumn change on the same day: 2 hours before 03:30 CET is 00:30 CEST.
        appointment(
            "autumn",
            "probation",
            "2026-10-25T03:30:00+01:00",
            Some("Kerkstraat 2"),
        ),
        appointment("home", "mentor", "2026-12-03T14:00:00+01:00", None),
    ];
    let now = utc(LONG_AGO);
    let text = ics::calendar(&appointments, |_| None, Reminders::Both, now);

    let parsed: icalendar::Calendar = text.parse().expect("the Rust parser reads it");
    let events: Vec<_> = parsed
        .components
        .iter()
        .filter_map(|c| c.as_event())
        .collect();
    assert_eq!(events.len(), 3);
    for event in &events {
        use icalendar::Component;
        let alarms = event
            .components()
            .iter()
            .filter(|c| c.component_kind() == "VALARM")
            .count();
        assert_eq!(alarms, 2);
    }

    let python = read_with_python(&text);
    let at = |uid: &str| -> Vec<String> {
        let event = python
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["uid"] == format!("{uid}@koers"))
            .unwrap_or_else(|| panic!("{uid} in {python}"));
        event["alarms"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| {
                assert_eq!(a["action"], "DISPLAY");
                assert_eq!(a["description"], format!("Gesprek {uid}"));
                a["at"].as_str().unwrap().to_string()
            })
            .collect()
    };
    assert_eq!(
        at("spring"),
        ["2026-03-29T17:00:00Z", "2026-03-30T05:00:00Z"]
    );
    assert_eq!(
        at("autumn"),
        ["2026-10-24T17:00:00Z", "2026-10-25T00:30:00Z"]
    );
    assert_eq!(at("home"), ["2026-12-02T18:00:00Z", "2026-12-03T12:00:00Z"]);
    // And what Python reads is what the model computed.
    for a in &appointments {
        let ours: Vec<String> = moments(a, Reminders::Both, now)
            .iter()
            .map(|m| m.format("%Y-%m-%dT%H:%M:%SZ").to_string())
            .collect();
        assert_eq!(at(&a.id), ours);
    }
}

#[test]
fn no_reminders_in_the_file_when_none_is_chosen_except_for_probation() {
    let mentor = appointment("m", "mentor", "2026-12-03T14:00:00+01:00", None);
    let court = appointment("c", "court", "2026-12-04T09:00:00+01:00", Some("Paleis 1"));
    let text = ics::calendar([&mentor, &court], |_| None, Reminders::None, utc(LONG_AGO));
    let python = read_with_python(&text);
    let count = |uid: &str| {
        python
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["uid"] == format!("{uid}@koers"))
            .unwrap()["alarms"]
            .as_array()
            .unwrap()
            .len()
    };
    assert_eq!(count("m"), 0);
    assert_eq!(count("c"), 2);
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap()
}

fn agenda() -> Vec<Appointment> {
    vec![
        appointment(
            "a",
            "mentor",
            "2026-12-03T14:00:00+01:00",
            Some("Stationsplein 1"),
        ),
        appointment("b", "probation", "2026-12-04T10:00:00+01:00", None),
        appointment("old", "mentor", "2026-11-20T10:00:00+01:00", None),
    ]
}

#[test]
fn nothing_changed_right_after_an_export() {
    let list = agenda();
    let mut exported = Exported::default();
    assert!(exported.is_empty());
    exported.record(list.iter().filter(|a| a.id != "old"), true, now());
    assert!(!exported.changes(&list, now()).any());
    // Stored and read back.
    let back = Exported::from_json(&exported.to_json());
    assert_eq!(back, exported);
    assert_eq!(Exported::from_json("not json"), Exported::default());
}

#[test]
fn moved_cancelled_gone_and_new_are_changes() {
    let list = agenda();
    let mut exported = Exported::default();
    exported.record(list.iter().filter(|a| a.id != "old"), true, now());

    let mut moved = list.clone();
    moved[0].start =
        serde_json::from_value(serde_json::json!("2026-12-03T15:00:00+01:00")).unwrap();
    assert_eq!(
        exported.changes(&moved, now()),
        Changes {
            changed: 1,
            cancelled: 0,
            added: 0
        }
    );

    let mut elsewhere = list.clone();
    elsewhere[0].location.as_mut().unwrap().address = Some("Markt 3".into());
    assert_eq!(exported.changes(&elsewhere, now()).changed, 1);

    let mut cancelled = list.clone();
    cancelled[1].status = AppointmentStatus::Cancelled;
    assert_eq!(exported.changes(&cancelled, now()).cancelled, 1);

    let gone: Vec<_> = list.iter().filter(|a| a.id != "b").cloned().collect();
    assert_eq!(exported.changes(&gone, now()).cancelled, 1);

    let mut added = list.clone();
    added.push(appointment(
        "c",
        "mentor",
        "2026-12-10T10:00:00+01:00",
        None,
    ));
    assert_eq!(exported.changes(&added, now()).added, 1);
}

#[test]
fn after_single_exports_only_those_are_followed() {
    let list = agenda();
    let mut exported = Exported::default();
    exported.record([&list[0]], false, now());
    let mut more = list.clone();
    more.push(appointment(
        "c",
        "mentor",
        "2026-12-10T10:00:00+01:00",
        None,
    ));
    more[1].status = AppointmentStatus::Cancelled;
    assert!(
        !exported.changes(&more, now()).any(),
        "b and c were never exported"
    );
    let again = exported.again(&more, now());
    assert_eq!(
        again.iter().map(|a| a.id.as_str()).collect::<Vec<_>>(),
        ["a"]
    );
}

#[test]
fn exporting_again_cancels_what_is_gone_and_then_nothing_is_changed() {
    let list = agenda();
    let mut exported = Exported::default();
    exported.record(list.iter().filter(|a| a.id != "old"), true, now());
    let mut changed: Vec<_> = list.iter().filter(|a| a.id != "b").cloned().collect();
    changed.push(appointment(
        "c",
        "mentor",
        "2026-12-10T10:00:00+01:00",
        None,
    ));
    assert!(exported.changes(&changed, now()).any());

    let again = exported.again(&changed, now());
    let ids: Vec<_> = again
        .iter()
        .map(|a| (a.id.as_str(), a.status.clone()))
        .collect();
    assert_eq!(
        ids,
        [
            ("a", AppointmentStatus::Planned),
            ("c", AppointmentStatus::Planned),
            ("b", AppointmentStatus::Cancelled)
        ]
    );
    // The cancelled copy has the same UID, so the phone's agenda drops the old one.
    let text = ics::calendar(&again, |_| None, Reminders::Both, now());
    assert!(text.contains("UID:b@koers\r\n"));
    let python = read_with_python(&text);
    let b = python
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["uid"] == "b@koers")
        .unwrap();
    assert_eq!(b["status"], "CANCELLED");
    assert!(b["alarms"].as_array().unwrap().is_empty());

    exported.record(&again, true, now());
    assert!(!exported.changes(&changed, now()).any());
}

#[test]
fn appointments_that_have_passed_are_forgotten() {
    let list = agenda();
    let mut exported = Exported::default();
    exported.record(list.iter().filter(|a| a.id != "old"), true, now());
    let later = Utc.with_ymd_and_hms(2026, 12, 5, 9, 0, 0).unwrap();
    let gone: Vec<_> = Vec::new();
    assert!(!exported.changes(&gone, later).any(), "a and b are over");
    exported.record(std::iter::empty(), false, later);
    assert!(exported.is_empty());
}
