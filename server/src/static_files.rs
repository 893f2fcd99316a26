//! The app and the static API files, from memory. A file is read once and kept with its
//! ETag and its compressed forms until it changes on disk (size or time differs), so care
//! providers can replace API files while the server runs.

use crate::headers::Csp;
use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
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
/// Dossiers hold personal data: never in a shared cache.
pub const PRIVATE: &str = "private, no-cache";

pub struct Cached {
    len: u64,
    modified: Option<SystemTime>,
    pub etag: String,
    pub mime: &'static str,
    pub body: Bytes,
    br: OnceLock<Option<Bytes>>,
    gzip: OnceLock<Option<Bytes>>,
}

impl Cached {
    fn new(body: Bytes, meta: &std::fs::Metadata, mime: &'static str) -> Self {
        let digest = Sha256::digest(&body);
        let etag = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&digest[..12]);
        Self {
            len: meta.len(),
            modified: meta.modified().ok(),
            etag,
            mime,
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

/// Decodes `%XX` and checks every segment, so a request can never leave the served
/// directory or reach hidden files.
pub fn safe_relative_path(uri_path: &str) -> Option<PathBuf> {
    let bytes = uri_path.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            decoded.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            decoded.push(bytes[i]);
            i += 1;
        }
    }
    let decoded = String::from_utf8(decoded).ok()?;
    let mut path = PathBuf::new();
    for segment in decoded.split('/').filter(|s| !s.is_empty()) {
        if segment.starts_with('.') || segment.contains(['\\', '\0', ':']) {
            return None;
        }
        path.push(segment);
    }
    Some(path)
}

pub struct StaticFiles {
    pub dist: PathBuf,
    pub api: PathBuf,
    pub csp: Csp,
    cache: Mutex<(HashMap<PathBuf, Arc<Cached>>, usize)>,
}

/// What a GET path maps to.
pub enum Target {
    File { path: PathBuf, api: bool },
    NotFound { api: bool },
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
        Self {
            dist,
            api,
            csp,
            cache: Mutex::new((HashMap::new(), 0)),
        }
    }

    pub fn index(&self) -> PathBuf {
        self.dist.join("index.html")
    }

    pub fn resolve(&self, uri_path: &str) -> Target {
        let api = uri_path == "/api" || uri_path.starts_with("/api/");
        let Some(relative) = safe_relative_path(uri_path) else {
            return Target::NotFound { api };
        };
        if api {
            let relative = relative.strip_prefix("api").unwrap_or(&relative);
            let path = self.api.join(relative);
            return if path.is_file() {
                Target::File { path, api }
            } else {
                Target::NotFound { api }
            };
        }
        let path = self.dist.join(&relative);
        if relative.as_os_str().is_empty() {
            return Target::File {
                path: self.index(),
                api,
            };
        }
        if path.is_file() {
            return Target::File { path, api };
        }
        // App routes (`/doelen`, `/vragenlijst/deo-2026`) are the app's, not files.
        if relative.extension().is_none() {
            return Target::File {
                path: self.index(),
                api,
            };
        }
        Target::NotFound { api }
    }

    /// The file at `path`, from the cache when it has not changed on disk.
    pub async fn load(&self, path: &Path) -> std::io::Result<Arc<Cached>> {
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
        let entry = Arc::new(Cached::new(body, &meta, mime_for(path)));
        if path == self.index() {
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
        let Ok(mut dir) = tokio::fs::read_dir(&self.dist).await else {
            return;
        };
        while let Ok(Some(entry)) = dir.next_entry().await {
            let path = entry.path();
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

pub fn cache_control_for(path: &Path, api: bool) -> &'static str {
    if api && path.components().any(|c| c.as_os_str() == "dossiers") {
        PRIVATE
    } else if !api && is_hashed(path) {
        IMMUTABLE
    } else {
        REVALIDATE
    }
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

    #[test]
    fn paths_stay_inside() {
        assert_eq!(
            safe_relative_path("/a/b.json"),
            Some(PathBuf::from("a/b.json"))
        );
        assert_eq!(
            safe_relative_path("/a%2Fb.json"),
            Some(PathBuf::from("a/b.json"))
        );
        assert_eq!(safe_relative_path("/../etc/passwd"), None);
        assert_eq!(safe_relative_path("/%2e%2e/etc/passwd"), None);
        assert_eq!(safe_relative_path("/.git/config"), None);
        assert_eq!(safe_relative_path("/a%zz"), None);
        assert_eq!(safe_relative_path("/"), Some(PathBuf::new()));
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
