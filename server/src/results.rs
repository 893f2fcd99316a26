//! `GET /api/v1/results/{survey_id}[.json|.csv]` for the team that runs a survey,
//! behind a bearer token. The figures come from `koers::model::results`, the same code
//! the app uses, including the rule that small groups are not shown.

use crate::{api_error, AppState};
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use koers::model::inbox::SurveyResponse;
use koers::model::results::{aggregate, to_csv, ResultsFilter};
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
    let Some(token) = state.results_token.as_deref() else {
        return crate::not_found();
    };
    if !authorised(&headers, token) {
        // Failed attempts cost a write token, so the token cannot be guessed at speed.
        if let Err(wait) = state.limiter.check(state.client_ip(peer, &headers)) {
            return crate::too_many("rate_limited", "too many attempts", wait);
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
        return response;
    }
    let (survey_id, csv) = match file.strip_suffix(".csv") {
        Some(id) => (id, true),
        None => (file.strip_suffix(".json").unwrap_or(&file), false),
    };
    let q = |name: &str| query.get(name).map(String::as_str);
    let filter = match ResultsFilter::parse(q("from"), q("to"), q("mode")) {
        Ok(filter) => filter,
        Err(field) => {
            return api_error(
                StatusCode::BAD_REQUEST,
                "bad_query",
                "from/to are YYYY-MM-DD, mode is personal, assisted or kiosk",
                Some(field),
            )
        }
    };
    let Some(survey) = crate::inbox::load_survey(&state, survey_id).await else {
        return api_error(
            StatusCode::NOT_FOUND,
            "unknown_survey",
            "no such survey",
            None,
        );
    };
    let database = state.store.path().to_path_buf();
    let id = survey.id.clone();
    let bodies = tokio::task::spawn_blocking(move || {
        let conn = crate::store::open_reader(&database)?;
        crate::store::survey_responses(&conn, &id)
    })
    .await;
    let bodies = match bodies {
        Ok(Ok(bodies)) => bodies,
        Ok(Err(e)) => {
            eprintln!("koers-server: reading results failed: {e}");
            return api_error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "storage",
                "the responses could not be read",
                None,
            );
        }
        Err(_) => {
            return api_error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "storage",
                "the responses could not be read",
                None,
            )
        }
    };
    // Stored bodies passed validation; one that no longer decodes is left out, not fatal.
    let responses: Vec<SurveyResponse> = bodies
        .iter()
        .filter_map(|b| serde_json::from_str(b).ok())
        .collect();
    let mut response = if csv {
        let mut response = Response::new(to_csv(&survey, &responses, &filter).into());
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
