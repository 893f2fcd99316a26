//! One line per request on stderr: time, method, path, status, duration. Never a body,
//! a query string or a client address, and never a dossier's file name: that name is
//! derived from the participant's access code.

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use std::io::Write;
use std::time::Instant;

#[derive(Clone, Copy)]
pub struct RequestLog {
    pub enabled: bool,
}

pub async fn log_requests(State(log): State<RequestLog>, request: Request, next: Next) -> Response {
    if !log.enabled {
        return next.run(request).await;
    }
    let start = Instant::now();
    let method = request.method().clone();
    let path = redact(request.uri().path());
    let response = next.run(request).await;
    let line = format!(
        "{} {method} {path} {} {:.1}ms\n",
        chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S%.3fZ"),
        response.status().as_u16(),
        start.elapsed().as_secs_f64() * 1000.0
    );
    let _ = std::io::stderr().lock().write_all(line.as_bytes());
    response
}

pub fn redact(path: &str) -> String {
    if let Some(i) = path.find("/dossiers/") {
        return format!("{}/dossiers/…", &path[..i]);
    }
    if path.contains('%') && is_dossier_path(path) {
        return "/…".to_string();
    }
    path.to_string()
}

/// Whether a path names a dossier, judged by what it decodes to: `%64ossiers` reaches
/// the same file. A path that does not decode counts as one, to be safe.
pub fn is_dossier_path(path: &str) -> bool {
    if path.contains("/dossiers/") {
        return true;
    }
    path.contains('%')
        && crate::static_files::safe_relative_path(path).is_none_or(|p| {
            p.components()
                .any(|c| c.as_os_str().eq_ignore_ascii_case("dossiers"))
        })
}

#[cfg(test)]
mod tests {
    #[test]
    fn dossier_names_are_redacted() {
        assert_eq!(
            super::redact("/api/v1/dossiers/0123abcd.json"),
            "/api/v1/dossiers/…"
        );
        assert_eq!(
            super::redact("/koers/api/v1/dossiers/x"),
            "/koers/api/v1/dossiers/…"
        );
        assert_eq!(super::redact("/api/v1/%64ossiers/0123abcd.json"), "/…");
        assert_eq!(super::redact("/api/v1/config.json"), "/api/v1/config.json");
    }
}
