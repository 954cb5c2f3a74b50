//! `treu-host migrate-data`: a shop's SQLite history (the demo seed: orders,
//! refunds, redemptions, referrals, goodwill, guest orders) copied into
//! PostgreSQL answers every admin report exactly as before. Runs where
//! `TREU_TEST_DATABASE` names a PostgreSQL server (`./x test` starts one).

mod common;

use common::admin::admin_get;
use common::{command, Host};

#[test]
fn a_sqlite_history_moves_to_postgres_unchanged() {
    let Some(_) = common::postgres() else {
        eprintln!("migrate_data: skipped, TREU_TEST_DATABASE does not name a PostgreSQL server");
        return;
    };
    let sqlite_dir = tempfile::tempdir().unwrap();
    let sqlite = format!("sqlite://{}", sqlite_dir.path().join("treu.sqlite").display());
    let seeded = command(&sqlite_dir)
        .env("TREU_DATABASE_URL", &sqlite)
        .args(["seed-demo", "--program", "www/demo-program.json"])
        .output()
        .unwrap();
    assert!(seeded.status.success(), "{}", String::from_utf8_lossy(&seeded.stderr));
    let postgres_dir = tempfile::tempdir().unwrap();
    let postgres = common::database_url(postgres_dir.path());
    let migrate = |from: &str, to: &str| {
        command(&postgres_dir).args(["migrate-data", "--from", from, "--to", to]).output().unwrap()
    };

    let moved = migrate(&sqlite, &postgres);
    let printed = String::from_utf8_lossy(&moved.stdout).into_owned();
    assert!(moved.status.success(), "{}", String::from_utf8_lossy(&moved.stderr));
    assert!(printed.contains("ledger_entries: ") && !printed.contains("ledger_entries: 0 rows"), "{printed}");
    assert!(printed.contains("order_purchases: ") && !printed.contains("order_purchases: 0 rows"), "{printed}");
    // A second run would mix two histories: refused, nothing changed.
    let again = migrate(&sqlite, &postgres);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("not empty"), "{}", String::from_utf8_lossy(&again.stderr));
    let missing = migrate("sqlite:///nowhere/treu.sqlite", &postgres);
    assert!(String::from_utf8_lossy(&missing.stderr).contains("no such file"));

    let before = Host::start_on(sqlite_dir, &sqlite, &[]);
    let after = Host::start_on(postgres_dir, &postgres, &[]);
    let year = "from=2025-01-01&to=2027-12-31";
    for path in [
        "/v1/admin/program".to_owned(),
        "/v1/admin/customers?limit=200".to_owned(),
        format!("/v1/admin/reports/overview?{year}"),
        format!("/v1/admin/reports/retention?{year}"),
    ] {
        let (old, new) = (admin_get(&before, &path), admin_get(&after, &path));
        assert_eq!(old.status, 200, "{path}: {}", old.text);
        assert_eq!(old.body, new.body, "{path} differs after the move");
    }
    let customers = admin_get(&before, "/v1/admin/customers?limit=200").body;
    let customers = customers["customers"].as_array().expect("customers");
    assert!(customers.len() > 10);
    for customer in customers.iter().take(12) {
        let path = format!("/v1/admin/customers/{}", customer["id"].as_str().unwrap());
        assert_eq!(admin_get(&before, &path).body, admin_get(&after, &path).body, "{path}");
    }
}
