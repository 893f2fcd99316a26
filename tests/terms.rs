//! One word, one thing (issue #22). In Dutch "afspraken" are the agreements
//! (samenwerkingsafspraken, voorwaarden, huisregels) and the agenda holds the appointments:
//! a text about the agenda never says "afspraak", or a participant cannot tell a probation
//! appointment from a condition. The same for every language, from the term list in
//! `docs/terms.json`: each concept's word, the texts that name it, and the pairs of
//! concepts (agreement/appointment, access code/PIN) whose words never mix.

use serde_json::Value;

fn texts(lang: &str) -> Vec<(String, String)> {
    let path = format!("{}/locales/{lang}.json", env!("CARGO_MANIFEST_DIR"));
    let value: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut out = Vec::new();
    fn walk(v: &Value, key: String, out: &mut Vec<(String, String)>) {
        match v {
            Value::Object(map) => {
                for (k, v) in map {
                    let key = if key.is_empty() {
                        k.clone()
                    } else {
                        format!("{key}.{k}")
                    };
                    walk(v, key, out);
                }
            }
            Value::String(s) => out.push((key, s.clone())),
            _ => {}
        }
    }
    walk(&value, String::new(), &mut out);
    out
}

/// The keys that speak of appointments (the agenda), not of agreements.
fn about_appointments(key: &str) -> bool {
    key.starts_with("agenda.") || key == "home.next_appointment" || key == "nav.agenda"
}

#[test]
fn dutch_agenda_texts_never_call_appointments_afspraken() {
    let wrong: Vec<_> = texts("nl")
        .into_iter()
        .filter(|(k, v)| about_appointments(k) && v.to_lowercase().contains("afspra"))
        .collect();
    assert!(
        wrong.is_empty(),
        "agenda texts that say 'afspraak': {wrong:?}"
    );
}

#[test]
fn dutch_agreement_texts_say_afspraken() {
    let nl = texts("nl");
    for key in ["nav.agreements", "agreements.title", "home.see_agreements"] {
        let text = &nl.iter().find(|(k, _)| k == key).unwrap().1;
        assert!(text.to_lowercase().contains("afspra"), "{key}: {text}");
    }
}

#[test]
fn the_phones_agenda_is_not_the_apps() {
    // "Zet in mijn agenda" sounded like the app's own Agenda page.
    let nl = texts("nl");
    for key in ["agenda.add_single", "agenda.add_all"] {
        let text = &nl.iter().find(|(k, _)| k == key).unwrap().1;
        assert!(text.contains("agenda van je telefoon"), "{key}: {text}");
    }
}

fn glossary() -> Value {
    let path = format!("{}/docs/terms.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn words<'a>(glossary: &'a Value, lang: &str, concept: &str) -> Vec<&'a str> {
    glossary["terms"][lang][concept]
        .as_array()
        .unwrap_or_else(|| panic!("docs/terms.json: no {concept} for {lang}"))
        .iter()
        .map(|w| w.as_str().unwrap())
        .collect()
}

fn keys(list: &Value) -> impl Iterator<Item = &str> {
    list.as_array().unwrap().iter().map(|k| k.as_str().unwrap())
}

fn text_of<'a>(texts: &'a [(String, String)], lang: &str, key: &str) -> &'a str {
    &texts
        .iter()
        .find(|(k, _)| k == key)
        .unwrap_or_else(|| panic!("{lang}: no key {key}"))
        .1
}

#[test]
fn every_language_names_each_concept_with_its_own_word_and_never_the_others() {
    let glossary = glossary();
    let named_by = glossary["named_by"].as_object().unwrap();
    for lang in ["nl", "en", "ar", "pl", "tr"] {
        let texts = texts(lang);
        for (concept, list) in named_by {
            let own = words(&glossary, lang, concept);
            for key in keys(list) {
                let text = text_of(&texts, lang, key).to_lowercase();
                assert!(
                    own.iter().any(|w| text.contains(w)),
                    "{lang} {key} names the {concept} without {own:?}: {text}"
                );
            }
        }
        for pair in glossary["distinct"].as_array().unwrap() {
            let [a, b] = [0, 1].map(|i| pair[i].as_str().unwrap());
            for (this, other) in [(a, b), (b, a)] {
                let own = words(&glossary, lang, this);
                let theirs = words(&glossary, lang, other);
                for key in keys(&named_by[this]) {
                    // "pincode" holds "code": the other word may only appear inside one's own.
                    let mut text = text_of(&texts, lang, key).to_lowercase();
                    for w in &own {
                        text = text.replace(w, " ");
                    }
                    assert!(
                        !theirs.iter().any(|w| text.contains(w)),
                        "{lang} {key}, about the {this}, uses the word for the {other}"
                    );
                }
            }
        }
        // The agenda's own texts never use the word for agreements.
        let agreement = words(&glossary, lang, "agreement");
        for (key, text) in &texts {
            if about_appointments(key) {
                let text = text.to_lowercase();
                assert!(
                    !agreement.iter().any(|w| text.contains(w)),
                    "{lang} {key}: an agenda text with the word for agreements: {text}"
                );
            }
        }
    }
}

#[test]
fn the_dutch_word_on_paper_is_shown_in_brackets() {
    let glossary = glossary();
    for (concept, spec) in glossary["dutch_on_paper"].as_object().unwrap() {
        let word = spec[0].as_str().unwrap();
        for lang in ["en", "ar", "pl", "tr"] {
            let texts = texts(lang);
            for key in keys(&spec[1]) {
                let text = text_of(&texts, lang, key);
                assert!(
                    text.contains(&format!("({word})")),
                    "{lang} {key} ({concept}) lacks \"({word})\": {text}"
                );
            }
        }
    }
}
