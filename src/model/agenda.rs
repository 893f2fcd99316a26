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
    (
        days(appointments, now, false, usize::MAX),
        days(appointments, now, true, usize::MAX),
    )
}

/// One side of the agenda (upcoming, or past when `past`), as whole days from the front until
/// at least `limit` appointments are included. Only those days are grouped: opening the agenda
/// of a participant with thousands of appointments sorts references, nothing more.
pub fn days(
    appointments: &[Appointment],
    now: DateTime<Utc>,
    past: bool,
    limit: usize,
) -> Vec<Day<'_>> {
    let mut chosen: Vec<&Appointment> = appointments
        .iter()
        .filter(|a| is_upcoming(a, now) != past)
        .collect();
    chosen.sort_by(|a, b| {
        let order = (a.start.0, &a.id).cmp(&(b.start.0, &b.id));
        if past {
            order.reverse()
        } else {
            order
        }
    });
    // Cut after the day that reaches the limit, so a day is never split in half.
    let mut end = chosen.len();
    if limit == 0 {
        end = 0;
    } else if limit < chosen.len() {
        let last_day = dates::local(&chosen[limit - 1].start).date_naive();
        end = limit
            + chosen[limit..]
                .iter()
                .take_while(|a| dates::local(&a.start).date_naive() == last_day)
                .count();
    }
    chosen.truncate(end);
    group(chosen)
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

/// How many appointments (not cancelled) are on today's date and have not ended yet: home says
/// "Vandaag: 2 in je agenda", and one that ended this morning is no longer ahead today.
pub fn count_today(appointments: &[Appointment], now: DateTime<Utc>) -> usize {
    let today = dates::today_at(now);
    appointments
        .iter()
        .filter(|a| {
            a.status != AppointmentStatus::Cancelled
                && dates::local(&a.start).date_naive() == today
                && is_upcoming(a, now)
        })
        .count()
}
