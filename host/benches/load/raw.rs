//! The floor every webhook figure stands on: how many single-row inserts per
//! second the same database commits, each in its own transaction, with the same
//! durability setting, measured in the same run.

use sqlx::any::AnyPoolOptions;
use sqlx::Executor;
use std::time::{Duration, Instant};

/// Single-row inserts per second into a fresh table of the database at `url`,
/// from `clients` connections at once, for `duration`. `pragmas` are run on
/// each new connection first (SQLite's journal and sync settings).
pub fn inserts_per_second(url: &str, pragmas: &'static [&'static str], clients: usize, duration: Duration) -> f64 {
    sqlx::any::install_default_drivers();
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    runtime.block_on(async {
        let pool = AnyPoolOptions::new()
            .max_connections(clients as u32)
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    for pragma in pragmas {
                        conn.execute(*pragma).await?;
                    }
                    Ok(())
                })
            })
            .connect(url)
            .await
            .expect("open the raw-insert database");
        pool.execute("DROP TABLE IF EXISTS raw_inserts").await.expect("drop table");
        pool.execute("CREATE TABLE raw_inserts (id BIGINT PRIMARY KEY, body TEXT NOT NULL)").await.expect("table");
        let started = Instant::now();
        let deadline = started + duration;
        let tasks: Vec<_> = (0..clients as i64)
            .map(|client| {
                let pool = pool.clone();
                tokio::spawn(async move {
                    let mut n = 0i64;
                    while Instant::now() < deadline {
                        sqlx::query("INSERT INTO raw_inserts (id, body) VALUES ($1, $2)")
                            .bind(client * 1_000_000_000 + n)
                            .bind("an order event of about this many bytes")
                            .execute(&pool)
                            .await
                            .expect("insert");
                        n += 1;
                    }
                })
            })
            .collect();
        for task in tasks {
            task.await.expect("insert task");
        }
        let elapsed = started.elapsed().as_secs_f64();
        let rows: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM raw_inserts").fetch_one(&pool).await.expect("count rows");
        pool.close().await;
        rows as f64 / elapsed
    })
}

/// Runs `statement` on the server's `postgres` database (create or drop one).
pub fn on_server(server: &str, statement: &str) {
    sqlx::any::install_default_drivers();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    runtime.block_on(async {
        use sqlx::Connection;
        let mut conn = sqlx::AnyConnection::connect(&format!("{server}/postgres")).await.expect("PostgreSQL server");
        conn.execute(statement).await.expect(statement);
    });
}

/// Order events recorded in the database at `url`.
pub fn count_events(url: &str) -> i64 {
    sqlx::any::install_default_drivers();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    runtime.block_on(async {
        use sqlx::Connection;
        let mut conn = sqlx::AnyConnection::connect(url).await.expect("open the bench database");
        sqlx::query_scalar("SELECT COUNT(*) FROM webhook_events").fetch_one(&mut conn).await.expect("count events")
    })
}

/// What an answered commit survives on the server at `url`, from its settings.
pub fn durability(url: &str) -> String {
    sqlx::any::install_default_drivers();
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    runtime.block_on(async {
        use sqlx::Connection;
        let mut conn = sqlx::AnyConnection::connect(url).await.expect("PostgreSQL server");
        let mut settings = Vec::new();
        for name in ["synchronous_commit", "fsync"] {
            let value: String = sqlx::query_scalar(&format!("SELECT current_setting('{name}')"))
                .fetch_one(&mut conn)
                .await
                .expect(name);
            settings.push(format!("{name}={value}"));
        }
        settings.join(", ")
    })
}
