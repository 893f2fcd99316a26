//! The reminders chosen for the agenda export and what this device exported
//! (`model::reminders`, `model::agenda_export`), behind the PIN when one is set and wiped at
//! sign-out like everything about the participant.

use crate::model::{agenda_export::Exported, reminders::Reminders, storage};

pub fn reminders() -> Reminders {
    super::lock::read_item(storage::REMINDERS)
        .map(|text| Reminders::parse(&text))
        .unwrap_or_default()
}

/// False when storage refused it (full): the screen then says the choice was not kept.
pub fn set_reminders(choice: Reminders) -> bool {
    super::lock::write_item(storage::REMINDERS, choice.as_str())
}

pub fn exported() -> Exported {
    super::lock::read_item(storage::AGENDA_EXPORTED)
        .map(|text| Exported::from_json(&text))
        .unwrap_or_default()
}

/// Not stored (storage full): the "agenda changed" notice cannot follow this export; the
/// export itself is on the phone already.
pub fn save_exported(exported: &Exported) {
    let _ = super::lock::write_item(storage::AGENDA_EXPORTED, &exported.to_json());
}
