//! The messages this phone sent while signed in (`model::sent`), stored like the outbox:
//! behind the PIN when one is set, wiped at sign-out.

use crate::model::sent::SentMessages;

const KEY: &str = crate::model::storage::SENT;

pub fn load() -> SentMessages {
    super::lock::read_item(KEY)
        .map(|text| SentMessages::from_json(&text))
        .unwrap_or_default()
}

/// A list that cannot be stored only loses receipts, never a message: the outbox keeps
/// the message itself.
pub fn save(sent: &SentMessages) {
    let _ = super::lock::write_item(KEY, &sent.to_json());
}

pub fn remember(id: &str, to: &str, sent_at: &str) {
    let mut sent = load();
    sent.record(id, to, sent_at, crate::browser::now_ms() as i64);
    save(&sent);
}
