//! `GET /api/v1/results/{survey_id}[.json|.csv]` for the team that runs a survey,
//! behind a bearer token. The figures come from `koers::model::results`, the same code
//! the app uses, including the rules that small groups are not shown and that a filter
//! singling out 1 to 4 responses is refused (`422 too_few`).
//!
//! `GET /api/v1/results/{survey_id}/sealed`, behind the same token, hands the team the
//! stored *sealed* responses as they are: the server cannot open them, so the team's
//! browser opens and counts them with its key file.

use crate::error::{ApiError, Realm};
use crate::AppState;
use axum::extract::{ConnectInfo, FromRequestParts, Path, Query, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use koers::model::inbox::SurveyResponse;
use koers::model::results::{
    aggregate, check_filter, check_sealed_filter, to_csv, ResultsFilter, SealedResponses,
    SEALED_SCHEMA,
};
use rand_core::OsRng;
use serde_json::Value;
use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;

/// A request that carries the results token (`Authorization: Bearer <token>`). The team
/// is not told apart from anyone else who has the token, so the extractor only vouches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TeamToken;

impl FromRequestParts<Arc<AppState>> for TeamToken {
    type Rejection = ApiError;

    /// Results are off without a token (404, like any missing file); a wrong or missing
    /// one is a 401, and failed attempts cost a write token, so the token cannot be
    /// guessed at speed. The right token is never limited.
    async fn from_request_parts(
        parts: &mut Parts,
        state: &Arc<AppState>,
    ) -> Result<Self, Self::Rejection> {
        let Some(token) = state.results_token.as_deref() else {
            return Err(ApiError::NO_SUCH_FILE);
        };
        if authorised(&parts.headers, token) {
            return Ok(Self);
        }
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |c| c.0.ip());
        let client = state.client_ip(SocketAddr::new(peer, 0), &parts.headers);
        state
            .limiter
            .check(client)
            .map_err(|wait| ApiError::RateLimited {
                message: "too many attempts",
                wait,
            })?;
        Err(ApiError::Unauthorized(Realm::Results))
    }
}

// Extractors run in order: the token is checked after `Path` and `Query`, so a path that
// does not decode is axum's 400 and costs no one a try at the token.
pub async fn get(
    State(state): State<Arc<AppState>>,
    Path(file): Path<String>,
    Query(query): Query<HashMap<String, String>>,
    _: TeamToken,
) -> Result<Response, ApiError> {
    let (survey_id, csv) = match file.strip_suffix(".csv") {
        Some(id) => (id, true),
        None => (file.strip_suffix(".json").unwrap_or(&file), false),
    };
    let filter = filter(&query)?;
    let survey = crate::inbox::load_survey(&state, survey_id)
        .await
        .ok_or(ApiError::UnknownSurvey)?;
    let bodies = read_bodies(&state, &survey.id, crate::store::survey_responses).await?;
    // Stored bodies passed validation; one that no longer decodes is left out, not fatal.
    let responses: Vec<SurveyResponse> = bodies
        .iter()
        .filter_map(|b| serde_json::from_str(b).ok())
        .collect();
    check_filter(&survey, &responses, &filter).map_err(ApiError::TooFew)?;
    let mut response = if csv {
        let rows = to_csv(&survey, &responses, &filter, &mut OsRng);
        let mut response = Response::new(rows.into());
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/csv; charset=utf-8"),
        );
        let disposition = format!("attachment; filename=\"{}-results.csv\"", survey.id);
        headers.insert(
            header::CONTENT_DISPOSITION,
            crate::static_files::header_value(&disposition),
        );
        response
    } else {
        crate::json_response(StatusCode::OK, &aggregate(&survey, &responses, &filter))
    };
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

/// The stored sealed responses to one survey, for the team's browser to open. The filter
/// is applied to the readable `submitted_at` and `mode` only (a body whose readable part
/// cannot be read is kept: the browser counts it as "could not be opened"); the browser
/// applies the filter again to what it opens.
pub async fn get_sealed(
    State(state): State<Arc<AppState>>,
    Path(survey_id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
    _: TeamToken,
) -> Result<Response, ApiError> {
    let filter = filter(&query)?;
    let survey = crate::inbox::load_survey(&state, &survey_id)
        .await
        .ok_or(ApiError::UnknownSurvey)?;
    let bodies = read_bodies(&state, &survey.id, crate::store::sealed_survey_responses).await?;
    // Stored bodies are JSON the inbox checked; one that no longer parses is left out.
    let all: Vec<Value> = bodies
        .iter()
        .filter_map(|b| serde_json::from_str::<Value>(b).ok())
        .collect();
    // The team's browser counts what it opens; the rule that keeps it from subtracting
    // one filter from another can only be applied here, where every body is seen.
    check_sealed_filter(&all, &filter).map_err(ApiError::TooFew)?;
    let responses: Vec<Value> = all
        .into_iter()
        .filter(|body| filter.matches_readable(body) != Some(false))
        .collect();
    Ok(crate::json_response(
        StatusCode::OK,
        &SealedResponses {
            schema: SEALED_SCHEMA.to_string(),
            survey_id: survey.id,
            filter,
            responses,
        },
    ))
}

/// The filter of the query.
fn filter(query: &HashMap<String, String>) -> Result<ResultsFilter, ApiError> {
    let q = |name: &str| query.get(name).map(String::as_str);
    ResultsFilter::parse(q("from"), q("to"), q("mode")).map_err(|field| ApiError::BadQuery {
        expected: "from/to are YYYY-MM-DD, mode is personal, assisted or kiosk",
        field,
    })
}

/// One survey's stored bodies, read off the async runtime.
async fn read_bodies(
    state: &AppState,
    survey_id: &str,
    query: fn(&rusqlite::Connection, &str) -> rusqlite::Result<Vec<String>>,
) -> Result<Vec<String>, ApiError> {
    let database = state.store.path().to_path_buf();
    let id = survey_id.to_string();
    let bodies = tokio::task::spawn_blocking(move || {
        let conn = crate::store::open_reader(&database)?;
        query(&conn, &id)
    })
    .await;
    match bodies {
        Ok(Ok(bodies)) => Ok(bodies),
        Ok(Err(e)) => {
            eprintln!("koers-server: reading results failed: {e}");
            Err(storage_failed())
        }
        Err(_) => Err(storage_failed()),
    }
}

fn storage_failed() -> ApiError {
    ApiError::Storage("the responses could not be read".to_string())
}

fn authorised(headers: &HeaderMap, token: &str) -> bool {
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
        .map(str::trim);
    given.is_some_and(|given| constant_time_eq(given.as_bytes(), token.as_bytes()))
}

/// Compares without stopping at the first difference, so timing does not reveal how
/// much of a guess was right.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::ServeArgs;
    use axum::http::Request;
    use axum::response::IntoResponse;

    const TOKEN: &str = "team-token-0123456789";

    #[test]
    fn token_comparison() {
        assert!(super::constant_time_eq(b"abc", b"abc"));
        assert!(!super::constant_time_eq(b"abc", b"abd"));
        assert!(!super::constant_time_eq(b"abc", b"abcd"));
    }

    /// A server state with this results token, whose write limiter allows `burst` tries.
    fn state(token: Option<&str>, burst: u32) -> (Arc<AppState>, std::path::PathBuf) {
        let dir = std::env::temp_dir().join(format!("koers-team-token-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut args = ServeArgs::new(dir.join("dist"), dir.join("inbox.sqlite"));
        args.results_token = token.map(str::to_string);
        args.rate_burst = burst;
        (Arc::new(AppState::new(&args).unwrap()), dir)
    }

    /// The extractor's verdict on a request with this `Authorization`; a refusal as the
    /// client sees it: status, error code and the header that goes with it.
    async fn verdict(
        state: &Arc<AppState>,
        authorization: Option<&str>,
    ) -> Result<TeamToken, (u16, String, Option<String>)> {
        let mut request = Request::builder().uri("/api/v1/results/deo-2026");
        if let Some(value) = authorization {
            request = request.header(header::AUTHORIZATION, value);
        }
        let (mut parts, ()) = request.body(()).unwrap().into_parts();
        let refusal = match TeamToken::from_request_parts(&mut parts, state).await {
            Ok(token) => return Ok(token),
            Err(refusal) => refusal.into_response(),
        };
        let status = refusal.status().as_u16();
        let header = [header::WWW_AUTHENTICATE, header::RETRY_AFTER]
            .iter()
            .find_map(|name| refusal.headers().get(name))
            .map(|v| v.to_str().unwrap().to_string());
        let bytes = axum::body::to_bytes(refusal.into_body(), usize::MAX)
            .await
            .unwrap();
        let body: Value = serde_json::from_slice(&bytes).unwrap();
        let code = body["error"]["code"].as_str().unwrap().to_string();
        Err((status, code, header))
    }

    fn unauthorized() -> (u16, String, Option<String>) {
        (
            401,
            "unauthorized".into(),
            Some("Bearer realm=\"koers-results\"".into()),
        )
    }

    #[tokio::test]
    async fn without_a_results_token_results_are_not_there() {
        let (state, dir) = state(None, 30);
        let bearer = format!("Bearer {TOKEN}");
        assert_eq!(
            verdict(&state, Some(&bearer)).await,
            Err((404, "not_found".into(), None))
        );
        let _ = std::fs::remove_dir_all(dir);
    }

    #[tokio::test]
    async fn only_the_right_token_passes() {
        let (state, dir) = state(Some(TOKEN), 30);
        assert_eq!(verdict(&state, None).await, Err(unauthorized()));
        for wrong in [
            "Bearer team-token-0123456780".to_string(),
            format!("Bearer {TOKEN}x"),
            format!("Basic {TOKEN}"),
            format!("BEARER {TOKEN}"),
            TOKEN.to_string(),
        ] {
            assert_eq!(
                verdict(&state, Some(&wrong)).await,
                Err(unauthorized()),
                "{wrong}"
            );
        }
        for right in [
            format!("Bearer {TOKEN}"),
            format!("bearer {TOKEN}"),
            format!("Bearer  {TOKEN} "),
        ] {
            assert_eq!(
                verdict(&state, Some(&right)).await,
                Ok(TeamToken),
                "{right}"
            );
        }
        let _ = std::fs::remove_dir_all(dir);
    }

    #[tokio::test]
    async fn wrong_tokens_are_limited_and_the_right_one_is_not() {
        let (state, dir) = state(Some(TOKEN), 2);
        let wrong = Some("Bearer wrong");
        assert_eq!(verdict(&state, wrong).await, Err(unauthorized()));
        assert_eq!(verdict(&state, wrong).await, Err(unauthorized()));
        let Err((status, code, Some(retry_after))) = verdict(&state, wrong).await else {
            panic!("the third wrong token is not limited");
        };
        assert_eq!((status, code.as_str()), (429, "rate_limited"));
        assert!(retry_after.parse::<u64>().unwrap() >= 1);
        assert_eq!(verdict(&state, None).await.unwrap_err().0, 429);
        let bearer = format!("Bearer {TOKEN}");
        assert_eq!(verdict(&state, Some(&bearer)).await, Ok(TeamToken));
        let _ = std::fs::remove_dir_all(dir);
    }
}
