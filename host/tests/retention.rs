//! The retention report on a dataset whose answer was computed by hand.

mod common;

use common::contract::{check, problem};
use common::{paid_event, Host, ADMIN_TOKEN};

/// Lapsed after 180 days (the test program). Orders at 10:00 UTC.
///
/// | customer | orders                 | Feb 1 | Mar 1 | Apr 1 | first order in  |
/// |----------|------------------------|-------|-------|-------|-----------------|
/// | a        | 2026-01-10, 2026-03-15 | yes   | yes   | yes   | —               |
/// | b        | 2026-02-01             | no    | yes   | yes   | February        |
/// | c        | 2025-08-01             | no (184 d) | no | no | —               |
/// | d        | 2026-03-20             | no    | no    | yes   | March           |
/// | e        | 2025-09-15             | yes (139 d) | yes (166 d) | no (197 d) | — |
///
/// March: S = 3 (a, b, e), E = 3 (a, b, d), N = 1 (d): (3 − 1) / 3 = 66.66 %.
/// February: S = 2 (a, e), E = 3 (a, b, e), N = 1 (b): (3 − 1) / 2 = 100 %.
/// February–March: S = 2, E = 3, N = 2: (3 − 2) / 2 = 50 %.
#[test]
fn retention_is_e_minus_n_over_s() {
    let host = Host::with_program();
    let orders = [
        ("a", "2026-01-10"),
        ("a", "2026-03-15"),
        ("b", "2026-02-01"),
        ("c", "2025-08-01"),
        ("d", "2026-03-20"),
        ("e", "2025-09-15"),
    ];
    for (index, (customer, day)) in orders.iter().enumerate() {
        let reply = host.webhook(&paid_event(&format!("o-{index}"), customer, 2000, &format!("{day}T10:00:00Z")));
        assert_eq!(reply.status, 200, "{}", reply.text);
    }
    let report = |from: &str, to: &str| {
        let reply = host.get_as(&format!("/v1/admin/reports/retention?from={from}&to={to}"), ADMIN_TOKEN);
        assert_eq!(reply.status, 200, "{}", reply.text);
        check("RetentionReport", &reply.body);
        reply.body
    };
    let march = report("2026-03-01", "2026-03-31");
    let period = &march["period"];
    assert_eq!(
        (period["customersAtStart"].as_i64(), period["customersAtEnd"].as_i64(), period["newCustomers"].as_i64()),
        (Some(3), Some(3), Some(1))
    );
    assert_eq!(period["retention"]["numerator"], 2);
    assert_eq!(period["retention"]["denominator"], 3);
    assert_eq!(period["retention"]["basisPoints"], 6666);
    let both = report("2026-02-01", "2026-03-31");
    assert_eq!(both["period"]["retention"]["basisPoints"], 5000);
    let months: Vec<i64> =
        both["monthly"].as_array().unwrap().iter().map(|m| m["retention"]["basisPoints"].as_i64().unwrap()).collect();
    assert_eq!(months, [10000, 6666]);
    // Points count when the ledger recorded them (the webhooks arrived today), not when the orders were placed.
    assert_eq!(both["period"]["pointsEarned"], 0);
    assert_eq!(both["period"]["outstandingPoints"], 0);
}

#[test]
fn bad_dates_are_named() {
    let host = Host::with_program();
    let reply = host.get_as("/v1/admin/reports/retention?from=2026-13-01", ADMIN_TOKEN);
    problem(&reply, 422, "invalid-input");
    let paths: Vec<&str> =
        reply.body["errors"].as_array().unwrap().iter().map(|e| e["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["from", "to"]);
    let reply = host.get_as("/v1/admin/reports/retention?from=2026-03-01&to=2026-02-01", ADMIN_TOKEN);
    problem(&reply, 422, "invalid-input");
    assert_eq!(reply.body["errors"][0]["path"], "to");
    problem(
        &host.call("GET", "/v1/admin/reports/retention?from=2026-01-01&to=2026-02-01", &[], None),
        401,
        "unauthorized",
    );
}
