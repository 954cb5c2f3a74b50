//! A request that goes away while its write transaction begins (the shopper
//! closed the page; hyper drops the handler's future at its next `.await`)
//! must leave no transaction open on the pooled connection: on SQLite an open
//! `BEGIN IMMEDIATE` holds the write lock, so every other writer waits out
//! its busy timeout and fails with "database is locked", and the connection's
//! next write fails with "attempted to call begin_with at non-zero transaction
//! depth"; on PostgreSQL the next borrower's statements run inside the stale
//! transaction. Against the real database file (or PostgreSQL with
//! `TREU_TEST_DATABASE`), through `Store`, on one connection so that the
//! connection a cancelled write used is the one every later write gets.

mod common;

use std::future::Future;
use std::task::Poll;
use std::time::Duration;
use treu_host::storage::{Backend, Options, Store};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_write_cancelled_while_it_begins_leaves_no_transaction_open() {
    let dir = tempfile::tempdir().unwrap();
    let options = Options { connections: 1, ..Options::default() };
    let store = Store::open(&common::database_url(dir.path()), options).await.unwrap();
    // Dropped after 0, 1, 2, … polls in turn: before, during and after the
    // `BEGIN` round trip, and once the transaction exists.
    for attempt in 0..1200u32 {
        let mut write = std::pin::pin!(store.write());
        for _ in 0..attempt % 60 {
            let done = std::future::poll_fn(|context| Poll::Ready(write.as_mut().poll(context).is_ready())).await;
            if done {
                break;
            }
            // The database's own thread (SQLite) or server answers meanwhile.
            std::thread::sleep(Duration::from_micros(25));
        }
    }
    // A transaction a cancelled write left open began before this moment.
    tokio::time::sleep(Duration::from_millis(100)).await;
    let after_the_cancelled = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs_f64();
    for _ in 0..3 {
        let write = tokio::time::timeout(Duration::from_secs(5), store.write()).await;
        let mut transaction = write.expect("a write begins at once").expect("a write begins");
        if store.backend() == Backend::Postgres {
            // PostgreSQL takes a `BEGIN` inside a transaction as a warning
            // only: `now()` is when the transaction the write runs in began.
            let (began,): (f64,) =
                sqlx::query_as("SELECT extract(epoch FROM now())::float8").fetch_one(&mut *transaction).await.unwrap();
            assert!(
                began > after_the_cancelled - 0.05,
                "the write ran inside a transaction a cancelled write left open ({:.3} s before)",
                after_the_cancelled - began
            );
        }
        transaction.commit().await.unwrap();
        let connection = store.read().await.unwrap();
        assert!(!sqlx::Connection::is_in_transaction(&*connection), "a transaction is still open after commit");
    }
}
