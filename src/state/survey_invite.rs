//! The home screen's survey invitation (`model::survey_invite`), stored behind the PIN when
//! one is set and wiped at sign-out, like everything about the participant.

use crate::model::survey_invite::Invites;

const KEY: &str = crate::model::storage::SURVEY_INVITE;

pub fn load() -> Invites {
    super::lock::read_item(KEY)
        .map(|text| Invites::from_json(&text))
        .unwrap_or_default()
}

/// Not stored (storage full): the invitation may come once more; nothing else is lost.
pub fn save(invites: &Invites) {
    let _ = super::lock::write_item(KEY, &invites.to_json());
}

/// The participant sent `survey_id` from this device.
pub fn sent(survey_id: &str) {
    let mut invites = load();
    invites.sent(survey_id);
    save(&invites);
}
