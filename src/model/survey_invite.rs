//! Whether the home screen invites to the active survey: not after this device sent it,
//! not for a few days after "Later", never without an active survey. The survey team's
//! response rate depends on being asked; nobody looks for a survey among the settings.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// "Later" puts the invitation off for this long.
pub const LATER_DAYS: i64 = 3;
const DAY_MS: i64 = 24 * 60 * 60 * 1000;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Invites {
    /// Surveys sent from this device (not from the kiosk: that is not the participant's).
    #[serde(default)]
    pub sent: Vec<String>,
    /// Survey id → this phone's clock (ms) until which it is put off.
    #[serde(default)]
    pub later: BTreeMap<String, i64>,
}

impl Invites {
    /// What was stored; anything unreadable asks again (an invitation too many is harmless).
    pub fn from_json(text: &str) -> Self {
        serde_json::from_str(text).unwrap_or_default()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("plain data")
    }

    pub fn shows(&self, active: Option<&str>, now_ms: i64) -> bool {
        let Some(id) = active.filter(|id| !id.trim().is_empty()) else {
            return false;
        };
        !self.sent.iter().any(|s| s == id)
            && self.later.get(id).is_none_or(|&until| now_ms >= until)
    }

    pub fn put_off(&mut self, id: &str, now_ms: i64) {
        self.later
            .insert(id.to_string(), now_ms + LATER_DAYS * DAY_MS);
    }

    pub fn sent(&mut self, id: &str) {
        if !self.sent.iter().any(|s| s == id) {
            self.sent.push(id.to_string());
        }
        self.later.remove(id);
    }
}
