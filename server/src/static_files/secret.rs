//! Secrets in the served tree: known by name before a file is read and by its schema once
//! it is, so a copy put there by mistake is never served.

use std::path::Path;

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

#[cfg(test)]
mod tests {
    use super::*;

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
}
