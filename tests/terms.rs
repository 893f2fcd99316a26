//! One word, one thing (issue #22). In Dutch "afspraken" are the agreements
//! (samenwerkingsafspraken, voorwaarden, huisregels) and the agenda holds the appointments:
//! a text about the agenda never says "afspraak", or a participant cannot tell a probation
//! appointment from a condition. Only Dutch so far; the other languages' term lists are open.

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
