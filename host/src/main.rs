//! `treu-host`: the reference implementation of the treu host API. Everything
//! but reading the command line is in the `treu_host` library (`lib.rs`).

use clap::Parser;
use std::process::ExitCode;
use tracing_subscriber::EnvFilter;
use treu_host::config::Cli;

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")))
        .with_writer(std::io::stderr)
        .init();
    match treu_host::commands::run(Cli::parse().command).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("treu-host: {message}");
            ExitCode::FAILURE
        }
    }
}
