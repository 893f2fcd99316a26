//! Pinned tools, installed from the registries this project may use (crates.io, npm,
//! Debian) because Trunk's own downloads from the internet are not reachable everywhere.
//! Every step checks first and is skipped when the right version is already there.

use crate::{root, run, Result};
use std::{
    env,
    io::Write,
    path::{Path, PathBuf},
    process::Command,
};

pub const TRUNK: &str = "0.21.14";
pub const BINARYEN_NPM: &str = "132.0.0";
/// The first-load budget of the app shell, brotli bytes (wasm + JS + CSS + icons).
pub const BUDGET_BROTLI: usize = 250 * 1024;

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

/// The `wasm-bindgen` version in Cargo.lock: the CLI must match it exactly.
fn locked_wasm_bindgen() -> Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(v.trim_end_matches('"').to_string());
            }
        }
    }
    Err("wasm-bindgen not found in Cargo.lock".into())
}

pub fn setup(browser: bool) -> Result {
    let targets = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if !targets
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }
    let have_trunk = output("trunk", &["--version"]).unwrap_or_default();
    if !have_trunk.contains(TRUNK) {
        run(Command::new("cargo").args(["install", "trunk", "--version", TRUNK, "--locked"]))?;
    }
    let wbg = locked_wasm_bindgen()?;
    let have_wbg = output("wasm-bindgen", &["--version"]).unwrap_or_default();
    let have_runner = output("wasm-bindgen-test-runner", &["--version"]).unwrap_or_default();
    if !have_wbg.contains(&wbg) || !have_runner.contains(&wbg) {
        // Not --locked: its lock file pins a crate version the registry no longer serves.
        run(Command::new("cargo").args([
            "install",
            "wasm-bindgen-cli",
            "--version",
            &wbg,
            "--force",
        ]))?;
    }
    write_trunk_tools(&wbg)?;
    let wasm_opt = tools_dir().join("node_modules/.bin/wasm-opt");
    let have_opt = output(&wasm_opt.to_string_lossy(), &["--version"]).unwrap_or_default();
    if !have_opt.contains(&format!(
        "version {}",
        BINARYEN_NPM.split('.').next().unwrap()
    )) {
        std::fs::create_dir_all(tools_dir())?;
        run(Command::new("npm").args([
            "install",
            "--no-audit",
            "--no-fund",
            "--prefix",
            &tools_dir().to_string_lossy(),
            &format!("binaryen@{BINARYEN_NPM}"),
        ]))?;
    }
    if browser {
        setup_browser()?;
    }
    Ok(())
}

/// Trunk reads the tool versions from Trunk.toml; keep them equal to what is installed.
fn write_trunk_tools(wbg: &str) -> Result {
    let path = root().join("Trunk.toml");
    let text = std::fs::read_to_string(&path)?;
    let line = format!("wasm_bindgen = \"{wbg}\"");
    if !text.contains(&line) {
        let updated: String = text
            .lines()
            .map(|l| {
                if l.starts_with("wasm_bindgen = ") {
                    line.clone()
                } else {
                    l.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        std::fs::write(&path, updated + "\n")?;
    }
    Ok(())
}

fn setup_browser() -> Result {
    if !Path::new("/usr/bin/chromium").exists() || !Path::new("/usr/bin/chromedriver").exists() {
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
        apt(&[
            "install",
            "-y",
            "-q",
            "--no-install-recommends",
            "chromium",
            "chromium-driver",
            "fonts-dejavu-core",
        ])?;
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
    ] {
        let dir = dist.join(route);
        std::fs::create_dir_all(&dir)?;
        std::fs::write(dir.join("index.html"), &index)?;
    }
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

/// The files of the first load: everything index.html pulls in (wasm, JS, CSS, icons).
fn shell_files(dist: &Path) -> Result<Vec<PathBuf>> {
    let mut files = vec![dist.join("index.html")];
    for entry in std::fs::read_dir(dist)? {
        let path = entry?.path();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if path.is_file() && matches!(ext, "wasm" | "js" | "css" | "svg" | "woff2" | "webmanifest")
        {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
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
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        println!("| {name} | {} | {} | {} |", s.raw, s.gzip, s.brotli);
        total.raw += s.raw;
        total.gzip += s.gzip;
        total.brotli += s.brotli;
    }
    println!(
        "| **total** | {} | {} | {} |",
        total.raw, total.gzip, total.brotli
    );
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
