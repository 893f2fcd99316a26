//! koers-server: serves the built app and the static API v1 files, and runs the inbox
//! (`POST /api/v1/inbox/{kind}`), the survey results for teams and the desk where
//! contacts read their messages.

pub mod config;
pub mod desk;
pub mod error;
pub mod export;
pub mod headers;
pub mod inbox;
pub mod keys;
pub mod log;
pub mod mail;
pub mod publish;
pub mod ratelimit;
pub mod results;
pub mod static_files;
pub mod store;
pub mod writers;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use config::ServeArgs;
use error::ApiError;
use serde::Serialize;
use static_files::{StaticFiles, Target};
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use tower_http::compression::CompressionLayer;

pub type Error = Box<dyn std::error::Error + Send + Sync>;

pub struct AppState {
    pub files: Arc<StaticFiles>,
    pub store: store::Store,
    pub limiter: ratelimit::RateLimiter,
    /// Failed dossier lookups per client: access codes are short enough to guess online.
    pub lookups: ratelimit::RateLimiter,
    pub results_token: Option<String>,
    /// Who may write in a participant's name.
    pub writers: writers::WritersFile,
    /// The desk tokens (`--desk-tokens`); without them the desk does not exist.
    pub desk: Option<koers::model::desk::DeskTokens>,
    /// Days a handled message is kept.
    pub retain_days: u32,
    pub trust_proxy: bool,
    /// Notification mail to a contact when a message for them is stored; `None` without
    /// --smtp-url or --mail-dir.
    pub mail: Option<mail::Mailer>,
}

impl AppState {
    pub fn new(args: &ServeArgs) -> Result<Self, Error> {
        // Read before the database is opened: a broken token file stops the start with
        // nothing changed.
        let desk = args
            .desk_tokens
            .as_deref()
            .map(read_desk_tokens)
            .transpose()?;
        let store = store::Store::open_retaining(&args.database, Some(args.retain_days))
            .map_err(|e| format!("cannot open the database {}: {e}", args.database.display()))?;
        let token = args.results_token.clone().filter(|t| !t.trim().is_empty());
        if token.as_ref().is_some_and(|t| t.len() < 16) {
            eprintln!("koers-server: warning: the results token is short; use at least 16 random characters");
        }
        Ok(Self {
            files: Arc::new(StaticFiles::new(args.dist.clone(), args.api_dir())),
            store,
            limiter: ratelimit::RateLimiter::new(args.rate_limit, args.rate_burst).pruned(),
            lookups: ratelimit::RateLimiter::new(args.lookup_rate_limit, args.lookup_burst)
                .pruned(),
            results_token: token,
            writers: writers::WritersFile::open(args.writers.as_deref())?,
            desk,
            retain_days: args.retain_days,
            trust_proxy: args.trust_proxy,
            mail: mail::Mailer::new(&args.mail, &args.database, args.addr)?,
        })
    }

    /// The client a request counts against: the peer, or the address the trusted proxy
    /// appended last (entries before it are whatever the client claimed).
    pub fn client_ip(&self, peer: SocketAddr, headers: &HeaderMap) -> IpAddr {
        if self.trust_proxy {
            // Only the very last entry: skipping a malformed one would fall back to an
            // address the client wrote itself.
            let last = headers.get_all("x-forwarded-for").iter().next_back();
            let forwarded = last
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.rsplit(',').next())
                .and_then(|ip| ip.trim().parse::<IpAddr>().ok());
            if let Some(ip) = forwarded {
                return ip;
            }
        }
        peer.ip()
    }
}

/// The desk token file; an unreadable or broken one is an error that names the file (and
/// never a token).
fn read_desk_tokens(path: &std::path::Path) -> Result<koers::model::desk::DeskTokens, Error> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read the desk tokens {}: {e}", path.display()))?;
    let tokens = koers::model::desk::DeskTokens::parse(&text)
        .map_err(|e| format!("the desk tokens {} are not usable: {e}", path.display()))?;
    if tokens.is_empty() {
        return Err(format!("the desk tokens {} name no contact", path.display()).into());
    }
    Ok(tokens)
}

pub fn json_response<T: Serialize>(status: StatusCode, value: &T) -> Response {
    let body = serde_json::to_vec(value).expect("plain data serialises");
    let mut response = Response::new(body.into());
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

async fn static_file(
    State(state): State<Arc<AppState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request,
) -> Response {
    // Every decision below is made on what the path resolved to, never on how it reads.
    let target = state.files.resolve(request.uri().path());
    let readable = matches!(*request.method(), Method::GET | Method::HEAD);
    if !target.lookup() {
        return state
            .files
            .answer(&target, readable, request.headers())
            .await;
    }
    // Misses cost a token; once a client is out of tokens it gets no answer at all for a
    // while, hits included, or a 200 among the 429s would still give a code away.
    let client = state.client_ip(peer, request.headers());
    let allowed = match target {
        Target::NotFound { .. } => state.lookups.check(client),
        Target::File { .. } => state.lookups.peek(client),
    };
    let mut response = match allowed {
        Err(wait) => ApiError::RateLimited {
            message: "too many unknown access codes; try again later",
            wait,
        }
        .into_response(),
        Ok(()) => {
            let response = state
                .files
                .answer(&target, readable, request.headers())
                .await;
            // A file that turned out to be a secret, or went away: a miss like any other.
            if matches!(target, Target::File { .. }) && response.status() == StatusCode::NOT_FOUND {
                let _ = state.lookups.check(client);
            }
            response
        }
    };
    response.extensions_mut().insert(log::Lookup);
    response
}

pub fn router(state: Arc<AppState>, request_log: bool) -> Router {
    let csp = state.files.csp.clone();
    let mut routes = Router::new()
        .route("/api/v1/inbox/{kind}", post(inbox::post))
        .route("/api/v1/inbox/messages/{id}", get(desk::receipt));
    // Without desk tokens the desk's paths are unknown paths like any other.
    if state.desk.is_some() {
        routes = routes
            .route("/api/v1/desk/me", get(desk::me))
            .route(
                "/api/v1/desk/messages",
                get(desk::messages).layer(CompressionLayer::new()),
            )
            .route("/api/v1/desk/messages/{id}/status", post(desk::set_status));
    }
    routes
        .route(
            "/api/v1/results/{file}",
            get(results::get).layer(CompressionLayer::new()),
        )
        .route(
            "/api/v1/results/{survey_id}/sealed",
            get(results::get_sealed).layer(CompressionLayer::new()),
        )
        .fallback(static_file)
        .with_state(state)
        .layer(axum::middleware::from_fn_with_state(
            csp,
            headers::security_headers,
        ))
        .layer(axum::middleware::from_fn_with_state(
            log::RequestLog {
                enabled: request_log,
            },
            log::log_requests,
        ))
}

/// Serves until `shutdown` resolves, then lets running requests (and their writes)
/// finish and closes the database.
pub async fn run(
    args: ServeArgs,
    listener: tokio::net::TcpListener,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), Error> {
    let mut args = args;
    // The port actually bound (`--addr …:0` in tests), for the desk link's default.
    if let Ok(addr) = listener.local_addr() {
        args.addr = addr;
    }
    let state = Arc::new(AppState::new(&args)?);
    tokio::spawn(state.files.clone().warm());
    desk::spawn_retention(Arc::downgrade(&state), desk::RETAIN_EVERY);
    let mail = state.mail.as_ref().and_then(mail::Mailer::start);
    let app = router(state.clone(), !args.quiet);
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await?;
    if let Some(mail) = mail {
        mail.stop().await;
    }
    tokio::task::spawn_blocking(move || state.store.close()).await?;
    Ok(())
}

/// Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    eprintln!("koers-server: shutting down after running requests");
}
