//! Results for the survey team: read with the team's bearer token, kept in memory only.

use super::{api_url, read_text, ApiError};
use gloo_net::http::Request;

/// `GET api/v1/results/{survey_id}{ext}` with the team's bearer token (kept in memory only).
/// `ext` is what follows the id: `""`, `".csv"` or `"/sealed"`.
async fn get_results_text(
    survey_id: &str,
    ext: &str,
    token: &str,
    filter: &crate::model::results::ResultsFilter,
) -> Result<String, ApiError> {
    use crate::model::figures::{filter_query, safe_id};
    let path = format!(
        "results/{}{ext}{}",
        safe_id(survey_id),
        filter_query(filter)
    );
    let response = Request::get(&api_url(&path))
        .header("Authorization", &format!("Bearer {}", token.trim()))
        .send()
        .await
        .map_err(|_| ApiError::Offline)?;
    read_text(response).await
}

/// The survey's results for its team: 401 (`Server(401)`) is a wrong token, 404 means
/// results are switched off on this server.
pub async fn load_results(
    survey_id: &str,
    token: &str,
    filter: &crate::model::results::ResultsFilter,
) -> Result<crate::model::results::SurveyResults, ApiError> {
    let text = get_results_text(survey_id, "", token, filter).await?;
    serde_json::from_str(&text).map_err(|e| ApiError::BadData {
        path: "$".into(),
        message: e.to_string(),
    })
}

/// The same results as CSV rows, for a spreadsheet.
pub async fn load_results_csv(
    survey_id: &str,
    token: &str,
    filter: &crate::model::results::ResultsFilter,
) -> Result<String, ApiError> {
    get_results_text(survey_id, ".csv", token, filter).await
}

/// A sealed survey's stored responses, still sealed, for the team's key file to open in
/// this browser (`model::results::open_responses`). The key itself is never sent.
pub async fn load_sealed_responses(
    survey_id: &str,
    token: &str,
    filter: &crate::model::results::ResultsFilter,
) -> Result<crate::model::results::SealedResponses, ApiError> {
    let text = get_results_text(survey_id, "/sealed", token, filter).await?;
    crate::model::decode(&text).map_err(ApiError::from)
}
