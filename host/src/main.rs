//! `treu-host`: the reference implementation of the treu host API.

mod app;
mod config;
mod problem;
mod routes;
mod storage;

use clap::Parser;
use config::{Cli, Command, ServeArgs};
use std::process::ExitCode;
use storage::Store;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")))
        .with_writer(std::io::stderr)
        .init();
    let result = match Cli::parse().command {
        Command::Serve(args) => serve(args).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("treu-host: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(args: ServeArgs) -> Result<(), String> {
    let store = Store::open(&args.database_url)
        .await
        .map_err(|error| format!("cannot open database {}: {error}", args.database_url))?;
    if let Some(path) = &args.program {
        let program = read_program(path)?;
        let version = store.save_program(&program).await.map_err(|error| format!("cannot save program: {error}"))?;
        tracing::info!(version, file = %path.display(), "program in force");
    }
    let listener = tokio::net::TcpListener::bind((args.host.as_str(), args.port))
        .await
        .map_err(|error| format!("cannot listen on {}:{}: {error}", args.host, args.port))?;
    let address = listener.local_addr().map_err(|error| error.to_string())?;
    // Tests and scripts read this line to find the port when started with --port 0.
    println!("treu-host listening on http://{address}");
    let app = app::router(app::AppState { store: store.clone() }, &args);
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|error| format!("server failed: {error}"))?;
    store.close().await;
    tracing::info!("stopped");
    Ok(())
}

fn read_program(path: &std::path::Path) -> Result<treu::engine::program::Program, String> {
    let text = std::fs::read_to_string(path).map_err(|error| format!("cannot read {}: {error}", path.display()))?;
    let mut deserializer = serde_json::Deserializer::from_str(&text);
    let program: treu::engine::program::Program = serde_path_to_error::deserialize(&mut deserializer)
        .map_err(|error| format!("{}: program{}: {}", path.display(), json_path(error.path()), error.inner()))?;
    program.validated().map_err(|error| format!("{}: {error}", path.display()))
}

/// `.version` for a path below the root, nothing for the root itself.
fn json_path(path: &serde_path_to_error::Path) -> String {
    match path.to_string().as_str() {
        "." => String::new(),
        inner => format!(".{inner}"),
    }
}

/// Resolves on Ctrl-C or SIGTERM; in-flight requests then finish before exit.
async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down: finishing in-flight requests");
}
