//! `GET /api/v1/results/{survey_id}[.json|.csv]` for the team that runs a survey,
//! behind a bearer token. The figures come from `koers::model::results`, the same code
//! the app uses, including the rules that small groups are not shown and that a filter
//! singling out 1 to 4 responses is refused (`422 too_few`).
//!
//! `GET /api/v1/results/{survey_id}/sealed`, behind the same token, hands the team the
//! stored *sealed* responses as they are: the server cannot open them, so the team's
//! browser opens and counts them with its key file.

use crate::{api_error, AppState};
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use koers::model::inbox::SurveyResponse;
use koers::model::results::{
    aggregate, check_filter, check_sealed_filter, to_csv, ResultsFilter, SealedResponses, TooFew,
    MIN_RESPONSES, SEALED_SCHEMA,
};
use rand_core::OsRng;
use serde_json::Value;
use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::Arc;

pub async fn get(
    State(state): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(file): Path<String>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    if let Some(refused) = refuse_token(&state, peer, &headers) {
        return refused;
    }
    let (survey_id, csv) = match file.strip_suffix(".csv") {
        Some(id) => (id, true),
        None => (file.strip_suffix(".json").unwrap_or(&file), false),
    };
    let filter = match filter(&query) {
        Ok(filter) => filter,
        Err(field) => return bad_query(field),
    };
    let Some(survey) = crate::inbox::load_survey(&state, survey_id).await else {
        return unknown_survey();
    };
    let Some(bodies) = read_bodies(&state, &survey.id, crate::store::survey_responses).await else {
        return storage_failed();
    };
    // Stored bodies passed validation; one that no longer decodes is left out, not fatal.
    let responses: Vec<SurveyResponse> = bodies
        .iter()
        .filter_map(|b| serde_json::from_str(b).ok())
        .collect();
    if let Err(refused) = check_filter(&survey, &responses, &filter) {
        return too_few(refused);
    }
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
    response
}

/// The stored sealed responses to one survey, for the team's browser to open. The filter
/// is applied to the readable `submitted_at` and `mode` only (a body whose readable part
/// cannot be read is kept: the browser counts it as "could not be opened"); the browser
/// applies the filter again to what it opens.
pub async fn get_sealed(
    State(state): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(survey_id): Path<String>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    if let Some(refused) = refuse_token(&state, peer, &headers) {
        return refused;
    }
    let filter = match filter(&query) {
        Ok(filter) => filter,
        Err(field) => return bad_query(field),
    };
    let Some(survey) = crate::inbox::load_survey(&state, &survey_id).await else {
        return unknown_survey();
    };
    let Some(bodies) = read_bodies(&state, &survey.id, crate::store::sealed_survey_responses).await
    else {
        return storage_failed();
    };
    // Stored bodies are JSON the inbox checked; one that no longer parses is left out.
    let all: Vec<Value> = bodies
        .iter()
        .filter_map(|b| serde_json::from_str::<Value>(b).ok())
        .collect();
    // The team's browser counts what it opens; the rule that keeps it from subtracting
    // one filter from another can only be applied here, where every body is seen.
    if let Err(refused) = check_sealed_filter(&all, &filter) {
        return too_few(refused);
    }
    let responses: Vec<Value> = all
        .into_iter()
        .filter(|body| filter.matches_readable(body) != Some(false))
        .collect();
    crate::json_response(
        StatusCode::OK,
        &SealedResponses {
            schema: SEALED_SCHEMA.to_string(),
            survey_id: survey.id,
            filter,
            responses,
        },
    )
}

/// The answer that refuses a request, or `None` for the right token. Results are off
/// without a token (404); a wrong or missing one is a 401, and failed attempts cost a
/// write token, so the token cannot be guessed at speed.
fn refuse_token(state: &AppState, peer: SocketAddr, headers: &HeaderMap) -> Option<Response> {
    let Some(token) = state.results_token.as_deref() else {
        return Some(crate::not_found());
    };
    if authorised(headers, token) {
        return None;
    }
    if let Err(wait) = state.limiter.check(state.client_ip(peer, headers)) {
        return Some(crate::too_many("rate_limited", "too many attempts", wait));
    }
    let mut response = api_error(
        StatusCode::UNAUTHORIZED,
        "unauthorized",
        "a valid results token is needed",
        None,
    );
    response.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static("Bearer realm=\"koers-results\""),
    );
    Some(response)
}

/// The filter of the query; on a bad value, the field's name.
fn filter(query: &HashMap<String, String>) -> Result<ResultsFilter, &'static str> {
    let q = |name: &str| query.get(name).map(String::as_str);
    ResultsFilter::parse(q("from"), q("to"), q("mode"))
}

fn bad_query(field: &str) -> Response {
    api_error(
        StatusCode::BAD_REQUEST,
        "bad_query",
        "from/to are YYYY-MM-DD, mode is personal, assisted or kiosk",
        Some(field),
    )
}

fn too_few(refused: TooFew) -> Response {
    let mut response = api_error(
        StatusCode::UNPROCESSABLE_ENTITY,
        "too_few",
        format!(
            "this filter would single out fewer than {MIN_RESPONSES} responses; \
             choose another period or every mode"
        ),
        refused.field,
    );
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

fn unknown_survey() -> Response {
    api_error(
        StatusCode::NOT_FOUND,
        "unknown_survey",
        "no such survey",
        None,
    )
}

fn storage_failed() -> Response {
    api_error(
        StatusCode::INTERNAL_SERVER_ERROR,
        "storage",
        "the responses could not be read",
        None,
    )
}

/// One survey's stored bodies, read off the async runtime; `None` when that failed.
async fn read_bodies(
    state: &AppState,
    survey_id: &str,
    query: fn(&rusqlite::Connection, &str) -> rusqlite::Result<Vec<String>>,
) -> Option<Vec<String>> {
    let database = state.store.path().to_path_buf();
    let id = survey_id.to_string();
    let bodies = tokio::task::spawn_blocking(move || {
        let conn = crate::store::open_reader(&database)?;
        query(&conn, &id)
    })
    .await;
    match bodies {
        Ok(Ok(bodies)) => Some(bodies),
        Ok(Err(e)) => {
            eprintln!("koers-server: reading results failed: {e}");
            None
        }
        Err(_) => None,
    }
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
    #[test]
    fn token_comparison() {
        assert!(super::constant_time_eq(b"abc", b"abc"));
        assert!(!super::constant_time_eq(b"abc", b"abd"));
        assert!(!super::constant_time_eq(b"abc", b"abcd"));
    }
}
