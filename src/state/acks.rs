//! Agreement versions confirmed from this device, until the dossier catches up.
use std::collections::BTreeMap;

const KEY: &str = crate::model::storage::ACKS;

fn read() -> BTreeMap<String, u32> {
    super::lock::read_item(KEY)
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

pub fn local_ack(agreement_id: &str) -> Option<u32> {
    read().get(agreement_id).copied()
}

pub fn remember_ack(agreement_id: &str, version: u32) {
    let mut acks = read();
    let entry = acks.entry(agreement_id.to_string()).or_insert(version);
    *entry = (*entry).max(version);
    if let Ok(text) = serde_json::to_string(&acks) {
        // A confirmation that is not stored is asked again next time: nothing is lost.
        let _ = super::lock::write_item(KEY, &text);
    }
}
