//! The sent messages a participant's phone follows: newest first, statuses only forward,
//! asked about at most every ten seconds, handled ones leave after 30 days.

use koers::model::desk::{MessageStatus, ReadReceipt};
use koers::model::sent::{SentMessages, KEEP_HANDLED_DAYS, MAX_SENT, RECHECK_MS};

fn receipt(id: &str, status: MessageStatus) -> ReadReceipt {
    ReadReceipt {
        id: id.into(),
        status,
        updated_at: "2026-12-03T09:00:00Z".into(),
    }
}

#[test]
fn a_sent_message_is_listed_newest_first_and_the_list_is_capped() {
    let mut sent = SentMessages::default();
    for i in 0..(MAX_SENT + 5) {
        sent.record(
            &format!("m{i}"),
            "vp-1",
            "2026-12-02T10:00:00+01:00",
            i as i64,
        );
    }
    assert_eq!(sent.items.len(), MAX_SENT);
    assert_eq!(sent.items[0].id, format!("m{}", MAX_SENT + 4));
    // Recording again (a retry) does not make a copy.
    sent.record("m24", "vp-1", "x", 100);
    assert_eq!(sent.items.iter().filter(|m| m.id == "m24").count(), 1);
}

#[test]
fn statuses_only_go_forward() {
    let mut sent = SentMessages::default();
    sent.record("a", "vp-1", "t", 0);
    assert!(sent.apply(&receipt("a", MessageStatus::Read), 1_000));
    assert_eq!(sent.items[0].status, Some(MessageStatus::Read));
    assert!(!sent.apply(&receipt("a", MessageStatus::Received), 2_000));
    assert_eq!(sent.items[0].status, Some(MessageStatus::Read));
    assert!(sent.apply(&receipt("a", MessageStatus::Handled), 3_000));
    assert!(!sent.apply(&receipt("b", MessageStatus::Read), 3_000));
}

#[test]
fn a_receipt_is_asked_at_most_every_ten_seconds_and_never_after_handled() {
    let mut sent = SentMessages::default();
    sent.record("a", "vp-1", "t", 0);
    sent.record("b", "vp-1", "t", 0);
    let now = 10 * RECHECK_MS;
    assert_eq!(sent.due(now).len(), 2);
    sent.checked("a", now);
    sent.apply(&receipt("b", MessageStatus::Handled), now);
    assert!(sent.due(now + 1).is_empty());
    assert_eq!(sent.due(now + RECHECK_MS), vec!["a".to_string()]);
}

#[test]
fn handled_messages_leave_after_a_month() {
    let day = 24 * 60 * 60 * 1000;
    let mut sent = SentMessages::default();
    sent.record("old", "vp-1", "t", 0);
    sent.record("open", "vp-1", "t", 0);
    sent.apply(&receipt("old", MessageStatus::Handled), 0);
    sent.prune(KEEP_HANDLED_DAYS * day - 1);
    assert_eq!(sent.items.len(), 2);
    sent.prune(KEEP_HANDLED_DAYS * day);
    assert_eq!(
        sent.items.iter().map(|m| m.id.as_str()).collect::<Vec<_>>(),
        vec!["open"]
    );
    sent.forget("open");
    assert!(sent.items.is_empty());
}

#[test]
fn an_unreadable_list_is_an_empty_one() {
    assert_eq!(SentMessages::from_json("not json"), SentMessages::default());
    let mut sent = SentMessages::default();
    sent.record("a", "vp-1", "t", 5);
    assert_eq!(SentMessages::from_json(&sent.to_json()), sent);
}
