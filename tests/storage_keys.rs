//! The storage registry (`model::storage`) is the one place that names a browser storage
//! key and decides whether it is encrypted behind the PIN and whether sign-out wipes it.
use koers::model::storage::{self, Class, Store, KEYS};
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every string literal in `text` that starts with `koers.`.
fn koers_literals(text: &str) -> Vec<String> {
    text.split('"')
        .skip(1)
        .step_by(2)
        .filter(|s| s.starts_with("koers."))
        .map(str::to_string)
        .collect()
}

#[test]
fn no_storage_key_is_named_outside_the_registry() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    let registry = root.join("model/storage.rs");
    let mut wrong = Vec::new();
    for file in files.iter().filter(|f| **f != registry) {
        let text = std::fs::read_to_string(file).unwrap();
        for literal in koers_literals(&text) {
            // Outside the model a `koers.` literal can only be a storage key; in the model
            // the document schemas (`koers.dossier`, `koers.sealed`) are named too.
            let in_model = file.starts_with(root.join("model"));
            if !in_model || storage::find(&literal).is_some() {
                wrong.push(format!("{}: \"{literal}\"", file.display()));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "use a constant of model::storage: {wrong:#?}"
    );
    assert!(koers_literals("a \"koers.x\" b \"y\" \"koers.z\"") == ["koers.x", "koers.z"]);
}

#[test]
fn every_key_is_registered_once_with_the_prefix() {
    for (i, k) in KEYS.iter().enumerate() {
        assert!(k.name.starts_with(storage::PREFIX), "{}", k.name);
        assert!(
            KEYS[i + 1..].iter().all(|o| o.name != k.name),
            "{} twice",
            k.name
        );
        // A key for this tab only is in sessionStorage, and only such keys are.
        assert_eq!(
            k.store == Store::Tab,
            k.class == Class::ThisTab,
            "{}",
            k.name
        );
    }
}

#[test]
fn personal_keys_are_encrypted_and_wiped_and_only_device_choices_stay() {
    for name in [
        storage::OUTBOX,
        storage::ACKS,
        storage::REMEMBERED,
        "koers.survey-draft.deo-2026",
    ] {
        assert!(storage::in_vault(name), "{name}");
        assert!(!storage::kept_at_sign_out(name), "{name}");
    }
    // Needed before the PIN is entered: plain, but still the participant's, so wiped.
    for name in [storage::LOCK, storage::PREFERRED_LANG] {
        assert!(!storage::in_vault(name), "{name}");
        assert!(!storage::kept_at_sign_out(name), "{name}");
    }
    for name in [
        storage::LANG,
        storage::TEXT_SIZE,
        storage::HIGH_CONTRAST,
        storage::DISCREET,
        storage::SHARED_PHONE,
    ] {
        assert!(!storage::in_vault(name), "{name}");
        assert!(storage::kept_at_sign_out(name), "{name}");
    }
    for name in [
        storage::SESSION,
        storage::SESSION_SEALED,
        storage::KIOSK_PIN,
    ] {
        assert!(!storage::kept_at_sign_out(name), "{name}");
    }
    // A key nobody registered fails closed: encrypted, and wiped.
    assert!(storage::in_vault("koers.something-new"));
    assert!(!storage::kept_at_sign_out("koers.something-new"));
    assert!(!storage::in_vault("other-app.setting"));
}
