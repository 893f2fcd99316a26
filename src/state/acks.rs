//! Agreement versions confirmed from this device, until the dossier catches up.
use leptos::prelude::*;
use std::collections::BTreeMap;

const KEY: &str = "koers.acks";

fn read() -> BTreeMap<String, u32> {
    window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item(KEY).ok().flatten())
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
    if let (Some(storage), Ok(text)) = (
        window().local_storage().ok().flatten(),
        serde_json::to_string(&acks),
    ) {
        let _ = storage.set_item(KEY, &text);
    }
}
