//! The contract over real HTTP: static files, the inbox's answers and the results.

mod common;

use common::*;
use serde_json::{json, Value};

fn header<'a>(headers: &'a ureq::http::HeaderMap, name: &str) -> &'a str {
    headers.get(name).map(|v| v.to_str().unwrap()).unwrap_or("")
}

#[test]
fn index_has_security_headers_and_a_csp_with_the_inline_script_hash() {
    let server = TestServer::start(|_| {});
    let (status, body, headers) = read(server.get("/").call().unwrap());
    assert_eq!(status, 200);
    assert!(body.as_str().unwrap().contains("<title>Koers</title>"));
    assert_eq!(header(&headers, "content-type"), "text/html; charset=utf-8");
    assert_eq!(header(&headers, "cache-control"), "no-cache");
    assert_eq!(header(&headers, "x-content-type-options"), "nosniff");
    assert_eq!(header(&headers, "referrer-policy"), "no-referrer");
    assert_eq!(
        header(&headers, "cross-origin-opener-policy"),
        "same-origin"
    );
    assert!(header(&headers, "permissions-policy").contains("camera=()"));
    let html = std::fs::read(server.dir.join("dist/index.html")).unwrap();
    let hashes = koers_server::headers::inline_script_hashes(&html);
    assert_eq!(hashes.len(), 1);
    let csp = header(&headers, "content-security-policy");
    assert!(
        csp.starts_with("default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-"),
        "{csp}"
    );
    assert!(csp.contains(&format!("'{}'", hashes[0])), "{csp}");
    assert!(
        csp.contains("frame-ancestors 'none'") && csp.contains("object-src 'none'"),
        "{csp}"
    );
    // Every answer carries them, errors included.
    let (status, _, headers) = read(server.get("/api/v1/nothing.json").call().unwrap());
    assert_eq!(status, 404);
    assert_eq!(header(&headers, "content-security-policy"), csp);
    assert_eq!(header(&headers, "x-content-type-options"), "nosniff");
}

#[test]
fn app_routes_fall_back_to_index_but_missing_files_do_not() {
    let server = TestServer::start(|_| {});
    for path in ["/doelen", "/vragenlijst/deo-2026", "/kiosk/"] {
        let (status, body, headers) = read(server.get(path).call().unwrap());
        assert_eq!(status, 200, "{path}");
        assert!(
            header(&headers, "content-type").starts_with("text/html"),
            "{path}"
        );
        assert!(
            body.as_str().unwrap().contains("<title>Koers</title>"),
            "{path}"
        );
    }
    for path in [
        "/missing.png",
        "/koers-ffffffffffffffff.js",
        "/../Cargo.toml",
        "/%2e%2e/inbox.sqlite",
        "/.hidden",
    ] {
        let (status, _, _) = read(server.get(path).call().unwrap());
        assert_eq!(status, 404, "{path}");
    }
    // Under /api/ nothing falls back: unknown paths are JSON 404s.
    for path in [
        "/api/v1/surveys",
        "/api/v1/dossiers/ffffffffffffffffffffffffffffffff.json",
        "/api/v2/config",
    ] {
        let (status, body, headers) = read(server.get(path).call().unwrap());
        assert_eq!(status, 404, "{path}");
        assert_eq!(header(&headers, "content-type"), "application/json");
        assert_eq!(body["error"]["code"], "not_found", "{path}");
    }
    let response = agent()
        .post(format!("{}/index.html", server.url))
        .send_empty()
        .unwrap();
    assert_eq!(response.status().as_u16(), 405);
}

#[test]
fn mime_types_and_caching() {
    let server = TestServer::start(|_| {});
    let cases = [
        (
            format!("/{WASM}"),
            "application/wasm",
            "public, max-age=31536000, immutable",
        ),
        (
            format!("/{JS}"),
            "application/javascript",
            "public, max-age=31536000, immutable",
        ),
        (
            "/manifest.webmanifest".to_string(),
            "application/manifest+json",
            "no-cache",
        ),
        (
            "/api/v1/config.json".to_string(),
            "application/json",
            "no-cache",
        ),
        (
            "/api/v1/dossiers/0123456789abcdef0123456789abcdef.json".to_string(),
            "application/json",
            "no-store",
        ),
    ];
    for (path, mime, cache) in cases {
        let response = server
            .get(&path)
            .header("accept-encoding", "identity")
            .call()
            .unwrap();
        let (status, _, headers) = read(response);
        assert_eq!(status, 200, "{path}");
        assert_eq!(header(&headers, "content-type"), mime, "{path}");
        assert_eq!(header(&headers, "cache-control"), cache, "{path}");
        assert!(header(&headers, "etag").starts_with('"'), "{path}");
    }
    let mut response = server.get(&format!("/{WASM}")).call().unwrap();
    let bytes = response
        .body_mut()
        .with_config()
        .limit(10 << 20)
        .read_to_vec()
        .unwrap();
    assert_eq!(bytes, fake_wasm(300 * 1024));
}

#[test]
fn etag_revalidation_answers_304() {
    let server = TestServer::start(|_| {});
    for path in ["/api/v1/config.json", "/", &format!("/{WASM}")] {
        let (status, _, headers) = read(server.get(path).call().unwrap());
        assert_eq!(status, 200);
        let etag = header(&headers, "etag").to_string();
        let response = server
            .get(path)
            .header("if-none-match", &etag)
            .call()
            .unwrap();
        assert_eq!(response.status().as_u16(), 304, "{path}");
        assert_eq!(
            response.headers().get("etag").unwrap().to_str().unwrap(),
            etag
        );
        let response = server
            .get(path)
            .header("if-none-match", "\"something-else\"")
            .call()
            .unwrap();
        assert_eq!(response.status().as_u16(), 200, "{path}");
    }
    // A changed file gets a new ETag, without restarting.
    let (_, _, headers) = read(server.get("/api/v1/config.json").call().unwrap());
    let old = header(&headers, "etag").to_string();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let path = server.dir.join("dist/api/v1/config.json");
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("Testzorg", "Andere Zorg");
    std::fs::write(&path, text).unwrap();
    let (status, body, headers) = read(
        server
            .get("/api/v1/config.json")
            .header("if-none-match", &old)
            .call()
            .unwrap(),
    );
    assert_eq!(status, 200);
    assert_ne!(header(&headers, "etag"), old);
    assert_eq!(body["organisation"], "Stichting Andere Zorg");
}

#[test]
fn compression_follows_accept_encoding() {
    let server = TestServer::start(|_| {});
    let original = fake_wasm(300 * 1024);
    for (accept, encoding) in [
        ("br", "br"),
        ("gzip", "gzip"),
        ("gzip, br", "br"),
        ("identity", ""),
    ] {
        let mut response = server
            .get(&format!("/{WASM}"))
            .header("accept-encoding", accept)
            .call()
            .unwrap();
        let headers = response.headers().clone();
        let bytes = response
            .body_mut()
            .with_config()
            .limit(10 << 20)
            .read_to_vec()
            .unwrap();
        assert_eq!(header(&headers, "content-encoding"), encoding, "{accept}");
        assert_eq!(header(&headers, "vary"), "accept-encoding");
        let decoded = match encoding {
            "br" => {
                let mut out = Vec::new();
                brotli::BrotliDecompress(&mut &bytes[..], &mut out).unwrap();
                out
            }
            "gzip" => {
                let mut out = Vec::new();
                std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&bytes[..]), &mut out)
                    .unwrap();
                out
            }
            _ => bytes.clone(),
        };
        assert_eq!(decoded, original, "{accept}");
        if !encoding.is_empty() {
            assert!(bytes.len() < original.len() * 9 / 10);
        }
    }
}

#[test]
fn head_requests_have_headers_but_no_body() {
    let server = TestServer::start(|_| {});
    let response = agent()
        .head(format!("{}/api/v1/config.json", server.url))
        .call()
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(
        response.headers().get("content-type").unwrap(),
        "application/json"
    );
}

#[test]
fn survey_response_is_stored_once_and_repeats_get_the_first_answer() {
    let server = TestServer::start(|_| {});
    let id = uuid();
    let body = survey_response(&id, 8, "personal", "2026-11-20");
    let (status, first, headers) = server.post_json("survey-responses", &body.to_string());
    assert_eq!(status, 201, "{first}");
    assert_eq!(first["id"], id.as_str());
    assert!(first["stored_at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(header(&headers, "content-type"), "application/json");
    assert_eq!(header(&headers, "cache-control"), "no-store");
    // The same JSON, formatted differently: a repeat.
    let pretty = serde_json::to_string_pretty(&body).unwrap();
    let (status, again, _) = server.post_json("survey-responses", &pretty);
    assert_eq!((status, &again), (200, &first));
    // Same id, other answers: a conflict.
    let other = survey_response(&id, 3, "personal", "2026-11-20");
    let (status, error, _) = server.post_json("survey-responses", &other.to_string());
    assert_eq!(status, 409);
    assert_eq!(error["error"]["code"], "conflict");
    assert_eq!(error["error"]["field"], "id");
    let rows = server.rows();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].0, id);
    assert_eq!(rows[0].1, "survey-responses");
    assert_eq!(serde_json::from_str::<Value>(&rows[0].2).unwrap(), body);
}

#[test]
fn every_inbox_kind_takes_its_body() {
    let server = TestServer::start(|_| {});
    let bodies = [
        ("messages", message(&uuid(), "vp-1")),
        (
            "goal-reflections",
            json!({"schema": "koers.goal-reflection/1", "id": uuid(), "participant_id": "p-1001",
                   "goal_id": "g1", "written_at": "2026-11-20T10:00:00+01:00", "rating": 7, "text": "Gaat goed."}),
        ),
        (
            "acknowledgements",
            json!({"schema": "koers.acknowledgement/1", "id": uuid(), "participant_id": "p-1001",
                   "agreement_id": "a1", "agreement_version": 2, "acknowledged_at": "2026-11-20T10:00:00+01:00"}),
        ),
    ];
    for (kind, body) in &bodies {
        let (status, answer, _) = server.post_as_writer(kind, &body.to_string());
        assert_eq!(status, 201, "{kind}: {answer}");
    }
    let kinds: Vec<String> = server.rows().into_iter().map(|r| r.1).collect();
    assert_eq!(kinds, ["messages", "goal-reflections", "acknowledgements"]);
}

#[test]
fn rejected_bodies_get_the_contract_error() {
    let server = TestServer::start(|_| {});
    let error = |status: u16, answer: &Value, code: &str, field: Option<&str>| {
        assert_eq!(answer["error"]["code"], code, "{answer}");
        assert!(
            answer["error"]["message"]
                .as_str()
                .is_some_and(|m| !m.is_empty()),
            "{answer}"
        );
        assert_eq!(answer["error"]["field"].as_str(), field, "{answer}");
        assert_eq!(answer.as_object().unwrap().len(), 1, "{answer}");
        status
    };
    // Not JSON.
    let (status, answer, _) = server.post_json("survey-responses", "{\"id\": ");
    assert_eq!(error(status, &answer, "bad_json", None), 400);
    // JSON, wrong types: the field is named by its path.
    let mut body = survey_response(&uuid(), 8, "personal", "2026-11-20");
    body["survey_version"] = json!("one");
    let (status, answer, _) = server.post_json("survey-responses", &body.to_string());
    assert_eq!(
        error(status, &answer, "invalid", Some("survey_version")),
        422
    );
    let mut body = survey_response(&uuid(), 8, "personal", "2026-11-20");
    body["answers"][1]["value"] = json!({"yes": true});
    let (status, answer, _) = server.post_json("survey-responses", &body.to_string());
    assert_eq!(
        error(status, &answer, "invalid", Some("answers[1].value")),
        422
    );
    let mut body = survey_response(&uuid(), 8, "personal", "2026-11-20");
    body.as_object_mut().unwrap().remove("mode");
    let (status, answer, _) = server.post_json("survey-responses", &body.to_string());
    assert_eq!(error(status, &answer, "required", Some("mode")), 422);
    let (status, answer, _) = server.post_json("survey-responses", "[1, 2]");
    assert_eq!(error(status, &answer, "invalid", None), 422);
    // Shape right, rules broken.
    let body = survey_response(&uuid(), 11, "personal", "2026-11-20");
    let (status, answer, _) = server.post_json("survey-responses", &body.to_string());
    assert_eq!(
        error(status, &answer, "out_of_range", Some("answers[0].value")),
        422
    );
    let mut body = survey_response(&uuid(), 8, "personal", "2026-11-20");
    body["survey_id"] = json!("no-such-survey");
    let (status, answer, _) = server.post_json("survey-responses", &body.to_string());
    assert_eq!(
        error(status, &answer, "unknown_survey", Some("survey_id")),
        422
    );
    let mut body = survey_response(&uuid(), 8, "personal", "2026-11-20");
    body["survey_id"] = json!("../config");
    let (status, answer, _) = server.post_json("survey-responses", &body.to_string());
    assert_eq!(
        error(status, &answer, "unknown_survey", Some("survey_id")),
        422
    );
    let mut body = survey_response(&uuid(), 8, "personal", "2026-11-20");
    body["schema"] = json!("koers.message/1");
    let (status, answer, _) = server.post_json("survey-responses", &body.to_string());
    assert_eq!(error(status, &answer, "schema", Some("schema")), 422);
    for to in ["kf-1", "nobody"] {
        let (status, answer, _) = server.post_json("messages", &message(&uuid(), to).to_string());
        assert_eq!(error(status, &answer, "unknown_contact", Some("to")), 422);
    }
    // Not JSON by its Content-Type.
    let response = agent()
        .post(format!("{}/api/v1/inbox/messages", server.url))
        .header("content-type", "text/plain")
        .send(message(&uuid(), "vp-1").to_string())
        .unwrap();
    let (status, answer, _) = read(response);
    assert_eq!(error(status, &answer, "unsupported_media_type", None), 415);
    // Too big.
    let mut big = message(&uuid(), "vp-1");
    big["body"] = json!("x".repeat(koers::model::inbox::limits::BODY_BYTES));
    let (status, answer, _) = server.post_json("messages", &big.to_string());
    assert_eq!(error(status, &answer, "too_large", None), 413);
    // Unknown inbox.
    let (status, answer, _) = server.post_json("diaries", &message(&uuid(), "vp-1").to_string());
    assert_eq!(error(status, &answer, "not_found", None), 404);
    assert!(server.rows().is_empty());
}

#[test]
fn too_many_writes_get_429_with_retry_after() {
    let server = TestServer::start(|args| {
        args.rate_limit = 6;
        args.rate_burst = 3;
    });
    for _ in 0..3 {
        let (status, _, _) = server.post_json("messages", &message(&uuid(), "vp-1").to_string());
        assert_eq!(status, 201);
    }
    let (status, answer, headers) =
        server.post_json("messages", &message(&uuid(), "vp-1").to_string());
    assert_eq!(status, 429);
    assert_eq!(answer["error"]["code"], "rate_limited");
    let retry: u64 = header(&headers, "retry-after").parse().unwrap();
    assert!((1..=10).contains(&retry), "{retry}");
    // Reading is not limited.
    assert_eq!(
        server
            .get("/api/v1/config.json")
            .call()
            .unwrap()
            .status()
            .as_u16(),
        200
    );
}

#[test]
fn forwarded_for_counts_only_behind_a_trusted_proxy() {
    let post_as = |server: &TestServer, ip: &str| {
        let response = agent()
            .post(format!("{}/api/v1/inbox/messages", server.url))
            .header("content-type", "application/json")
            .header("x-forwarded-for", ip)
            .send(message(&uuid(), "vp-1").to_string())
            .unwrap();
        response.status().as_u16()
    };
    let server = TestServer::start(|args| {
        args.rate_limit = 1;
        args.rate_burst = 1;
        args.trust_proxy = true;
    });
    assert_eq!(post_as(&server, "10.0.0.1"), 201);
    assert_eq!(post_as(&server, "10.0.0.2"), 201);
    assert_eq!(post_as(&server, "10.0.0.1"), 429);
    let server = TestServer::start(|args| {
        args.rate_limit = 1;
        args.rate_burst = 1;
    });
    assert_eq!(post_as(&server, "10.0.0.1"), 201);
    assert_eq!(post_as(&server, "10.0.0.2"), 429);
}

#[test]
fn results_are_off_without_a_token_and_closed_with_a_wrong_one() {
    let server = TestServer::start(|_| {});
    let (status, answer, _) = get_bearer(&server, "/api/v1/results/deo-2026", Some(TOKEN));
    assert_eq!(status, 404);
    assert_eq!(answer["error"]["code"], "not_found");

    let server = TestServer::start(results);
    for token in [None, Some("wrong"), Some("team-token-0123456780")] {
        let (status, answer, headers) = get_bearer(&server, "/api/v1/results/deo-2026", token);
        assert_eq!(status, 401, "{token:?}");
        assert_eq!(answer["error"]["code"], "unauthorized");
        assert!(header(&headers, "www-authenticate").starts_with("Bearer"));
    }
    let (status, answer, _) = get_bearer(&server, "/api/v1/results/no-such-survey", Some(TOKEN));
    assert_eq!(
        (status, answer["error"]["code"].as_str()),
        (404, Some("unknown_survey"))
    );
    let (status, answer, _) = get_bearer(
        &server,
        "/api/v1/results/deo-2026?from=gisteren",
        Some(TOKEN),
    );
    assert_eq!(
        (status, answer["error"]["field"].as_str()),
        (400, Some("from"))
    );
}

#[test]
fn results_show_figures_from_five_responses_and_hide_them_below() {
    let server = TestServer::start(results);
    let grades = [6, 7, 8, 9, 10, 5];
    for (i, grade) in grades.iter().enumerate() {
        let mode = if i == 5 { "kiosk" } else { "personal" };
        let body = survey_response(&uuid(), *grade, mode, &format!("2026-11-0{}", i + 1));
        assert_eq!(
            server.post_json("survey-responses", &body.to_string()).0,
            201
        );
    }
    let (status, all, headers) = get_bearer(&server, "/api/v1/results/deo-2026", Some(TOKEN));
    assert_eq!(status, 200, "{all}");
    assert_eq!(header(&headers, "cache-control"), "no-store");
    assert_eq!(all["schema"], "koers.survey-results/1");
    assert_eq!(all["responses"], 6);
    assert_eq!(all["hidden"], false);
    assert_eq!(all["overall_source"], "overall_question");
    assert_eq!(all["overall"]["value"], 7.5);
    let q1 = &all["questions"][0];
    assert_eq!(
        (
            q1["id"].as_str(),
            q1["average"].as_f64(),
            q1["hidden"].as_bool()
        ),
        (Some("q1"), Some(7.5), Some(false))
    );
    let q3 = all["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["id"] == "q3")
        .unwrap();
    assert_eq!(q3["yes_no"], json!({"yes": 4, "no": 2}));
    let q2 = &all["questions"][1];
    assert_eq!(
        (q2["answered"].as_u64(), q2["hidden"].as_bool()),
        (Some(0), Some(true))
    );

    // A filter that narrows it to four is refused, not answered with hidden figures; so
    // is one that leaves out the one kiosk response (six minus five).
    for query in [
        "?from=2026-11-03&to=2026-11-30",
        "?mode=kiosk",
        "?mode=personal",
    ] {
        let (status, refused, _) = get_bearer(
            &server,
            &format!("/api/v1/results/deo-2026.json{query}"),
            Some(TOKEN),
        );
        assert_eq!(status, 422, "{query}: {refused}");
        assert_eq!(refused["error"]["code"], "too_few");
    }

    // CSV: one row per response, one column per question, in random order.
    let (status, csv, headers) = get_bearer(&server, "/api/v1/results/deo-2026.csv", Some(TOKEN));
    assert_eq!(status, 200);
    assert_eq!(header(&headers, "content-type"), "text/csv; charset=utf-8");
    assert!(header(&headers, "content-disposition").contains("deo-2026-results.csv"));
    let csv = csv.as_str().unwrap();
    let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
    assert_eq!(lines[0], "id,submitted_at,mode,q1,q2,q3,q4,q5,q6,overall");
    assert_eq!(lines.len(), 7, "{csv}");
    assert!(
        lines
            .iter()
            .any(|l| l.ends_with(",2026-11-01,personal,6,,no,,\"work;money\",,6")),
        "{csv}"
    );
    assert!(
        lines.iter().any(|l| l.contains(",2026-11-06,kiosk,5,")),
        "{csv}"
    );
    // The CSV of a refused filter is refused too.
    let (status, refused, _) = get_bearer(
        &server,
        "/api/v1/results/deo-2026.csv?mode=personal&from=2026-11-02",
        Some(TOKEN),
    );
    assert_eq!(
        (status, refused["error"]["code"].as_str()),
        (422, Some("too_few"))
    );
}

#[test]
fn results_are_compressed_when_asked() {
    let server = TestServer::start(results);
    let response = server
        .get("/api/v1/results/deo-2026")
        .header("authorization", format!("Bearer {TOKEN}"))
        .header("accept-encoding", "gzip")
        .call()
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    assert_eq!(response.headers().get("content-encoding").unwrap(), "gzip");
}

#[test]
fn guessing_access_codes_is_slowed_down() {
    let server = TestServer::start(|args| {
        args.lookup_rate_limit = 6;
        args.lookup_burst = 3;
    });
    let known = "/api/v1/dossiers/0123456789abcdef0123456789abcdef.json";
    // Hits cost nothing.
    for _ in 0..5 {
        assert_eq!(server.get(known).call().unwrap().status().as_u16(), 200);
    }
    for _ in 0..3 {
        let path = "/api/v1/dossiers/ffffffffffffffffffffffffffffffff.json";
        assert_eq!(server.get(path).call().unwrap().status().as_u16(), 404);
    }
    let (status, answer, headers) = read(server.get("/api/v1/dossiers/eeee.json").call().unwrap());
    assert_eq!(
        (status, answer["error"]["code"].as_str()),
        (429, Some("rate_limited"))
    );
    assert!(!header(&headers, "retry-after").is_empty());
    // Out of tokens, a right guess is not told apart from a wrong one.
    assert_eq!(server.get(known).call().unwrap().status().as_u16(), 429);
    // Other files are not affected.
    assert_eq!(
        server
            .get("/api/v1/config.json")
            .call()
            .unwrap()
            .status()
            .as_u16(),
        200
    );
}
