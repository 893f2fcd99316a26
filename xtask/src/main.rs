//! Project tasks: `cargo xtask serve` and `cargo xtask test` are the two commands of the
//! README. Each installs what is missing first (pinned versions, skipped when present).

mod bundle;
mod demo;
mod fuzz;
mod tools;
mod wasm;

use std::{
    env,
    path::{Path, PathBuf},
    process::{Child, Command},
};

type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

const USAGE: &str = "usage: cargo xtask <command>

  serve        install what is missing, build the app with fresh demo data, serve it on
               http://127.0.0.1:8080 (KOERS_ADDR to change)
  test         install what is missing and run every test (native, server, browser)
  setup        only install the pinned tools (add --browser for chromium and Playwright)
  build        release build of the app into dist/ (KOERS_BASE=/sub/path/ for a sub-path)
  demo-data    write the demo dossiers, dated relative to today [--out DIR] [--today YYYY-MM-DD]
  bench        release build, first-load sizes, load/render time against the floor page
               and Lighthouse (benches/) for BENCHMARKS.md
  sizes        the first-load sizes of the current dist/ without rebuilding
  fuzz         every fuzz target in fuzz/ for SECONDS each (default 60; nightly, cargo-fuzz)
";

fn main() {
    let args: Vec<String> = env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve(),
        Some("test") => test(&args[1..]),
        Some("setup") => {
            tools::setup(args.iter().any(|a| a == "--browser")).and_then(|()| tools::setup_tests())
        }
        Some("build") => build_release(),
        Some("demo-data") => demo_data(&args[1..]),
        Some("bench") => bench(),
        Some("fuzz") => fuzz::fuzz(&args[1..]),
        Some("sizes") => tools::report_sizes(
            &flag_value(&args, "--dist").map_or_else(|| root().join("dist"), PathBuf::from),
        ),
        _ => {
            eprint!("{USAGE}");
            std::process::exit(2);
        }
    };
    if let Err(e) = result {
        eprintln!("xtask: {e}");
        std::process::exit(1);
    }
}

/// The workspace this xtask was started in. `cargo run` sets CARGO_MANIFEST_DIR at run time
/// too; that one wins, because clones that share a target directory share this binary
/// (the path compiled in is the last clone that built it).
pub fn root() -> PathBuf {
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")));
    manifest_dir.parent().expect("workspace root").to_path_buf()
}

/// Runs a command in the workspace root with the pinned tools first on PATH.
pub fn run(cmd: &mut Command) -> Result {
    if cmd.get_current_dir().is_none() {
        cmd.current_dir(root());
    }
    cmd.env("PATH", tools::path_with_tools());
    let words: Vec<_> = std::iter::once(cmd.get_program())
        .chain(cmd.get_args())
        .map(|w| w.to_string_lossy())
        .collect();
    eprintln!("xtask: running {}", words.join(" "));
    let started = std::time::Instant::now();
    let status = cmd
        .status()
        .map_err(|e| format!("could not start {:?}: {e}", cmd.get_program()))?;
    // Each step's time, for BENCHMARKS.md's table of a fresh machine's run.
    eprintln!(
        "xtask: {} took {:.0} s",
        describe(cmd),
        started.elapsed().as_secs_f64()
    );
    if !status.success() {
        return Err(format!("{:?} failed with {status}", cmd.get_program()).into());
    }
    Ok(())
}

/// `cargo test --workspace`, `npx playwright test`: the program and its first words.
fn describe(cmd: &Command) -> String {
    let program = Path::new(cmd.get_program())
        .file_name()
        .unwrap_or_default()
        .to_string_lossy()
        .into_owned();
    let words: Vec<_> = cmd
        .get_args()
        .take(4)
        .map(|a| a.to_string_lossy().into_owned())
        .filter(|a| !a.contains('/'))
        .collect();
    format!("{program} {}", words.join(" "))
}

fn cargo() -> Command {
    Command::new(env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

fn flag_value(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
}

fn demo_data(args: &[String]) -> Result {
    let out = flag_value(args, "--out")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("public/api/v1/dossiers"));
    let today = match flag_value(args, "--today") {
        Some(d) => chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d")?,
        None => koers::model::dates::today_at(chrono::Utc::now()),
    };
    demo::write_dossiers(&out, today)?;
    eprintln!(
        "xtask: demo dossiers written to {} (today = {today})",
        out.display()
    );
    Ok(())
}

/// The release build of the app into `dist/`, with demo dossiers dated from today.
fn build_release() -> Result {
    tools::setup(false)?;
    demo_data(&[])?;
    let base = env::var("KOERS_BASE").unwrap_or_else(|_| "/".into());
    let pkg = wasm::pkg_dir();
    wasm::build(&pkg)?;
    let dist = root().join("dist");
    bundle::bundle(&dist, &base)?;
    copy_dir(&pkg, &dist.join("pkg"))?;
    tools::finish_dist(&dist)?;
    Ok(())
}

fn copy_dir(from: &Path, to: &Path) -> Result {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &to.join(entry.file_name()))?;
        } else {
            std::fs::copy(entry.path(), to.join(entry.file_name()))?;
        }
    }
    Ok(())
}

fn target_dir() -> PathBuf {
    env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"))
}

/// The server as `cargo test` builds it (the dev profile): `serve` and the browser tests use
/// that one, so a fresh machine compiles the server's dependencies once, not again with LTO.
/// The benchmarks use the release build.
#[derive(Clone, Copy, PartialEq)]
enum Profile {
    Dev,
    Release,
}

fn server_binary(profile: Profile) -> PathBuf {
    let dir = match profile {
        Profile::Dev => "debug",
        Profile::Release => "release",
    };
    target_dir().join(dir).join("koers-server")
}

fn build_server(profile: Profile) -> Result {
    let mut cmd = cargo();
    cmd.args(["build", "-p", "koers-server"]);
    if profile == Profile::Release {
        cmd.arg("--release");
    }
    run(&mut cmd)
}

fn serve() -> Result {
    build_release()?;
    build_server(Profile::Dev)?;
    let addr = env::var("KOERS_ADDR").unwrap_or_else(|_| "127.0.0.1:8080".into());
    eprintln!("xtask: Koers is on http://{addr}/ (demo codes DEMO-0001, DEMO-0002, DEMO-0003; DEMO-0004 is sealed)");
    eprintln!(
        "xtask: the adviser's desk is http://{addr}/balie (desk token {}, key file {})",
        demo::DESK_TOKEN_VP,
        demo::ADVISER_KEY_FILE
    );
    let data = target_dir().join("koers-data");
    std::fs::create_dir_all(&data)?;
    let mail = data.join("mail");
    eprintln!(
        "xtask: notification mails (a message for a contact with an e-mail address) are written to {} instead of sent",
        mail.display()
    );
    run(Command::new(server_binary(Profile::Dev)).args([
        "--addr",
        &addr,
        "--dist",
        &root().join("dist").to_string_lossy(),
        "--database",
        &data.join("inbox.sqlite").to_string_lossy(),
        // The demo participants may write in their own name (outside the served tree).
        "--writers",
        &root().join(demo::WRITERS_FILE).to_string_lossy(),
        // The demo contacts' desk (outside the served tree, like the writers file).
        "--desk-tokens",
        &root().join(demo::DESK_TOKENS_FILE).to_string_lossy(),
        // A newcomer sees the notice without an SMTP server.
        "--mail-dir",
        &mail.to_string_lossy(),
    ]))
}

/// Starts the release server on a free port with a fresh database (for the benchmarks);
/// killed on drop.
struct TestServer {
    child: Child,
    url: String,
}

impl TestServer {
    fn start() -> Result<Self> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")?
            .local_addr()?
            .port();
        let dir = target_dir().join("bench-data");
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir)?;
        let addr = format!("127.0.0.1:{port}");
        let child = Command::new(server_binary(Profile::Release))
            .current_dir(root())
            .args(["--addr", &addr, "--dist", "dist"])
            .args(["--database", &dir.join("inbox.sqlite").to_string_lossy()])
            .args(["--writers", demo::WRITERS_FILE])
            .args(["--desk-tokens", demo::DESK_TOKENS_FILE])
            // desk.mjs posts its thousand messages as fast as it can.
            .args(["--rate-limit", "0"])
            .spawn()?;
        let url = format!("http://{addr}/");
        for _ in 0..100 {
            if std::net::TcpStream::connect(&addr).is_ok() {
                return Ok(Self { child, url });
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        Err("the test server did not start".into())
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn test(args: &[String]) -> Result {
    let quick = args.iter().any(|a| a == "--no-browser");
    tools::setup(!quick)?;
    tools::setup_tests()?;
    demo_data(&[])?;
    run(cargo().args(["fmt", "--all", "--", "--check"]))?;
    // Natively the app crate is its model alone (`--no-default-features`): the Leptos code
    // runs only in the browser, and is checked for the wasm target below. Building Leptos
    // natively too cost a third of CI's compile time (issue #21).
    run(cargo().args([
        "clippy",
        "-p",
        "koers",
        "--target",
        "wasm32-unknown-unknown",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    // Native: the model, decoding of every API file, the server over real HTTP, the tools.
    // This also builds the dev-profile server that the browser tests run against.
    // The server's mail tests start an SMTP sink with the Python that setup provides.
    //
    // The same compile is the native clippy: the workspace's crates (lib, bins, tests) are
    // compiled by clippy-driver with `-D warnings`, as `cargo clippy` would check them. A
    // separate `cargo clippy` compiled every dependency a second time, in check mode, for
    // about two minutes on a fresh machine (issue #21). These artifacts are only tested,
    // never shipped (clippy-driver leaves out some MIR optimisations).
    run(cargo()
        .args(["test", "--workspace", "--no-default-features"])
        .env("RUSTC_WORKSPACE_WRAPPER", tools::clippy_driver()?)
        .env("CLIPPY_ARGS", tools::clippy_args(&["-D", "warnings"]))
        .env("KOERS_TEST_PYTHON", tools::test_python()))?;
    if quick {
        return Ok(());
    }
    // Browser: Playwright journeys against the release build and the real server.
    build_release()?;
    // The first screen on a cheap phone: at most 240,900 B brotli (BENCHMARKS.md).
    tools::check_budget(&root().join("dist"))?;
    // Each Playwright worker starts its own server on the build (tests/e2e/server.ts).
    run(Command::new("npx")
        .args(["--no-install", "playwright", "test"])
        .current_dir(root().join("tests/e2e"))
        .env("KOERS_DIST", root().join("dist"))
        .env("KOERS_SERVER", server_binary(Profile::Dev))
        .env("KOERS_RESULTS_TOKEN", "e2e-team-token")
        .env("KOERS_DEMO_WRITERS", root().join(demo::WRITERS_FILE)))
    .map_err(|e| format!("browser tests: {e}"))?;
    eprintln!("xtask: all tests passed");
    Ok(())
}

fn bench() -> Result {
    tools::setup(true)?;
    build_release()?;
    build_server(Profile::Release)?;
    let dist = root().join("dist");
    tools::report_sizes(&dist)?;
    // The floor page is served next to the app only while benchmarking.
    let floor = dist.join("floor");
    std::fs::create_dir_all(&floor)?;
    for file in [
        "index.html",
        "floor.js",
        "floor.css",
        "full.html",
        "full.js",
    ] {
        std::fs::copy(root().join("benches/floor").join(file), floor.join(file))?;
    }
    // full.html draws the agenda with the app's own stylesheet (named by its hash).
    let stylesheet = std::fs::read_dir(&dist)?
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            p.extension().is_some_and(|x| x == "css")
                && p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("main-"))
        })
        .ok_or("no main-*.css in dist/")?;
    std::fs::copy(stylesheet, floor.join("app.css"))?;
    let benches = root().join("benches");
    tools::npm_ci(&benches)?;
    let server = TestServer::start()?;
    for script in ["run.mjs", "lighthouse.mjs", "desk.mjs"] {
        run(Command::new("node")
            .arg(script)
            .current_dir(&benches)
            .env("KOERS_URL", &server.url))?;
    }
    drop(server);
    std::fs::remove_dir_all(&floor)?;
    Ok(())
}
