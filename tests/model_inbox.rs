//! Native tests of the inbox bodies of api-v1.md: they decode as the contract writes
//! them, and the checks the app and the server share accept and reject the right ones.

use koers::model::decode;
use koers::model::inbox::{
    check_answer, is_answered, is_visible, valid_email, Acknowledgement, Answer, AnswerValue,
    Answers, ErrorBody, GoalReflection, InboxError, InboxKind, Message, ReplyVia, ResponseMode,
    SurveyResponse,
};
use koers::model::survey::{Question, Survey, DEFAULT_TEXT_MAX};
use serde_json::{json, Value};

const SURVEY: &str = include_str!("fixtures/contract/survey.json");
const RESPONSE: &str = include_str!("fixtures/contract/survey-response.json");
const MESSAGE: &str = include_str!("fixtures/contract/message.json");
const ACK: &str = include_str!("fixtures/contract/acknowledgement.json");
const REFLECTION: &str = include_str!("fixtures/contract/goal-reflection.json");

// ---------------------------------------------------------------- helpers

fn survey() -> Survey {
    decode(SURVEY).expect("survey fixture decodes")
}

fn survey_with(edit: impl FnOnce(&mut Value)) -> Survey {
    let mut v: Value = serde_json::from_str(SURVEY).unwrap();
    edit(&mut v);
    decode(&v.to_string()).expect("survey decodes")
}

fn response() -> SurveyResponse {
    serde_json::from_str(RESPONSE).expect("response fixture decodes")
}

/// The contract's response with its answers replaced.
fn response_with(answers: Value) -> SurveyResponse {
    let mut v: Value = serde_json::from_str(RESPONSE).unwrap();
    v["answers"] = answers;
    serde_json::from_value(v).expect("response decodes")
}

fn message() -> Message {
    serde_json::from_str(MESSAGE).expect("message fixture decodes")
}

fn ack() -> Acknowledgement {
    serde_json::from_str(ACK).expect("acknowledgement fixture decodes")
}

fn reflection() -> GoalReflection {
    serde_json::from_str(REFLECTION).expect("reflection fixture decodes")
}

/// Asserts a rejection with this code and field.
#[track_caller]
fn rejected(result: Result<(), InboxError>, code: &str, field: &str) {
    let e = result.expect_err("must be rejected");
    assert_eq!(
        (e.code.as_str(), e.field.as_deref()),
        (code, Some(field)),
        "{e}"
    );
}

fn question(v: Value) -> Question {
    serde_json::from_value(v).expect("question decodes")
}

// ---------------------------------------------------------------- the contract's bodies

#[test]
fn contract_survey_response_decodes() {
    let r = response();
    assert_eq!(r.schema, "koers.survey-response/1");
    assert_eq!(r.id.to_string(), "6f1c2b9e-3d4a-4c8b-9e21-0a7d5f3b8c11");
    assert_eq!(r.survey_id, "deo-2026");
    assert_eq!(r.survey_version, 1);
    assert_eq!(r.submitted_at.0.to_rfc3339(), "2026-11-25T14:03:00+01:00");
    assert_eq!(r.language, "nl");
    assert_eq!(r.mode, ResponseMode::Personal);
    assert_eq!(r.participant_id.as_deref(), Some("p-1001"));
    let values: Vec<_> = r.answers.iter().map(|a| a.value.clone()).collect();
    assert_eq!(
        values,
        [
            AnswerValue::Bool(true),
            AnswerValue::Int(8),
            AnswerValue::Int(4),
            AnswerValue::Text("week".into()),
            AnswerValue::Many(vec!["work".into(), "money".into()]),
            AnswerValue::Text("Meer tijd.".into()),
        ]
    );
}

#[test]
fn contract_survey_response_validates() {
    assert_eq!(response().validate(&survey()), Ok(()));
}

#[test]
fn contract_message_decodes_and_validates() {
    let m = message();
    assert_eq!(m.schema, "koers.message/1");
    assert_eq!(m.to, "vp-1");
    assert_eq!(m.participant_id.as_deref(), Some("p-1001"));
    assert!(m.callback_requested);
    assert_eq!(
        m.reply_via,
        Some(ReplyVia {
            phone: Some("+31 6 12345678".into()),
            email: None
        })
    );
    assert!(m.body.starts_with("Ik wil graag"));
    assert_eq!(m.validate(None), Ok(()));
    assert_eq!(m.validate(Some(true)), Ok(()));
}

#[test]
fn contract_acknowledgement_decodes_and_validates() {
    let a = ack();
    assert_eq!(a.schema, "koers.acknowledgement/1");
    assert_eq!(a.participant_id, "p-1001");
    assert_eq!(a.agreement_id, "a1");
    assert_eq!(a.agreement_version, 2);
    assert_eq!(
        a.acknowledged_at.0.to_rfc3339(),
        "2026-11-25T09:00:00+01:00"
    );
    assert_eq!(a.validate(), Ok(()));
}

#[test]
fn contract_goal_reflection_decodes_and_validates() {
    let g = reflection();
    assert_eq!(g.schema, "koers.goal-reflection/1");
    assert_eq!(g.goal_id, "g1");
    assert_eq!(g.rating, 7);
    assert!(g.text.starts_with("Het gaat beter"));
    assert_eq!(g.validate(), Ok(()));
}

#[test]
fn inbox_bodies_serialise_with_the_contracts_field_names() {
    for (text, value) in [
        (RESPONSE, serde_json::to_value(response()).unwrap()),
        (MESSAGE, serde_json::to_value(message()).unwrap()),
        (ACK, serde_json::to_value(ack()).unwrap()),
        (REFLECTION, serde_json::to_value(reflection()).unwrap()),
    ] {
        let original: Value = serde_json::from_str(text).unwrap();
        assert_eq!(value, original);
    }
}

#[test]
fn anonymous_response_serialises_participant_id_as_null() {
    let mut r = response();
    r.participant_id = None;
    let v = serde_json::to_value(&r).unwrap();
    assert_eq!(v["participant_id"], Value::Null);
    let mut m = message();
    m.reply_via = None;
    m.participant_id = None;
    let v = serde_json::to_value(&m).unwrap();
    assert_eq!(
        (v["reply_via"].clone(), v["participant_id"].clone()),
        (Value::Null, Value::Null)
    );
}

#[test]
fn every_response_mode_decodes() {
    for (wire, mode) in [
        ("personal", ResponseMode::Personal),
        ("assisted", ResponseMode::Assisted),
        ("kiosk", ResponseMode::Kiosk),
    ] {
        assert_eq!(
            serde_json::from_value::<ResponseMode>(json!(wire)).unwrap(),
            mode
        );
        assert_eq!(mode.as_str(), wire);
    }
}

#[test]
fn inbox_bodies_are_strict() {
    let mut v: Value = serde_json::from_str(RESPONSE).unwrap();
    v["mode"] = json!("online");
    assert!(
        serde_json::from_value::<SurveyResponse>(v).is_err(),
        "unknown mode"
    );
    let mut v: Value = serde_json::from_str(RESPONSE).unwrap();
    v["id"] = json!("not-a-uuid");
    assert!(
        serde_json::from_value::<SurveyResponse>(v).is_err(),
        "id must be a UUID"
    );
    let mut v: Value = serde_json::from_str(RESPONSE).unwrap();
    v.as_object_mut().unwrap().remove("answers");
    assert!(
        serde_json::from_value::<SurveyResponse>(v).is_err(),
        "answers are required"
    );
    let mut v: Value = serde_json::from_str(REFLECTION).unwrap();
    v["rating"] = json!(300);
    assert!(
        serde_json::from_value::<GoalReflection>(v).is_err(),
        "rating is a small number"
    );
    let mut v: Value = serde_json::from_str(ACK).unwrap();
    v["acknowledged_at"] = json!("gisteren");
    assert!(serde_json::from_value::<Acknowledgement>(v).is_err());
}

#[test]
fn answer_values_decode_by_json_type() {
    let decode_value = |v: Value| serde_json::from_value::<AnswerValue>(v).unwrap();
    assert_eq!(decode_value(json!(8)), AnswerValue::Int(8));
    assert_eq!(decode_value(json!(true)), AnswerValue::Bool(true));
    assert_eq!(
        decode_value(json!("week")),
        AnswerValue::Text("week".into())
    );
    assert_eq!(
        decode_value(json!(["a", "b"])),
        AnswerValue::Many(vec!["a".into(), "b".into()])
    );
    assert_eq!(decode_value(json!([])), AnswerValue::Many(vec![]));
    assert!(serde_json::from_value::<AnswerValue>(json!(null)).is_err());
    assert!(serde_json::from_value::<AnswerValue>(json!({"x": 1})).is_err());
}

#[test]
fn answer_values_serialise_as_plain_json() {
    let a = Answer {
        question: "q1".into(),
        value: AnswerValue::Int(8),
    };
    assert_eq!(
        serde_json::to_value(&a).unwrap(),
        json!({"question": "q1", "value": 8})
    );
    assert_eq!(
        serde_json::to_value(AnswerValue::Many(vec!["x".into()])).unwrap(),
        json!(["x"])
    );
}

// ---------------------------------------------------------------- inbox kinds and errors

#[test]
fn inbox_kinds_have_the_contracts_paths_and_schemas() {
    let rows: Vec<_> = InboxKind::ALL
        .iter()
        .map(|k| (k.path(), k.schema()))
        .collect();
    assert_eq!(
        rows,
        [
            ("survey-responses", "koers.survey-response/1"),
            ("messages", "koers.message/1"),
            ("goal-reflections", "koers.goal-reflection/1"),
            ("acknowledgements", "koers.acknowledgement/1"),
        ]
    );
    for kind in InboxKind::ALL {
        assert_eq!(InboxKind::from_path(kind.path()), Some(kind));
    }
    assert_eq!(InboxKind::from_path("survey-response"), None);
    assert_eq!(InboxKind::from_path(""), None);
}

#[test]
fn inbox_kinds_serialise_as_their_paths() {
    for kind in InboxKind::ALL {
        assert_eq!(serde_json::to_value(kind).unwrap(), json!(kind.path()));
    }
}

#[test]
fn error_body_has_the_contracts_shape() {
    let body = ErrorBody {
        error: InboxError::new("too_long", "at most 2000 characters", Some("body")),
    };
    assert_eq!(
        serde_json::to_value(&body).unwrap(),
        json!({"error": {"code": "too_long", "message": "at most 2000 characters", "field": "body"}})
    );
    let body = ErrorBody {
        error: InboxError::new("rate_limited", "slow down", None),
    };
    assert_eq!(
        serde_json::to_value(&body).unwrap(),
        json!({"error": {"code": "rate_limited", "message": "slow down"}})
    );
    let back: ErrorBody =
        serde_json::from_value(json!({"error": {"code": "x", "message": "y"}})).unwrap();
    assert_eq!(back.error.field, None);
}

#[test]
fn inbox_error_displays_code_field_and_message() {
    assert_eq!(
        InboxError::new("required", "empty", Some("body")).to_string(),
        "required (body): empty"
    );
    assert_eq!(
        InboxError::new("schema", "wrong", None).to_string(),
        "schema: wrong"
    );
}

// ---------------------------------------------------------------- survey response: schema and survey

#[test]
fn response_with_a_minor_schema_version_is_accepted() {
    let mut r = response();
    r.schema = "koers.survey-response/1.2".into();
    assert_eq!(r.validate(&survey()), Ok(()));
}

#[test]
fn response_with_another_schema_is_rejected() {
    let mut r = response();
    r.schema = "koers.message/1".into();
    rejected(r.validate(&survey()), "schema", "schema");
    r.schema = String::new();
    rejected(r.validate(&survey()), "schema", "schema");
}

#[test]
fn response_with_schema_version_2_is_unsupported() {
    let mut r = response();
    r.schema = "koers.survey-response/2".into();
    rejected(r.validate(&survey()), "unsupported_schema", "schema");
}

#[test]
fn response_to_another_survey_is_rejected() {
    let mut r = response();
    r.survey_id = "deo-2025".into();
    rejected(r.validate(&survey()), "unknown_survey", "survey_id");
}

#[test]
fn response_to_an_old_version_is_rejected() {
    let mut r = response();
    r.survey_version = 2;
    rejected(r.validate(&survey()), "survey_version", "survey_version");
}

#[test]
fn response_with_an_absurd_language_is_rejected() {
    let mut r = response();
    r.language = "x".repeat(17);
    rejected(r.validate(&survey()), "too_long", "language");
}

// ---------------------------------------------------------------- survey response: required and skip logic

#[test]
fn only_the_required_answers_are_enough() {
    let r =
        response_with(json!([{"question": "q0", "value": true}, {"question": "q1", "value": 7}]));
    assert_eq!(r.validate(&survey()), Ok(()));
}

#[test]
fn a_missing_required_answer_is_rejected() {
    let r = response_with(json!([{"question": "q1", "value": 7}]));
    // q1 depends on q0, so without q0 it was not shown either.
    rejected(r.validate(&survey()), "not_shown", "answers[0].question");
    let r = response_with(json!([{"question": "q2", "value": 3}]));
    let e = r.validate(&survey()).unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.field.as_deref()),
        ("required", Some("answers"))
    );
    assert!(e.message.contains("q0"), "{e}");
}

#[test]
fn a_required_question_that_is_shown_must_be_answered() {
    let r = response_with(json!([{"question": "q0", "value": true}]));
    let e = r.validate(&survey()).unwrap_err();
    assert_eq!(e.code, "required");
    assert!(e.message.contains("q1"), "{e}");
}

#[test]
fn a_required_question_that_is_skipped_needs_no_answer() {
    let r = response_with(json!([{"question": "q0", "value": false}]));
    assert_eq!(r.validate(&survey()), Ok(()));
}

#[test]
fn an_answer_to_a_skipped_question_is_rejected() {
    let r =
        response_with(json!([{"question": "q0", "value": false}, {"question": "q1", "value": 7}]));
    rejected(r.validate(&survey()), "not_shown", "answers[1].question");
}

#[test]
fn skip_logic_on_a_choice() {
    let s = survey_with(|v| {
        v["sections"][0]["questions"][5]["show_if"] = json!({"question": "q3", "equals": "month"});
        v["sections"][0]["questions"][5]["required"] = json!(true);
    });
    let base = json!({"question": "q0", "value": false});
    let r = response_with(json!([base, {"question": "q3", "value": "week"}]));
    assert_eq!(r.validate(&s), Ok(()), "q5 is not shown");
    let r = response_with(json!([base, {"question": "q3", "value": "month"}]));
    assert_eq!(
        r.validate(&s).unwrap_err().code,
        "required",
        "q5 is shown and required"
    );
    let r = response_with(
        json!([base, {"question": "q3", "value": "month"}, {"question": "q5", "value": "Vaker"}]),
    );
    assert_eq!(r.validate(&s), Ok(()));
}

#[test]
fn skip_logic_on_a_multi_choice_means_one_of_the_chosen() {
    let s = survey_with(|v| {
        v["sections"][0]["questions"][5]["show_if"] = json!({"question": "q4", "equals": "money"});
    });
    let base = json!({"question": "q0", "value": false});
    let r = response_with(
        json!([base, {"question": "q4", "value": ["work", "money"]}, {"question": "q5", "value": "x"}]),
    );
    assert_eq!(r.validate(&s), Ok(()));
    let r = response_with(
        json!([base, {"question": "q4", "value": ["work"]}, {"question": "q5", "value": "x"}]),
    );
    rejected(r.validate(&s), "not_shown", "answers[2].question");
}

#[test]
fn skip_logic_on_a_grade() {
    let s = survey_with(|v| {
        v["sections"][0]["questions"][5]["show_if"] = json!({"question": "q1", "equals": 1});
    });
    let r = response_with(json!([
        {"question": "q0", "value": true}, {"question": "q1", "value": 1}, {"question": "q5", "value": "Alles"}
    ]));
    assert_eq!(r.validate(&s), Ok(()));
    let r = response_with(json!([
        {"question": "q0", "value": true}, {"question": "q1", "value": 2}, {"question": "q5", "value": "Alles"}
    ]));
    rejected(r.validate(&s), "not_shown", "answers[2].question");
}

#[test]
fn skip_logic_on_a_question_that_does_not_exist_hides_the_question() {
    let s = survey_with(|v| {
        v["sections"][0]["questions"][5]["show_if"] = json!({"question": "q99", "equals": true});
        v["sections"][0]["questions"][5]["required"] = json!(true);
    });
    let r = response_with(json!([{"question": "q0", "value": false}]));
    assert_eq!(r.validate(&s), Ok(()));
}

#[test]
fn an_empty_text_does_not_count_as_an_answer_to_a_required_question() {
    let s = survey_with(|v| v["sections"][0]["questions"][5]["required"] = json!(true));
    let r = response_with(
        json!([{"question": "q0", "value": false}, {"question": "q5", "value": "   "}]),
    );
    assert_eq!(r.validate(&s).unwrap_err().code, "required");
}

#[test]
fn no_options_chosen_does_not_count_as_an_answer_to_a_required_question() {
    let s = survey_with(|v| v["sections"][0]["questions"][4]["required"] = json!(true));
    let r =
        response_with(json!([{"question": "q0", "value": false}, {"question": "q4", "value": []}]));
    assert_eq!(r.validate(&s).unwrap_err().code, "required");
}

#[test]
fn an_empty_optional_text_is_fine() {
    let r =
        response_with(json!([{"question": "q0", "value": false}, {"question": "q5", "value": ""}]));
    assert_eq!(r.validate(&survey()), Ok(()));
}

// ---------------------------------------------------------------- survey response: types and ranges

fn with_answer(question: &str, value: Value) -> SurveyResponse {
    response_with(
        json!([{"question": "q0", "value": true}, {"question": "q1", "value": 8}, {"question": question, "value": value}]),
    )
}

#[test]
fn a_grade_must_be_1_to_10() {
    let s = survey();
    for ok in [1, 10] {
        let r = response_with(
            json!([{"question": "q0", "value": true}, {"question": "q1", "value": ok}]),
        );
        assert_eq!(r.validate(&s), Ok(()), "{ok}");
    }
    for bad in [0, 11, -1] {
        let r = response_with(
            json!([{"question": "q0", "value": true}, {"question": "q1", "value": bad}]),
        );
        rejected(r.validate(&s), "out_of_range", "answers[1].value");
    }
}

#[test]
fn a_scale5_must_be_1_to_5() {
    assert_eq!(with_answer("q2", json!(5)).validate(&survey()), Ok(()));
    rejected(
        with_answer("q2", json!(6)).validate(&survey()),
        "out_of_range",
        "answers[2].value",
    );
    rejected(
        with_answer("q2", json!(0)).validate(&survey()),
        "out_of_range",
        "answers[2].value",
    );
}

#[test]
fn a_grade_given_as_text_is_the_wrong_type() {
    rejected(
        with_answer("q2", json!("4")).validate(&survey()),
        "wrong_type",
        "answers[2].value",
    );
}

#[test]
fn yes_no_must_be_a_boolean() {
    let r = response_with(json!([{"question": "q0", "value": "ja"}]));
    rejected(r.validate(&survey()), "wrong_type", "answers[0].value");
    let r = response_with(json!([{"question": "q0", "value": 1}]));
    rejected(r.validate(&survey()), "wrong_type", "answers[0].value");
}

#[test]
fn a_choice_must_be_one_of_the_options() {
    assert_eq!(
        with_answer("q3", json!("month")).validate(&survey()),
        Ok(())
    );
    rejected(
        with_answer("q3", json!("daily")).validate(&survey()),
        "unknown_option",
        "answers[2].value",
    );
    rejected(
        with_answer("q3", json!(["week"])).validate(&survey()),
        "wrong_type",
        "answers[2].value",
    );
}

#[test]
fn a_multi_choice_must_be_distinct_known_options() {
    assert_eq!(
        with_answer("q4", json!(["housing"])).validate(&survey()),
        Ok(())
    );
    rejected(
        with_answer("q4", json!(["work", "work"])).validate(&survey()),
        "duplicate_option",
        "answers[2].value",
    );
    rejected(
        with_answer("q4", json!(["work", "sport"])).validate(&survey()),
        "unknown_option",
        "answers[2].value",
    );
    rejected(
        with_answer("q4", json!("work")).validate(&survey()),
        "wrong_type",
        "answers[2].value",
    );
}

#[test]
fn a_text_answer_respects_max_length_in_characters() {
    assert_eq!(
        with_answer("q5", json!("é".repeat(1000))).validate(&survey()),
        Ok(())
    );
    rejected(
        with_answer("q5", json!("a".repeat(1001))).validate(&survey()),
        "too_long",
        "answers[2].value",
    );
    rejected(
        with_answer("q5", json!(5)).validate(&survey()),
        "wrong_type",
        "answers[2].value",
    );
}

#[test]
fn an_answer_to_an_unknown_question_is_rejected() {
    rejected(
        with_answer("q99", json!(3)).validate(&survey()),
        "unknown_question",
        "answers[2].question",
    );
}

#[test]
fn an_answer_to_a_question_of_an_unknown_type_is_rejected() {
    let s = survey_with(|v| v["sections"][0]["questions"][2]["type"] = json!("slider"));
    rejected(
        with_answer("q2", json!(3)).validate(&s),
        "unknown_question",
        "answers[2].question",
    );
}

#[test]
fn a_required_question_of_an_unknown_type_does_not_block() {
    let s = survey_with(|v| {
        v["sections"][0]["questions"][2]["type"] = json!("slider");
        v["sections"][0]["questions"][2]["required"] = json!(true);
    });
    let r = response_with(json!([{"question": "q0", "value": false}]));
    assert_eq!(r.validate(&s), Ok(()));
}

#[test]
fn a_question_answered_twice_is_rejected() {
    let r = response_with(
        json!([{"question": "q0", "value": false}, {"question": "q0", "value": false}]),
    );
    rejected(r.validate(&survey()), "duplicate", "answers");
}

#[test]
fn too_many_answers_are_rejected() {
    let many: Vec<_> = (0..501)
        .map(|i| json!({"question": format!("x{i}"), "value": 1}))
        .collect();
    rejected(
        response_with(Value::Array(many)).validate(&survey()),
        "too_many",
        "answers",
    );
}

// ---------------------------------------------------------------- survey response: anonymity

fn anonymity(rule: &str) -> Survey {
    survey_with(|v| v["anonymous"] = json!(rule))
}

fn anonymous(mut r: SurveyResponse) -> SurveyResponse {
    r.participant_id = None;
    r
}

fn in_mode(mut r: SurveyResponse, mode: ResponseMode) -> SurveyResponse {
    r.mode = mode;
    r
}

#[test]
fn allowed_anonymity_takes_both() {
    let s = anonymity("allowed");
    assert_eq!(response().validate(&s), Ok(()));
    assert_eq!(anonymous(response()).validate(&s), Ok(()));
}

#[test]
fn required_anonymity_refuses_a_participant_id() {
    let s = anonymity("required");
    rejected(response().validate(&s), "not_anonymous", "participant_id");
    assert_eq!(anonymous(response()).validate(&s), Ok(()));
}

#[test]
fn forbidden_anonymity_needs_a_participant_id() {
    let s = anonymity("forbidden");
    assert_eq!(response().validate(&s), Ok(()));
    rejected(
        anonymous(response()).validate(&s),
        "required",
        "participant_id",
    );
}

#[test]
fn kiosk_answers_are_always_anonymous() {
    let s = anonymity("allowed");
    rejected(
        in_mode(response(), ResponseMode::Kiosk).validate(&s),
        "not_anonymous",
        "participant_id",
    );
    assert_eq!(
        anonymous(in_mode(response(), ResponseMode::Kiosk)).validate(&s),
        Ok(())
    );
}

#[test]
fn assisted_answers_follow_the_survey_rule() {
    let s = anonymity("allowed");
    assert_eq!(
        in_mode(response(), ResponseMode::Assisted).validate(&s),
        Ok(())
    );
    rejected(
        in_mode(response(), ResponseMode::Assisted).validate(&anonymity("required")),
        "not_anonymous",
        "participant_id",
    );
}

#[test]
fn an_empty_participant_id_is_rejected() {
    let mut r = response();
    r.participant_id = Some("  ".into());
    rejected(r.validate(&survey()), "required", "participant_id");
    r.participant_id = Some("p".repeat(101));
    rejected(r.validate(&survey()), "too_long", "participant_id");
}

#[test]
fn an_unknown_anonymity_rule_behaves_as_allowed() {
    let s = anonymity("preferred");
    assert_eq!(response().validate(&s), Ok(()));
    assert_eq!(anonymous(response()).validate(&s), Ok(()));
}

// ---------------------------------------------------------------- the rules on their own

#[test]
fn is_visible_without_rule_is_always_true() {
    let q = question(json!({"id": "q", "type": "text", "text": "?"}));
    assert!(is_visible(&q, &Answers::new()));
}

#[test]
fn is_visible_compares_the_earlier_answer() {
    let q = question(
        json!({"id": "q", "type": "text", "text": "?", "show_if": {"question": "a", "equals": true}}),
    );
    let mut answers = Answers::new();
    assert!(!is_visible(&q, &answers), "no answer yet: hidden");
    answers.insert("a".into(), AnswerValue::Bool(false));
    assert!(!is_visible(&q, &answers));
    answers.insert("a".into(), AnswerValue::Bool(true));
    assert!(is_visible(&q, &answers));
    answers.insert("a".into(), AnswerValue::Text("true".into()));
    assert!(!is_visible(&q, &answers), "types must match");
}

#[test]
fn answer_matches_show_if_values() {
    assert!(AnswerValue::Int(3).matches(&json!(3)));
    assert!(!AnswerValue::Int(3).matches(&json!(3.5)));
    assert!(AnswerValue::Text("a".into()).matches(&json!("a")));
    let many = AnswerValue::Many(vec!["a".into(), "b".into()]);
    assert!(many.matches(&json!("b")));
    assert!(!many.matches(&json!("c")));
    assert!(
        many.matches(&json!(["b", "a"])),
        "the same set in any order"
    );
    assert!(!many.matches(&json!(["a"])));
    assert!(!AnswerValue::Bool(true).matches(&json!(null)));
}

#[test]
fn is_answered_needs_content() {
    assert!(!is_answered(None));
    assert!(!is_answered(Some(&AnswerValue::Text(" ".into()))));
    assert!(!is_answered(Some(&AnswerValue::Many(vec![]))));
    assert!(is_answered(Some(&AnswerValue::Bool(false))));
    assert!(is_answered(Some(&AnswerValue::Int(0))));
    assert!(is_answered(Some(&AnswerValue::Text("x".into()))));
}

#[test]
fn check_answer_per_type() {
    let grade = question(json!({"id": "g", "type": "grade", "text": "?"}));
    assert_eq!(check_answer(&grade, &AnswerValue::Int(10)), Ok(()));
    assert_eq!(
        check_answer(&grade, &AnswerValue::Int(11)),
        Err("out_of_range")
    );
    assert_eq!(
        check_answer(&grade, &AnswerValue::Bool(true)),
        Err("wrong_type")
    );
    let other = question(json!({"id": "o", "type": "slider", "text": "?"}));
    assert_eq!(
        check_answer(&other, &AnswerValue::Int(1)),
        Err("wrong_type")
    );
}

#[test]
fn a_text_question_without_max_length_takes_the_default() {
    let q = question(json!({"id": "t", "type": "text", "text": "?"}));
    assert_eq!(q.text_max(), DEFAULT_TEXT_MAX);
    let limit = DEFAULT_TEXT_MAX as usize;
    assert_eq!(
        check_answer(&q, &AnswerValue::Text("a".repeat(limit))),
        Ok(())
    );
    assert_eq!(
        check_answer(&q, &AnswerValue::Text("a".repeat(limit + 1))),
        Err("too_long")
    );
    let huge = question(json!({"id": "t", "type": "text", "text": "?", "max_length": 1_000_000}));
    assert_eq!(huge.text_max(), 10_000, "capped");
}

#[test]
fn answers_map_is_keyed_by_question() {
    let map = response().answers_map();
    assert_eq!(map.len(), 6);
    assert_eq!(map["q1"], AnswerValue::Int(8));
}

// ---------------------------------------------------------------- messages

#[test]
fn a_message_without_reply_and_without_callback_is_fine() {
    let mut m = message();
    m.callback_requested = false;
    m.reply_via = None;
    m.participant_id = None;
    assert_eq!(m.validate(None), Ok(()));
}

#[test]
fn a_callback_needs_a_way_to_reply() {
    let mut m = message();
    m.reply_via = None;
    rejected(m.validate(None), "required", "reply_via");
}

#[test]
fn reply_via_email_is_checked() {
    let mut m = message();
    m.reply_via = Some(ReplyVia {
        phone: None,
        email: Some("samir@example.org".into()),
    });
    assert_eq!(m.validate(None), Ok(()));
    m.reply_via = Some(ReplyVia {
        phone: None,
        email: Some("samir@example".into()),
    });
    rejected(m.validate(None), "invalid", "reply_via.email");
}

#[test]
fn reply_via_phone_is_checked() {
    let mut m = message();
    for ok in ["0612345678", "+31 (0)6-1234 5678", "112233"] {
        m.reply_via = Some(ReplyVia {
            phone: Some(ok.into()),
            email: None,
        });
        assert_eq!(m.validate(None), Ok(()), "{ok}");
    }
    for bad in ["12345", "bel me", "0612345678 ext 2", "1234567890123456"] {
        m.reply_via = Some(ReplyVia {
            phone: Some(bad.into()),
            email: None,
        });
        rejected(m.validate(None), "invalid", "reply_via.phone");
    }
}

#[test]
fn reply_via_needs_exactly_one_way() {
    let mut m = message();
    m.reply_via = Some(ReplyVia {
        phone: Some("0612345678".into()),
        email: Some("a@b.nl".into()),
    });
    rejected(m.validate(None), "invalid", "reply_via");
    m.reply_via = Some(ReplyVia::default());
    rejected(m.validate(None), "invalid", "reply_via");
}

#[test]
fn reply_via_decodes_from_the_contracts_objects() {
    let r: ReplyVia = serde_json::from_value(json!({"email": "a@b.nl"})).unwrap();
    assert_eq!(
        r,
        ReplyVia {
            phone: None,
            email: Some("a@b.nl".into())
        }
    );
    assert_eq!(
        serde_json::to_value(&r).unwrap(),
        json!({"email": "a@b.nl"})
    );
}

#[test]
fn an_empty_message_is_rejected() {
    let mut m = message();
    m.body = " \n ".into();
    rejected(m.validate(None), "required", "body");
}

#[test]
fn a_message_of_2000_characters_is_the_limit() {
    let mut m = message();
    m.body = "ë".repeat(2000);
    assert_eq!(m.validate(None), Ok(()));
    m.body = "a".repeat(2001);
    rejected(m.validate(None), "too_long", "body");
}

#[test]
fn a_message_to_nobody_or_to_a_contact_without_messages_is_rejected() {
    let mut m = message();
    rejected(m.validate(Some(false)), "unknown_contact", "to");
    m.to = String::new();
    rejected(m.validate(None), "required", "to");
}

#[test]
fn a_message_with_the_wrong_schema_is_rejected() {
    let mut m = message();
    m.schema = "koers.survey-response/1".into();
    rejected(m.validate(None), "schema", "schema");
    m.schema = "koers.message/2".into();
    rejected(m.validate(None), "unsupported_schema", "schema");
}

#[test]
fn valid_email_is_deliberately_simple() {
    for ok in ["a@b.nl", "samir.el-amrani@zorg.example.org", " a@b.nl "] {
        assert!(valid_email(ok), "{ok:?}");
    }
    for bad in [
        "", "a", "a@b", "@b.nl", "a@.nl", "a@b.", "a b@c.nl", "a@b@c.nl",
    ] {
        assert!(!valid_email(bad), "{bad:?}");
    }
}

// ---------------------------------------------------------------- acknowledgements and reflections

#[test]
fn an_acknowledgement_needs_a_version_from_1() {
    let mut a = ack();
    a.agreement_version = 0;
    rejected(a.validate(), "invalid", "agreement_version");
}

#[test]
fn an_acknowledgement_needs_ids() {
    let mut a = ack();
    a.agreement_id = String::new();
    rejected(a.validate(), "required", "agreement_id");
    let mut a = ack();
    a.participant_id = " ".into();
    rejected(a.validate(), "required", "participant_id");
    let mut a = ack();
    a.schema = "koers.acknowledgement".into();
    rejected(a.validate(), "schema", "schema");
}

#[test]
fn a_reflection_rating_is_1_to_10() {
    for ok in [1, 10] {
        let mut g = reflection();
        g.rating = ok;
        assert_eq!(g.validate(), Ok(()));
    }
    for bad in [0, 11] {
        let mut g = reflection();
        g.rating = bad;
        rejected(g.validate(), "out_of_range", "rating");
    }
}

#[test]
fn a_reflection_text_is_at_most_1000_characters() {
    let mut g = reflection();
    g.text = "ü".repeat(1000);
    assert_eq!(g.validate(), Ok(()));
    g.text = "a".repeat(1001);
    rejected(g.validate(), "too_long", "text");
}

#[test]
fn a_reflection_needs_a_goal() {
    let mut g = reflection();
    g.goal_id = String::new();
    rejected(g.validate(), "required", "goal_id");
}

mod composed_messages {
    use koers::model::{
        inbox::{Message, ReplyVia},
        Instant,
    };

    fn at() -> Instant {
        Instant::parse("2026-11-25T10:00:00+01:00").unwrap()
    }

    #[test]
    fn anonymous_messages_carry_no_participant_id() {
        let m = Message::compose(
            uuid::Uuid::new_v4(),
            "vp-1",
            " Hallo ",
            None,
            Some("p-1001"),
            true,
            at(),
        );
        assert_eq!(m.participant_id, None);
        assert_eq!(m.body, "Hallo");
        assert!(!m.callback_requested);
        assert!(m.validate(Some(true)).is_ok());
        let json = serde_json::to_value(&m).unwrap();
        assert_eq!(json["participant_id"], serde_json::Value::Null);
        assert!(!json.to_string().contains("p-1001"));
    }

    #[test]
    fn named_messages_carry_the_participant_and_a_reply_means_a_callback() {
        let reply = ReplyVia {
            phone: Some("06 12345678".into()),
            email: None,
        };
        let m = Message::compose(
            uuid::Uuid::new_v4(),
            "vp-1",
            "Bel me",
            Some(reply),
            Some("p-1001"),
            false,
            at(),
        );
        assert_eq!(m.participant_id.as_deref(), Some("p-1001"));
        assert!(m.callback_requested);
        assert!(m.validate(Some(true)).is_ok());
    }

    #[test]
    fn signed_out_messages_are_anonymous_whatever_the_box_says() {
        let m = Message::compose(uuid::Uuid::new_v4(), "vp-1", "Hoi", None, None, false, at());
        assert_eq!(m.participant_id, None);
    }

    #[test]
    fn an_empty_or_too_long_message_is_refused() {
        let empty = Message::compose(uuid::Uuid::new_v4(), "vp-1", "   ", None, None, false, at());
        assert_eq!(
            empty.validate(Some(true)).unwrap_err().field.as_deref(),
            Some("body")
        );
        let long = Message::compose(
            uuid::Uuid::new_v4(),
            "vp-1",
            &"x".repeat(2001),
            None,
            None,
            false,
            at(),
        );
        assert_eq!(long.validate(Some(true)).unwrap_err().code, "too_long");
    }
}
