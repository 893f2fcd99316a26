//! Goals of the support plan: progress and deadlines.

use super::{dates, Goal, GoalStatus};
use chrono::NaiveDate;

/// `progress` when the plan gives it, else the share of steps done; `None` when
/// neither is known.
pub fn progress(goal: &Goal) -> Option<u8> {
    if goal.status == GoalStatus::Achieved {
        return Some(goal.progress.unwrap_or(100));
    }
    goal.progress.or_else(|| {
        let total = goal.steps.len();
        (total > 0).then(|| {
            let done = goal.steps.iter().filter(|s| s.done).count();
            ((done * 100 + total / 2) / total) as u8
        })
    })
}

/// Goals grouped by life domain, in the order domains first appear; goals without a
/// domain come last.
pub fn by_domain(goals: &[Goal]) -> Vec<(Option<super::Domain>, Vec<&Goal>)> {
    let mut groups: Vec<(Option<super::Domain>, Vec<&Goal>)> = Vec::new();
    for goal in goals {
        match groups.iter_mut().find(|(d, _)| *d == goal.domain) {
            Some((_, list)) => list.push(goal),
            None => groups.push((goal.domain.clone(), vec![goal])),
        }
    }
    groups.sort_by_key(|(d, _)| d.is_none());
    groups
}

/// How a goal's end date relates to today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deadline {
    /// Whole days still to go (at least 1): "Nog 3 dagen".
    DaysLeft(i64),
    /// The end date is today: "Vandaag klaar".
    Today,
    /// The end date has gone by: "Datum is voorbij", never a count of days.
    Passed,
}

pub fn deadline(day: NaiveDate, today: NaiveDate) -> Deadline {
    match dates::days_until(day, today) {
        0 => Deadline::Today,
        n if n < 0 => Deadline::Passed,
        n => Deadline::DaysLeft(n),
    }
}

/// Whether the next evaluation's date has gone by, so it is no longer "Volgende bespreking".
pub fn evaluation_passed(day: NaiveDate, today: NaiveDate) -> bool {
    dates::days_until(day, today) < 0
}
