//! The agenda as a participant reads it: upcoming first, grouped by Dutch calendar day.

use super::{dates, Appointment, AppointmentStatus};
use chrono::{DateTime, NaiveDate, Utc};

/// Appointments of one day, in time order.
#[derive(Debug, Clone, PartialEq)]
pub struct Day<'a> {
    pub date: NaiveDate,
    pub appointments: Vec<&'a Appointment>,
}

/// Whether an appointment still lies ahead (or is going on now).
pub fn is_upcoming(a: &Appointment, now: DateTime<Utc>) -> bool {
    let end = a.end.as_ref().unwrap_or(&a.start);
    end.0 >= now
}

/// Upcoming appointments by day, soonest first; and past ones, most recent first.
pub fn split<'a>(
    appointments: &'a [Appointment],
    now: DateTime<Utc>,
) -> (Vec<Day<'a>>, Vec<Day<'a>>) {
    let mut upcoming: Vec<&Appointment> = appointments
        .iter()
        .filter(|a| is_upcoming(a, now))
        .collect();
    let mut past: Vec<&Appointment> = appointments
        .iter()
        .filter(|a| !is_upcoming(a, now))
        .collect();
    upcoming.sort_by_key(|a| (a.start.0, a.id.clone()));
    past.sort_by_key(|a| std::cmp::Reverse((a.start.0, a.id.clone())));
    (group(upcoming), group(past))
}

fn group(sorted: Vec<&Appointment>) -> Vec<Day<'_>> {
    let mut days: Vec<Day> = Vec::new();
    for a in sorted {
        let date = dates::local(&a.start).date_naive();
        match days.last_mut() {
            Some(day) if day.date == date => day.appointments.push(a),
            _ => days.push(Day {
                date,
                appointments: vec![a],
            }),
        }
    }
    // Past days list the latest first, but within a day the morning still comes first.
    for day in &mut days {
        day.appointments.sort_by_key(|a| a.start.0);
    }
    days
}

/// The next appointment that is not cancelled.
pub fn next(appointments: &[Appointment], now: DateTime<Utc>) -> Option<&Appointment> {
    appointments
        .iter()
        .filter(|a| a.status != AppointmentStatus::Cancelled && a.start.0 >= now)
        .min_by_key(|a| a.start.0)
}

/// How many appointments (not cancelled) are on today's date.
pub fn count_today(appointments: &[Appointment], now: DateTime<Utc>) -> usize {
    let today = dates::today_at(now);
    appointments
        .iter()
        .filter(|a| {
            a.status != AppointmentStatus::Cancelled && dates::local(&a.start).date_naive() == today
        })
        .count()
}

/// Takes whole days from the front until at least `limit` appointments are included,
/// so a long agenda is rendered a page at a time and a day is never cut in half.
pub fn take_days<'a, 'b>(days: &'b [Day<'a>], limit: usize) -> &'b [Day<'a>] {
    let mut count = 0;
    for (i, day) in days.iter().enumerate() {
        count += day.appointments.len();
        if count >= limit {
            return &days[..=i];
        }
    }
    days
}
