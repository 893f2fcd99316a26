use clap::Parser;
use koers_server::config::{Cli, Command};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Some(Command::Export(args)) => koers_server::export::run(args),
        Some(Command::Keygen(args)) => koers_server::keys::keygen(args),
        Some(Command::Publish(args)) => koers_server::publish::run(args),
        Some(Command::Writers(args)) => koers_server::writers::make(args),
        Some(Command::AccessLog(args)) => koers_server::export::access_log(args),
        None => serve(cli.serve),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("koers-server: {e}");
            ExitCode::FAILURE
        }
    }
}

fn serve(args: koers_server::config::ServeArgs) -> Result<(), koers_server::Error> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .map_err(|e| format!("cannot listen on {}: {e}", args.addr))?;
        eprintln!(
            "koers-server: listening on http://{} (app {}, api {}, database {}, results {}, desk {})",
            listener.local_addr()?,
            args.dist.display(),
            args.api_dir().display(),
            args.database.display(),
            if args.results_token.is_some() {
                "on"
            } else {
                "off"
            },
            if args.desk_tokens.is_some() {
                "on"
            } else {
                "off"
            },
        );
        koers_server::run(args, listener, koers_server::shutdown_signal()).await
    })
}
