//! The pictograms are emoji, so the phone's font draws them. A phone whose font is older
//! than an emoji shows an empty box where the picture should help a reader who reads
//! little (issue #22). Android 9, still on many cheap phones, has Emoji 11; so nothing in
//! the app, its texts or its static files may be newer.
// The emoji table is a native dev-dependency (Cargo.toml).
#![cfg(not(target_arch = "wasm32"))]

use std::path::{Path, PathBuf};

const NEWEST: (u32, u32) = (11, 0);

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| {
            ["rs", "json", "html", "js", "css", "webmanifest"].contains(&e.to_str().unwrap())
        }) {
            out.push(path);
        }
    }
}

/// Every emoji in `text` with the emoji version it came with (E0.6 … E16.0). A character is looked
/// up alone and with the emoji presentation selector (U+FE0F), as `emojis` lists both.
fn emoji_in(text: &str) -> Vec<(String, (u32, u32))> {
    let mut out = Vec::new();
    for c in text.chars() {
        let alone = c.to_string();
        let found = emojis::get(&alone).or_else(|| emojis::get(&format!("{c}\u{fe0f}")));
        if let Some(e) = found {
            // Digits, # and * are emoji only as keycaps; alone they are text.
            if c.is_ascii() {
                continue;
            }
            let v = e.unicode_version();
            out.push((alone, (v.major(), v.minor())));
        }
    }
    out
}

#[test]
fn the_lookup_knows_old_and_new_emoji() {
    // Emoji versions as emoji-test.txt numbers them: the first emoji are "E0.6".
    assert_eq!(emoji_in("📞 Bel"), [("📞".to_string(), (0, 6))]);
    assert_eq!(emoji_in("🧭")[0].1, (11, 0), "Emoji 11: the newest allowed");
    assert!(
        emoji_in("🟢")[0].1 > NEWEST,
        "Emoji 12: too new for Android 9"
    );
    assert!(emoji_in("abc 123 → ≤").is_empty());
}

#[test]
fn no_pictogram_is_newer_than_emoji_11() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut all = Vec::new();
    for dir in ["src", "locales", "public"] {
        files(&root.join(dir), &mut all);
    }
    all.push(root.join("index.html"));
    let mut seen = 0;
    let mut too_new = Vec::new();
    for file in &all {
        let Ok(text) = std::fs::read_to_string(file) else {
            continue;
        };
        for (emoji, version) in emoji_in(&text) {
            seen += 1;
            if version > NEWEST {
                too_new.push(format!(
                    "{} in {} (Emoji {}.{})",
                    emoji,
                    file.strip_prefix(root).unwrap().display(),
                    version.0,
                    version.1
                ));
            }
        }
    }
    assert!(seen > 50, "the pictograms were found ({seen})");
    assert!(too_new.is_empty(), "newer than Emoji 11: {too_new:#?}");
}
