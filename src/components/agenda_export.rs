//! "Zet in de agenda van je telefoon": the `.ics` with the chosen reminders, saved as a file
//! the phone hands to its agenda, and remembered so a later change can be noticed.

use super::download::save_text;
use crate::{
    model::{dates, ics, Appointment},
    state::agenda_export,
};

/// Exports `appointments` (`all`: every upcoming one, so one added later counts as a change).
pub fn export_to_phone(
    appointments: &[Appointment],
    all: bool,
    with: impl Fn(&str) -> Option<String>,
    filename: &str,
) {
    let now = dates::now();
    let text = ics::calendar(appointments, with, agenda_export::reminders(), now);
    save_text(filename, "text/calendar", &text);
    let mut exported = agenda_export::exported();
    exported.record(appointments, all, now);
    agenda_export::save_exported(&exported);
}
