//! `GET /api/v1/results/{survey_id}/sealed` over real HTTP: the team's token guards it as
//! it guards the figures, it hands out only that survey's sealed bodies exactly as stored,
//! and the team opens them with its own key; a filter that singles out fewer than five is
//! refused as for the figures; the plain results endpoint stays as it was.

mod common;

use common::*;
use koers::model::inbox::InboxKind;
use koers::model::results::{aggregate, open_responses, ResultsFilter};
use koers::model::sealed_write::{seal_body, SecretKey};
use koers::model::Survey;
use rand_core::OsRng;
use serde_json::{json, Value};

const OTHER_SURVEY: &str = "other-2026";

fn header(headers: &ureq::http::HeaderMap, name: &str) -> String {
    headers
        .get(name)
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default()
}

fn survey_path(server: &TestServer, id: &str) -> std::path::PathBuf {
    server
        .dir
        .join("dist/api/v1/surveys")
        .join(format!("{id}.json"))
}

/// Gives the fixture survey the team's public key, and adds a second survey (a copy under
/// another id) sealed to the same key, whose responses must not be handed out with it.
fn seal_surveys(server: &TestServer, team: &SecretKey) -> Survey {
    let path = survey_path(server, DEMO_SURVEY);
    let mut survey: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    survey["public_key"] = json!(team.public_key().to_base64());
    std::fs::write(&path, survey.to_string()).unwrap();
    let mut other = survey.clone();
    other["id"] = json!(OTHER_SURVEY);
    std::fs::write(survey_path(server, OTHER_SURVEY), other.to_string()).unwrap();
    koers::model::decode(&survey.to_string()).unwrap()
}

fn post_sealed(server: &TestServer, plain: &Value, team: &SecretKey) -> Value {
    let sealed = seal_body(
        InboxKind::SurveyResponses,
        plain,
        &team.public_key(),
        &mut OsRng,
    )
    .unwrap();
    let (status, answer, _) = server.post_json("survey-responses", &sealed.to_string());
    assert_eq!(status, 201, "{answer}");
    sealed
}

#[test]
fn the_team_gets_only_this_surveys_sealed_bodies_and_opens_them() {
    let server = TestServer::start(results);
    // Plain responses from before the survey had a key.
    for (i, grade) in [6, 8].into_iter().enumerate() {
        let body = survey_response(&uuid(), grade, "personal", &format!("2026-10-0{}", i + 1));
        assert_eq!(
            server.post_json("survey-responses", &body.to_string()).0,
            201
        );
    }
    let team = SecretKey::generate(&mut OsRng);
    let survey = seal_surveys(&server, &team);
    let days = [
        ("2026-11-01", "personal", 7),
        ("2026-11-02", "kiosk", 9),
        ("2026-11-03", "kiosk", 5),
    ];
    let sealed: Vec<Value> = days
        .iter()
        .map(|(day, mode, grade)| {
            post_sealed(&server, &survey_response(&uuid(), *grade, mode, day), &team)
        })
        .collect();
    let mut other = survey_response(&uuid(), 4, "kiosk", "2026-11-02");
    other["survey_id"] = json!(OTHER_SURVEY);
    post_sealed(&server, &other, &team);
    // Two plain, three sealed to this survey, one sealed to the other.
    assert_eq!(server.rows().len(), 6);

    let path = format!("/api/v1/results/{DEMO_SURVEY}/sealed");
    for token in [None, Some("wrong"), Some("team-token-0123456780")] {
        let (status, answer, headers) = get_bearer(&server, &path, token);
        assert_eq!(status, 401, "{token:?}");
        assert_eq!(answer["error"]["code"], "unauthorized");
        assert!(header(&headers, "www-authenticate").starts_with("Bearer"));
    }

    let (status, all, headers) = get_bearer(&server, &path, Some(TOKEN));
    assert_eq!(status, 200, "{all}");
    assert_eq!(header(&headers, "cache-control"), "no-store");
    assert_eq!(header(&headers, "content-type"), "application/json");
    assert_eq!(all["schema"], "koers.sealed-responses/1");
    assert_eq!(all["survey_id"], DEMO_SURVEY);
    assert_eq!(all["filter"], json!({}));
    // Exactly the stored sealed bodies of this survey, oldest first: no plain responses,
    // nothing of the other survey, nothing readable beyond what the inbox stored.
    assert_eq!(all["responses"], json!(sealed));
    let text = all.to_string();
    assert!(
        !text.contains("\"answers\"") && !text.contains(OTHER_SURVEY),
        "{text}"
    );

    // Opened with the team's key, the browser's own aggregation counts them.
    let bodies = all["responses"].as_array().unwrap();
    let opened = open_responses(&survey, bodies, &team, &ResultsFilter::default());
    assert_eq!((opened.responses.len(), opened.unopened), (3, 0));
    let figures = aggregate(&survey, &opened.responses, &ResultsFilter::default());
    assert_eq!(figures.responses, 3);
    assert!(figures.hidden);
    let stranger = SecretKey::generate(&mut OsRng);
    let opened = open_responses(&survey, bodies, &stranger, &ResultsFilter::default());
    assert_eq!((opened.responses.len(), opened.unopened), (0, 3));

    // The filter on the readable fields. Two kiosk responses are too few to filter on, so
    // first five of each mode.
    let more: Vec<Value> = (4..=10)
        .map(|d| {
            let mode = if d <= 6 { "kiosk" } else { "personal" };
            let day = format!("2026-11-{d:02}");
            post_sealed(&server, &survey_response(&uuid(), 6, mode, &day), &team)
        })
        .collect();
    let (status, kiosk, _) = get_bearer(&server, &format!("{path}?mode=kiosk"), Some(TOKEN));
    assert_eq!(status, 200, "{kiosk}");
    assert_eq!(kiosk["filter"], json!({"mode": "kiosk"}));
    let expected: Vec<&Value> = sealed[1..].iter().chain(&more[..3]).collect();
    assert_eq!(kiosk["responses"], json!(expected));
    // One day with one response: refused by the readable fields, before anything is sent.
    let (status, period, _) = get_bearer(
        &server,
        &format!("{path}?from=2026-11-02&to=2026-11-02"),
        Some(TOKEN),
    );
    assert_eq!(
        (status, period["error"]["code"].as_str()),
        (422, Some("too_few"))
    );
    let (status, answer, _) = get_bearer(&server, &format!("{path}?to=morgen"), Some(TOKEN));
    assert_eq!(
        (status, answer["error"]["field"].as_str()),
        (400, Some("to"))
    );

    let (status, answer, _) = get_bearer(
        &server,
        "/api/v1/results/no-such-survey/sealed",
        Some(TOKEN),
    );
    assert_eq!(
        (status, answer["error"]["code"].as_str()),
        (404, Some("unknown_survey"))
    );
    let (status, other, _) = get_bearer(
        &server,
        &format!("/api/v1/results/{OTHER_SURVEY}/sealed"),
        Some(TOKEN),
    );
    assert_eq!(status, 200);
    assert_eq!(other["responses"].as_array().unwrap().len(), 1);

    // The plain endpoint is unchanged: it counts the two plain responses only.
    let (status, plain, _) = get_bearer(
        &server,
        &format!("/api/v1/results/{DEMO_SURVEY}"),
        Some(TOKEN),
    );
    assert_eq!(status, 200, "{plain}");
    assert_eq!(plain["schema"], "koers.survey-results/1");
    assert_eq!(plain["responses"], 2);
    assert_eq!(plain["hidden"], true);
    let (status, csv, _) = get_bearer(
        &server,
        &format!("/api/v1/results/{DEMO_SURVEY}.csv"),
        Some(TOKEN),
    );
    assert_eq!(status, 200);
    assert_eq!(csv.as_str().unwrap().lines().count(), 1);
}

#[test]
fn sealed_results_are_off_without_a_token_and_wrong_tokens_are_slowed_down() {
    let server = TestServer::start(|_| {});
    let path = format!("/api/v1/results/{DEMO_SURVEY}/sealed");
    let (status, answer, _) = get_bearer(&server, &path, Some(TOKEN));
    assert_eq!(
        (status, answer["error"]["code"].as_str()),
        (404, Some("not_found"))
    );

    let server = TestServer::start(|args| {
        results(args);
        args.rate_limit = 1;
        args.rate_burst = 1;
    });
    assert_eq!(get_bearer(&server, &path, Some("wrong")).0, 401);
    let (status, answer, headers) = get_bearer(&server, &path, Some("wrong"));
    assert_eq!(
        (status, answer["error"]["code"].as_str()),
        (429, Some("rate_limited"))
    );
    assert!(!header(&headers, "retry-after").is_empty());
    // The right token is not slowed down by someone else's guesses.
    let (status, empty, _) = get_bearer(&server, &path, Some(TOKEN));
    assert_eq!(status, 200, "{empty}");
    assert_eq!(empty["responses"], json!([]));
}
