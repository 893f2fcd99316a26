//! What a file is sent as: its `Content-Type`, and the `Content-Encoding` the client
//! accepts and that is worth it.

use super::Cached;
use axum::body::Bytes;
use axum::http::{header, HeaderMap};
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

/// Below this, compression costs more than it saves.
pub(super) const MIN_COMPRESS: usize = 256;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Br,
    Gzip,
    Identity,
}

impl Encoding {
    /// The ETag suffix of this encoding: the bytes differ, so the tag must too.
    pub(super) fn tag(self) -> &'static str {
        match self {
            Self::Br => "-br",
            Self::Gzip => "-gz",
            Self::Identity => "",
        }
    }
}

pub(super) fn compress(data: &[u8], encoding: Encoding) -> std::io::Result<Vec<u8>> {
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

/// The body in the best encoding the client accepts and that makes it smaller; a form
/// not compressed yet is compressed now, off the async runtime.
pub(super) async fn choose(file: &Arc<Cached>, request: &HeaderMap) -> (Encoding, Bytes) {
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
                return (candidate, encoded);
            }
        }
    }
    (Encoding::Identity, file.body.clone())
}

/// The `Content-Type` by extension. A table of its own rather than `mime_guess`, which
/// disagrees on 9 of these 22 (no charset for html, htm, css, txt and csv;
/// `text/javascript` for `.js`, `text/plain` for `.map`, `text/xml`,
/// `application/font-woff`) and names a type for every extension it knows (`.ics`,
/// `.gif`, `.xhtml`, …): here anything
/// else is `application/octet-stream`, which with `nosniff` a browser neither shows nor
/// runs, and which is never compressed.
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

pub(super) fn compressible(mime: &str) -> bool {
    mime.starts_with("text/")
        || mime.starts_with("application/javascript")
        || mime.starts_with("application/json")
        || mime.starts_with("application/wasm")
        || mime.starts_with("application/manifest+json")
        || mime.starts_with("application/xml")
        || mime.starts_with("image/svg+xml")
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn content_types_are_the_tables() {
        for (name, mime) in [
            ("index.html", "text/html; charset=utf-8"),
            ("koers-1a2b3c4d_bg.wasm", "application/wasm"),
            ("sw.js", "application/javascript"),
            ("api/v1/config.json", "application/json"),
            ("koers.js.map", "application/json"),
            ("style.css", "text/css; charset=utf-8"),
            ("manifest.webmanifest", "application/manifest+json"),
            ("icon.SVG", "image/svg+xml"),
            ("font.woff", "font/woff"),
            ("notes.txt", "text/plain; charset=utf-8"),
            ("export.csv", "text/csv; charset=utf-8"),
            ("feed.xml", "application/xml"),
            ("agenda.ics", "application/octet-stream"),
            ("page.xhtml", "application/octet-stream"),
            ("team-key", "application/octet-stream"),
        ] {
            assert_eq!(mime_for(Path::new(name)), mime, "{name}");
        }
        let compressed = |name: &str| compressible(mime_for(Path::new(name)));
        assert!(compressed("x.wasm") && compressed("x.webmanifest") && compressed("x.svg"));
        assert!(!compressed("x.png") && !compressed("x.woff2") && !compressed("x.ics"));
    }
}
