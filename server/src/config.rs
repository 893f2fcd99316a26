//! Command line and environment: every flag has a `KOERS_*` variable, so the same binary
//! runs from a shell, a systemd unit or a container without a config file.

use clap::{Args, Parser, Subcommand};
use koers::model::inbox::InboxKind;
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, Clone, Parser)]
#[command(
    name = "koers-server",
    version,
    about = "Serves the Koers app, its static API v1 files and the inbox",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub serve: ServeArgs,
}

#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Print stored inbox bodies as JSON lines (oldest first), for staff tools.
    Export(ExportArgs),
    /// Make an X25519 key pair for sealed messages or survey answers: writes the secret
    /// key file and prints the public key for contacts.json or the survey.
    Keygen(KeygenArgs),
    /// Turn plain dossier files into a published tree of sealed dossiers, with a printable
    /// sign-in card per participant.
    Publish(PublishArgs),
    /// Make the writers file (`--writers`) from a `codes.json`, for dossiers published
    /// without `publish` (which writes it itself).
    Writers(WritersArgs),
    /// Print the desk's access log (sign-ins, lists, status changes, refused tokens) as
    /// JSON lines, oldest first.
    AccessLog(AccessLogArgs),
}

#[derive(Debug, Clone, Args)]
pub struct AccessLogArgs {
    /// The inbox database to read.
    #[arg(long, env = "KOERS_DATABASE", default_value = "koers-inbox.sqlite")]
    pub database: PathBuf,
}

#[derive(Debug, Clone, Args)]
pub struct WritersArgs {
    /// The codes file (`koers.codes/1`: participant id → access code).
    #[arg(long)]
    pub codes: PathBuf,
    /// Where to write the writers file (mode 0600; outside the served tree).
    #[arg(long)]
    pub out: PathBuf,
    /// Replace an existing file.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "KOERS_ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// The built app (`cargo xtask build` writes it into `dist/`).
    #[arg(long, env = "KOERS_DIST", default_value = "dist")]
    pub dist: PathBuf,
    /// The static API directory: `GET /api/v1/x.json` reads `<API>/v1/x.json`.
    /// [default: <DIST>/api]
    #[arg(long, env = "KOERS_API")]
    pub api: Option<PathBuf>,
    /// SQLite database for the inbox; created when missing.
    #[arg(long, env = "KOERS_DATABASE", default_value = "koers-inbox.sqlite")]
    pub database: PathBuf,
    /// Bearer token for `/api/v1/results/…`; without one those endpoints do not exist.
    /// Prefer the environment variable: arguments are visible to other local users.
    #[arg(long, env = "KOERS_RESULTS_TOKEN", hide_env_values = true)]
    pub results_token: Option<String>,
    /// The writers file (`koers.writers/1`, written by `publish` next to codes.json): who
    /// may write in a participant's name. Keep it outside the served tree. Without it,
    /// every write that names a participant is refused.
    #[arg(long, env = "KOERS_WRITERS")]
    pub writers: Option<PathBuf>,
    /// The desk tokens: a JSON object `{"contact_id": "token", …}`, at least 16 characters
    /// per token. Keep it outside the served tree. Without it the desk does not exist.
    #[arg(long, env = "KOERS_DESK_TOKENS")]
    pub desk_tokens: Option<PathBuf>,
    /// Days a handled message is kept after it was handled; then it is deleted.
    #[arg(long, env = "KOERS_RETAIN_DAYS", default_value_t = koers::model::desk::DEFAULT_RETAIN_DAYS,
          value_parser = clap::value_parser!(u32).range(1..=3650))]
    pub retain_days: u32,
    /// Inbox writes per minute per client (token bucket refill rate); 0 turns the limit off.
    #[arg(long, env = "KOERS_RATE_LIMIT", default_value_t = 120)]
    pub rate_limit: u32,
    /// How many writes a client may send at once before the rate limit applies.
    #[arg(long, env = "KOERS_RATE_BURST", default_value_t = 30)]
    pub rate_burst: u32,
    /// Unknown access codes per minute per client (a bucket of its own, apart from the
    /// inbox's); 0 turns the limit off. Only misses count, so a household behind one
    /// address (a group home's NAT) signs in freely.
    #[arg(long, env = "KOERS_LOOKUP_RATE_LIMIT", default_value_t = 30)]
    pub lookup_rate_limit: u32,
    /// How many unknown access codes a client may try at once before that limit applies.
    #[arg(long, env = "KOERS_LOOKUP_BURST", default_value_t = 20)]
    pub lookup_burst: u32,
    /// Take the client address from the last X-Forwarded-For entry (only behind a
    /// reverse proxy that sets it; otherwise clients could pick their own address).
    #[arg(long, env = "KOERS_TRUST_PROXY")]
    pub trust_proxy: bool,
    /// Do not log one line per request.
    #[arg(long, env = "KOERS_QUIET")]
    pub quiet: bool,
    #[command(flatten)]
    pub mail: crate::mail::MailArgs,
}

impl ServeArgs {
    pub fn api_dir(&self) -> PathBuf {
        self.api.clone().unwrap_or_else(|| self.dist.join("api"))
    }

    /// The defaults, for tests and embedding.
    pub fn new(dist: PathBuf, database: PathBuf) -> Self {
        Self {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            dist,
            api: None,
            database,
            results_token: None,
            writers: None,
            desk_tokens: None,
            retain_days: koers::model::desk::DEFAULT_RETAIN_DAYS,
            rate_limit: 120,
            rate_burst: 30,
            lookup_rate_limit: 30,
            lookup_burst: 20,
            trust_proxy: false,
            quiet: true,
            mail: crate::mail::MailArgs::default(),
        }
    }
}

#[derive(Debug, Clone, Args)]
pub struct ExportArgs {
    /// The inbox database to read.
    #[arg(long, env = "KOERS_DATABASE", default_value = "koers-inbox.sqlite")]
    pub database: PathBuf,
    /// Only this kind of body.
    #[arg(long, value_parser = parse_kind)]
    pub kind: Option<InboxKind>,
    /// Secret key file (from `keygen`): sealed bodies for this key are printed opened;
    /// sealed bodies for other keys are left out and counted. Without it sealed bodies
    /// are printed as stored.
    #[arg(long)]
    pub key: Option<PathBuf>,
}

#[derive(Debug, Clone, Args)]
pub struct KeygenArgs {
    /// Where to write the secret key file (created with mode 0600; keep it off the server).
    #[arg(long)]
    pub out: PathBuf,
    /// Replace an existing key file (messages sealed to the old key can then not be read).
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Clone, Args)]
pub struct PublishArgs {
    /// Directory of plain `koers.dossier/1` files (any names), as the ECD exports them.
    #[arg(long)]
    pub dossiers: PathBuf,
    /// The participants to publish: a text file with one participant id per line
    /// (`#` starts a comment).
    #[arg(long)]
    pub participants: PathBuf,
    /// The API directory to publish into (what the server takes as `--api`, what a static
    /// host serves as `api/`); dossiers go to `OUT/v1/dossiers/{lookup}.json`.
    #[arg(long)]
    pub out: PathBuf,
    /// Where the sign-in cards and `codes.json` (every participant's access code) go.
    /// Never inside OUT: this directory must not be uploaded.
    #[arg(long)]
    pub cards: PathBuf,
    /// The app's address, for the QR code on the cards (`URL#code=…`).
    #[arg(long)]
    pub app_url: String,
    /// Replace existing published dossiers (stale ones are removed) and cards.
    #[arg(long)]
    pub force: bool,
    /// Publish these participant ids unsealed (demo data only).
    #[arg(long, num_args = 1..)]
    pub plain: Vec<String>,
    /// `ID=CODE`: a fixed access code. For demo and test data only: a code that is
    /// written down in a command line or a repository is not secret.
    #[arg(long, value_parser = parse_fixed_code)]
    pub code: Vec<(String, String)>,
    /// Cheap key derivation (m_kib 64, t 1) for tests only; never for real dossiers.
    #[arg(long, hide = true)]
    pub test_kdf: bool,
}

fn parse_fixed_code(s: &str) -> Result<(String, String), String> {
    let (id, code) = s
        .split_once('=')
        .ok_or_else(|| "write ID=CODE".to_string())?;
    if !koers::model::lookup::plausible_code(code) {
        return Err("a code has 4 to 64 letters and digits".into());
    }
    Ok((id.trim().to_string(), code.trim().to_string()))
}

fn parse_kind(s: &str) -> Result<InboxKind, String> {
    InboxKind::from_path(s).ok_or_else(|| {
        let kinds: Vec<_> = InboxKind::ALL.iter().map(|k| k.path()).collect();
        format!("one of {}", kinds.join(", "))
    })
}
