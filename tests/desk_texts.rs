//! The desk's texts (`public/desk/{lang}.json`, fetched with its chunk instead of being
//! compiled in): every language has every Dutch key with the same placeholders, and every
//! key the desk's code asks for exists.

use koers::model::desk_view::placeholders;
use std::collections::BTreeMap;
use std::path::Path;

const LANGS: [&str; 5] = ["nl", "en", "ar", "pl", "tr"];

fn texts(lang: &str) -> BTreeMap<String, String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("public/desk/{lang}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn every_language_has_every_key_with_the_same_placeholders() {
    let nl = texts("nl");
    for lang in LANGS {
        let other = texts(lang);
        let missing: Vec<_> = nl.keys().filter(|k| !other.contains_key(*k)).collect();
        let extra: Vec<_> = other.keys().filter(|k| !nl.contains_key(*k)).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{lang}: missing {missing:?}, extra {extra:?}"
        );
        for (key, text) in &other {
            assert!(!text.trim().is_empty(), "{lang}.{key} is empty");
            assert_eq!(
                placeholders(text),
                placeholders(&nl[key]),
                "{lang}.{key}: placeholders differ from Dutch"
            );
        }
    }
}

/// The keys in `t.get("…")`, `t.with("…", …)` and the `"…"` names the code passes on.
fn keys_in_code() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/pages/desk");
    let mut keys = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let code = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for marker in [".get(\"", ".with(\"", "=> \"", ", \""] {
            for (at, _) in code.match_indices(marker) {
                let rest = &code[at + marker.len()..];
                let Some(end) = rest.find('"') else { continue };
                let key = &rest[..end];
                if !key.is_empty() && key.chars().all(|c| c.is_ascii_lowercase() || c == '_') {
                    keys.push(key.to_string());
                }
            }
        }
    }
    keys.sort();
    keys.dedup();
    keys
}

#[test]
fn every_key_the_desk_asks_for_is_there() {
    let nl = texts("nl");
    // Placeholder names and storage-free literals that are not text keys.
    let not_keys = [
        "name",
        "id",
        "count",
        "days",
        "done",
        "total",
        "when",
        "phone",
        "email",
        "note",
        "desk-token",
        "desk-key",
    ];
    let keys = keys_in_code();
    assert!(keys.len() > 40, "the scan found too few keys: {keys:?}");
    let unknown: Vec<_> = keys
        .iter()
        .filter(|k| !nl.contains_key(*k) && !not_keys.contains(&k.as_str()))
        .collect();
    assert!(
        unknown.is_empty(),
        "keys the desk uses but public/desk/nl.json lacks: {unknown:?}"
    );
}
