//! `index.html`, the stylesheet and the static files into `dist/`.
//!
//! The wasm is built and split by `wasm.rs`; what is left is a handful of `<link data-trunk …>`
//! tags in `index.html` (the syntax Trunk reads, kept so the page stays readable): copy
//! these files, hash and minify that stylesheet. Doing it here instead of with Trunk saves
//! compiling Trunk (8 of the 23 minutes a fresh `cargo xtask serve` took, issue #21).
//! The stylesheet is minified by the pinned esbuild that also minifies the JavaScript.

use crate::{root, run, Result};
use base64::Engine;
use sha2::{Digest, Sha256, Sha384};
use std::{path::Path, process::Command};

/// Writes `dist/` afresh from `index.html` for an app served under `base` (`/` or `/sub/`).
pub fn bundle(dist: &Path, base: &str) -> Result {
    let html = std::fs::read_to_string(root().join("index.html"))?;
    let _ = std::fs::remove_dir_all(dist);
    std::fs::create_dir_all(dist)?;
    let page = process(&html, base, &mut |link| place(link, dist))?;
    let page = fill_words(&page, &|lang| {
        let path = root().join("locales").join(format!("{lang}.json"));
        Ok(serde_json::from_str(&std::fs::read_to_string(&path)?)?)
    })?;
    std::fs::write(dist.join("index.html"), minify_html(&page))?;
    Ok(())
}

/// One `<link data-trunk …>` of `index.html`.
#[derive(Debug, PartialEq)]
pub struct Link {
    pub rel: String,
    pub href: Option<String>,
    pub mime: Option<String>,
}

/// `index.html` with its base URL set and each `data-trunk` link replaced by what `place`
/// returns for it (the tag to keep, or nothing).
pub fn process(
    html: &str,
    base: &str,
    place: &mut dyn FnMut(&Link) -> Result<Option<String>>,
) -> Result<String> {
    let base = format!("/{}/", base.trim_matches('/')).replace("//", "/");
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start]);
        let tag_len = rest[start..]
            .find('>')
            .ok_or("index.html: a tag is not closed")?
            + 1;
        let tag = &rest[start..start + tag_len];
        rest = &rest[start + tag_len..];
        if tag.starts_with("<base") && tag.contains("data-trunk-public-url") {
            out.push_str(&format!("<base href=\"{base}\" />"));
        } else if tag.starts_with("<link") && has_word(tag, "data-trunk") {
            let link = Link {
                rel: crate::tools::attribute(tag, "rel").ok_or("a data-trunk link without rel")?,
                href: crate::tools::attribute(tag, "href"),
                mime: crate::tools::attribute(tag, "type"),
            };
            if let Some(kept) = place(&link)? {
                out.push_str(&kept.replace("{base}", &base));
            }
        } else {
            out.push_str(tag);
        }
    }
    out.push_str(rest);
    Ok(out)
}

/// The languages whose words the first screen carries besides Dutch (`model::display`).
const OTHER_LANGUAGES: [&str; 4] = ["en", "ar", "pl", "tr"];
/// Where the other languages' words go, as JSON that the page's own script reads.
const WORDS_SCRIPT: &str = "<script type=\"application/json\" id=\"boot-words\"></script>";

/// Fills in the first screen's words (issue #19): each element with `data-w="key"` gets the
/// Dutch text of that key of `locales/`, and the `boot-words` script the same keys in the
/// other languages, so the words are written once, in `locales/`, for the HTML and the app.
pub fn fill_words(
    html: &str,
    locale: &dyn Fn(&str) -> Result<serde_json::Value>,
) -> Result<String> {
    let word = |texts: &serde_json::Value, key: &str| -> Result<String> {
        key.split('.')
            .try_fold(texts, |v, part| v.get(part))
            .and_then(serde_json::Value::as_str)
            .map(str::to_string)
            .ok_or_else(|| format!("index.html: no text {key} in locales/").into())
    };
    let dutch = locale("nl")?;
    let mut out = String::with_capacity(html.len() * 2);
    let mut keys = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let end = rest[start..]
            .find('>')
            .map_or(rest.len(), |e| start + e + 1);
        let tag = &rest[start..end];
        out.push_str(&rest[..end]);
        rest = &rest[end..];
        // Only real tags: a `<` in a script is followed by a space or a digit.
        if tag.as_bytes().get(1).is_some_and(u8::is_ascii_alphabetic) {
            if let Some(key) = crate::tools::attribute(tag, "data-w") {
                out.push_str(&escape(&word(&dutch, &key)?));
                keys.push(key);
            }
        }
    }
    out.push_str(rest);
    let mut words = serde_json::Map::new();
    for lang in OTHER_LANGUAGES {
        let texts = locale(lang)?;
        let mut these = serde_json::Map::new();
        for key in &keys {
            these.insert(key.clone(), word(&texts, key)?.into());
        }
        words.insert(lang.into(), these.into());
    }
    // `</` inside a script would end it.
    let json = serde_json::Value::Object(words)
        .to_string()
        .replace("</", "<\\/");
    if keys.is_empty() || !out.contains(WORDS_SCRIPT) {
        return Ok(out);
    }
    Ok(out.replacen(
        WORDS_SCRIPT,
        &WORDS_SCRIPT.replace("></", &format!(">{json}</")),
        1,
    ))
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn has_word(tag: &str, word: &str) -> bool {
    tag.split(|c: char| c.is_whitespace() || c == '/' || c == '>')
        .any(|w| w == word)
}

/// Copies or builds what one link names into `dist`; the tag that stays in its place.
fn place(link: &Link, dist: &Path) -> Result<Option<String>> {
    let source = || -> Result<std::path::PathBuf> {
        let href = link
            .href
            .as_deref()
            .ok_or("a data-trunk link without href")?;
        Ok(root().join(href))
    };
    let name_of = |path: &Path| path.file_name().map(|n| n.to_owned()).ok_or("no file name");
    match link.rel.as_str() {
        // The wasm: built by wasm.rs, not here.
        "rust" => Ok(None),
        "copy-dir" => {
            let from = source()?;
            crate::copy_dir(&from, &dist.join(name_of(&from)?))?;
            Ok(None)
        }
        "copy-file" => {
            let from = source()?;
            std::fs::copy(&from, dist.join(name_of(&from)?))?;
            Ok(None)
        }
        "css" => {
            let from = source()?;
            let min = dist.join(".min.css");
            run(Command::new("esbuild")
                .arg(&from)
                .args(["--minify", "--log-level=error"])
                .arg(format!("--outfile={}", min.display())))?;
            let css = std::fs::read(&min)?;
            std::fs::remove_file(&min)?;
            let name = hashed_name(&from, &css);
            std::fs::write(dist.join(&name), &css)?;
            Ok(Some(format!(
                "<link rel=\"stylesheet\" href=\"{{base}}{name}\" integrity=\"{}\" />",
                integrity(&css)
            )))
        }
        "icon" => {
            let from = source()?;
            let bytes = std::fs::read(&from)?;
            let name = hashed_name(&from, &bytes);
            std::fs::write(dist.join(&name), &bytes)?;
            let mime = link
                .mime
                .as_deref()
                .map(|t| format!(" type=\"{t}\""))
                .unwrap_or_default();
            Ok(Some(format!(
                "<link rel=\"icon\"{mime} href=\"{{base}}{name}\" />"
            )))
        }
        other => Err(format!("index.html: unknown data-trunk rel \"{other}\"").into()),
    }
}

/// `main.css` → `main-<16 hex of its SHA-256>.css`: the server serves names of this form
/// as immutable (server/src/static_files.rs, `is_hashed`).
pub fn hashed_name(path: &Path, bytes: &[u8]) -> String {
    let stem = path.file_stem().unwrap_or_default().to_string_lossy();
    let hash: String = Sha256::digest(bytes)
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect();
    match path.extension() {
        Some(ext) => format!("{stem}-{hash}.{}", ext.to_string_lossy()),
        None => format!("{stem}-{hash}"),
    }
}

/// Subresource Integrity of a file (`sha384-…`).
pub fn integrity(bytes: &[u8]) -> String {
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(Sha384::digest(bytes))
    )
}

/// Drops comments, indentation and empty lines. Only for this page: it has no `<pre>` and
/// its inline script has no string that spans lines.
pub fn minify_html(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<!--") {
        text.push_str(&rest[..start]);
        rest = rest[start..]
            .find("-->")
            .map_or("", |end| &rest[start + end + 3..]);
    }
    text.push_str(rest);
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    lines.join("\n") + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<!DOCTYPE html>\n<html>\n  <head>\n    <base data-trunk-public-url />\n    <!-- a comment\n over lines -->\n    <link data-trunk rel=\"rust\" data-bin=\"koers\" data-trunk-skip />\n    <link rel=\"modulepreload\" href=\"pkg/koers.js\" />\n    <link data-trunk rel=\"css\" href=\"style/main.css\" />\n    <link data-trunk rel=\"icon\" type=\"image/svg+xml\" href=\"public/icon.svg\" />\n    <link data-trunk rel=\"copy-dir\" href=\"public/api\" />\n    <script type=\"module\">\n      if (1 > 0) init();\n    </script>\n  </head>\n</html>\n";

    #[test]
    fn the_first_screens_words_come_from_the_locales() {
        let locale = |lang: &str| -> Result<serde_json::Value> {
            Ok(match lang {
                "nl" => serde_json::json!({"sign_in": {"title": "Inloggen", "intro": "A & <b>"}}),
                other => {
                    serde_json::json!({"sign_in": {"title": format!("{other} </script>"), "intro": other}})
                }
            })
        };
        let page = "<h1 data-w=\"sign_in.title\"></h1><script>if (i < 2) x('data-w');</script><p data-w=\"sign_in.intro\"></p>\n<script type=\"application/json\" id=\"boot-words\"></script>";
        let out = fill_words(page, &locale).unwrap();
        assert!(out.starts_with("<h1 data-w=\"sign_in.title\">Inloggen</h1><script>if (i < 2) x('data-w');</script><p data-w=\"sign_in.intro\">A &amp; &lt;b&gt;</p>"), "{out}");
        let json = out
            .split("id=\"boot-words\">")
            .nth(1)
            .unwrap()
            .trim_end_matches("</script>");
        assert!(!json.contains("</"), "{json}");
        let words: serde_json::Value = serde_json::from_str(json).unwrap();
        assert_eq!(words["ar"]["sign_in.title"], "ar </script>");
        assert_eq!(words["tr"]["sign_in.intro"], "tr");
        assert!(words.get("nl").is_none());
        // A key that is not in the locales fails the build.
        assert!(fill_words("<p data-w=\"sign_in.nothing\"></p>", &locale).is_err());
    }

    #[test]
    fn each_link_is_replaced_by_what_it_builds_and_the_base_is_set() {
        let mut seen = Vec::new();
        let out = process(PAGE, "/koers", &mut |link| {
            seen.push((link.rel.clone(), link.href.clone(), link.mime.clone()));
            Ok(match link.rel.as_str() {
                "css" => Some("<link rel=\"stylesheet\" href=\"{base}main-1.css\" />".into()),
                _ => None,
            })
        })
        .unwrap();
        assert_eq!(
            seen,
            [
                ("rust".into(), None, None),
                ("css".into(), Some("style/main.css".into()), None),
                (
                    "icon".into(),
                    Some("public/icon.svg".into()),
                    Some("image/svg+xml".into())
                ),
                ("copy-dir".into(), Some("public/api".into()), None),
            ]
        );
        assert!(out.contains("<base href=\"/koers/\" />"));
        assert!(out.contains("<link rel=\"stylesheet\" href=\"/koers/main-1.css\" />"));
        assert!(out.contains("<link rel=\"modulepreload\" href=\"pkg/koers.js\" />"));
        assert!(!out.contains("data-trunk"));
        // A `>` inside the script is text, not the end of a tag.
        assert!(out.contains("if (1 > 0) init();"));
        let root = process(PAGE, "/", &mut |_| Ok(None)).unwrap();
        assert!(root.contains("<base href=\"/\" />"));
    }

    #[test]
    fn an_unknown_link_or_an_open_tag_is_an_error() {
        assert!(process("<link data-trunk rel=\"css\"", "/", &mut |_| Ok(None)).is_err());
        assert!(process("<link data-trunk href=\"x\" />", "/", &mut |_| Ok(None)).is_err());
        let dist = std::env::temp_dir().join(format!("koers-bundle-{}", std::process::id()));
        let link = Link {
            rel: "sass".into(),
            href: Some("x.scss".into()),
            mime: None,
        };
        assert!(place(&link, &dist).is_err());
    }

    #[test]
    fn names_carry_the_content_hash_and_integrity_is_sha384() {
        let a = hashed_name(Path::new("style/main.css"), b"a{}");
        assert!(a.starts_with("main-") && a.ends_with(".css"), "{a}");
        assert_eq!(a.len(), "main-".len() + 16 + ".css".len());
        assert_ne!(a, hashed_name(Path::new("style/main.css"), b"b{}"));
        // `echo -n abc | openssl dgst -sha384 -binary | base64`
        assert_eq!(
            integrity(b"abc"),
            "sha384-ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn"
        );
    }

    #[test]
    fn minifying_drops_comments_indentation_and_empty_lines_only() {
        let out = minify_html(PAGE);
        assert!(!out.contains("comment"));
        assert!(out.contains("\n<base data-trunk-public-url />\n"));
        assert!(out.contains("\nif (1 > 0) init();\n"));
        assert!(!out.contains("\n\n"));
        assert!(!out.contains("  "));
    }
}
