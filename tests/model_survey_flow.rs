//! Filling in the demo survey (deo-2026): skip logic, steps, checks, draft, response.
use koers::model::inbox::{AnswerValue, ResponseMode};
use koers::model::survey::Anonymity;
use koers::model::survey_flow::*;
use koers::model::{decode, Instant, Survey};
use uuid::Uuid;

fn survey() -> Survey {
    let path = format!(
        "{}/public/api/v1/surveys/deo-2026.json",
        env!("CARGO_MANIFEST_DIR")
    );
    decode(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn ids(s: &Survey, draft: &Draft) -> Vec<String> {
    visible(s, &draft.answers)
        .iter()
        .map(|q| q.id.clone())
        .collect()
}

fn q(id: &str) -> Step {
    Step::Question(id.into())
}

fn now() -> Instant {
    Instant::parse("2026-11-20T10:00:00+01:00").unwrap()
}

#[test]
fn skip_rules_hide_follow_up_questions_until_they_apply() {
    let s = survey();
    let mut d = Draft::new(&s, ResponseMode::Personal);
    let all = s.questions().count();
    assert_eq!(all, 22);
    // goals_together, goals_grade, housing_grade, housing_missing, complaint_* are hidden.
    assert_eq!(ids(&s, &d).len(), all - 6);
    d.set_answer("goals_known", Some(AnswerValue::Bool(true)));
    assert!(ids(&s, &d).contains(&"goals_together".to_string()));
    assert_eq!(ids(&s, &d).len(), all - 4);
    d.set_answer("goals_known", Some(AnswerValue::Bool(false)));
    assert!(!ids(&s, &d).contains(&"goals_together".to_string()));
}

#[test]
fn next_and_previous_follow_the_shown_questions() {
    let s = survey();
    let mut d = Draft::new(&s, ResponseMode::Personal);
    assert_eq!(next(&s, &d), q("info_clear"));
    d.step = q("info_clear");
    assert_eq!(previous(&s, &d), Step::Intro);
    d.step = q("goals_known");
    d.set_answer("goals_known", Some(AnswerValue::Bool(false)));
    assert_eq!(next(&s, &d), q("mentor_listens"));
    d.set_answer("goals_known", Some(AnswerValue::Bool(true)));
    assert_eq!(next(&s, &d), q("goals_together"));
    d.step = q("mentor_listens");
    assert_eq!(previous(&s, &d), q("goals_grade"));
    d.set_answer("goals_known", Some(AnswerValue::Bool(false)));
    assert_eq!(previous(&s, &d), q("goals_known"));
    d.step = q("tip");
    assert_eq!(next(&s, &d), Step::Review);
    d.step = Step::Review;
    assert_eq!(previous(&s, &d), q("tip"));
}

#[test]
fn progress_counts_only_shown_questions() {
    let s = survey();
    let mut d = Draft::new(&s, ResponseMode::Personal);
    assert_eq!(progress(&s, &d.answers, "info_clear"), Some((1, 16)));
    assert_eq!(progress(&s, &d.answers, "mentor_listens"), Some((4, 16)));
    d.set_answer("goals_known", Some(AnswerValue::Bool(true)));
    assert_eq!(progress(&s, &d.answers, "mentor_listens"), Some((6, 18)));
    assert_eq!(progress(&s, &d.answers, "housing_grade"), None);
}

#[test]
fn required_questions_need_an_answer_and_answers_must_fit() {
    let s = survey();
    let info_clear = s.question("info_clear").unwrap();
    assert_eq!(check(info_clear, None), Err(Problem::Required));
    assert_eq!(check(info_clear, Some(&AnswerValue::Int(3))), Ok(()));
    assert_eq!(
        check(info_clear, Some(&AnswerValue::Int(7))),
        Err(Problem::Invalid("out_of_range"))
    );
    let tip = s.question("tip").unwrap();
    assert_eq!(check(tip, None), Ok(()));
    assert_eq!(check(tip, Some(&AnswerValue::Text("   ".into()))), Ok(()));
    assert_eq!(
        check(tip, Some(&AnswerValue::Text("x".repeat(1001)))),
        Err(Problem::Invalid("too_long"))
    );
    let sources = s.question("info_sources").unwrap();
    assert_eq!(
        check(sources, Some(&AnswerValue::Many(vec!["nope".into()]))),
        Err(Problem::Invalid("unknown_option"))
    );
}

#[test]
fn multiple_choice_options_toggle() {
    let s = survey();
    let mut d = Draft::new(&s, ResponseMode::Personal);
    d.toggle_option("info_sources", "mentor", true);
    d.toggle_option("info_sources", "app", true);
    d.toggle_option("info_sources", "app", true);
    assert_eq!(
        d.answer("info_sources"),
        Some(&AnswerValue::Many(vec!["mentor".into(), "app".into()]))
    );
    d.toggle_option("info_sources", "mentor", false);
    d.toggle_option("info_sources", "app", false);
    assert_eq!(d.answer("info_sources"), None);
}

fn fill_required(d: &mut Draft) {
    for (id, v) in [
        ("info_clear", AnswerValue::Int(4)),
        ("goals_known", AnswerValue::Bool(false)),
        ("mentor_listens", AnswerValue::Int(5)),
        ("mentor_grade", AnswerValue::Int(8)),
        ("lives_with_us", AnswerValue::Bool(false)),
        ("rules_clear", AnswerValue::Int(3)),
        ("contact_amount", AnswerValue::Text("right".into())),
        ("feels_safe", AnswerValue::Int(4)),
        ("had_complaint", AnswerValue::Bool(false)),
        ("overall", AnswerValue::Int(7)),
    ] {
        d.set_answer(id, Some(v));
    }
}

#[test]
fn the_first_problem_points_at_the_question_to_fix() {
    let s = survey();
    let mut d = Draft::new(&s, ResponseMode::Personal);
    assert_eq!(
        first_problem(&s, &d.answers).map(|(q, p)| (q.id.clone(), p)),
        Some(("info_clear".to_string(), Problem::Required))
    );
    fill_required(&mut d);
    assert!(first_problem(&s, &d.answers).is_none());
    d.set_answer("lives_with_us", Some(AnswerValue::Bool(true)));
    assert_eq!(
        first_problem(&s, &d.answers).map(|(q, _)| q.id.clone()),
        Some("housing_grade".into())
    );
}

#[test]
fn after_wijzig_next_skips_to_what_still_needs_an_answer() {
    let s = survey();
    let mut d = Draft::new(&s, ResponseMode::Personal);
    fill_required(&mut d);
    d.step = q("goals_known");
    d.editing = true;
    assert_eq!(next(&s, &d), Step::Review);
    d.set_answer("goals_known", Some(AnswerValue::Bool(true)));
    assert_eq!(
        next(&s, &d),
        q("goals_together"),
        "a newly shown required question"
    );
    d.step = q("goals_together");
    d.set_answer("goals_together", Some(AnswerValue::Int(2)));
    assert_eq!(next(&s, &d), Step::Review, "goals_grade is optional");
}

#[test]
fn the_response_has_only_shown_answered_questions_in_order() {
    let s = survey();
    let mut d = Draft::new(&s, ResponseMode::Personal);
    fill_required(&mut d);
    // Answered while shown, then hidden again: must not be sent.
    d.set_answer("housing_grade", Some(AnswerValue::Int(9)));
    d.set_answer("tip", Some(AnswerValue::Text("  Meer tijd  ".into())));
    d.toggle_option("info_sources", "app", true);
    d.toggle_option("info_sources", "mentor", true);
    d.set_answer("complaint_text", Some(AnswerValue::Text("".into())));
    let id = Uuid::from_u128(7);
    let r = build_response(&s, &d, id, now(), "nl", Some("p-1001"));
    assert_eq!(r.schema, "koers.survey-response/1");
    assert_eq!(r.id, id);
    assert_eq!(r.survey_id, "deo-2026");
    assert_eq!(r.mode, ResponseMode::Personal);
    assert_eq!(r.participant_id.as_deref(), Some("p-1001"));
    let qs: Vec<_> = r.answers.iter().map(|a| a.question.as_str()).collect();
    assert_eq!(
        qs,
        [
            "info_clear",
            "info_sources",
            "goals_known",
            "mentor_listens",
            "mentor_grade",
            "lives_with_us",
            "rules_clear",
            "contact_amount",
            "feels_safe",
            "had_complaint",
            "overall",
            "tip"
        ]
    );
    assert_eq!(
        r.answers.last().unwrap().value,
        AnswerValue::Text("Meer tijd".into())
    );
    assert_eq!(
        r.answers[1].value,
        AnswerValue::Many(vec!["mentor".into(), "app".into()]),
        "in the order of the options"
    );
    r.validate(&s).expect("the server takes it");
}

#[test]
fn anonymous_assisted_and_kiosk_responses_have_no_participant() {
    let mut s = survey();
    let mut d = Draft::new(&s, ResponseMode::Assisted);
    fill_required(&mut d);
    let r = build_response(&s, &d, Uuid::from_u128(1), now(), "en", Some("p-1"));
    assert_eq!(r.mode, ResponseMode::Assisted);
    assert_eq!(r.participant_id.as_deref(), Some("p-1"));
    d.anonymous = true;
    let r = build_response(&s, &d, Uuid::from_u128(1), now(), "en", Some("p-1"));
    assert_eq!(r.participant_id, None);
    r.validate(&s).unwrap();

    d.mode = ResponseMode::Kiosk;
    d.anonymous = false;
    let r = build_response(&s, &d, Uuid::from_u128(1), now(), "nl", Some("p-1"));
    assert_eq!(r.participant_id, None);
    assert_eq!(r.mode, ResponseMode::Kiosk);
    r.validate(&s).unwrap();

    s.anonymous = Anonymity::Required;
    let mut d = Draft::new(&s, ResponseMode::Personal);
    assert!(d.anonymous);
    d.anonymous = false;
    assert!(d.is_anonymous(&s), "required wins over the choice");
    s.anonymous = Anonymity::Forbidden;
    d.anonymous = true;
    assert!(!d.is_anonymous(&s));
}

#[test]
fn the_draft_survives_a_reload_on_the_same_question() {
    let s = survey();
    let mut d = Draft::new(&s, ResponseMode::Assisted);
    d.anonymous = true;
    d.set_answer("info_clear", Some(AnswerValue::Int(2)));
    d.set_answer("info_sources", Some(AnswerValue::Many(vec!["app".into()])));
    d.set_answer("goals_known", Some(AnswerValue::Bool(true)));
    d.set_answer("tip", Some(AnswerValue::Text("hoi".into())));
    d.step = q("goals_together");
    let text = d.to_json();
    let back = Draft::restore(&text, &s).unwrap();
    assert_eq!(back, d);
    assert_eq!(settle(&s, &back), q("goals_together"));
    assert_eq!(draft_key("deo-2026"), "koers.survey-draft.deo-2026");
}

#[test]
fn a_draft_of_another_version_or_survey_is_not_resumed() {
    let mut s = survey();
    let d = Draft::new(&s, ResponseMode::Personal);
    let text = d.to_json();
    s.version = 2;
    assert!(Draft::restore(&text, &s).is_none());
    assert!(Draft::restore("garbage", &s).is_none());
}

#[test]
fn a_restored_step_on_a_hidden_question_moves_on() {
    let s = survey();
    let mut d = Draft::new(&s, ResponseMode::Personal);
    d.step = q("goals_together");
    d.set_answer("goals_known", Some(AnswerValue::Bool(false)));
    assert_eq!(settle(&s, &d), q("mentor_listens"));
    d.step = q("no_such_question");
    assert_eq!(settle(&s, &d), q("info_clear"));
}

#[test]
fn the_kiosk_warns_ten_seconds_before_it_resets_after_two_minutes() {
    use koers::model::survey_flow::kiosk::{idle, Idle};
    assert_eq!(idle(0), Idle::Active);
    assert_eq!(idle(109_999), Idle::Active);
    assert_eq!(idle(110_000), Idle::Warning(10));
    assert_eq!(idle(110_001), Idle::Warning(10));
    assert_eq!(idle(119_001), Idle::Warning(1));
    assert_eq!(idle(120_000), Idle::Reset);
    assert_eq!(idle(999_999), Idle::Reset);
}

#[test]
fn a_kiosk_pin_is_four_to_eight_digits_and_kept_hashed() {
    use koers::model::survey_flow::kiosk::{pin_hash, valid_pin};
    assert!(valid_pin("1234") && valid_pin(" 12345678 "));
    assert!(!valid_pin("123") && !valid_pin("123456789") && !valid_pin("12a4") && !valid_pin(""));
    assert_eq!(pin_hash("1234"), pin_hash(" 1234"));
    assert_ne!(pin_hash("1234"), pin_hash("1235"));
    assert_eq!(pin_hash("1234").len(), 64);
}

#[test]
fn the_review_says_each_answer_in_words() {
    let s = survey();
    let question = |id: &str| s.question(id).unwrap().clone();
    let words = |id: &str, v: AnswerValue| answer_words(&question(id), Some(&v), "nl");
    assert_eq!(
        words("privacy", AnswerValue::Int(4)),
        Some(AnswerWords::Face(4))
    );
    assert_eq!(
        words("overall", AnswerValue::Int(8)),
        Some(AnswerWords::Number(8))
    );
    assert_eq!(
        words("goals_known", AnswerValue::Bool(true)),
        Some(AnswerWords::Yes)
    );
    assert_eq!(
        words("goals_known", AnswerValue::Bool(false)),
        Some(AnswerWords::No)
    );
    assert_eq!(
        words("contact_amount", AnswerValue::Text("right".into())),
        Some(AnswerWords::Text("Goed zo".into()))
    );
    // An option the survey no longer has is said by its value.
    assert_eq!(
        words("contact_amount", AnswerValue::Text("gone".into())),
        Some(AnswerWords::Text("gone".into()))
    );
    // Ticked options in the survey's order, not the order they were ticked.
    assert_eq!(
        words(
            "housing_missing",
            AnswerValue::Many(vec!["quiet".into(), "furniture".into()])
        ),
        Some(AnswerWords::Text("Meubels, Rust".into()))
    );
    assert_eq!(
        words("tip", AnswerValue::Text("Meer uitleg".into())),
        Some(AnswerWords::Text("Meer uitleg".into()))
    );
}

#[test]
fn nothing_to_say_is_no_answer_in_the_review() {
    let s = survey();
    let tip = s.question("tip").unwrap();
    assert_eq!(answer_words(tip, None, "nl"), None);
    assert_eq!(
        answer_words(tip, Some(&AnswerValue::Text("  ".into())), "nl"),
        None
    );
    let many = s.question("housing_missing").unwrap();
    assert_eq!(
        answer_words(many, Some(&AnswerValue::Many(vec![])), "nl"),
        None
    );
}

#[test]
fn five_faces_from_unhappy_to_happy() {
    let faces: Vec<_> = (1..=5).map(face).collect();
    assert_eq!(faces, ["😞", "🙁", "😐", "🙂", "😄"]);
    assert_eq!(face(9), "😄");
}

#[test]
fn results_name_an_option_by_its_label() {
    let s = survey();
    assert_eq!(
        s.option_label("contact_amount", "right", "nl"),
        Some("Goed zo")
    );
    assert_eq!(s.option_label("contact_amount", "gone", "nl"), None);
    assert_eq!(s.option_label("no_such_question", "right", "nl"), None);
}
