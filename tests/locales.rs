//! Every language must have every key: a missing one would silently fall back to Dutch.
use std::collections::BTreeSet;

/// Every language the app offers (issue #9): each must be complete.
const LANGUAGES: [&str; 5] = ["nl", "en", "ar", "pl", "tr"];

fn keys(value: &serde_json::Value, prefix: &str, out: &mut BTreeSet<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                keys(v, &format!("{prefix}{k}."), out);
            }
        }
        _ => {
            out.insert(prefix.trim_end_matches('.').to_string());
        }
    }
}

/// The CLDR plural forms leptos_i18n reads from a key's last `_suffix`.
const PLURAL_FORMS: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// A key without its plural form: languages differ in the forms they need (Arabic six,
/// Dutch two; tests/plurals.rs checks which), not in the strings they have.
fn base_key(key: &str) -> &str {
    match key.rsplit_once('_') {
        Some((base, form)) if PLURAL_FORMS.contains(&form) => base,
        _ => key,
    }
}

fn locale(name: &str) -> BTreeSet<String> {
    let path = format!("{}/locales/{name}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let value: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut out = BTreeSet::new();
    keys(&value, "", &mut out);
    out.iter().map(|k| base_key(k).to_string()).collect()
}

#[test]
fn every_language_has_every_key() {
    let dir = format!("{}/locales", env!("CARGO_MANIFEST_DIR"));
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| {
            e.ok()?
                .file_name()
                .to_str()?
                .strip_suffix(".json")
                .map(str::to_string)
        })
        .collect();
    for required in LANGUAGES {
        assert!(
            names.iter().any(|n| n == required),
            "locales/{required}.json is missing"
        );
    }
    let reference = locale("nl");
    for name in &names {
        let other = locale(name);
        let missing: Vec<_> = reference.difference(&other).collect();
        let extra: Vec<_> = other.difference(&reference).collect();
        assert!(missing.is_empty(), "{name} lacks {missing:?}");
        assert!(extra.is_empty(), "{name} has keys Dutch lacks: {extra:?}");
    }
}

#[test]
fn no_translation_is_empty() {
    for name in LANGUAGES {
        let path = format!("{}/locales/{name}.json", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(!text.contains("\"\""), "{name} has an empty translation");
    }
}

fn strings(value: &serde_json::Value, prefix: &str, out: &mut Vec<(String, String)>) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                strings(v, &format!("{prefix}{k}."), out);
            }
        }
        serde_json::Value::String(s) => out.push((prefix.trim_end_matches('.').into(), s.clone())),
        _ => {}
    }
}

/// The `{{ name }}` placeholders of a translation, sorted.
fn placeholders(text: &str) -> Vec<String> {
    let mut out: Vec<String> = text
        .split("{{")
        .skip(1)
        .filter_map(|rest| {
            rest.split_once("}}")
                .map(|(name, _)| name.trim().to_string())
        })
        .collect();
    out.sort();
    out
}

#[test]
fn every_translation_has_the_same_placeholders_as_dutch() {
    let read = |name: &str| {
        let path = format!("{}/locales/{name}.json", env!("CARGO_MANIFEST_DIR"));
        let value: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let mut out = Vec::new();
        strings(&value, "", &mut out);
        out.into_iter()
            .collect::<std::collections::BTreeMap<_, _>>()
    };
    // Per string (a plural's forms together); a form for one number may say it in words
    // instead of `{{ count }}`, so the count is left out of the comparison there.
    let by_base = |all: std::collections::BTreeMap<String, String>| {
        let mut out = std::collections::BTreeMap::<String, BTreeSet<String>>::new();
        for (key, text) in all {
            let plural = base_key(&key) != key;
            let names = out.entry(base_key(&key).to_string()).or_default();
            names.extend(
                placeholders(&text)
                    .into_iter()
                    .filter(|p| !plural || p != "count"),
            );
        }
        out
    };
    let dutch = by_base(read("nl"));
    for name in LANGUAGES {
        for (key, names) in by_base(read(name)) {
            assert_eq!(names, dutch[&key], "{name}: {key}");
        }
    }
}
