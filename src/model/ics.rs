//! "Zet in de agenda van je telefoon": appointments as an iCalendar file (RFC 5545) in Dutch time, so
//! the phone's own calendar reminds the participant (`VALARM`, chosen in `reminders`).

use super::{
    dates,
    reminders::{self, Alarm, Reminders},
    Appointment, AppointmentStatus, Instant,
};
use chrono::{DateTime, Datelike, NaiveDateTime, Timelike, Utc};

/// Europe/Amsterdam with its daylight-saving rules, so every calendar app shows the
/// same local times (RFC 5545 §3.6.5).
const VTIMEZONE: &str = "BEGIN:VTIMEZONE\r\nTZID:Europe/Amsterdam\r\nBEGIN:DAYLIGHT\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\nDTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\nEND:DAYLIGHT\r\nBEGIN:STANDARD\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\nDTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n";

/// Escapes TEXT values (RFC 5545 §3.3.11).
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets without splitting a UTF-8 character (§3.1).
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut width = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if width + len > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += len;
    }
    out.push_str("\r\n");
    out
}

fn local_stamp(instant: &Instant) -> String {
    stamp(dates::local(instant).naive_local())
}

/// `YYYYMMDDTHHMMSS` (RFC 5545 §3.3.5); written out, not with chrono's `format`, whose
/// format-string code would join the home screen's files (issue #19).
fn stamp(t: NaiveDateTime) -> String {
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// A `VALARM` (§3.6.6): shown on the phone, with the appointment's title.
fn alarm(alarm: Alarm, title: &str) -> String {
    let trigger = match alarm {
        Alarm::At(at) => format!("TRIGGER;VALUE=DATE-TIME:{}Z\r\n", stamp(at.naive_utc())),
        Alarm::Before(lead) if lead.num_minutes() % 60 == 0 => {
            format!("TRIGGER:-PT{}H\r\n", lead.num_hours())
        }
        Alarm::Before(lead) => format!("TRIGGER:-PT{}M\r\n", lead.num_minutes()),
    };
    format!(
        "BEGIN:VALARM\r\nACTION:DISPLAY\r\n{}{trigger}END:VALARM\r\n",
        fold(&format!("DESCRIPTION:{}", text(title)))
    )
}

/// One VEVENT per appointment, with the reminders `choice` gives it (`reminders::alarms`).
/// `with` resolves a team member id to a name.
pub fn calendar<'a>(
    appointments: impl IntoIterator<Item = &'a Appointment>,
    with: impl Fn(&str) -> Option<String>,
    choice: Reminders,
    now: DateTime<Utc>,
) -> String {
    let mut out = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Koers//Agenda//NL\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n");
    out.push_str(VTIMEZONE);
    let stamp = format!("{}Z", stamp(now.naive_utc()));
    for a in appointments {
        out.push_str("BEGIN:VEVENT\r\n");
        out.push_str(&fold(&format!("UID:{}@koers", text(&a.id))));
        out.push_str(&format!("DTSTAMP:{stamp}\r\n"));
        out.push_str(&format!(
            "DTSTART;TZID=Europe/Amsterdam:{}\r\n",
            local_stamp(&a.start)
        ));
        if let Some(end) = a.end.as_ref().filter(|e| e.0 > a.start.0) {
            out.push_str(&format!(
                "DTEND;TZID=Europe/Amsterdam:{}\r\n",
                local_stamp(end)
            ));
        }
        out.push_str(&fold(&format!("SUMMARY:{}", text(&a.title))));
        if let Some(loc) = &a.location {
            let place = [loc.name.as_deref(), loc.address.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ");
            if !place.is_empty() {
                out.push_str(&fold(&format!("LOCATION:{}", text(&place))));
            }
        }
        let mut description = Vec::new();
        if let Some(name) = a.with.as_deref().and_then(&with) {
            description.push(name);
        }
        if !a.bring.is_empty() {
            description.push(a.bring.join(", "));
        }
        if let Some(notes) = &a.notes {
            description.push(notes.clone());
        }
        if !description.is_empty() {
            out.push_str(&fold(&format!(
                "DESCRIPTION:{}",
                text(&description.join("\n"))
            )));
        }
        out.push_str(match a.status {
            AppointmentStatus::Cancelled => "STATUS:CANCELLED\r\n",
            _ => "STATUS:CONFIRMED\r\n",
        });
        for reminder in reminders::alarms(a, choice, now) {
            out.push_str(&alarm(reminder, &a.title));
        }
        out.push_str("END:VEVENT\r\n");
    }
    out.push_str("END:VCALENDAR\r\n");
    out
}
