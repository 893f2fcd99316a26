//! The messages this phone sent, so the participant sees what became of them: "Verstuurd",
//! "Gelezen door Ruud op di 3 dec", "Afgehandeld". Kept only for a signed-in participant
//! (behind the PIN when one is set, wiped at sign-out), never for a message written signed
//! out: that may be a borrowed phone. No text is kept, only the id (which only this phone
//! knows and which asks the server for the receipt), the contact and the time.

use super::desk::{MessageStatus, ReadReceipt};
use serde::{Deserialize, Serialize};

/// At most this many are kept; the oldest go first.
pub const MAX_SENT: usize = 20;
/// A handled message leaves the list after this many days.
pub const KEEP_HANDLED_DAYS: i64 = 30;
/// A receipt is asked again only after this long (the page opening, the phone coming
/// online), never in a loop.
pub const RECHECK_MS: i64 = 10_000;

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SentMessage {
    pub id: String,
    pub to: String,
    pub sent_at: String,
    /// What the server last said; `None` until it knows the message.
    #[serde(default)]
    pub status: Option<MessageStatus>,
    #[serde(default)]
    pub updated_at: Option<String>,
    /// This phone's clock (ms) when the status last changed or the message was sent.
    #[serde(default)]
    pub changed_ms: i64,
    #[serde(default)]
    pub checked_ms: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SentMessages {
    pub items: Vec<SentMessage>,
}

impl SentMessages {
    /// What was stored; anything unreadable is an empty list (it only shows receipts).
    pub fn from_json(text: &str) -> Self {
        serde_json::from_str(text).unwrap_or_default()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("plain data")
    }

    /// A message just queued; newest first.
    pub fn record(&mut self, id: &str, to: &str, sent_at: &str, now_ms: i64) {
        self.items.retain(|m| m.id != id);
        self.items.insert(
            0,
            SentMessage {
                id: id.into(),
                to: to.into(),
                sent_at: sent_at.into(),
                status: None,
                updated_at: None,
                changed_ms: now_ms,
                checked_ms: 0,
            },
        );
        self.items.truncate(MAX_SENT);
    }

    /// The server's receipt. A status never goes back (a late answer for an older state
    /// changes nothing). Returns whether anything changed.
    pub fn apply(&mut self, receipt: &ReadReceipt, now_ms: i64) -> bool {
        let Some(m) = self.items.iter_mut().find(|m| m.id == receipt.id) else {
            return false;
        };
        m.checked_ms = now_ms;
        if m.status.is_some_and(|s| rank(s) >= rank(receipt.status)) {
            return false;
        }
        m.status = Some(receipt.status);
        m.updated_at = Some(receipt.updated_at.clone());
        m.changed_ms = now_ms;
        true
    }

    /// Asked and not known (not delivered yet, or gone after being handled).
    pub fn checked(&mut self, id: &str, now_ms: i64) {
        if let Some(m) = self.items.iter_mut().find(|m| m.id == id) {
            m.checked_ms = now_ms;
        }
    }

    pub fn forget(&mut self, id: &str) {
        self.items.retain(|m| m.id != id);
    }

    /// The ids worth asking about now: not handled, and not asked in the last ten seconds.
    pub fn due(&self, now_ms: i64) -> Vec<String> {
        self.items
            .iter()
            .filter(|m| m.status != Some(MessageStatus::Handled))
            .filter(|m| now_ms - m.checked_ms >= RECHECK_MS)
            .map(|m| m.id.clone())
            .collect()
    }

    /// Drops messages handled more than [`KEEP_HANDLED_DAYS`] ago.
    pub fn prune(&mut self, now_ms: i64) {
        self.items.retain(|m| {
            m.status != Some(MessageStatus::Handled)
                || now_ms - m.changed_ms < KEEP_HANDLED_DAYS * DAY_MS
        });
    }
}

fn rank(s: MessageStatus) -> u8 {
    match s {
        MessageStatus::Received => 0,
        MessageStatus::Read => 1,
        MessageStatus::Handled => 2,
    }
}
