//! Pinned tools, installed from the registries this project may use (npm, PyPI, Debian): only
//! those that come ready-made there. wasm-split and wasm-bindgen are libraries of xtask
//! itself (wasm.rs), so nothing is compiled by `cargo install`. Every step checks first and
//! is skipped when the right version is already there.

use crate::{root, run, Result};
use std::{
    env,
    io::Write,
    path::{Path, PathBuf},
    process::Command,
};

pub const BINARYEN_NPM: &str = "132.0.0";
/// Minifies the JavaScript wasm-bindgen and wasm-split write (npm `esbuild`).
pub const ESBUILD_NPM: &str = "0.25.12";
/// The SMTP sink of the server's mail tests (PyPI `aiosmtpd`), in a venv of its own.
pub const AIOSMTPD_PYPI: &str = "1.4.6";
/// A second, independent iCalendar parser for the agenda export's tests (PyPI `icalendar`).
pub const ICALENDAR_PYPI: &str = "6.3.1";
/// The first-load budget of the app shell, brotli bytes (wasm + JS + CSS + icons): the
/// measured 240,194 (2026-12-07, second session: one route view type for all lazy pages,
/// −1.0 KB; the outbox's sending code in a chunk of its own, −3.2 KB; earlier that day
/// 244,187 with short import names for the glue's functions, −6.1 KB, and 17 modules in the
/// chunk loader instead of 83, −840 B; 251,013 on 2026-12-03 with the sign-in screen drawn
/// by the HTML) plus a small margin, so that a regression shows (issue #19).
pub const BUDGET_BROTLI: usize = 240_900;

fn tools_dir() -> PathBuf {
    root().join(".tools")
}

/// PATH with the npm `wasm-opt` before Debian's (Debian's binaryen 108 breaks the wasm)
/// and cargo's bin directory present.
pub fn path_with_tools() -> String {
    let mut parts = vec![tools_dir().join("node_modules/.bin")];
    if let Some(home) = env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
    {
        parts.push(home.join("bin"));
    }
    let mut path = env::join_paths(parts)
        .unwrap()
        .to_string_lossy()
        .into_owned();
    if let Some(old) = env::var_os("PATH") {
        path.push(':');
        path.push_str(&old.to_string_lossy());
    }
    path
}

fn output(cmd: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(cmd)
        .args(args)
        .env("PATH", path_with_tools())
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The versions of `package` in Cargo.lock.
#[cfg(test)]
fn locked(package: &str) -> Vec<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock")).expect("Cargo.lock");
    let mut lines = lock.lines();
    let mut found = Vec::new();
    while let Some(line) = lines.next() {
        if line == format!("name = \"{package}\"") {
            if let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                found.push(v.trim_end_matches('"').to_string());
            }
        }
    }
    found
}

pub fn setup(browser: bool) -> Result {
    let targets = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if !targets
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }
    let major = BINARYEN_NPM.split('.').next().unwrap();
    npm_tool("wasm-opt", "binaryen", BINARYEN_NPM, |v| {
        v.contains(&format!("version {major}"))
    })?;
    npm_tool("esbuild", "esbuild", ESBUILD_NPM, |v| {
        v.trim() == ESBUILD_NPM
    })?;
    if browser {
        setup_browser()?;
    }
    Ok(())
}

/// What only the tests need (`cargo xtask test` and `setup`, not `serve` or `build`).
pub fn setup_tests() -> Result {
    python_tool("aiosmtpd", AIOSMTPD_PYPI)?;
    python_tool("icalendar", ICALENDAR_PYPI)
}

/// The Python that has the test tools from PyPI; `cargo xtask test` hands it to the server's
/// mail tests and the agenda export's tests as `KOERS_TEST_PYTHON`.
pub fn test_python() -> PathBuf {
    tools_dir().join("venv/bin/python")
}

/// Installs the PyPI package `package==version` into `.tools/venv` unless it is there.
fn python_tool(package: &str, version: &str) -> Result {
    let python = test_python();
    let probe = format!("import importlib.metadata as m; print(m.version('{package}'))");
    let have = output(&python.to_string_lossy(), &["-c", probe.as_str()]).unwrap_or_default();
    if have.trim() == version {
        return Ok(());
    }
    let venv = tools_dir().join("venv");
    if !python.exists() {
        std::fs::create_dir_all(tools_dir())?;
        let made = run(Command::new("python3").arg("-m").arg("venv").arg(&venv));
        if made.is_err() {
            // Debian's python3 makes no venv without python3-venv (ensurepip is split off).
            let _ = std::fs::remove_dir_all(&venv);
            apt_install(&["python3", "python3-venv"])?;
            run(Command::new("python3").arg("-m").arg("venv").arg(&venv))?;
        }
    }
    run(Command::new(&python).args([
        "-m",
        "pip",
        "install",
        "--quiet",
        "--disable-pip-version-check",
        &format!("{package}=={version}"),
    ]))
}

/// `apt-get install` (after an update), through sudo when not root.
fn apt_install(packages: &[&str]) -> Result {
    let sudo = output("id", &["-u"])
        .map(|u| u.trim() != "0")
        .unwrap_or(false);
    let apt = |args: &[&str]| {
        let mut cmd = if sudo {
            Command::new("sudo")
        } else {
            Command::new("apt-get")
        };
        if sudo {
            cmd.arg("apt-get");
        }
        cmd.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        run(&mut cmd)
    };
    apt(&["update", "-q"])?;
    let mut install = vec!["install", "-y", "-q", "--no-install-recommends"];
    install.extend_from_slice(packages);
    apt(&install)
}

/// Installs the npm package `package@version` into `.tools/` unless its binary `bin`
/// already answers `--version` with what `is_pinned` accepts.
fn npm_tool(bin: &str, package: &str, version: &str, is_pinned: impl Fn(&str) -> bool) -> Result {
    let path = tools_dir().join("node_modules/.bin").join(bin);
    let have = output(&path.to_string_lossy(), &["--version"]).unwrap_or_default();
    if is_pinned(&have) {
        return Ok(());
    }
    std::fs::create_dir_all(tools_dir())?;
    run(Command::new("npm").args([
        "install",
        "--no-audit",
        "--no-fund",
        "--prefix",
        &tools_dir().to_string_lossy(),
        &format!("{package}@{version}"),
    ]))
}

fn setup_browser() -> Result {
    if !Path::new("/usr/bin/chromium").exists() {
        apt_install(&["chromium", "fonts-dejavu-core"])?;
    }
    npm_ci(&root().join("tests/e2e"))
}

/// `npm ci` in `dir`, skipped while node_modules matches the lock file.
pub fn npm_ci(dir: &Path) -> Result {
    let lock = std::fs::read(dir.join("package-lock.json")).unwrap_or_default();
    let stamp = dir.join("node_modules/.koers-lock");
    if std::fs::read(&stamp).ok().as_deref() != Some(&lock[..]) {
        run(Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(dir)
            .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1"))?;
        std::fs::write(&stamp, &lock)?;
    }
    Ok(())
}

/// Makes `dist/` work on a plain static host too: a copy of index.html for each route
/// (so a reload on /agenda works) and as 404.html (hosts that serve it for unknown paths).
pub fn finish_dist(dist: &Path) -> Result {
    let index = std::fs::read(dist.join("index.html"))?;
    std::fs::write(dist.join("404.html"), &index)?;
    for route in [
        "home",
        "afspraken",
        "doelen",
        "agenda",
        "vragenlijst",
        "contact",
        "instellingen",
        "signalen",
        "team",
        "resultaten",
        "kiosk",
        "balie",
    ] {
        let dir = dist.join(route);
        std::fs::create_dir_all(&dir)?;
        std::fs::write(dir.join("index.html"), &index)?;
    }
    write_service_worker(dist)
}

/// The app shell the service worker precaches: every file of the build that the app
/// itself loads (not the API data, not the per-route copies of index.html, not sw.js),
/// as paths relative to the base URL, sorted.
pub fn precache_files(dist: &Path) -> Result<Vec<String>> {
    fn walk(dir: &Path, prefix: &str, out: &mut Vec<String>) -> Result {
        for entry in std::fs::read_dir(dir)? {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = entry.path();
            if path.is_dir() {
                // The icons and the wasm with its chunks (so every page works offline, also
                // one never opened online); api/ is data, the rest route copies of index.html.
                if prefix.is_empty() && (name == "icons" || name == "pkg") {
                    walk(&path, &format!("{name}/"), out)?;
                }
                continue;
            }
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            let shell = matches!(
                ext,
                "html" | "js" | "wasm" | "css" | "svg" | "png" | "webmanifest" | "woff2"
            );
            if shell && name != "sw.js" && name != "404.html" {
                out.push(format!("{prefix}{name}"));
            }
        }
        Ok(())
    }
    let mut files = Vec::new();
    walk(dist, "", &mut files)?;
    files.sort();
    Ok(files)
}

/// Writes the precache list and a version (a hash of the listed files' names and
/// contents) into `sw.js`: its `const VERSION = …;` and `const SHELL = …;` lines. A build
/// that changes any file gives a new version, so browsers install the new worker.
pub fn inject_precache(sw: &str, files: &[(String, Vec<u8>)]) -> Result<String> {
    use sha2::{Digest, Sha256};
    let mut hash = Sha256::new();
    for (name, bytes) in files {
        hash.update(name.as_bytes());
        hash.update([0]);
        hash.update((bytes.len() as u64).to_le_bytes());
        hash.update(bytes);
    }
    let version: String = hash
        .finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect();
    let list = serde_json::to_string(&files.iter().map(|(n, _)| n).collect::<Vec<_>>())?;
    let (mut found_version, mut found_shell) = (false, false);
    let mut out = String::with_capacity(sw.len() + list.len());
    for line in sw.lines() {
        if line.starts_with("const VERSION = ") {
            out.push_str(&format!("const VERSION = '{version}';"));
            found_version = true;
        } else if line.starts_with("const SHELL = ") {
            out.push_str(&format!("const SHELL = {list};"));
            found_shell = true;
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    if !found_version || !found_shell {
        return Err("sw.js has no `const VERSION = ` or `const SHELL = ` line".into());
    }
    Ok(out)
}

fn write_service_worker(dist: &Path) -> Result {
    let sw_path = dist.join("sw.js");
    let sw = std::fs::read_to_string(&sw_path)?;
    let mut files = Vec::new();
    for name in precache_files(dist)? {
        let bytes = std::fs::read(dist.join(&name))?;
        files.push((name, bytes));
    }
    std::fs::write(&sw_path, inject_precache(&sw, &files)?)?;
    Ok(())
}

pub struct Sizes {
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

pub fn sizes(bytes: &[u8]) -> Result<Sizes> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(bytes)?;
    let gzip = gz.finish()?.len();
    let mut br = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut br, 4096, 11, 22);
        w.write_all(bytes)?;
    }
    Ok(Sizes {
        raw: bytes.len(),
        gzip,
        brotli: br.len(),
    })
}

/// What the browser fetches before the first screen, relative to `dist/`: index.html, the
/// files its `<link>`s load at once (stylesheet, icon, manifest, preloads: the main wasm and
/// its JS) and, from each JavaScript file, the modules it imports. Not the chunks (fetched
/// when a page first needs them), the service worker (registered once the app runs) or the
/// touch icons (fetched when the app is added to the home screen).
pub fn first_load(dist: &Path) -> Result<Vec<String>> {
    let html = std::fs::read_to_string(dist.join("index.html"))?;
    let mut files = vec!["index.html".to_string()];
    for tag in html.split("<link").skip(1) {
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        let rel = attribute(tag, "rel").unwrap_or_default();
        let loads_now = rel.split_whitespace().any(|r| {
            matches!(
                r,
                "stylesheet" | "icon" | "manifest" | "modulepreload" | "preload"
            )
        });
        if let (true, Some(href)) = (loads_now, attribute(tag, "href")) {
            files.push(href.trim_start_matches('/').to_string());
        }
    }
    let mut at = 0;
    while at < files.len() {
        let file = files[at].clone();
        at += 1;
        let path = dist.join(&file);
        if !path.is_file() {
            return Err(format!("{} (loaded by index.html) is missing", path.display()).into());
        }
        if file.ends_with(".js") {
            let dir = file.rsplit_once('/').map_or("", |(d, _)| d);
            for import in js_imports(&std::fs::read_to_string(&path)?) {
                let name = import.trim_start_matches("./");
                let joined = if dir.is_empty() {
                    name.to_string()
                } else {
                    format!("{dir}/{name}")
                };
                if !files.contains(&joined) {
                    files.push(joined);
                }
            }
        }
    }
    files.sort();
    files.dedup();
    Ok(files)
}

pub fn attribute(tag: &str, name: &str) -> Option<String> {
    let mut rest = tag;
    while let Some(i) = rest.find(name) {
        let before = rest[..i].chars().last();
        let after = &rest[i + name.len()..];
        rest = after;
        if before.is_some_and(|c| !c.is_whitespace()) {
            continue;
        }
        let Some(value) = after.strip_prefix('=') else {
            continue;
        };
        let quote = value.chars().next()?;
        if quote == '"' || quote == '\'' {
            return value[1..].split(quote).next().map(str::to_string);
        }
        return value.split_whitespace().next().map(str::to_string);
    }
    None
}

/// The relative modules a JavaScript file imports statically (`from "./x.js"`).
fn js_imports(js: &str) -> Vec<String> {
    let mut out = Vec::new();
    // Minified code has no space: `from"./x.js"`.
    for part in js.split("from").skip(1) {
        let part = part.trim_start();
        let Some(quote) = part.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            continue;
        };
        if let Some(target) = part[1..].split(quote).next() {
            if target.starts_with("./") && !out.iter().any(|t| t == target) {
                out.push(target.to_string());
            }
        }
    }
    out
}

fn shell_files(dist: &Path) -> Result<Vec<PathBuf>> {
    Ok(first_load(dist)?.iter().map(|f| dist.join(f)).collect())
}

pub fn report_sizes(dist: &Path) -> Result {
    let mut total = Sizes {
        raw: 0,
        gzip: 0,
        brotli: 0,
    };
    println!("| file | raw | gzip | brotli |\n|---|---:|---:|---:|");
    for file in shell_files(dist)? {
        let s = sizes(&std::fs::read(&file)?)?;
        let name = file.strip_prefix(dist).unwrap_or(&file).to_string_lossy();
        println!("| {name} | {} | {} | {} |", s.raw, s.gzip, s.brotli);
        total.raw += s.raw;
        total.gzip += s.gzip;
        total.brotli += s.brotli;
    }
    println!(
        "| **first load** | {} | {} | {} |",
        total.raw, total.gzip, total.brotli
    );
    let first = first_load(dist)?;
    let mut later: Vec<(String, usize)> = Vec::new();
    for entry in std::fs::read_dir(dist.join("pkg"))? {
        let path = entry?.path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !first.contains(&format!("pkg/{name}")) {
            later.push((name, sizes(&std::fs::read(&path)?)?.brotli));
        }
    }
    later.sort_by_key(|(_, brotli)| std::cmp::Reverse(*brotli));
    let rest: usize = later.iter().map(|(_, b)| b).sum();
    println!(
        "\nFetched on first use ({} chunks, {rest} B brotli in all); the largest:",
        later.len()
    );
    for (name, brotli) in later.iter().take(16) {
        println!("- {name}: {brotli}");
    }
    Ok(())
}

pub fn check_budget(dist: &Path) -> Result {
    let mut total = 0;
    for file in shell_files(dist)? {
        total += sizes(&std::fs::read(&file)?)?.brotli;
    }
    eprintln!("xtask: first load is {total} bytes brotli (budget {BUDGET_BROTLI})");
    if total > BUDGET_BROTLI {
        return Err(
            format!("first load {total} B brotli exceeds the budget of {BUDGET_BROTLI} B").into(),
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SW: &str =
        "// head\nconst VERSION = 'development';\nconst SHELL = [];\nconst REST = 1;\n";

    fn shell(files: &[(&str, &str)]) -> Vec<(String, Vec<u8>)> {
        files
            .iter()
            .map(|(n, b)| (n.to_string(), b.as_bytes().to_vec()))
            .collect()
    }

    fn version_of(sw: &str) -> String {
        let line = sw.lines().find(|l| l.starts_with("const VERSION")).unwrap();
        line.split('\'').nth(1).unwrap().to_string()
    }

    #[test]
    fn the_wasm_tools_match_what_the_app_was_built_with() {
        // wasm-bindgen's output only works with the very same version of its runtime crate.
        assert_eq!(locked("wasm-bindgen"), locked("wasm-bindgen-cli-support"));
        // The split loader's calls must be those of the helpers Leptos links in.
        let minor = |v: &String| v.rsplit_once('.').map(|(m, _)| m.to_string());
        let helpers: Vec<_> = locked("wasm_split_helpers").iter().map(minor).collect();
        let split: Vec<_> = locked("wasm_split_cli_support").iter().map(minor).collect();
        assert_eq!(helpers.len(), 1);
        assert_eq!(helpers, split);
    }

    #[test]
    fn the_list_and_a_content_version_replace_the_placeholders() {
        let files = shell(&[("index.html", "<html>"), ("koers-ab12.wasm", "wasm")]);
        let out = inject_precache(SW, &files).unwrap();
        assert!(out.contains("const SHELL = [\"index.html\",\"koers-ab12.wasm\"];\n"));
        assert!(out.starts_with("// head\n"));
        assert!(out.ends_with("const REST = 1;\n"));
        let version = version_of(&out);
        assert_eq!(version.len(), 16);
        assert!(version.bytes().all(|b| b.is_ascii_hexdigit()));
        // Running it again on its own output changes nothing (the build may finish twice).
        assert_eq!(inject_precache(&out, &files).unwrap(), out);
    }

    #[test]
    fn any_changed_file_gives_a_new_version_and_the_same_files_the_same_one() {
        let a = inject_precache(SW, &shell(&[("index.html", "<html>"), ("a.css", "x")])).unwrap();
        let same =
            inject_precache(SW, &shell(&[("index.html", "<html>"), ("a.css", "x")])).unwrap();
        let changed =
            inject_precache(SW, &shell(&[("index.html", "<html>"), ("a.css", "y")])).unwrap();
        let renamed =
            inject_precache(SW, &shell(&[("index.html", "<html>"), ("b.css", "x")])).unwrap();
        assert_eq!(version_of(&a), version_of(&same));
        assert_ne!(version_of(&a), version_of(&changed));
        assert_ne!(version_of(&a), version_of(&renamed));
    }

    #[test]
    fn a_worker_without_placeholders_is_an_error() {
        assert!(inject_precache("self.addEventListener('fetch', f);\n", &[]).is_err());
    }

    #[test]
    fn the_first_load_is_what_index_html_links_and_the_modules_they_import() {
        let dist = std::env::temp_dir().join(format!("koers-first-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dist);
        let files = [
            ("index.html", "<head><base href=\"/\" />\n<link data-trunk rel=\"rust\" data-trunk-skip />\n<link rel=\"modulepreload\" href=\"pkg/koers.js\" />\n<link rel=\"preload\" href=\"pkg/koers_bg.wasm\" as=\"fetch\" crossorigin />\n<link rel=\"stylesheet\" href=\"/main-9f.css\" integrity=\"x\"/>\n<link rel=\"icon\" type=\"image/svg+xml\" href=\"/icon-77.svg\"/>\n<link rel=\"manifest\" href=\"manifest.webmanifest\" />\n<link rel=\"apple-touch-icon\" href=\"icons/a.png\" /><script type=\"module\">import init from './pkg/koers.js';</script>"),
            ("pkg/koers.js", "import*as i1 from\"./__wasm_split.js\";import*as i2 from \"./__wasm_split.js\";const from = 1;"),
            ("pkg/__wasm_split.js", "import { initSync } from \"./koers.js\";\nfetchChunk(new URL(\"./chunk_1.wasm\", import.meta.url));"),
            ("pkg/koers_bg.wasm", "wasm"),
            ("pkg/chunk_1.wasm", "chunk"),
            ("main-9f.css", "css"),
            ("icon-77.svg", "svg"),
            ("manifest.webmanifest", "{}"),
            ("icons/a.png", "png"),
            ("sw.js", "sw"),
        ];
        for (name, text) in files {
            let path = dist.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let first = first_load(&dist).unwrap();
        std::fs::remove_file(dist.join("main-9f.css")).unwrap();
        let missing = first_load(&dist);
        std::fs::remove_dir_all(&dist).unwrap();
        assert_eq!(
            first,
            [
                "icon-77.svg",
                "index.html",
                "main-9f.css",
                "manifest.webmanifest",
                "pkg/__wasm_split.js",
                "pkg/koers.js",
                "pkg/koers_bg.wasm",
            ]
        );
        assert!(
            missing.is_err(),
            "a linked file that is not there is an error"
        );
    }

    #[test]
    fn the_precache_list_is_the_shell_without_data_route_copies_or_the_worker() {
        let dist = std::env::temp_dir().join(format!("koers-precache-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dist);
        for file in [
            "index.html",
            "404.html",
            "sw.js",
            "pkg/koers_bg.wasm",
            "pkg/koers.js",
            "pkg/chunk_3.wasm",
            "main-9f.css",
            "icon-77.svg",
            "neutral.html",
            "manifest.webmanifest",
            "icons/koers-192.png",
            "home/index.html",
            "api/v1/config.json",
            "api/v1/dossiers/abc.json",
        ] {
            let path = dist.join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, file).unwrap();
        }
        let files = precache_files(&dist).unwrap();
        std::fs::remove_dir_all(&dist).unwrap();
        assert_eq!(
            files,
            [
                "icon-77.svg",
                "icons/koers-192.png",
                "index.html",
                "main-9f.css",
                "manifest.webmanifest",
                "neutral.html",
                "pkg/chunk_3.wasm",
                "pkg/koers.js",
                "pkg/koers_bg.wasm",
            ]
        );
    }
}

/// The clippy-driver of the toolchain that runs cargo (`cargo clippy` finds it the same
/// way, beside itself): through rustup where there is one, else on `PATH`.
pub fn clippy_driver() -> Result<String> {
    let found = output("rustup", &["which", "clippy-driver"])
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| "clippy-driver".into());
    if output(&found, &["--version"]).is_none() {
        return Err(
            "clippy-driver was not found: install clippy (`rustup component add clippy`)".into(),
        );
    }
    Ok(found)
}

/// The lint flags as clippy-driver reads them from `CLIPPY_ARGS` when cargo runs it as the
/// workspace's compiler wrapper: each flag followed by this separator (what `cargo clippy`
/// itself passes).
pub fn clippy_args(flags: &[&str]) -> String {
    flags
        .iter()
        .map(|f| format!("{f}__CLIPPY_HACKERY__"))
        .collect()
}

#[cfg(test)]
mod clippy_tests {
    #[test]
    fn clippy_args_are_each_followed_by_the_separator() {
        assert_eq!(
            super::clippy_args(&["-D", "warnings"]),
            "-D__CLIPPY_HACKERY__warnings__CLIPPY_HACKERY__"
        );
    }
}
