//! The app and the static API files, from memory. A file is read once and kept with its
//! ETag and its compressed forms until it changes on disk (size or time differs), so care
//! providers can replace API files while the server runs.
//!
//! One way through: `resolve` turns the request path into a [`Target`], `cache` hands out
//! the file (from memory, or read and remembered), `negotiate` picks its type and
//! encoding, and [`StaticFiles::answer`] here puts the response together. `secret` is
//! asked when resolving (by name) and again when reading (by name and content), so a
//! secret is a 404 however it is reached.

mod cache;
mod negotiate;
mod resolve;
mod secret;

pub use cache::{cache_control_for, is_hashed, Cached, IMMUTABLE, NO_STORE, REVALIDATE};
pub use negotiate::{mime_for, preferred_encodings, Encoding};
pub use resolve::{canonical_path, lenient_decode, RequestPath, Target};
pub use secret::{is_secret, is_secret_name};

use crate::error::ApiError;
use crate::headers::Csp;
use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

pub struct StaticFiles {
    pub dist: PathBuf,
    pub api: PathBuf,
    pub csp: Csp,
    /// Where the API directory lies inside `dist`, when it does: reachable only as `/api/`,
    /// never as an app file that would skip the lookup limit.
    api_in_dist: Option<PathBuf>,
    cache: Mutex<(HashMap<PathBuf, Arc<Cached>>, usize)>,
}

impl StaticFiles {
    pub fn new(dist: PathBuf, api: PathBuf) -> Self {
        let index = std::fs::read(dist.join("index.html")).ok();
        if index.is_none() {
            eprintln!(
                "koers-server: warning: no {}; the app will not load",
                dist.join("index.html").display()
            );
        }
        let csp = Csp::new(index.as_deref());
        // Lexically, not through symlinks: a deployment that swaps a `current` link keeps
        // being served through the link.
        let api_in_dist = std::path::absolute(&api)
            .ok()
            .zip(std::path::absolute(&dist).ok())
            .and_then(|(api, dist)| api.strip_prefix(dist).ok().map(Path::to_path_buf))
            .filter(|inside| !inside.as_os_str().is_empty());
        Self {
            dist,
            api,
            csp,
            api_in_dist,
            cache: Mutex::new((HashMap::new(), 0)),
        }
    }

    pub fn index(&self) -> PathBuf {
        self.dist.join("index.html")
    }

    /// The answer to a request for `target`: the file, `405` when the method is not GET or
    /// HEAD (`readable`), or the 404 of its kind. A secret file is a 404 like a missing one.
    pub async fn answer(&self, target: &Target, readable: bool, request: &HeaderMap) -> Response {
        let (path, api, lookup) = match target {
            Target::File { path, api, lookup } => (path, *api, *lookup),
            Target::NotFound { api, .. } => return not_found(*api),
        };
        if !readable {
            let mut response = Response::new(Body::empty());
            *response.status_mut() = StatusCode::METHOD_NOT_ALLOWED;
            response
                .headers_mut()
                .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
            return response;
        }
        let cache_control = cache_control_for(path, api, lookup);
        match self.respond(path, cache_control, request).await {
            Ok(response) => response,
            // A secret, or gone between resolving and reading.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => not_found(api),
            Err(e) => {
                eprintln!("koers-server: reading {} failed: {e}", path.display());
                ApiError::ReadFailed.into_response()
            }
        }
    }

    /// A `200` with the best encoding, or a `304` when the client's copy is current.
    pub async fn respond(
        &self,
        path: &Path,
        cache_control: &'static str,
        request: &HeaderMap,
    ) -> std::io::Result<Response> {
        let file = self.load(path).await?;
        let (encoding, body) = negotiate::choose(&file, request).await;
        let etag = format!("\"{}{}\"", file.etag, encoding.tag());
        let mut builder = Response::builder()
            .header(header::ETAG, &etag)
            .header(header::CACHE_CONTROL, cache_control)
            .header(header::CONTENT_TYPE, file.mime);
        if file.compressible() {
            builder = builder.header(header::VARY, "accept-encoding");
        }
        if cache::not_modified(request, &file.etag) {
            return Ok(builder
                .status(StatusCode::NOT_MODIFIED)
                .body(Body::empty())
                .expect("valid headers"));
        }
        if encoding != Encoding::Identity {
            builder = builder.header(
                header::CONTENT_ENCODING,
                if encoding == Encoding::Br {
                    "br"
                } else {
                    "gzip"
                },
            );
        }
        Ok(builder
            .header(header::CONTENT_LENGTH, body.len())
            .body(Body::from(body))
            .expect("valid headers"))
    }
}

/// The API's JSON 404, or a plain one for the app.
pub fn not_found(api: bool) -> Response {
    if api {
        return ApiError::NO_SUCH_FILE.into_response();
    }
    let mut response = Response::new("not found\n".into());
    *response.status_mut() = StatusCode::NOT_FOUND;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    response
}

pub fn header_value(s: &str) -> HeaderValue {
    HeaderValue::from_str(s).unwrap_or(HeaderValue::from_static(""))
}
