//! `treu-host seed-demo` (run by `./x demo`): the demo shop has something for
//! every widget and a year of history for the reports, from `www/demo-seed.json`.

mod common;

use common::{command, repo_root, Host};
use serde_json::Value;

fn seed_file() -> Value {
    serde_json::from_str(&std::fs::read_to_string(repo_root().join("www/demo-seed.json")).unwrap()).unwrap()
}

#[test]
fn the_demo_shop_has_members_in_every_stage() {
    let dir = tempfile::tempdir().unwrap();
    let mut said = Vec::new();
    for _ in 0..2 {
        let output = command(&dir).args(["seed-demo", "--program", "www/demo-program.json"]).output().unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        said.push(String::from_utf8(output.stdout).unwrap());
    }
    assert!(said[0].starts_with("demo shop seeded"), "{said:?}");
    assert!(said[1].starts_with("demo shop already seeded"), "seeding twice adds nothing: {said:?}");
    let host = Host::start_in(dir, &[]);
    let ann = host.me("demo-ann");
    assert_eq!(ann["stage"], "repeat");
    assert_eq!(ann["tier"]["current"]["id"], "silver");
    assert!(ann["balance"]["available"].as_i64().unwrap() >= 500, "Ann can redeem €5 off: {}", ann["balance"]);
    let kinds: Vec<&str> =
        ann["history"]["entries"].as_array().unwrap().iter().map(|e| e["type"].as_str().unwrap()).collect();
    assert!(kinds.contains(&"redeem") && kinds.contains(&"adjust") && kinds.contains(&"earn"), "{kinds:?}");
    let bo = host.me("demo-bo");
    assert_eq!(bo["stage"], "lapsed");
    assert!(bo["winBack"].is_object());
    let cy = host.me("demo-cy");
    assert_eq!(cy["stage"], "new");
    assert!(cy["balance"]["pending"].as_i64().unwrap() > 0, "inside the return window");
    assert_eq!(host.me("demo-dee")["stage"], "prospect");
    // The menu's accounts want mails (the demo's Inbox); the other members gave no consent.
    let consent = |id: &str| host.get_as(&format!("/v1/admin/customers/{id}/mail-consent"), common::ADMIN_TOKEN).body;
    assert_eq!(consent("demo-ann")["status"], "confirmed");
    assert_eq!(consent("demo-ann")["source"], "demo");
    assert_eq!(consent("demo-eli")["status"], "none");

    // Every customer of the file is there, in the stage the file means (the
    // host's own stages; "wonBack" ones are active again, so new or repeat).
    let seed = seed_file();
    let customers = seed["customers"].as_array().unwrap();
    assert!(customers.len() >= 50, "about 50 customers");
    for customer in customers {
        let me = host.me(customer["id"].as_str().unwrap());
        let meant = customer["stage"].as_str().unwrap();
        let expected: &[&str] = match meant {
            "wonBack" => &["new", "repeat"],
            other => &[other][..],
        };
        let stage = me["stage"].as_str().unwrap().to_owned();
        assert!(expected.contains(&stage.as_str()), "{}: {stage}, meant {meant}", customer["id"]);
    }
}

#[test]
fn the_history_has_refunds_redemptions_referrals_and_goodwill() {
    let dir = tempfile::tempdir().unwrap();
    let output = command(&dir).args(["seed-demo", "--program", "www/demo-program.json"]).output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let host = Host::start_in(dir, &[]);
    let seed = seed_file();
    let customers = seed["customers"].as_array().unwrap();
    let orders: usize = customers.iter().map(|c| c["orders"].as_array().unwrap().len()).sum();
    // Count rows by running SQL that fails unless the numbers match the file.
    let refunded =
        customers.iter().flat_map(|c| c["orders"].as_array().unwrap()).filter(|o| o["refund"].is_object()).count();
    let partial = customers
        .iter()
        .flat_map(|c| c["orders"].as_array().unwrap())
        .filter(|o| o["refund"]["amount"].is_i64())
        .count();
    let converted =
        customers.iter().filter(|c| c["referredBy"].is_string() && !c["orders"].as_array().unwrap().is_empty()).count();
    let claimed = customers.iter().filter(|c| c["referredBy"].is_string()).count() - converted;
    let used =
        customers.iter().flat_map(|c| c["orders"].as_array().unwrap()).filter(|o| o["redeem"].is_string()).count();
    assert!(refunded > 0 && partial > 0 && partial < refunded && converted > 0 && claimed > 0 && used > 0);
    let check = |query: String| {
        let holds = common::sql_number(&host, &format!("SELECT CASE WHEN ({query}) THEN 1 ELSE 0 END"));
        assert_eq!(holds, 1, "mismatch: {query}");
    };
    check(format!("(SELECT COUNT(*) FROM orders) = {orders}"));
    check(format!("(SELECT COUNT(*) FROM orders WHERE status = 'refunded') = {}", refunded - partial));
    check(format!("(SELECT COUNT(*) FROM orders WHERE status = 'partiallyRefunded') = {partial}"));
    check(format!("(SELECT COUNT(*) FROM referrals WHERE status = 'converted') = {converted}"));
    check(format!("(SELECT COUNT(*) FROM referrals WHERE status = 'claimed') = {claimed}"));
    check(format!("(SELECT COUNT(*) FROM redemptions WHERE status = 'used' AND option_id != 'win-back') = {used}"));
    check("(SELECT COUNT(*) FROM ledger_entries WHERE kind = 'adjust') >= 3".to_owned());
    let advocates: std::collections::BTreeSet<&str> =
        customers.iter().filter_map(|c| c["referredBy"].as_str()).collect();
    check(format!("(SELECT COUNT(DISTINCT customer_id) FROM referral_shares) = {}", advocates.len()));
    check(format!(
        "(SELECT COUNT(*) FROM demo_orders WHERE customer_id IS NULL) = {}",
        seed["guestOrders"].as_array().unwrap().len()
    ));
}
