//! What this device put in the phone's own agenda, so the home screen can say "Je agenda is
//! veranderd sinds je hem in je telefoon zette" when an appointment moves, is cancelled or
//! is added. The phone's agenda does not follow the dossier by itself: a participant who
//! trusts an old export walks to the wrong place at the wrong time.

use super::{agenda, Appointment, AppointmentStatus, Instant};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One exported appointment: enough to tell a change, and to cancel it in the phone's
/// agenda when it is gone from the dossier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    pub start: Instant,
    pub title: String,
    /// Everything the `.ics` carries that the participant acts on.
    pub print: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Exported {
    /// "Zet alles in de agenda van je telefoon" was used: an appointment added later is a
    /// change too. After single exports only those appointments are followed.
    #[serde(default)]
    pub all: bool,
    #[serde(default)]
    pub items: BTreeMap<String, Item>,
}

/// What changed since the export, counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Changes {
    /// Another time, place or title.
    pub changed: usize,
    /// Cancelled, or gone from the dossier.
    pub cancelled: usize,
    /// New since an export of everything.
    pub added: usize,
}

impl Changes {
    pub fn any(&self) -> bool {
        self.changed + self.cancelled + self.added > 0
    }
}

fn print(a: &Appointment) -> String {
    let utc = |i: &Instant| i.0.with_timezone(&Utc).to_rfc3339();
    let location = a.location.as_ref();
    [
        utc(&a.start),
        a.end.as_ref().map(utc).unwrap_or_default(),
        a.title.clone(),
        location.and_then(|l| l.name.clone()).unwrap_or_default(),
        location.and_then(|l| l.address.clone()).unwrap_or_default(),
        (a.status == AppointmentStatus::Cancelled).to_string(),
    ]
    .join("\u{1f}")
}

impl Exported {
    /// What was stored; anything unreadable counts as never exported (the notice is then
    /// not shown, which is what a device that never exported sees too).
    pub fn from_json(text: &str) -> Self {
        serde_json::from_str(text).unwrap_or_default()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("plain data")
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// `appointments` were just exported (`all`: every upcoming one). A cancelled one is
    /// not followed (the phone's agenda has it as cancelled; were it planned again, an
    /// export of everything counts it as new), nor one that has started: a change to it
    /// no longer matters.
    pub fn record<'a>(
        &mut self,
        appointments: impl IntoIterator<Item = &'a Appointment>,
        all: bool,
        now: DateTime<Utc>,
    ) {
        if all {
            self.items.clear();
            self.all = true;
        }
        for a in appointments
            .into_iter()
            .filter(|a| a.status != AppointmentStatus::Cancelled)
        {
            self.items.insert(
                a.id.clone(),
                Item {
                    start: a.start,
                    title: a.title.clone(),
                    print: print(a),
                },
            );
        }
        self.items.retain(|_, item| item.start.0 >= now);
    }

    /// Compared with the dossier now. Only appointments still to come count.
    pub fn changes(&self, appointments: &[Appointment], now: DateTime<Utc>) -> Changes {
        let mut out = Changes::default();
        for (id, item) in self.items.iter().filter(|(_, i)| i.start.0 >= now) {
            match appointments.iter().find(|a| &a.id == id) {
                Some(a) if print(a) == item.print => {}
                Some(a) if a.status != AppointmentStatus::Cancelled => out.changed += 1,
                _ => out.cancelled += 1,
            }
        }
        if self.all {
            out.added = appointments
                .iter()
                .filter(|a| agenda::is_upcoming(a, now))
                .filter(|a| a.status != AppointmentStatus::Cancelled)
                .filter(|a| !self.items.contains_key(&a.id))
                .count();
        }
        out
    }

    /// What "Opnieuw in mijn agenda zetten" exports: after an export of everything, every
    /// upcoming appointment; otherwise the followed ones. Followed appointments that are gone
    /// from the dossier come back as cancelled, so the phone's agenda drops them too (same
    /// `UID`).
    pub fn again(&self, appointments: &[Appointment], now: DateTime<Utc>) -> Vec<Appointment> {
        let mut out: Vec<Appointment> = appointments
            .iter()
            .filter(|a| agenda::is_upcoming(a, now))
            .filter(|a| self.all || self.items.contains_key(&a.id))
            .cloned()
            .collect();
        for (id, item) in &self.items {
            if item.start.0 >= now && !appointments.iter().any(|a| &a.id == id) {
                out.push(gone(id, item));
            }
        }
        out
    }
}

/// A followed appointment no longer in the dossier, as a cancelled one.
fn gone(id: &str, item: &Item) -> Appointment {
    Appointment {
        id: id.to_string(),
        title: item.title.clone(),
        kind: Default::default(),
        start: item.start,
        end: None,
        location: None,
        with: None,
        notes: None,
        bring: Vec::new(),
        status: AppointmentStatus::Cancelled,
    }
}
