//! Reminders in the phone's own agenda (`VALARM` in the `.ics` export). A missed probation
//! appointment can count as a breach of the conditions, so the export reminds by default,
//! and for probation and court always twice, whatever the participant chose.

use super::{dates, Appointment, AppointmentKind, AppointmentStatus};
use chrono::{DateTime, Duration, NaiveTime, TimeZone, Utc};

/// What the participant chose in Settings. Unknown or missing: both (reminding once too
/// often costs less than a missed appointment).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Reminders {
    None,
    EveningBefore,
    HoursBefore,
    #[default]
    Both,
}

impl Reminders {
    pub const ALL: [Reminders; 4] = [
        Reminders::None,
        Reminders::EveningBefore,
        Reminders::HoursBefore,
        Reminders::Both,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Reminders::None => "none",
            Reminders::EveningBefore => "evening",
            Reminders::HoursBefore => "hours",
            Reminders::Both => "both",
        }
    }

    pub fn parse(text: &str) -> Self {
        Self::ALL
            .into_iter()
            .find(|r| r.as_str() == text.trim())
            .unwrap_or_default()
    }

    fn evening(self) -> bool {
        matches!(self, Reminders::EveningBefore | Reminders::Both)
    }

    fn hours(self) -> bool {
        matches!(self, Reminders::HoursBefore | Reminders::Both)
    }
}

/// The evening reminder's time of day, Dutch time.
pub const EVENING: (u32, u32) = (19, 0);

/// Probation and court: missing one can cost the participant their freedom, so these always
/// get both reminders and the screen says why.
pub fn always_both(kind: &AppointmentKind) -> bool {
    matches!(kind, AppointmentKind::Probation | AppointmentKind::Court)
}

/// The reminders `appointment` gets under `choice`.
pub fn effective(appointment: &Appointment, choice: Reminders) -> Reminders {
    if always_both(&appointment.kind) {
        Reminders::Both
    } else {
        choice
    }
}

/// How long before the start the second reminder goes: 2 hours to travel, 1 hour when no
/// address is known (a call, or a visit at home).
pub fn lead(appointment: &Appointment) -> Duration {
    let has_address = appointment
        .location
        .as_ref()
        .is_some_and(|l| l.address.is_some());
    Duration::hours(if has_address { 2 } else { 1 })
}

/// One reminder, as the `.ics` writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Alarm {
    /// At a fixed moment: 19:00 Dutch time on the day before.
    At(DateTime<Utc>),
    /// This long before the start (a `TRIGGER` relative to `DTSTART`, so it follows the
    /// appointment if the participant moves it in their agenda).
    Before(Duration),
}

impl Alarm {
    /// When it goes off for an appointment starting at `start`.
    pub fn moment(self, start: DateTime<Utc>) -> DateTime<Utc> {
        match self {
            Alarm::At(at) => at,
            Alarm::Before(lead) => start - lead,
        }
    }
}

/// 19:00 Dutch time on the day before `start` (Dutch day), whatever the offset that
/// evening has (19:00 is never in the hour a clock change skips or repeats).
pub fn evening_before(start: DateTime<Utc>) -> DateTime<Utc> {
    let day = dates::today_at(start) - Duration::days(1);
    let time = NaiveTime::from_hms_opt(EVENING.0, EVENING.1, 0).expect("a valid time");
    dates::TZ
        .from_local_datetime(&day.and_time(time))
        .earliest()
        .expect("19:00 exists on every Dutch day")
        .with_timezone(&Utc)
}

/// The reminders of one appointment exported at `now`: none for a cancelled one, none that
/// would already have gone off, none at or after the start.
pub fn alarms(appointment: &Appointment, choice: Reminders, now: DateTime<Utc>) -> Vec<Alarm> {
    if appointment.status == AppointmentStatus::Cancelled {
        return Vec::new();
    }
    let choice = effective(appointment, choice);
    let start = appointment.start.0.with_timezone(&Utc);
    let mut out = Vec::new();
    if choice.evening() {
        out.push(Alarm::At(evening_before(start)));
    }
    if choice.hours() {
        out.push(Alarm::Before(lead(appointment)));
    }
    out.retain(|a| {
        let at = a.moment(start);
        at > now && at < start
    });
    out
}
