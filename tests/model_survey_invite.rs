//! The home screen's survey invitation: shown while this device has not sent the active
//! survey, put off for three days by "Later", never without an active survey.

use koers::model::survey_invite::{Invites, LATER_DAYS};

const DAY: i64 = 24 * 60 * 60 * 1000;

#[test]
fn invites_to_the_active_survey_until_it_is_sent() {
    let mut i = Invites::default();
    assert!(i.shows(Some("deo-2026"), 0));
    i.sent("deo-2026");
    assert!(!i.shows(Some("deo-2026"), 0));
    // The next survey is a new question.
    assert!(i.shows(Some("deo-2027"), 0));
}

#[test]
fn never_without_an_active_survey() {
    let i = Invites::default();
    assert!(!i.shows(None, 0));
    assert!(!i.shows(Some("  "), 0));
}

#[test]
fn later_asks_again_after_three_days() {
    let mut i = Invites::default();
    i.put_off("deo-2026", 1_000);
    assert!(!i.shows(Some("deo-2026"), 1_000 + LATER_DAYS * DAY - 1));
    assert!(i.shows(Some("deo-2026"), 1_000 + LATER_DAYS * DAY));
    // Only that survey is put off.
    assert!(i.shows(Some("other"), 1_000));
}

#[test]
fn what_was_stored_reads_back_and_garbage_asks_again() {
    let mut i = Invites::default();
    i.put_off("a", 5);
    i.sent("b");
    i.sent("b");
    assert_eq!(i.sent, vec!["b".to_string()]);
    assert_eq!(Invites::from_json(&i.to_json()), i);
    assert_eq!(Invites::from_json("{broken"), Invites::default());
}
