//! The outbox state machine: sending, backoff, failures, persistence.
use koers::model::inbox::InboxKind;
use koers::model::outbox::*;
use serde_json::json;
use uuid::Uuid;

fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

fn with_one() -> Outbox {
    let mut outbox = Outbox::default();
    outbox.enqueue(
        InboxKind::SurveyResponses,
        id(1),
        json!({"id": id(1), "answers": []}),
        1_000,
    );
    outbox
}

#[test]
fn a_new_item_waits_and_is_due_at_once() {
    let mut outbox = with_one();
    assert_eq!(outbox.state(id(1)), Some(&ItemState::Waiting));
    assert_eq!(outbox.next_due(None), Some(1_000));
    let due = outbox.take_due(1_000, None);
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].kind, InboxKind::SurveyResponses);
    assert_eq!(due[0].body["answers"], json!([]));
}

#[test]
fn an_item_in_flight_is_not_handed_out_twice() {
    let mut outbox = with_one();
    assert_eq!(outbox.take_due(1_000, None).len(), 1);
    assert!(outbox.take_due(5_000, None).is_empty());
    assert_eq!(outbox.next_due(None), None);
}

#[test]
fn the_same_id_is_enqueued_once() {
    let mut outbox = with_one();
    outbox.enqueue(InboxKind::SurveyResponses, id(1), json!({}), 2_000);
    assert_eq!(outbox.items.len(), 1);
}

#[test]
fn stored_means_sent_and_the_body_is_dropped() {
    let mut outbox = with_one();
    outbox.take_due(1_000, None);
    outbox.record(id(1), Outcome::Stored, 1_500, 0.0);
    let item = outbox.get(id(1)).unwrap();
    assert_eq!(item.state, ItemState::Sent);
    assert_eq!(item.body, None);
    assert_eq!(item.sent_at, Some(1_500));
    assert_eq!(item.attempts, 1);
    assert!(!outbox.to_json().contains("answers"));
    assert_eq!(outbox.waiting(), 0);
}

#[test]
fn a_network_failure_is_retried_with_growing_pauses() {
    let mut outbox = with_one();
    let mut now = 1_000;
    let mut waits = vec![];
    for _ in 0..10 {
        assert_eq!(outbox.take_due(now, None).len(), 1);
        outbox.record(id(1), Outcome::Network, now, 0.0);
        let next = outbox.next_due(None).unwrap();
        waits.push(next - now);
        assert!(
            outbox.take_due(next - 1, None).is_empty(),
            "not before its time"
        );
        now = next;
    }
    assert_eq!(
        waits,
        vec![2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000, 300_000, 300_000]
    );
    assert_eq!(outbox.state(id(1)), Some(&ItemState::Waiting));
}

#[test]
fn backoff_is_capped_and_jitter_only_shortens() {
    assert_eq!(backoff(1, 0.0), 2_000);
    assert_eq!(backoff(2, 0.0), 4_000);
    assert_eq!(backoff(100, 0.0), MAX_DELAY);
    assert_eq!(backoff(0, 0.0), 2_000);
    for attempts in 1..30 {
        for jitter in [0.0, 0.3, 0.99] {
            let d = backoff(attempts, jitter);
            assert!(d <= MAX_DELAY && d >= backoff(attempts, 0.0) * 4 / 5);
        }
    }
}

#[test]
fn server_errors_timeouts_and_rate_limits_are_retried() {
    for status in [500, 502, 503, 408, 429] {
        let mut outbox = with_one();
        outbox.take_due(1_000, None);
        outbox.record(id(1), Outcome::status(status, "x"), 1_000, 0.0);
        assert_eq!(outbox.state(id(1)), Some(&ItemState::Waiting), "{status}");
        assert_eq!(outbox.next_due(None), Some(3_000));
    }
}

#[test]
fn retry_after_is_honoured() {
    let mut outbox = with_one();
    outbox.take_due(1_000, None);
    outbox.record(
        id(1),
        Outcome::Http {
            status: 429,
            reason: "slow down".into(),
            retry_after_secs: Some(30),
        },
        1_000,
        0.0,
    );
    assert_eq!(outbox.next_due(None), Some(31_000));
}

#[test]
fn a_refusal_fails_for_good_with_its_reason() {
    for status in [400, 404, 413, 415, 422] {
        let mut outbox = with_one();
        outbox.take_due(1_000, None);
        outbox.record(id(1), Outcome::status(status, "survey_version"), 1_000, 0.0);
        assert_eq!(
            outbox.state(id(1)),
            Some(&ItemState::Failed("survey_version".into())),
            "{status}"
        );
        assert!(outbox.take_due(i64::MAX, None).is_empty());
        assert_eq!(outbox.next_due(None), None);
    }
}

#[test]
fn a_failed_item_can_be_retried_or_discarded() {
    let mut outbox = with_one();
    outbox.take_due(1_000, None);
    outbox.record(id(1), Outcome::status(422, "bad"), 1_000, 0.0);
    outbox.retry(id(1), 9_000);
    assert_eq!(outbox.state(id(1)), Some(&ItemState::Waiting));
    assert_eq!(outbox.take_due(9_000, None).len(), 1);
    outbox.discard(id(1));
    assert!(outbox.items.is_empty());
}

#[test]
fn coming_online_makes_everything_due_now() {
    let mut outbox = with_one();
    outbox.take_due(1_000, None);
    outbox.record(id(1), Outcome::Network, 1_000, 0.0);
    for _ in 0..5 {
        let next = outbox.next_due(None).unwrap();
        outbox.take_due(next, None);
        outbox.record(id(1), Outcome::Network, next, 0.0);
    }
    assert!(outbox.next_due(None).unwrap() > 100_000);
    outbox.wake(100_000);
    assert_eq!(outbox.take_due(100_000, None).len(), 1);
}

#[test]
fn a_late_answer_for_a_settled_item_changes_nothing() {
    let mut outbox = with_one();
    outbox.take_due(1_000, None);
    outbox.record(id(1), Outcome::Stored, 1_000, 0.0);
    outbox.record(id(1), Outcome::Network, 2_000, 0.0);
    assert_eq!(outbox.state(id(1)), Some(&ItemState::Sent));
    outbox.record(id(99), Outcome::Stored, 2_000, 0.0);
}

#[test]
fn sent_items_are_kept_briefly() {
    let mut outbox = with_one();
    outbox.enqueue(InboxKind::Messages, id(2), json!({"body": "hoi"}), 1_000);
    outbox.take_due(1_000, None);
    outbox.record(id(1), Outcome::Stored, 1_000, 0.0);
    outbox.prune(1_000 + KEEP_SENT - 1);
    assert_eq!(outbox.items.len(), 2);
    outbox.prune(1_000 + KEEP_SENT);
    assert_eq!(outbox.items.len(), 1);
    assert_eq!(outbox.items[0].id, id(2), "waiting items are never pruned");
}

#[test]
fn the_outbox_survives_a_reload() {
    let mut outbox = with_one();
    outbox.enqueue(InboxKind::Acknowledgements, id(2), json!({"v": 2}), 1_000);
    outbox.enqueue(InboxKind::GoalReflections, id(3), json!({"v": 3}), 1_000);
    outbox.take_due(1_000, None);
    outbox.record(id(1), Outcome::Stored, 1_000, 0.0);
    outbox.record(id(2), Outcome::status(422, "too_long"), 1_000, 0.0);
    // id(3) is in flight when the page goes away.
    let text = outbox.to_json();
    let back = Outbox::from_json(&text);
    assert_eq!(back.state(id(1)), Some(&ItemState::Sent));
    assert_eq!(
        back.state(id(2)),
        Some(&ItemState::Failed("too_long".into()))
    );
    assert_eq!(back.state(id(3)), Some(&ItemState::Waiting));
    assert!(
        !back.get(id(3)).unwrap().in_flight,
        "nothing is in flight after a reload"
    );
    assert_eq!(back.get(id(3)).unwrap().body, Some(json!({"v": 3})));
    assert_eq!(back.get(id(2)).unwrap().kind, InboxKind::Acknowledgements);
    let mut back = back;
    assert_eq!(back.take_due(1_000, None).len(), 1);
}

#[test]
fn the_stored_form_is_the_one_earlier_versions_wrote() {
    // Written by an earlier version of the app (state and reason next to the other fields):
    // a participant updating the app keeps what was waiting.
    let earlier = r#"{"items":[
        {"id":"00000000-0000-4000-8000-000000000001","kind":"survey-responses","body":{"v":1},"state":"waiting","attempts":2,"next_attempt_at":5000,"created_at":1000},
        {"id":"00000000-0000-4000-8000-000000000002","kind":"acknowledgements","state":"failed","reason":"too_long","attempts":1,"next_attempt_at":0,"created_at":1000},
        {"id":"00000000-0000-4000-8000-000000000003","kind":"messages","state":"sent","attempts":1,"next_attempt_at":0,"created_at":1000,"sent_at":2000}
    ]}"#;
    let outbox = Outbox::from_json(earlier);
    assert_eq!(outbox.items.len(), 3);
    assert_eq!(outbox.items[0].state, ItemState::Waiting);
    assert_eq!(outbox.items[0].attempts, 2);
    assert_eq!(outbox.items[0].body, Some(json!({"v": 1})));
    assert_eq!(outbox.items[1].state, ItemState::Failed("too_long".into()));
    assert_eq!(outbox.items[2].state, ItemState::Sent);
    assert_eq!(outbox.items[2].sent_at, Some(2000));
    let written: serde_json::Value = serde_json::from_str(&outbox.to_json()).unwrap();
    let expected: serde_json::Value = serde_json::from_str(earlier).unwrap();
    assert_eq!(written, expected, "written back exactly as read");
    // An unknown state is refused, as before.
    assert!(Outbox::from_json(&earlier.replace("\"sent\"", "\"lost\""))
        .items
        .is_empty());
}

#[test]
fn a_damaged_store_reads_as_empty() {
    assert!(Outbox::from_json("not json").items.is_empty());
    assert!(Outbox::from_json("{\"items\": 3}").items.is_empty());
    assert!(Outbox::from_json("").items.is_empty());
}

#[test]
fn a_write_in_a_name_waits_for_that_names_proof() {
    let mut outbox = Outbox::default();
    let ack = json!({"id": id(1), "participant_id": "p-1"});
    outbox.enqueue(InboxKind::Acknowledgements, id(1), ack, 1_000);
    outbox.enqueue_as(
        InboxKind::Messages,
        id(2),
        json!({"id": id(2), "sealed": {}}),
        Some("p-1".into()),
        1_000,
    );
    outbox.enqueue(
        InboxKind::SurveyResponses,
        id(3),
        json!({"participant_id": null}),
        1_000,
    );
    assert_eq!(outbox.get(id(1)).unwrap().writer.as_deref(), Some("p-1"));
    // No proof (the tab was closed): only the anonymous write goes, and the timer does
    // not spin on the others.
    let due: Vec<Uuid> = outbox.take_due(1_000, None).iter().map(|d| d.id).collect();
    assert_eq!(due, [id(3)]);
    outbox.record(id(3), Outcome::Stored, 1_000, 0.0);
    assert_eq!(outbox.next_due(None), None);
    assert!(outbox.awaits_proof(id(1), None));
    assert!(
        outbox.awaits_proof(id(2), Some("p-2")),
        "another participant's proof"
    );
    assert!(!outbox.awaits_proof(id(3), None));
    assert_eq!(outbox.waiting(), 2, "still waiting, nothing dropped");
    // It survives a reload, and goes once the proof is back (next sign-in or unlock).
    let mut back = Outbox::from_json(&outbox.to_json());
    assert!(back.awaits_proof(id(2), None));
    assert_eq!(back.next_due(Some("p-1")), Some(1_000));
    let due: Vec<Uuid> = back
        .take_due(2_000, Some("p-1"))
        .iter()
        .map(|d| d.id)
        .collect();
    assert_eq!(due, [id(1), id(2)]);
}

#[test]
fn an_item_stored_before_trusted_writes_knows_its_writer_from_its_body() {
    let earlier = r#"{"items":[{"id":"00000000-0000-4000-8000-000000000001","kind":"acknowledgements","body":{"participant_id":"p-9"},"state":"waiting","attempts":0,"next_attempt_at":0,"created_at":1}]}"#;
    let outbox = Outbox::from_json(earlier);
    assert_eq!(outbox.items[0].writer.as_deref(), Some("p-9"));
    assert!(outbox.awaits_proof(outbox.items[0].id, None));
}

#[test]
fn something_is_due_exactly_when_take_due_hands_it_out() {
    let mut outbox = Outbox::default();
    assert!(!outbox.has_due(1_000, None), "an empty outbox");
    outbox.enqueue(
        InboxKind::Acknowledgements,
        id(1),
        json!({"participant_id": "p-1"}),
        1_000,
    );
    assert!(!outbox.has_due(999, Some("p-1")), "not yet");
    assert!(!outbox.has_due(1_000, None), "waits for its writer's proof");
    assert!(outbox.has_due(1_000, Some("p-1")));
    assert_eq!(outbox.clone().take_due(1_000, Some("p-1")).len(), 1);
    // In flight: nothing more to hand out.
    outbox.take_due(1_000, Some("p-1"));
    assert!(!outbox.has_due(1_000, Some("p-1")));
    // A network failure: due again after its pause, and then handed out again.
    outbox.record(id(1), Outcome::Network, 1_000, 0.0);
    let again = outbox.next_due(Some("p-1")).unwrap();
    assert!(again > 1_000);
    assert!(!outbox.has_due(again - 1, Some("p-1")));
    assert!(outbox.take_due(again - 1, Some("p-1")).is_empty());
    assert!(outbox.has_due(again, Some("p-1")));
    assert_eq!(outbox.take_due(again, Some("p-1")).len(), 1);
    // Stored: nothing is due any more.
    outbox.record(id(1), Outcome::Stored, again, 0.0);
    assert!(!outbox.has_due(again + 60_000, Some("p-1")));
}
