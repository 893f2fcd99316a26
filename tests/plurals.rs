//! Every string with a count has the plural forms its language needs (CLDR, through the
//! same ICU rules leptos_i18n applies in the app), and reads right for the numbers a
//! participant sees. Issue #22: "1 afspraken", "Nog 1 dagen", "1 onderdelen".
// ICU's rules are a native dev-dependency (Cargo.toml).
#![cfg(not(target_arch = "wasm32"))]

use icu_locale_core::Locale;
use icu_plurals::{PluralCategory, PluralRules};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

const LANGS: [&str; 5] = ["nl", "en", "ar", "pl", "tr"];
const SAMPLES: [u64; 8] = [0, 1, 2, 3, 5, 11, 22, 100];
const FORMS: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

fn flat(value: &Value, prefix: &str, out: &mut BTreeMap<String, String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let key = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                flat(v, &key, out);
            }
        }
        Value::String(s) => {
            out.insert(prefix.to_string(), s.clone());
        }
        other => panic!("{prefix}: not a string: {other}"),
    }
}

fn strings(lang: &str) -> BTreeMap<String, String> {
    let path = format!("{}/locales/{lang}.json", env!("CARGO_MANIFEST_DIR"));
    let value: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let mut out = BTreeMap::new();
    flat(&value, "", &mut out);
    out
}

fn rules(lang: &str) -> PluralRules {
    let locale: Locale = lang.parse().unwrap();
    PluralRules::try_new_cardinal(locale.into()).unwrap()
}

fn form_name(category: PluralCategory) -> &'static str {
    match category {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => "other",
    }
}

/// `base` → `form` → text, for every key leptos_i18n reads as a plural form.
fn plurals(strings: &BTreeMap<String, String>) -> BTreeMap<String, BTreeMap<String, String>> {
    let mut out: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for (key, text) in strings {
        if let Some((base, form)) = key.rsplit_once('_') {
            if FORMS.contains(&form) {
                out.entry(base.to_string())
                    .or_default()
                    .insert(form.to_string(), text.clone());
            }
        }
    }
    out
}

fn render(text: &str, n: u64) -> String {
    text.replace("{{ count }}", &n.to_string())
}

#[test]
fn every_counted_string_has_the_forms_its_language_needs() {
    let dutch = plurals(&strings("nl"));
    assert!(dutch.len() >= 16, "the counted strings: {:?}", dutch.keys());
    for lang in LANGS {
        let strings = strings(lang);
        let plurals = plurals(&strings);
        let needed: BTreeSet<&str> = rules(lang).categories().map(form_name).collect();
        assert_eq!(
            plurals.keys().collect::<Vec<_>>(),
            dutch.keys().collect::<Vec<_>>(),
            "{lang}: the same counted strings as Dutch"
        );
        for (base, forms) in &plurals {
            let have: BTreeSet<&str> = forms.keys().map(String::as_str).collect();
            assert_eq!(have, needed, "{lang} {base}: exactly the forms of {lang}");
            for (form, text) in forms {
                // A form for one number may say the number in words; the others show it.
                if !matches!(form.as_str(), "zero" | "one" | "two") {
                    assert!(text.contains("{{ count }}"), "{lang} {base}_{form}: {text}");
                }
            }
        }
        // A count outside a plural reads wrong for some number: there is none.
        for (key, text) in &strings {
            let base = key.rsplit_once('_').map_or(key.as_str(), |(b, f)| {
                if FORMS.contains(&f) {
                    b
                } else {
                    key.as_str()
                }
            });
            assert!(
                !text.contains("{{ count }}") || plurals.contains_key(base),
                "{lang} {key}: a count without plural forms"
            );
        }
    }
}

#[test]
fn counted_strings_read_right_for_typical_numbers() {
    // The rendered examples a reviewer reads: `cargo test --test plurals -- --nocapture`.
    for lang in LANGS {
        let rules = rules(lang);
        let plurals = plurals(&strings(lang));
        for (base, forms) in &plurals {
            for n in SAMPLES {
                let form = form_name(rules.category_for(n));
                let text = render(&forms[form], n);
                println!("{lang} {base} {n}: {text}");
                assert!(!text.contains("{{"), "{lang} {base} {n}: {text}");
            }
        }
    }
    // Spot checks of what the review found wrong, per language.
    let nl = plurals(&strings("nl"));
    let pick =
        |lang: &str, all: &BTreeMap<String, BTreeMap<String, String>>, base: &str, n: u64| {
            render(&all[base][form_name(rules(lang).category_for(n))], n)
        };
    assert_eq!(pick("nl", &nl, "goals.days_left", 1), "Nog 1 dag");
    assert_eq!(pick("nl", &nl, "goals.days_left", 2), "Nog 2 dagen");
    assert_eq!(pick("nl", &nl, "survey.questions", 1), "1 vraag");
    assert!(pick("nl", &nl, "home.changed", 1).starts_with("1 afspraak is "));
    assert!(pick("nl", &nl, "skipped", 1).starts_with("1 onderdeel "));
    let en = plurals(&strings("en"));
    assert_eq!(pick("en", &en, "goals.days_left", 1), "1 day left");
    assert!(pick("en", &en, "lock.wrong_pin", 1).ends_with("1 more time."));
    let pl = plurals(&strings("pl"));
    assert_eq!(pick("pl", &pl, "goals.days_left", 1), "Został 1 dzień");
    assert_eq!(pick("pl", &pl, "goals.days_left", 3), "Zostały 3 dni");
    assert_eq!(pick("pl", &pl, "goals.days_left", 5), "Zostało 5 dni");
    assert_eq!(pick("pl", &pl, "goals.days_left", 22), "Zostały 22 dni");
    let ar = plurals(&strings("ar"));
    assert_eq!(pick("ar", &ar, "goals.days_left", 2), "بقي يومان");
    assert_eq!(pick("ar", &ar, "goals.days_left", 3), "بقيت 3 أيام");
    assert_eq!(pick("ar", &ar, "goals.days_left", 11), "بقي 11 يومًا");
    assert_eq!(pick("ar", &ar, "goals.days_left", 100), "بقي 100 يوم");
}
