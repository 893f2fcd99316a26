//! No downgrade (issue #18): where a sealed dossier belongs, a plain one is refused.

use koers::model::lookup::{generate_code, is_generated_code, plain_allowed};

#[test]
fn generated_codes_are_recognised_in_any_spelling() {
    let code = generate_code(&mut rand_core::OsRng);
    assert!(is_generated_code(&code));
    assert!(is_generated_code(&code.to_lowercase().replace('-', " ")));
    assert!(!is_generated_code("DEMO-0004"));
    // 20 symbols, but with letters generated codes never have (0, 1, I, O).
    assert!(!is_generated_code("0000-1111-IIII-OOOO-2222"));
    assert!(!is_generated_code(&code[..code.len() - 1]));
}

#[test]
fn a_plain_dossier_is_refused_where_a_sealed_one_belongs() {
    let code = generate_code(&mut rand_core::OsRng);
    assert!(!plain_allowed(Some(&code), false), "a generated code");
    assert!(
        !plain_allowed(None, true),
        "opened sealed before (a reload)"
    );
    assert!(!plain_allowed(Some("DEMO-0004"), true));
    assert!(
        plain_allowed(Some("DEMO-0001"), false),
        "demo and plain publications"
    );
    assert!(plain_allowed(None, false));
}
