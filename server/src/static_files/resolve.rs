//! Request path → file. A path is taken in its one canonical spelling only, and what it
//! resolved to (a file, the app shell, a 404; API or app; dossier lookup or not) is the
//! only thing later decisions look at.

use super::secret::is_secret_name;
use super::StaticFiles;
use std::path::{Path, PathBuf};

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

/// The segment decoded, if each `%` in it starts an escape that was needed:
/// `percent-encoding` alone would keep `%zz` as it is and decode `%61` to `a`, and both
/// are spellings to refuse.
fn decode_segment(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    for (i, _) in raw.match_indices('%') {
        let hex = bytes
            .get(i + 1..i + 3)
            .filter(|h| h.iter().all(u8::is_ascii_hexdigit))?;
        let byte = u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?;
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/') {
            return None;
        }
    }
    let decoded = percent_encoding::percent_decode_str(raw)
        .decode_utf8()
        .ok()?;
    Some(decoded.into_owned())
}

/// Decodes every `%XX` it can, repeatedly (so `%2564` counts as `d`), and leaves the rest
/// as it is: for judging a path that is not canonical, never for finding a file. By hand,
/// not with `percent-encoding`: this one also reads `%+9` (`from_str_radix` takes a sign)
/// as a tab, which [`looks_like_api`] trims, and the two would answer different 404s.
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::static_files::{cache_control_for, NO_STORE};

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
    fn escapes_are_checked_before_anything_is_decoded() {
        for path in [
            "/a%", "/a%4", "/a%%41", "/a%2%41", "/a%+9", "/a%-1", "/a%e9", "/a%C3",
        ] {
            assert_eq!(canonical_path(path), None, "{path}");
        }
        assert_eq!(relative("/%C3%A9%25"), Some(PathBuf::from("\u{e9}%")));
        assert_eq!(relative("/%2541"), Some(PathBuf::from("%41")));
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
        assert!(looks_like_api("/%+9api/v1"));
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
}
