//! The reader's display rules: which language the app starts in, text size limits.
use koers::model::display::{flag, is_rtl, offered, pick_language, text_size, LANGUAGES};

#[test]
fn own_choice_wins_over_everything() {
    assert_eq!(pick_language(Some("tr"), Some("ar"), ["pl"]), "tr");
}

#[test]
fn preferred_language_comes_before_the_device() {
    assert_eq!(pick_language(None, Some("ar"), ["en-GB", "nl"]), "ar");
}

#[test]
fn device_language_when_nothing_is_chosen_or_preferred() {
    assert_eq!(pick_language(None, None, ["pl-PL", "en"]), "pl");
    // The first *offered* device language, not just the first one.
    assert_eq!(pick_language(None, None, ["fr-FR", "tr-TR", "en"]), "tr");
}

#[test]
fn dutch_when_nothing_is_offered() {
    assert_eq!(pick_language(None, None, []), "nl");
    assert_eq!(pick_language(None, Some("so"), ["fr", "de"]), "nl");
}

#[test]
fn values_not_offered_are_passed_over() {
    assert_eq!(pick_language(Some("xx"), Some("so"), ["ar-MA"]), "ar");
    assert_eq!(pick_language(Some(""), Some("PL"), ["en"]), "pl");
}

#[test]
fn regional_tags_map_to_the_offered_language() {
    assert_eq!(offered("ar-EG"), Some("ar"));
    assert_eq!(offered("EN_us"), Some("en"));
    assert_eq!(offered("tr"), Some("tr"));
    assert_eq!(offered("fy"), None);
    assert_eq!(LANGUAGES[0], "nl");
}

#[test]
fn only_arabic_is_right_to_left() {
    assert!(is_rtl("ar"));
    assert!(is_rtl("ar-SA"));
    for lang in ["nl", "en", "pl", "tr"] {
        assert!(!is_rtl(lang), "{lang}");
    }
}

#[test]
fn text_size_stays_between_100_and_200_on_steps_of_25() {
    assert_eq!(text_size(None), 100);
    assert_eq!(text_size(Some("150")), 150);
    assert_eq!(text_size(Some("175%")), 175);
    assert_eq!(text_size(Some("130")), 125);
    assert_eq!(text_size(Some("140")), 150);
    assert_eq!(text_size(Some("50")), 100);
    assert_eq!(text_size(Some("900")), 200);
    assert_eq!(text_size(Some("-3")), 100);
    assert_eq!(text_size(Some("NaN")), 100);
    assert_eq!(text_size(Some("inf")), 100);
    assert_eq!(text_size(Some("groot")), 100);
    // Decimals, signs and spaces as a person or another app may have stored them.
    assert_eq!(text_size(Some(" 162.6 % ")), 175);
    assert_eq!(text_size(Some("162.4")), 150);
    assert_eq!(text_size(Some("+125")), 125);
    assert_eq!(text_size(Some("199.99")), 200);
    assert_eq!(text_size(Some("138.")), 150);
    assert_eq!(text_size(Some(".5")), 100);
    assert_eq!(text_size(Some("99999999999999999999999")), 200);
    for unreadable in ["", "%", "-", ".", "1e2", "1.2.3", "١٥٠", "15 0", "0x96"] {
        assert_eq!(text_size(Some(unreadable)), 100, "{unreadable:?}");
    }
}

#[test]
fn flags_are_on_only_when_clearly_set() {
    assert!(flag(Some("1")));
    assert!(flag(Some("true")));
    assert!(!flag(Some("0")));
    assert!(!flag(Some("")));
    assert!(!flag(None));
}
