//! A request path: one canonical spelling or none, never a file outside the site, and the
//! lenient decoding that judges refused paths never panics.
#![no_main]

use koers_server::static_files::{canonical_path, lenient_decode, StaticFiles, Target};
use libfuzzer_sys::fuzz_target;
use std::path::{Component, PathBuf};
use std::sync::OnceLock;

fn site() -> &'static (StaticFiles, PathBuf) {
    static SITE: OnceLock<(StaticFiles, PathBuf)> = OnceLock::new();
    SITE.get_or_init(|| {
        let root = std::env::temp_dir().join(format!("koers-fuzz-site-{}", std::process::id()));
        let dist = root.join("dist");
        let api = dist.join("api");
        std::fs::create_dir_all(api.join("v1/dossiers")).unwrap();
        std::fs::write(dist.join("index.html"), "<!doctype html>").unwrap();
        std::fs::write(dist.join("app.css"), "body{}").unwrap();
        std::fs::write(api.join("v1/config.json"), "{}").unwrap();
        std::fs::write(
            api.join("v1/dossiers/0123456789abcdef0123456789abcdef.json"),
            "{}",
        )
        .unwrap();
        std::fs::write(root.join("secret.txt"), "outside").unwrap();
        (StaticFiles::new(dist.clone(), api), root.join("dist"))
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(path) = std::str::from_utf8(data) else {
        return;
    };
    let _ = lenient_decode(path);
    if let Some(request) = canonical_path(path) {
        assert!(
            request.relative.components().all(|c| matches!(c, Component::Normal(_))),
            "{path:?} became {:?}",
            request.relative
        );
    }
    let (files, dist) = site();
    if let Target::File { path: file, .. } = files.resolve(path) {
        assert!(file.starts_with(dist), "{path:?} reached {file:?}");
    }
});
