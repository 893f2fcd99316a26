//! The differencing attack on the results over real HTTP. A team that knows who used the
//! kiosk on one day asks for two filters whose groups differ by exactly that response; its
//! answers would be the difference of the two. One of every such pair is refused with
//! `422 too_few`. And the CSV: no language, days only, rows in a fresh random order.

mod common;

use common::*;
use serde_json::Value;
use std::collections::HashSet;

fn server() -> TestServer {
    TestServer::start(|args| {
        results(args);
        args.rate_limit = 1000;
        args.rate_burst = 1000;
    })
}

fn get(server: &TestServer, path: &str) -> (u16, Value) {
    let (status, body, _) = get_bearer(server, path, Some(TOKEN));
    (status, body)
}

fn post(server: &TestServer, grade: i64, mode: &str, day: &str) -> String {
    let id = uuid();
    let body = survey_response(&id, grade, mode, day);
    let (status, answer, _) = server.post_json("survey-responses", &body.to_string());
    assert_eq!(status, 201, "{answer}");
    id
}

fn day(n: u32) -> String {
    format!("2026-11-{n:02}")
}

#[test]
fn the_differencing_attack_is_refused() {
    let server = server();
    // Eleven personal responses, one a day, grades 6 to 10. On the 12th one person used
    // the kiosk and gave a 1: the only kiosk response, and the only one that day.
    for n in 1..=11 {
        post(&server, 6 + (n as i64 % 5), "personal", &day(n));
    }
    post(&server, 1, "kiosk", &day(12));
    let base = format!("/api/v1/results/{DEMO_SURVEY}");
    let (status, all) = get(&server, &base);
    assert_eq!(
        (status, all["responses"].as_u64()),
        (200, Some(12)),
        "{all}"
    );

    // Pairs of filters whose groups differ by exactly the kiosk response.
    let pairs = [
        ("", "?to=2026-11-11"),
        ("", "?mode=personal"),
        ("?from=2026-11-06", "?from=2026-11-06&to=2026-11-11"),
        ("?from=2026-11-06", "?from=2026-11-06&mode=personal"),
        ("?to=2026-11-12", "?to=2026-11-11"),
        ("?from=2026-11-12", "?from=2026-11-13"),
        ("?mode=kiosk", "?mode=assisted"),
        (
            "?from=2026-11-12&to=2026-11-12",
            "?from=2026-11-12&to=2026-11-12&mode=personal",
        ),
    ];
    for (wide, narrow) in pairs {
        let (wide_status, wide_answer) = get(&server, &format!("{base}{wide}"));
        let (narrow_status, narrow_answer) = get(&server, &format!("{base}{narrow}"));
        let answered = [(wide_status, &wide_answer), (narrow_status, &narrow_answer)];
        for (status, answer) in answered {
            match status {
                200 => assert_eq!(answer["schema"], "koers.survey-results/1"),
                422 => assert_eq!(answer["error"]["code"], "too_few", "{answer}"),
                other => panic!("{wide} / {narrow}: {other} {answer}"),
            }
        }
        assert!(
            wide_status == 422 || narrow_status == 422,
            "{wide} and {narrow} both answered: {wide_answer} {narrow_answer}"
        );
    }

    // The refusal says which field to change, is not cached, and the CSV and the counts
    // of the refused filter are refused alike.
    let (status, refused, headers) =
        get_bearer(&server, &format!("{base}?to=2026-11-11"), Some(TOKEN));
    assert_eq!(status, 422);
    assert_eq!(refused["error"]["field"], "to");
    assert!(refused["error"]["message"].as_str().unwrap().contains('5'));
    assert_eq!(headers.get("cache-control").unwrap(), "no-store");
    let (status, refused) = get(&server, &format!("{base}?mode=personal"));
    assert_eq!(
        (status, refused["error"]["field"].as_str()),
        (422, Some("mode"))
    );
    let (status, refused) = get(&server, &format!("{base}?mode=kiosk"));
    assert_eq!(
        (status, refused["error"]["field"].clone()),
        (422, Value::Null)
    );
    for csv in [
        ".csv?to=2026-11-11",
        ".csv?mode=personal",
        ".json?mode=kiosk",
    ] {
        let (status, refused) = get(&server, &format!("{base}{csv}"));
        assert_eq!(
            (status, refused["error"]["code"].as_str()),
            (422, Some("too_few")),
            "{csv}"
        );
    }
    // A period with none or at least five before it, in it and after it is answered.
    let (status, last) = get(&server, &format!("{base}?from=2026-11-06&to=2026-11-12"));
    assert_eq!(
        (status, last["responses"].as_u64()),
        (200, Some(7)),
        "{last}"
    );
    let (status, _) = get(&server, &format!("{base}?from=2026-11-06&to=2026-11-10"));
    assert_eq!(status, 422);
}

#[test]
fn the_csv_has_days_only_no_language_and_rows_in_random_order() {
    let server = server();
    let ids: Vec<String> = (1..=24)
        .map(|n| post(&server, 5 + (n as i64 % 6), "personal", &day(n)))
        .collect();
    let path = format!("/api/v1/results/{DEMO_SURVEY}.csv");
    let mut orders: Vec<Vec<String>> = Vec::new();
    for _ in 0..8 {
        let (status, csv) = get(&server, &path);
        assert_eq!(status, 200);
        let csv = csv.as_str().unwrap().to_string();
        let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
        assert_eq!(lines[0], "id,submitted_at,mode,q1,q2,q3,q4,q5,q6,overall");
        let rows: Vec<Vec<&str>> = lines[1..].iter().map(|l| l.split(',').collect()).collect();
        for row in &rows {
            let day = row[1];
            assert!(
                day.len() == 10 && day.starts_with("2026-11-") && !day.contains('T'),
                "{day}"
            );
            assert!(!row.contains(&"nl"), "{row:?}");
        }
        let order: Vec<String> = rows.iter().map(|r| r[0].to_string()).collect();
        // Every response once: a permutation of what was sent.
        assert_eq!(order.len(), ids.len());
        assert_eq!(
            order.iter().collect::<HashSet<_>>(),
            ids.iter().collect::<HashSet<_>>()
        );
        orders.push(order);
    }
    // 24 rows have 24! orders: eight requests in one order, or all in the order sent,
    // would not happen by chance.
    assert!(
        orders.iter().any(|o| *o != orders[0]),
        "the same order every time"
    );
    assert!(orders.iter().any(|o| *o != ids), "the order sent");
}
