//! The commands of `treu-host`: serve, mint-token, seed-demo, sync, migrate-data.

use crate::config::{self, Command, MintArgs, ServeArgs};
use crate::storage::{self, Store};
use crate::{app, clock, demo, idempotency, identity, platforms, seed, state, token};

/// Runs one command to its end; the message of what went wrong otherwise.
pub async fn run(command: Command) -> Result<(), String> {
    match command {
        Command::Serve(args) => serve(*args).await,
        Command::MintToken(args) => mint_token(args),
        Command::SeedDemo(args) => seed::seed_demo(args).await,
        Command::Sync(args) => sync(args).await,
        Command::MigrateData(args) => migrate_data(args).await,
    }
}

async fn serve(args: ServeArgs) -> Result<(), String> {
    let options =
        storage::Options { synchronous: args.sqlite_synchronous.into(), connections: args.database_connections };
    let store = Store::open(&args.database_url, options)
        .await
        .map_err(|error| format!("cannot open database {}: {error}", args.database_url))?;
    if let Some(path) = &args.program {
        let program = read_program(path)?;
        let stored = store
            .save_program(&program, "treu-host --program")
            .await
            .map_err(|error| format!("cannot save program: {error}"))?;
        tracing::info!(version = stored.version, file = %path.display(), "program in force");
    }
    if args.shop_secret.is_none() {
        tracing::warn!("no TREU_SHOP_SECRET: customer tokens and webhooks are refused");
    }
    clock::load(&store, args.movable_clock).await.map_err(|error| format!("cannot read the clock: {error}"))?;
    let program = store.current_program().await.map_err(|error| format!("cannot read the program: {error}"))?;
    let pruned = store
        .prune_idempotency_keys(clock::now().unix() - idempotency::RETENTION_SECONDS)
        .await
        .map_err(|error| format!("cannot prune idempotency keys: {error}"))?;
    tracing::debug!(pruned, "old idempotency keys removed");
    let released =
        store.release_in_flight_keys().await.map_err(|error| format!("cannot release idempotency keys: {error}"))?;
    if released > 0 {
        tracing::info!(released, "idempotency keys of requests cut off by the last stop released");
    }
    let settings = state::Settings {
        shop_secret: args.shop_secret.clone().filter(|secret| !secret.is_empty()),
        webhook_secret: args.webhook_secret.clone().filter(|secret| !secret.is_empty()),
        admin_token: args.admin_token.clone().filter(|token| !token.is_empty()),
        shop_url: args.shop_url.clone(),
        platforms: platforms::PlatformSettings::from(&args.platforms),
    };
    let state = state::AppState::new(store.clone(), settings, program, args.rate_limit);
    let listener = tokio::net::TcpListener::bind((args.host.as_str(), args.port))
        .await
        .map_err(|error| format!("cannot listen on {}:{}: {error}", args.host, args.port))?;
    let address = listener.local_addr().map_err(|error| error.to_string())?;
    // Installed before the address is printed: a script may stop the host as
    // soon as it reads that line, and an uncaught SIGTERM would kill it unclean.
    let shutdown = shutdown_signal().map_err(|error| format!("cannot install the signal handlers: {error}"))?;
    // Tests and scripts read this line to find the port when started with --port 0.
    println!("treu-host listening on http://{address}");
    crate::mail::configure(&args.mail, &format!("http://{address}"))?;
    let mail = crate::mail::spawn(store.clone(), &args.mail);
    // Idempotency keys are kept 8 days (at least 7, as promised), pruned hourly.
    let pruner = store.clone();
    tokio::spawn(async move {
        let mut hourly = tokio::time::interval(std::time::Duration::from_secs(3600));
        loop {
            hourly.tick().await;
            if let Err(error) =
                pruner.prune_idempotency_keys(clock::now().unix() - idempotency::RETENTION_SECONDS).await
            {
                tracing::warn!(%error, "cannot prune idempotency keys");
            }
        }
    });
    let events = crate::events::delivery::spawn(store.clone(), (&args.events).into());
    if let Some(seconds) = args.sync_interval {
        platforms::sync::every(store.clone(), args.platforms.clone(), seconds);
    }
    // Demo only: the shop's backend under /demo/ (docs/host.md).
    let demo = if args.demo_shop { demo::routes() } else { axum::Router::new() };
    let app = app::router(state, &args, demo);
    axum::serve(listener, app.into_make_service_with_connect_info::<std::net::SocketAddr>())
        .with_graceful_shutdown(shutdown)
        .await
        .map_err(|error| format!("server failed: {error}"))?;
    // A delivery cut off here keeps its claim until it lapses, then is sent again.
    events.abort();
    if let Some(mail) = mail {
        mail.abort();
    }
    store.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// `treu-host migrate-data`: SQLite to PostgreSQL, one line per table.
async fn migrate_data(args: config::MigrateDataArgs) -> Result<(), String> {
    let Some(path) = args.from.strip_prefix("sqlite://") else {
        return Err(format!("--from {}: expected a sqlite:// database", args.from));
    };
    if !std::path::Path::new(path.split('?').next().unwrap_or(path)).is_file() {
        return Err(format!("--from {}: no such file", args.from));
    }
    if storage::Backend::of(&args.to).ok() != Some(storage::Backend::Postgres) {
        return Err(format!("--to {}: expected a postgres:// database", args.to));
    }
    // Opening migrates both, so the source has every table the target has.
    let from = Store::open(&args.from, storage::Options::default())
        .await
        .map_err(|error| format!("cannot open database {}: {error}", args.from))?;
    let to = Store::open(&args.to, storage::Options::default())
        .await
        .map_err(|error| format!("cannot open database {}: {error}", args.to))?;
    let copied = storage::copy::copy(&from, &to).await;
    from.close().await;
    to.close().await;
    for (table, rows) in copied? {
        println!("{table}: {rows} rows");
    }
    Ok(())
}

/// `treu-host sync`: one reconciliation run, with a summary line.
async fn sync(args: config::SyncArgs) -> Result<(), String> {
    let store = Store::open(&args.database_url, storage::Options::default())
        .await
        .map_err(|error| format!("cannot open database {}: {error}", args.database_url))?;
    let summary = platforms::sync::run(&store, args.platform, &args.platforms, args.since).await;
    store.close().await;
    let summary = summary?;
    println!("{}: {} orders read, {} not synced", args.platform.name(), summary.orders, summary.failed);
    if summary.failed > 0 {
        return Err(format!("{} orders could not be synced (see the log)", summary.failed));
    }
    Ok(())
}

fn mint_token(args: MintArgs) -> Result<(), String> {
    if args.ttl > token::MAX_LIFETIME_SECONDS {
        return Err("--ttl must be at most 31d: the host refuses tokens valid for longer".to_owned());
    }
    let claims = identity::Claims {
        sub: args.customer,
        // Real time: tokens are checked against real time (see `clock`).
        exp: clock::real_seconds() + args.ttl,
        email: args.email,
        name: args.name,
    };
    println!("{}", identity::mint(&claims, &args.shop_secret)?);
    Ok(())
}

pub fn read_program(path: &std::path::Path) -> Result<treu::engine::program::Program, String> {
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

/// Installs the Ctrl-C and SIGTERM handlers now and returns a future that
/// resolves on either; in-flight requests then finish before exit.
#[cfg(unix)]
fn shutdown_signal() -> std::io::Result<impl std::future::Future<Output = ()>> {
    use tokio::signal::unix::{signal, SignalKind};
    let mut interrupt = signal(SignalKind::interrupt())?;
    let mut terminate = signal(SignalKind::terminate())?;
    Ok(async move {
        tokio::select! {
            _ = interrupt.recv() => {},
            _ = terminate.recv() => {},
        }
        tracing::info!("shutting down: finishing in-flight requests");
    })
}

/// Elsewhere Ctrl-C alone; its handler is installed when the server starts.
#[cfg(not(unix))]
fn shutdown_signal() -> std::io::Result<impl std::future::Future<Output = ()>> {
    Ok(async {
        let _ = tokio::signal::ctrl_c().await;
        tracing::info!("shutting down: finishing in-flight requests");
    })
}
