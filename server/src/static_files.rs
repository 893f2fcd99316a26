//! The app and the static API files, from memory. A file is read once and kept with its
//! ETag and its compressed forms until it changes on disk (size or time differs), so care
//! providers can replace API files while the server runs.

use crate::error::ApiError;
use crate::headers::Csp;
use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use base64::Engine;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::SystemTime;

/// Memory for cached files; past it the cache starts over (files are small, this is a
/// guard against a huge API directory, not an eviction policy).
const CACHE_BYTES: usize = 256 * 1024 * 1024;
/// Below this, compression costs more than it saves.
const MIN_COMPRESS: usize = 256;

pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
pub const REVALIDATE: &str = "no-cache";
/// Dossiers hold personal data: no cache keeps one, so nothing is left in the browser's
/// HTTP cache after sign-out (the service worker's own copy is deleted by the app).
pub const NO_STORE: &str = "no-store";

pub struct Cached {
    len: u64,
    modified: Option<SystemTime>,
    pub etag: String,
    pub mime: &'static str,
    pub body: Bytes,
    br: OnceLock<Option<Bytes>>,
    gzip: OnceLock<Option<Bytes>>,
    /// A secret (`is_secret`): kept so it is not read again on every request, never served.
    secret: bool,
}

impl Cached {
    fn new(body: Bytes, meta: &std::fs::Metadata, path: &Path) -> Self {
        let digest = Sha256::digest(&body);
        let etag = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&digest[..12]);
        Self {
            len: meta.len(),
            modified: meta.modified().ok(),
            etag,
            mime: mime_for(path),
            secret: is_secret(path, &body),
            body,
            br: OnceLock::new(),
            gzip: OnceLock::new(),
        }
    }

    fn compressible(&self) -> bool {
        self.body.len() >= MIN_COMPRESS && compressible(self.mime)
    }

    /// The body in `encoding` if it has been compressed already (`Some(None)`: not worth it).
    fn ready(&self, encoding: Encoding) -> Option<Option<Bytes>> {
        match encoding {
            Encoding::Br => self.br.get().cloned(),
            Encoding::Gzip => self.gzip.get().cloned(),
            Encoding::Identity => Some(Some(self.body.clone())),
        }
    }

    /// The body in `encoding`, compressed on first use; None when it would not be smaller.
    fn encoded(&self, encoding: Encoding) -> Option<Bytes> {
        let cell = match encoding {
            Encoding::Br => &self.br,
            Encoding::Gzip => &self.gzip,
            Encoding::Identity => return Some(self.body.clone()),
        };
        cell.get_or_init(|| {
            let out = compress(&self.body, encoding).ok()?;
            // Only worth a Content-Encoding when it saves a tenth.
            (out.len() < self.body.len() * 9 / 10).then(|| Bytes::from(out))
        })
        .clone()
    }
}

fn compress(data: &[u8], encoding: Encoding) -> std::io::Result<Vec<u8>> {
    match encoding {
        Encoding::Br => {
            let mut out = Vec::with_capacity(data.len() / 3);
            {
                let mut w = brotli::CompressorWriter::new(&mut out, 64 * 1024, 11, 22);
                w.write_all(data)?;
            }
            Ok(out)
        }
        Encoding::Gzip => {
            let mut w = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
            w.write_all(data)?;
            w.finish()
        }
        Encoding::Identity => Ok(data.to_vec()),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Br,
    Gzip,
    Identity,
}

impl Encoding {
    fn tag(self) -> &'static str {
        match self {
            Self::Br => "-br",
            Self::Gzip => "-gz",
            Self::Identity => "",
        }
    }
}

/// The best encoding the client accepts (brotli, then gzip).
pub fn preferred_encodings(headers: &HeaderMap) -> Vec<Encoding> {
    let accept = headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect::<Vec<_>>()
        .join(",");
    let accepts = |name: &str| {
        accept.split(',').any(|part| {
            let mut it = part.split(';');
            let coding = it.next().unwrap_or("").trim();
            let q = it
                .find_map(|p| {
                    p.trim()
                        .strip_prefix("q=")
                        .and_then(|q| q.trim().parse::<f32>().ok())
                })
                .unwrap_or(1.0);
            coding.eq_ignore_ascii_case(name) && q > 0.0
        })
    };
    let mut out = Vec::new();
    if accepts("br") {
        out.push(Encoding::Br);
    }
    if accepts("gzip") {
        out.push(Encoding::Gzip);
    }
    out
}

pub fn mime_for(path: &Path) -> &'static str {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "wasm" => "application/wasm",
        "js" | "mjs" => "application/javascript",
        "json" | "map" => "application/json",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "webmanifest" => "application/manifest+json",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "txt" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "xml" => "application/xml",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

fn compressible(mime: &str) -> bool {
    mime.starts_with("text/")
        || mime.starts_with("application/javascript")
        || mime.starts_with("application/json")
        || mime.starts_with("application/wasm")
        || mime.starts_with("application/manifest+json")
        || mime.starts_with("application/xml")
        || mime.starts_with("image/svg+xml")
}

/// `cargo xtask build` names the stylesheet and icon `name-<hex hash>.ext` (xtask/src/bundle.rs);
/// such a file never changes.
pub fn is_hashed(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let stem = name.split('.').next().unwrap_or("");
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-')
        .is_some_and(|(_, hash)| hash.len() >= 8 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// A request path in its one canonical form, decoded.
#[derive(Debug, PartialEq, Eq)]
pub struct RequestPath {
    pub relative: PathBuf,
    /// `/kiosk/`: an app route, never a file.
    pub trailing_slash: bool,
}

/// The path if it is written the one way a browser writes it, else None. Every other
/// spelling of a file (`//api/…`, `/%61pi/…`, `/api%2Fv1/…`, `/a/../b`) is refused rather
/// than decoded, so no decision (rate limit, caching, redaction) can be made on a raw
/// form that reaches a file by another name. Refused: empty segments (one trailing slash
/// excepted), `%XX` of a character that needs no encoding (RFC 3986's unreserved ones) and
/// of `/`, segments starting with `.` (dot segments and hidden files), backslashes, NUL,
/// control characters and `:`, and segments ending in a dot or space (Windows drops those,
/// so `dossiers.` would be `dossiers` there).
pub fn canonical_path(uri_path: &str) -> Option<RequestPath> {
    let rest = uri_path.strip_prefix('/')?;
    let mut relative = PathBuf::new();
    if rest.is_empty() {
        return Some(RequestPath {
            relative,
            trailing_slash: false,
        });
    }
    let (rest, trailing_slash) = match rest.strip_suffix('/') {
        Some(rest) => (rest, true),
        None => (rest, false),
    };
    for raw in rest.split('/') {
        let segment = decode_segment(raw)?;
        let bad_char = |c: char| c.is_control() || matches!(c, '\\' | ':');
        if segment.is_empty()
            || segment.starts_with('.')
            || segment.ends_with(['.', ' '])
            || segment.contains(bad_char)
        {
            return None;
        }
        relative.push(segment);
    }
    Some(RequestPath {
        relative,
        trailing_slash,
    })
}

fn decode_segment(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            let byte = u8::from_str_radix(hex, 16).ok()?;
            if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/') {
                return None;
            }
            decoded.push(byte);
            i += 3;
        } else {
            decoded.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(decoded).ok()
}

/// Decodes every `%XX` it can, repeatedly (so `%2564` counts as `d`), and leaves the rest
/// as it is: for judging a path that is not canonical, never for finding a file.
pub fn lenient_decode(uri_path: &str) -> String {
    let mut text = uri_path.to_string();
    for _ in 0..4 {
        let bytes = text.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            match (bytes[i], hex) {
                (b'%', Some(byte)) => {
                    out.push(byte);
                    i += 3;
                }
                (byte, _) => {
                    out.push(byte);
                    i += 1;
                }
            }
        }
        let next = String::from_utf8_lossy(&out).into_owned();
        if next == text {
            break;
        }
        text = next;
    }
    text
}

/// Whether a path, however it is spelled, names something under `/api/`: such paths get
/// the JSON 404 even when they are refused for their spelling.
fn looks_like_api(uri_path: &str) -> bool {
    lenient_decode(uri_path)
        .split(['/', '\\'])
        .find(|s| !s.is_empty())
        .is_some_and(|s| s.trim().eq_ignore_ascii_case("api"))
}

/// Whether a path inside the API directory is a dossier lookup (its name comes from an
/// access code). Case-blind, because on a case-insensitive file system `DOSSIERS/` is the
/// same directory.
fn is_lookup(relative: &Path) -> bool {
    let names: Vec<_> = relative.iter().collect();
    names.len() >= 2
        && names[..names.len() - 1]
            .iter()
            .any(|n| n.eq_ignore_ascii_case("dossiers"))
}

/// Schemas of files that must never leave the server, whatever their name: the access
/// codes (read every dossier), a secret key (read sealed writes), the writers file (whose
/// hashes belong to the server alone). Any version: a `/2` is as secret.
const SECRET_SCHEMAS: [&str; 3] = ["koers.codes/", "koers.secret-key/", "koers.writers/"];

/// Names the publisher and `keygen` write secrets under, refused before the file is read.
pub fn is_secret_name(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let name = name.to_ascii_lowercase();
    name == "codes.json"
        || name == "writers.json"
        || name.ends_with(".key")
        // The desk tokens have no `schema` to recognise them by.
        || name.ends_with("desk-tokens.json")
}

/// Whether a file is one of the secrets, by its name or, for JSON, by its `schema`. An
/// operator who copies the cards directory or a key file into the served tree by mistake
/// must not publish it. Only files that are JSON by name or by their first byte are read,
/// once per version of the file (the answer is cached with it).
pub fn is_secret(path: &Path, body: &[u8]) -> bool {
    if is_secret_name(path) {
        return true;
    }
    let json_name = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let first = body
        .strip_prefix("\u{feff}".as_bytes())
        .unwrap_or(body)
        .iter()
        .find(|b| !b.is_ascii_whitespace());
    if !json_name && first != Some(&b'{') {
        return false;
    }
    #[derive(serde::Deserialize)]
    struct Head {
        schema: Option<serde_json::Value>,
    }
    match serde_json::from_slice::<Head>(body) {
        Ok(head) => head
            .schema
            .as_ref()
            .and_then(|s| s.as_str())
            .is_some_and(|s| {
                let s = s.trim().to_ascii_lowercase();
                SECRET_SCHEMAS.iter().any(|p| s.starts_with(p))
            }),
        // A damaged secret is still a secret.
        Err(_) => SECRET_SCHEMAS.iter().any(|p| {
            body.windows(p.len())
                .any(|w| w.eq_ignore_ascii_case(p.as_bytes()))
        }),
    }
}

pub struct StaticFiles {
    pub dist: PathBuf,
    pub api: PathBuf,
    pub csp: Csp,
    /// Where the API directory lies inside `dist`, when it does: reachable only as `/api/`,
    /// never as an app file that would skip the lookup limit.
    api_in_dist: Option<PathBuf>,
    cache: Mutex<(HashMap<PathBuf, Arc<Cached>>, usize)>,
}

/// What a GET path maps to. `api`: answered as the API (JSON errors); `lookup`: a dossier
/// lookup (rate-limited, never stored by a cache, never logged).
pub enum Target {
    File {
        path: PathBuf,
        api: bool,
        lookup: bool,
    },
    NotFound {
        api: bool,
        lookup: bool,
    },
}

impl Target {
    pub fn lookup(&self) -> bool {
        match self {
            Self::File { lookup, .. } | Self::NotFound { lookup, .. } => *lookup,
        }
    }

    pub fn api(&self) -> bool {
        match self {
            Self::File { api, .. } | Self::NotFound { api, .. } => *api,
        }
    }
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

    pub fn resolve(&self, uri_path: &str) -> Target {
        let Some(request) = canonical_path(uri_path) else {
            return Target::NotFound {
                api: looks_like_api(uri_path),
                lookup: false,
            };
        };
        let relative = request.relative;
        let first = relative.iter().next();
        if first.is_some_and(|s| s.eq_ignore_ascii_case("api")) {
            let api = true;
            // `/API/` is `/api/` on a case-insensitive file system; one spelling only.
            let Ok(inside) = relative.strip_prefix("api") else {
                return Target::NotFound { api, lookup: false };
            };
            let lookup = is_lookup(inside);
            let path = self.api.join(inside);
            return if !request.trailing_slash && !is_secret_name(inside) && path.is_file() {
                Target::File { path, api, lookup }
            } else {
                Target::NotFound { api, lookup }
            };
        }
        let (api, lookup) = (false, false);
        if relative.as_os_str().is_empty() {
            return Target::File {
                path: self.index(),
                api,
                lookup,
            };
        }
        if let Some(inside) = &self.api_in_dist {
            let mut names = relative.iter();
            if inside
                .iter()
                .all(|n| names.next().is_some_and(|r| r.eq_ignore_ascii_case(n)))
            {
                return Target::NotFound { api, lookup };
            }
        }
        let path = self.dist.join(&relative);
        if !request.trailing_slash && !is_secret_name(&relative) && path.is_file() {
            return Target::File { path, api, lookup };
        }
        // App routes (`/doelen`, `/vragenlijst/deo-2026`, `/kiosk/`) are the app's, not files.
        if relative.extension().is_none() {
            return Target::File {
                path: self.index(),
                api,
                lookup,
            };
        }
        Target::NotFound { api, lookup }
    }

    /// The file at `path`, from the cache when it has not changed on disk; a secret is
    /// NotFound.
    pub async fn load(&self, path: &Path) -> std::io::Result<Arc<Cached>> {
        let file = self.load_any(path).await?;
        if file.secret {
            return Err(std::io::ErrorKind::NotFound.into());
        }
        Ok(file)
    }

    async fn load_any(&self, path: &Path) -> std::io::Result<Arc<Cached>> {
        if is_secret_name(path) {
            return Err(std::io::ErrorKind::NotFound.into());
        }
        // A stat of a file the kernel has cached takes about a microsecond; a round trip
        // through tokio's blocking pool costs more than that, on every request.
        let meta = std::fs::metadata(path)?;
        if !meta.is_file() {
            return Err(std::io::ErrorKind::NotFound.into());
        }
        if let Some(hit) = self.cache_get(path) {
            if hit.len == meta.len() && hit.modified == meta.modified().ok() {
                return Ok(hit);
            }
        }
        let body = Bytes::from(tokio::fs::read(path).await?);
        // The file may have changed between stat and read: take the metadata again so a
        // stale size/time can never be cached with fresher content (or the other way).
        let meta = tokio::fs::metadata(path).await?;
        let entry = Arc::new(Cached::new(body, &meta, path));
        if path == self.index() && !entry.secret {
            self.csp.update(&entry.body);
        }
        self.cache_put(path, entry.clone());
        Ok(entry)
    }

    fn cache_get(&self, path: &Path) -> Option<Arc<Cached>> {
        self.cache
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .0
            .get(path)
            .cloned()
    }

    fn cache_put(&self, path: &Path, entry: Arc<Cached>) {
        let mut cache = self.cache.lock().unwrap_or_else(|e| e.into_inner());
        let (map, bytes) = &mut *cache;
        if *bytes + entry.body.len() > CACHE_BYTES {
            map.clear();
            *bytes = 0;
        }
        *bytes += entry.body.len();
        if let Some(old) = map.insert(path.to_path_buf(), entry) {
            *bytes -= old.body.len();
        }
    }

    /// Reads and compresses the app shell in the background, so the first visitor does
    /// not wait for brotli at its slowest setting.
    pub async fn warm(self: Arc<Self>) {
        // The wasm chunks too: a first visit's service worker asks for all of them at once,
        // and compressing them all on demand kept the page's own chunk waiting for seconds.
        let mut dirs = vec![self.dist.clone(), self.dist.join("pkg")];
        let mut paths = Vec::new();
        while let Some(dir) = dirs.pop() {
            let Ok(mut entries) = tokio::fs::read_dir(&dir).await else {
                continue;
            };
            while let Ok(Some(entry)) = entries.next_entry().await {
                if entry.file_type().await.is_ok_and(|t| t.is_file()) {
                    paths.push(entry.path());
                }
            }
        }
        // The main module and the page chunks first: they are asked for first.
        paths.sort_by_key(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
            !name.is_some_and(|n| n.starts_with("koers") || n.starts_with("split_"))
        });
        for path in paths {
            let Ok(file) = self.load(&path).await else {
                continue;
            };
            if file.compressible() {
                let _ = tokio::task::spawn_blocking(move || {
                    file.encoded(Encoding::Br);
                    file.encoded(Encoding::Gzip);
                })
                .await;
            }
        }
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
        let mut encoding = Encoding::Identity;
        let mut body = file.body.clone();
        if file.compressible() {
            for candidate in preferred_encodings(request) {
                let encoded = match file.ready(candidate) {
                    Some(done) => done,
                    None => {
                        let f = file.clone();
                        tokio::task::spawn_blocking(move || f.encoded(candidate))
                            .await
                            .ok()
                            .flatten()
                    }
                };
                if let Some(encoded) = encoded {
                    encoding = candidate;
                    body = encoded;
                    break;
                }
            }
        }
        let etag = format!("\"{}{}\"", file.etag, encoding.tag());
        let mut builder = Response::builder()
            .header(header::ETAG, &etag)
            .header(header::CACHE_CONTROL, cache_control)
            .header(header::CONTENT_TYPE, file.mime);
        if file.compressible() {
            builder = builder.header(header::VARY, "accept-encoding");
        }
        if not_modified(request, &file.etag) {
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

/// Whether `If-None-Match` names this file in any encoding (the content is the same).
fn not_modified(request: &HeaderMap, etag: &str) -> bool {
    request
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .any(|v| {
            v.split(',').any(|tag| {
                let tag = tag.trim();
                let tag = tag.strip_prefix("W/").unwrap_or(tag).trim_matches('"');
                tag == "*"
                    || [Encoding::Identity, Encoding::Br, Encoding::Gzip]
                        .iter()
                        .any(|e| tag.strip_suffix(e.tag()) == Some(etag))
            })
        })
}

pub fn cache_control_for(path: &Path, api: bool, lookup: bool) -> &'static str {
    if lookup {
        NO_STORE
    } else if !api && is_hashed(path) {
        IMMUTABLE
    } else {
        REVALIDATE
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names() {
        assert!(is_hashed(Path::new("dist/koers-1a2b3c4d5e6f7a8b.wasm")));
        assert!(is_hashed(Path::new("koers-1a2b3c4d5e6f7a8b_bg.wasm")));
        assert!(is_hashed(Path::new("style-0123456789abcdef.css")));
        assert!(!is_hashed(Path::new("index.html")));
        assert!(!is_hashed(Path::new("icon-192.png")));
        assert!(!is_hashed(Path::new("sw.js")));
    }

    fn relative(path: &str) -> Option<PathBuf> {
        canonical_path(path).map(|p| p.relative)
    }

    #[test]
    fn paths_stay_inside() {
        assert_eq!(relative("/a/b.json"), Some(PathBuf::from("a/b.json")));
        assert_eq!(relative("/"), Some(PathBuf::new()));
        assert_eq!(relative("/../etc/passwd"), None);
        assert_eq!(relative("/%2e%2e/etc/passwd"), None);
        assert_eq!(relative("/.git/config"), None);
        assert_eq!(relative("/a%zz"), None);
        assert_eq!(relative("/a%5cb"), None);
        assert_eq!(relative("/a%00b"), None);
        assert_eq!(relative("/c:/x"), None);
    }

    #[test]
    fn only_one_spelling_of_a_path() {
        for path in [
            "//api/v1/dossiers/ab.json",
            "/api//v1/dossiers/ab.json",
            "/api/v1/dossiers/ab.json//",
            "/%61pi/v1/dossiers/ab.json",
            "/api%2Fv1/dossiers/ab.json",
            "/api%2fv1/dossiers/ab.json",
            "/api/v1/%64ossiers/ab.json",
            "/api/v1/dossiers/%61b.json",
            "/api/v1/dossiers/ab%2Ejson",
            "/api/v1/dossiers/ab%7Ejson",
            "/api/./v1/dossiers/ab.json",
            "/api/v1/x/../dossiers/ab.json",
            "/api/v1\\dossiers/ab.json",
            "/api/v1/dossiers./ab.json",
            "/api/v1/dossiers%20/ab.json",
            "api/v1/dossiers/ab.json",
            "",
        ] {
            assert_eq!(canonical_path(path), None, "{path}");
        }
        // What needs encoding may be encoded, in either case of hex digits.
        assert_eq!(relative("/caf%C3%A9"), Some(PathBuf::from("caf\u{e9}")));
        assert_eq!(relative("/caf%c3%a9"), Some(PathBuf::from("caf\u{e9}")));
        assert_eq!(relative("/a%20b.txt"), Some(PathBuf::from("a b.txt")));
        assert_eq!(relative("/100%25"), Some(PathBuf::from("100%")));
        assert_eq!(
            canonical_path("/kiosk/"),
            Some(RequestPath {
                relative: PathBuf::from("kiosk"),
                trailing_slash: true
            })
        );
    }

    #[test]
    fn lenient_decoding_sees_through_every_spelling() {
        assert_eq!(lenient_decode("/api/v1/%64ossiers/x"), "/api/v1/dossiers/x");
        assert_eq!(
            lenient_decode("/api/v1/%2564ossiers/x"),
            "/api/v1/dossiers/x"
        );
        assert_eq!(lenient_decode("/a%zz%"), "/a%zz%");
        assert!(looks_like_api("//%61pi%2Fv1"));
        assert!(looks_like_api("/API/v1"));
        assert!(!looks_like_api("/apis/v1"));
    }

    #[test]
    fn lookups_are_judged_inside_the_api_directory() {
        assert!(is_lookup(Path::new("v1/dossiers/ab.json")));
        assert!(is_lookup(Path::new("V1/DOSSIERS/ab.json")));
        assert!(is_lookup(Path::new("v1/dossiers/sub/ab.json")));
        assert!(!is_lookup(Path::new("v1/dossiers")));
        assert!(!is_lookup(Path::new("v1/config.json")));
        assert_eq!(cache_control_for(Path::new("x"), true, true), NO_STORE);
    }

    #[test]
    fn secrets_are_known_by_name_and_schema() {
        let json = |name: &str, body: &str| is_secret(Path::new(name), body.as_bytes());
        assert!(is_secret_name(Path::new("cards/codes.json")));
        assert!(is_secret_name(Path::new("Writers.JSON")));
        assert!(is_secret_name(Path::new("adviser.key")));
        assert!(!is_secret_name(Path::new("keys.json")));
        assert!(json(
            "x.json",
            r#"{"schema": "koers.codes/1", "codes": {}}"#
        ));
        assert!(json(
            "x.json",
            r#"{"codes": {"p-1": "A"}, "schema": "koers.codes/1"}"#
        ));
        assert!(json("x.json", r#"{"schema": "koers.secret-key/1.1"}"#));
        assert!(json(
            "x.json",
            r#"{"schema": "koers.writers/1", "writers": {}}"#
        ));
        assert!(json("x.json", r#"{"schema": "koers.codes\/1"}"#));
        assert!(json("x.json", r#"{"schema": "\u006boers.codes/1"}"#));
        // Not JSON by name, but by its first byte.
        assert!(json("team-key", r#"  {"schema": "koers.secret-key/1"}"#));
        // Damaged, still secret.
        assert!(json(
            "x.json",
            r#"{"schema": "koers.codes/1", "codes": {,}"#
        ));
        assert!(!json(
            "x.json",
            r#"{"schema": "koers.dossier/1", "note": "koers.codes/1"}"#
        ));
        assert!(!json(
            "x.json",
            r#"{"schema": "koers.sealed/1", "ciphertext": "ab/+"}"#
        ));
        assert!(!json("x.json", "[1, 2]"));
        assert!(!json("x.js", r#"const s = {"schema": "koers.codes/1"};"#));
    }

    #[test]
    fn accept_encoding() {
        let mut h = HeaderMap::new();
        h.insert(
            header::ACCEPT_ENCODING,
            "gzip, deflate, br;q=0".parse().unwrap(),
        );
        assert_eq!(preferred_encodings(&h), [Encoding::Gzip]);
        h.insert(header::ACCEPT_ENCODING, "br, gzip".parse().unwrap());
        assert_eq!(preferred_encodings(&h), [Encoding::Br, Encoding::Gzip]);
    }

    #[test]
    fn etag_matching() {
        let mut h = HeaderMap::new();
        h.insert(
            header::IF_NONE_MATCH,
            "\"other\", W/\"abc-br\"".parse().unwrap(),
        );
        assert!(not_modified(&h, "abc"));
        assert!(!not_modified(&h, "ab"));
    }
}
