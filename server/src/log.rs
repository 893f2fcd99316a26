//! One line per request on stderr: time, method, path, status, duration. Never a body,
//! a query string or a client address, and never a dossier's file name: that name is
//! derived from the participant's access code, whatever spelling of the path asked for it.

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use std::io::Write;
use std::time::Instant;

#[derive(Clone, Copy)]
pub struct RequestLog {
    pub enabled: bool,
}

/// Put on a response by the handler that resolved the request to a dossier lookup, so the
/// log redacts by what was looked up, not only by how the path reads.
#[derive(Clone, Copy)]
pub struct Lookup;

/// Put on a response whose path holds something that works like a password (a read
/// receipt's message id): the log shows this instead of the path.
#[derive(Clone, Copy)]
pub struct Redacted(pub &'static str);

pub async fn log_requests(State(log): State<RequestLog>, request: Request, next: Next) -> Response {
    if !log.enabled {
        return next.run(request).await;
    }
    let start = Instant::now();
    let method = request.method().clone();
    let raw = request.uri().path().to_string();
    let response = next.run(request).await;
    let path = match response.extensions().get::<Redacted>() {
        Some(Redacted(shown)) => shown.to_string(),
        None => redact(&raw, response.extensions().get::<Lookup>().is_some()),
    };
    let line = format!(
        "{} {method} {path} {} {:.1}ms\n",
        chrono::Utc::now().format("%Y-%m-%dT%H:%M:%S%.3fZ"),
        response.status().as_u16(),
        start.elapsed().as_secs_f64() * 1000.0
    );
    let _ = std::io::stderr().lock().write_all(line.as_bytes());
    response
}

/// The path as logged: a dossier lookup keeps only what comes before `/dossiers/`, and
/// only when the path is canonical; any other path that could name a dossier is `/…`.
pub fn redact(path: &str, lookup: bool) -> String {
    if !lookup && !mentions_dossiers(path) {
        return path.to_string();
    }
    match path.find("/dossiers/") {
        Some(i) if crate::static_files::canonical_path(path).is_some() => {
            format!("{}/dossiers/…", &path[..i])
        }
        _ => "/…".to_string(),
    }
}

/// Whether a path could name a dossier however it is spelled: `%64ossiers`, `DOSSIERS`,
/// `dossiers%2F…` all count.
fn mentions_dossiers(path: &str) -> bool {
    crate::static_files::lenient_decode(path)
        .to_ascii_lowercase()
        .contains("dossiers")
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn dossier_names_are_redacted() {
        assert_eq!(
            redact("/api/v1/dossiers/0123abcd.json", true),
            "/api/v1/dossiers/…"
        );
        assert_eq!(
            redact("/koers/api/v1/dossiers/x", false),
            "/koers/api/v1/dossiers/…"
        );
        assert_eq!(redact("/api/v1/config.json", false), "/api/v1/config.json");
        assert_eq!(redact("/doelen", false), "/doelen");
    }

    #[test]
    fn every_spelling_of_a_lookup_is_redacted() {
        let hash = "0123456789abcdef0123456789abcdef";
        for path in [
            format!("//api/v1/dossiers/{hash}.json"),
            format!("/api//v1/dossiers/{hash}.json"),
            format!("/%61pi/v1/dossiers/{hash}.json"),
            format!("/api%2Fv1/dossiers/{hash}.json"),
            format!("/api/v1/dossiers%2F{hash}.json"),
            format!("/api/v1/%64ossiers/{hash}.json"),
            format!("/api/v1/%2564ossiers/{hash}.json"),
            format!("/api/v1/DOSSIERS/{hash}.json"),
            format!("/api/v1/./dossiers/{hash}.json"),
            format!("/api/v1/x/../dossiers/{hash}.json"),
            format!("/api/v1\\dossiers\\{hash}.json"),
            format!("/api/v1/dossiers/{hash}.json/"),
            format!("/api/v1/dossiers/%zz{hash}"),
        ] {
            let logged = redact(&path, false);
            assert!(!logged.contains(hash), "{path} -> {logged}");
        }
        // Whatever the handler resolved as a lookup is redacted, however it reads.
        assert_eq!(redact(&format!("/api/v1/elsewhere/{hash}"), true), "/…");
    }
}
