//! Files from memory: read once, kept with their ETag and their compressed forms until
//! they change on disk, and the `Cache-Control` and `If-None-Match` answers that let
//! browsers keep them too.

use super::negotiate::{compress, compressible, mime_for, Encoding, MIN_COMPRESS};
use super::secret::{is_secret, is_secret_name};
use super::StaticFiles;
use axum::body::Bytes;
use axum::http::{header, HeaderMap};
use base64::Engine;
use sha2::{Digest, Sha256};
use std::path::Path;
use std::sync::{Arc, OnceLock};
use std::time::SystemTime;

/// Memory for cached files; past it the cache starts over (files are small, this is a
/// guard against a huge API directory, not an eviction policy).
const CACHE_BYTES: usize = 256 * 1024 * 1024;

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

    pub(super) fn compressible(&self) -> bool {
        self.body.len() >= MIN_COMPRESS && compressible(self.mime)
    }

    /// The body in `encoding` if it has been compressed already (`Some(None)`: not worth it).
    pub(super) fn ready(&self, encoding: Encoding) -> Option<Option<Bytes>> {
        match encoding {
            Encoding::Br => self.br.get().cloned(),
            Encoding::Gzip => self.gzip.get().cloned(),
            Encoding::Identity => Some(Some(self.body.clone())),
        }
    }

    /// The body in `encoding`, compressed on first use; None when it would not be smaller.
    pub(super) fn encoded(&self, encoding: Encoding) -> Option<Bytes> {
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

pub fn cache_control_for(path: &Path, api: bool, lookup: bool) -> &'static str {
    if lookup {
        NO_STORE
    } else if !api && is_hashed(path) {
        IMMUTABLE
    } else {
        REVALIDATE
    }
}

/// Whether `If-None-Match` names this file in any encoding (the content is the same).
pub(super) fn not_modified(request: &HeaderMap, etag: &str) -> bool {
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

impl StaticFiles {
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
