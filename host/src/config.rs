//! Command line and environment configuration (the names are fixed by the
//! public contract: `TREU_PORT`, `TREU_DATABASE_URL`, …).

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Parser)]
#[command(name = "treu-host", version, about = "The treu host API: an authoritative loyalty ledger on SQLite.")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Runs the HTTP API until Ctrl-C or SIGTERM.
    Serve(ServeArgs),
}

#[derive(Args, Clone)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "TREU_HOST", default_value = "127.0.0.1")]
    pub host: String,
    /// Port to listen on; 0 picks a free one (the address is printed on start).
    #[arg(long, env = "TREU_PORT", default_value_t = 8080)]
    pub port: u16,
    /// The database, e.g. `sqlite://data/treu.sqlite`; created if missing.
    #[arg(long, env = "TREU_DATABASE_URL", default_value = "sqlite://treu.sqlite")]
    pub database_url: String,
    /// Shop origins allowed to call the API from a browser, comma-separated.
    #[arg(long, env = "TREU_ALLOWED_ORIGINS", value_delimiter = ',')]
    pub allowed_origins: Vec<String>,
    /// A program file (JSON) to put in force at start, if it differs from the current one.
    #[arg(long, env = "TREU_PROGRAM")]
    pub program: Option<PathBuf>,
    /// Serve a folder of static files: `URL_PATH=DIR`, e.g. `/=www/demo` or
    /// `/treu=dist`. Repeatable. Used by the demo shop.
    #[arg(long = "static", value_name = "URL_PATH=DIR", value_parser = parse_static_dir)]
    pub static_dirs: Vec<StaticDir>,
}

/// A folder served at a URL path.
#[derive(Clone, Debug)]
pub struct StaticDir {
    pub path: String,
    pub dir: PathBuf,
}

fn parse_static_dir(value: &str) -> Result<StaticDir, String> {
    let (path, dir) = value.split_once('=').ok_or("expected URL_PATH=DIR, e.g. /treu=dist")?;
    if !path.starts_with('/') {
        return Err(format!("URL path \"{path}\" must start with /"));
    }
    let path = if path == "/" { path.to_owned() } else { path.trim_end_matches('/').to_owned() };
    Ok(StaticDir { path, dir: PathBuf::from(dir) })
}
