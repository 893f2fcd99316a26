//! Survey results from sealed responses, as the team's browser computes them: the key
//! file is checked against the survey, the bodies are opened with it, what cannot be
//! opened is counted, and the same aggregation (with the fewer-than-five rule) and CSV
//! follow.

use koers::model::decode;
use koers::model::inbox::{Answer, AnswerValue, ResponseMode, SurveyResponse};
use koers::model::lenient::Instant;
use koers::model::results::{
    aggregate, open_responses, team_key, to_csv, ResultsFilter, SealedResponses, TeamKeyError,
    SEALED_SCHEMA,
};
use koers::model::sealed_write::SecretKey;
use koers::model::Survey;
use rand_core::OsRng;
use serde_json::{json, Value};

/// The shape of the demo kiosk survey `tablet-2026`, with `public_key` set by the test.
fn survey(public_key: &str) -> Survey {
    decode(
        &json!({
            "schema": "koers.survey/1", "id": "tablet-2026", "version": 1, "anonymous": "required",
            "public_key": public_key,
            "sections": [{"id": "vandaag", "title": {"nl": "Vandaag"}, "questions": [
                {"id": "day_grade", "type": "grade", "text": {"nl": "Cijfer"}, "required": true},
                {"id": "felt_heard", "type": "scale5", "text": {"nl": "Gehoord"}, "required": true},
                {"id": "feels_safe", "type": "yes_no", "text": {"nl": "Veilig"}, "required": true},
                {"id": "tip", "type": "text", "text": {"nl": "Tip"}}
            ]}]
        })
        .to_string(),
    )
    .unwrap()
}

fn response(n: u8, day: &str, mode: ResponseMode, grade: i64) -> SurveyResponse {
    SurveyResponse {
        schema: "koers.survey-response/1".into(),
        id: uuid::Uuid::from_bytes([n; 16]),
        survey_id: "tablet-2026".into(),
        survey_version: 1,
        submitted_at: Instant::parse(&format!("{day}T12:00:00+01:00")).unwrap(),
        language: "nl".into(),
        mode,
        participant_id: None,
        answers: vec![
            Answer {
                question: "day_grade".into(),
                value: AnswerValue::Int(grade),
            },
            Answer {
                question: "felt_heard".into(),
                value: AnswerValue::Int(4),
            },
            Answer {
                question: "feels_safe".into(),
                value: AnswerValue::Bool(n % 2 == 1),
            },
            Answer {
                question: "tip".into(),
                value: AnswerValue::Text(format!("Tip {n}")),
            },
        ],
    }
}

/// Five kiosk responses in March 2020 (grades 6..=10), sealed to `key`.
fn five(key: &SecretKey) -> (Vec<SurveyResponse>, Vec<Value>) {
    let plain: Vec<SurveyResponse> = (1..=5u8)
        .map(|n| {
            response(
                n,
                &format!("2020-03-0{n}"),
                ResponseMode::Kiosk,
                n as i64 + 5,
            )
        })
        .collect();
    let sealed = plain
        .iter()
        .map(|r| r.seal(&key.public_key(), &mut OsRng))
        .collect();
    (plain, sealed)
}

#[test]
fn the_right_key_opens_every_response_and_the_figures_follow() {
    let team = SecretKey::generate(&mut OsRng);
    let s = survey(&team.public_key().to_base64());
    let (plain, sealed) = five(&team);
    let filter = ResultsFilter::default();
    let opened = open_responses(&s, &sealed, &team, &filter);
    assert_eq!(opened.unopened, 0);
    assert_eq!(opened.responses, plain);

    let results = aggregate(&s, &opened.responses, &filter);
    assert_eq!(results, aggregate(&s, &plain, &filter));
    assert_eq!(results.responses, 5);
    assert!(!results.hidden);
    // No `overall` question: the mean of the respondents' mean grade, (6+7+8+9+10)/5.
    assert_eq!(results.overall.value, Some(8.0));
    let safe = &results.questions[2];
    assert_eq!((safe.yes_no.unwrap().yes, safe.yes_no.unwrap().no), (3, 2));
    assert_eq!(results.questions[3].texts.len(), 5);

    let csv = to_csv(&s, &opened.responses, &filter, &mut OsRng);
    let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
    assert_eq!(
        lines[0],
        "id,submitted_at,mode,day_grade,felt_heard,feels_safe,tip"
    );
    assert_eq!(lines.len(), 6, "{csv}");
    // Rows are shuffled: find the first response's by its id.
    let first = uuid::Uuid::from_bytes([1; 16]).to_string();
    let row = lines.iter().find(|l| l.starts_with(&first)).unwrap();
    assert!(row.ends_with(",kiosk,6,4,yes,Tip 1"), "{row}");
}

#[test]
fn a_wrong_key_and_damaged_bodies_are_counted_as_unopened() {
    let team = SecretKey::generate(&mut OsRng);
    let stranger = SecretKey::generate(&mut OsRng);
    let s = survey(&team.public_key().to_base64());
    let (_, sealed) = five(&team);
    let filter = ResultsFilter::default();

    let opened = open_responses(&s, &sealed, &stranger, &filter);
    assert_eq!((opened.responses.len(), opened.unopened), (0, 5));

    let mut bodies = sealed.clone();
    // A changed ciphertext: the tag no longer matches.
    let text = bodies[0]["sealed"]["ciphertext"]
        .as_str()
        .unwrap()
        .to_string();
    let flipped = if text.starts_with('A') { "B" } else { "A" };
    bodies[0]["sealed"]["ciphertext"] = json!(format!("{flipped}{}", &text[1..]));
    // Not base64, no sealed part, and a sealed part moved under other readable fields.
    bodies[1]["sealed"]["ciphertext"] = json!("@@@");
    bodies[2].as_object_mut().unwrap().remove("sealed");
    bodies[3]["submitted_at"] = json!("2020-03-09T12:00:00+01:00");
    // Sealed fine, but not a survey response inside.
    let not_a_response = koers::model::sealed_write::seal_body(
        koers::model::inbox::InboxKind::SurveyResponses,
        &json!({"schema": "koers.survey-response/1", "survey_id": "tablet-2026",
                "id": bodies[4]["id"], "survey_version": 1,
                "submitted_at": bodies[4]["submitted_at"], "mode": "kiosk"}),
        &team.public_key(),
        &mut OsRng,
    )
    .unwrap();
    bodies.push(not_a_response);
    let opened = open_responses(&s, &bodies, &team, &filter);
    assert_eq!(opened.unopened, 5);
    assert_eq!(opened.responses.len(), 1);
    assert_eq!(opened.responses[0].id, uuid::Uuid::from_bytes([5; 16]));
}

#[test]
fn the_filter_is_applied_and_other_surveys_are_skipped() {
    let team = SecretKey::generate(&mut OsRng);
    let s = survey(&team.public_key().to_base64());
    let (_, mut sealed) = five(&team);
    let personal = response(6, "2020-03-06", ResponseMode::Personal, 7);
    sealed.push(personal.seal(&team.public_key(), &mut OsRng));
    let mut other = response(7, "2020-03-02", ResponseMode::Kiosk, 7);
    other.survey_id = "deo-2026".into();
    sealed.push(other.seal(&team.public_key(), &mut OsRng));

    let march = ResultsFilter::parse(Some("2020-03-02"), Some("2020-03-04"), None).unwrap();
    let opened = open_responses(&s, &sealed, &team, &march);
    assert_eq!(opened.unopened, 0);
    let days: Vec<u8> = opened
        .responses
        .iter()
        .map(|r| r.id.as_bytes()[0])
        .collect();
    assert_eq!(days, [2, 3, 4]);

    let kiosk = ResultsFilter::parse(None, None, Some("kiosk")).unwrap();
    let opened = open_responses(&s, &sealed, &team, &kiosk);
    assert_eq!(opened.responses.len(), 5);
    assert!(opened
        .responses
        .iter()
        .all(|r| r.mode == ResponseMode::Kiosk && r.survey_id == "tablet-2026"));
    // Left out by the filter: not opened, so not counted as unopened either.
    let stranger = SecretKey::generate(&mut OsRng);
    let opened = open_responses(&s, &sealed, &stranger, &march);
    assert_eq!(opened.unopened, 3);

    // The readable fields decide before opening; unreadable ones leave it to opening.
    assert_eq!(march.matches_readable(&sealed[0]), Some(false));
    assert_eq!(march.matches_readable(&sealed[1]), Some(true));
    assert_eq!(march.matches_readable(&json!({"mode": "kiosk"})), None);
}

#[test]
fn fewer_than_five_opened_responses_show_no_figures() {
    let team = SecretKey::generate(&mut OsRng);
    let stranger = SecretKey::generate(&mut OsRng);
    let s = survey(&team.public_key().to_base64());
    let (_, mut sealed) = five(&team);
    // One of the five sealed to another key: four opened, so nothing may be shown.
    sealed[4] =
        response(5, "2020-03-05", ResponseMode::Kiosk, 10).seal(&stranger.public_key(), &mut OsRng);
    let filter = ResultsFilter::default();
    let opened = open_responses(&s, &sealed, &team, &filter);
    assert_eq!((opened.responses.len(), opened.unopened), (4, 1));
    let results = aggregate(&s, &opened.responses, &filter);
    assert_eq!(results.responses, 4);
    assert!(results.hidden);
    assert_eq!(results.overall.value, None);
    assert!(results
        .questions
        .iter()
        .all(|q| q.hidden && q.texts.is_empty() && q.average.is_none()));
    assert_eq!(
        to_csv(&s, &opened.responses, &filter, &mut OsRng)
            .lines()
            .count(),
        1
    );
}

#[test]
fn the_key_file_must_belong_to_the_survey() {
    let team = SecretKey::generate(&mut OsRng);
    let other = SecretKey::generate(&mut OsRng);
    let s = survey(&team.public_key().to_base64());
    let opened = team_key(&s, &team.to_key_file()).unwrap();
    assert_eq!(opened.public_key(), team.public_key());
    assert_eq!(
        team_key(&s, &other.to_key_file()).err(),
        Some(TeamKeyError::OtherSurvey)
    );
    for not_a_key in [
        "",
        "hallo",
        "{}",
        r#"{"schema": "koers.survey/1"}"#,
        // A key file whose public key does not belong to its secret key.
        &team.to_key_file().replace(
            &team.public_key().to_base64(),
            &other.public_key().to_base64(),
        ),
    ] {
        assert_eq!(
            team_key(&s, not_a_key).err(),
            Some(TeamKeyError::NotAKeyFile),
            "{not_a_key}"
        );
    }
    // A survey whose key is not a key can be opened by no file.
    assert_eq!(
        team_key(&survey("bm90IGEga2V5"), &team.to_key_file()).err(),
        Some(TeamKeyError::OtherSurvey)
    );
}

#[test]
fn the_demo_key_files_match_the_demo_kiosk_survey() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |p: &str| std::fs::read_to_string(root.join(p)).unwrap();
    let tablet: Survey = decode(&read("public/api/v1/surveys/tablet-2026.json")).unwrap();
    assert!(team_key(&tablet, &read("tests/fixtures/demo-keys/survey-team.key")).is_ok());
    assert_eq!(
        team_key(&tablet, &read("tests/fixtures/demo-keys/adviser.key")).err(),
        Some(TeamKeyError::OtherSurvey)
    );
}

#[test]
fn the_sealed_responses_document_decodes() {
    let team = SecretKey::generate(&mut OsRng);
    let (_, sealed) = five(&team);
    let text = json!({
        "schema": SEALED_SCHEMA, "survey_id": "tablet-2026",
        "filter": {"from": "2020-03-01"}, "responses": sealed, "later_field": true
    })
    .to_string();
    let doc: SealedResponses = decode(&text).unwrap();
    assert_eq!(doc.responses, sealed);
    assert_eq!(
        doc.filter,
        ResultsFilter::parse(Some("2020-03-01"), None, None).unwrap()
    );
    let newer = text.replace(SEALED_SCHEMA, "koers.sealed-responses/2");
    assert!(decode::<SealedResponses>(&newer).is_err());
    let empty: SealedResponses =
        decode(r#"{"schema": "koers.sealed-responses/1", "survey_id": "x"}"#).unwrap();
    assert!(empty.responses.is_empty());
}
