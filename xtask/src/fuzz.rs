//! `cargo xtask fuzz [SECONDS]`: every fuzz target in `fuzz/` (libFuzzer through
//! `cargo fuzz`, nightly) for a bounded time each, seeded from the contract's own example
//! files, and a table of how many inputs each ran for BENCHMARKS.md. A crash or a hang
//! stops the command, and libFuzzer leaves the input in `fuzz/artifacts/`.

use crate::{root, run, Result};
use std::path::PathBuf;
use std::process::Command;

/// The cargo subcommand that drives libFuzzer (crates.io `cargo-fuzz`).
const CARGO_FUZZ: &str = "0.13.2";

/// Each target and the directories whose files seed it.
const TARGETS: [(&str, &[&str]); 5] = [
    (
        "inbox_body",
        &["tests/fixtures/contract", "tests/fixtures/inbox"],
    ),
    (
        "sealed_write",
        &["tests/fixtures/inbox", "tests/fixtures/demo-keys"],
    ),
    ("sealed_envelope", &["public/api/v1/dossiers"]),
    (
        "documents",
        &[
            "tests/fixtures/contract",
            "public/api/v1",
            "public/api/v1/surveys",
        ],
    ),
    ("path_resolver", &[]),
];

fn nightly() -> Command {
    let mut cmd = Command::new("rustup");
    // Not the stable cargo that runs xtask, nor its settings.
    for var in [
        "CARGO",
        "RUSTC",
        "RUSTUP_TOOLCHAIN",
        "RUSTC_WRAPPER",
        "RUSTC_WORKSPACE_WRAPPER",
    ] {
        cmd.env_remove(var);
    }
    cmd.args(["run", "nightly"]);
    cmd
}

pub fn fuzz(args: &[String]) -> Result {
    let seconds: u32 = args.first().map_or(Ok(60), |s| s.parse())?;
    if !nightly().args(["rustc", "--version"]).status()?.success() {
        run(Command::new("rustup").args([
            "toolchain",
            "install",
            "nightly",
            "--profile",
            "minimal",
        ]))?;
    }
    let installed = Command::new("cargo-fuzz")
        .arg("--version")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains(CARGO_FUZZ));
    if !installed {
        run(Command::new("cargo").args([
            "install",
            "cargo-fuzz",
            "--locked",
            "--version",
            CARGO_FUZZ,
        ]))?;
    }
    let fuzz = root().join("fuzz");
    let mut rows = Vec::new();
    for (target, seeds) in TARGETS {
        let corpus = fuzz.join("corpus").join(target);
        std::fs::create_dir_all(&corpus)?;
        if target == "path_resolver" {
            for (i, seed) in [
                "/",
                "/api/v1/config.json",
                "/doelen/g-1",
                "/%2e%2e/x",
                "//api/v1/x",
            ]
            .iter()
            .enumerate()
            {
                std::fs::write(corpus.join(format!("seed-{i}")), seed)?;
            }
        }
        let mut cmd = nightly();
        cmd.current_dir(&fuzz)
            .args(["cargo", "fuzz", "run", target])
            .arg(&corpus)
            .args(
                seeds
                    .iter()
                    .map(|s| root().join(s))
                    .filter(|p: &PathBuf| p.is_dir()),
            )
            .args([
                "--",
                &format!("-max_total_time={seconds}"),
                "-timeout=10",
                "-rss_limit_mb=2048",
                "-max_len=65536",
                "-print_final_stats=1",
            ]);
        eprintln!("xtask: fuzzing {target} for {seconds} s");
        let output = cmd.output()?;
        let log = String::from_utf8_lossy(&output.stderr);
        if !output.status.success() {
            eprintln!("{log}");
            return Err(format!(
                "fuzz target {target} failed (the input is in fuzz/artifacts/{target}/)"
            )
            .into());
        }
        let stat = |name: &str| {
            log.lines()
                .find_map(|l| l.strip_prefix(name).map(|v| v.trim().to_string()))
                .unwrap_or_else(|| "?".into())
        };
        rows.push(format!(
            "| `{target}` | {} | {} | {} | 0 |",
            stat("stat::number_of_executed_units:"),
            stat("stat::average_exec_per_sec:"),
            stat("stat::peak_rss_mb:"),
        ));
    }
    println!("| target | inputs run | per second | peak RSS (MB) | crashes, hangs |");
    println!("|---|---:|---:|---:|---:|");
    for row in rows {
        println!("{row}");
    }
    Ok(())
}
