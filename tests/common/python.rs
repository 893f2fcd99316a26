//! The Python of the tests that need a PyPI package (the mail tests' SMTP sink, the agenda
//! export's second iCalendar parser). Shared by the app's and the server's tests through
//! `#[path]`, as the two crates have no test module in common.

use std::path::{Path, PathBuf};
use std::process::Command;

/// `KOERS_TEST_PYTHON`, else the venv `cargo xtask setup` makes in the checkout's `.tools`,
/// else `python3`; it must be able to `import module`. Without it the test fails, saying
/// how to get it: never skipped.
pub fn with_module(module: &str) -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let venv = manifest
        .ancestors()
        .map(|dir| dir.join(".tools/venv/bin/python"))
        .find(|p| p.exists());
    let python = std::env::var_os("KOERS_TEST_PYTHON")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or(venv)
        .unwrap_or_else(|| PathBuf::from("python3"));
    let check = Command::new(&python)
        .args(["-c", &format!("import {module}")])
        .output();
    let why = match check {
        Ok(out) if out.status.success() => return python,
        Ok(out) => String::from_utf8_lossy(&out.stderr).trim().to_string(),
        Err(e) => e.to_string(),
    };
    panic!(
        "this test needs Python with {module}, and {} cannot import it: {why}\n\
         Run `cargo xtask setup` (installs it into .tools/venv) or set KOERS_TEST_PYTHON to a \
         Python that has it.",
        python.display()
    )
}
