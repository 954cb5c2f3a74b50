//! The overview report against orders, refunds, referrals and shares posted
//! here; every expected figure is computed in this file from what was posted.

mod common;

use common::admin::admin_get;
use common::contract::{check, problem};
use common::{cart, days_ago, paid_event, refund_event, sql, token, token_with, Host, SHOP_SECRET};
use serde_json::{json, Value};

/// An order as posted: (buyer or None for a guest, days ago, total, refunded, cancelled).
type Posted = (Option<&'static str>, i64, i64, i64, bool);

const ORDERS: [Posted; 14] = [
    (Some("m-new"), 2, 3000, 0, false),
    (Some("m-repeat"), 10, 2000, 0, false),
    (Some("m-repeat"), 5, 5000, 1000, false),
    (Some("m-back"), 300, 4000, 0, false),
    (Some("m-back"), 3, 6000, 0, false),
    (Some("m-lapsed"), 200, 1000, 0, false),
    (Some("m-risk"), 100, 1200, 0, false),
    (Some("m-cancel"), 4, 8000, 0, true),
    (Some("m-friend"), 0, 2500, 0, false),
    (None, 2, 4000, 0, false),
    (None, 1, 3001, 1000, false),
    (None, 1, 5000, 0, true),
    (None, 40, 9000, 0, false),
    (None, 6, 777, 777, false),
];

const PERIOD_DAYS: i64 = 30;

/// (orders, revenue, average order value) of the posted orders inside the period.
fn expected_revenue(guests: bool) -> Value {
    let (mut orders, mut revenue) = (0, 0);
    for (buyer, days, total, refunded, cancelled) in ORDERS {
        if buyer.is_none() == guests && days <= PERIOD_DAYS && !cancelled {
            orders += 1;
            revenue += total - refunded;
        }
    }
    json!({ "orders": orders, "revenue": revenue, "averageOrderValue": if orders > 0 { Some(revenue / orders) } else { None } })
}

fn post_everything(host: &Host) {
    assert_eq!(host.get_as("/v1/me", &token("m-prospect")).status, 200);
    // m-friend claims m-new's code before ordering; m-friend2 claims and never orders.
    let code = host.me("m-new")["referral"]["code"].as_str().unwrap().to_owned();
    for (friend, email) in [("m-friend", "friend@shop.test"), ("m-friend2", "friend2@shop.test")] {
        let token = token_with(json!({ "sub": friend, "exp": common::now() + 600, "email": email }), SHOP_SECRET);
        let claim = host.post("/v1/referrals/claim", Some(&token), friend, &json!({ "code": code }));
        assert_eq!(claim.status, 201, "{}", claim.text);
    }
    for (index, (buyer, days, total, refunded, cancelled)) in ORDERS.into_iter().enumerate() {
        let id = format!("o-{index}");
        let placed = days_ago(days);
        let event = match buyer {
            Some(customer) => paid_event(&id, customer, total, &placed),
            None => json!({ "id": format!("evt-paid-{id}"), "type": "order.paid",
                            "order": { "id": id, "guest": true, "total": total, "placedAt": placed, "cart": cart(total) } }),
        };
        let reply = host.webhook(&event);
        assert_eq!(reply.status, 200, "{}", reply.text);
        if refunded > 0 {
            assert_eq!(host.webhook(&refund_event(&id, total, "r1", Some(refunded))).status, 200);
        }
        if cancelled {
            let cancel = json!({ "id": format!("evt-cancel-{id}"), "type": "order.cancelled",
                                 "order": { "id": id, "total": total } });
            assert_eq!(host.webhook(&cancel).status, 200);
        }
    }
    let now = common::now();
    sql(
        host,
        &[
            &format!("INSERT INTO referral_shares VALUES ('m-new', 'copy', {})", now - 86_400),
            &format!("INSERT INTO referral_shares VALUES ('m-new', 'email', {})", now - 3600),
            &format!("INSERT INTO referral_shares VALUES ('m-repeat', 'copy', {})", now - 40 * 86_400),
        ],
    );
}

#[test]
fn the_overview_adds_up_what_was_posted() {
    let host = Host::with_program();
    post_everything(&host);
    let today = treu::engine::time::Timestamp::from_unix(common::now()).unwrap().date();
    let from = today.plus_days(-PERIOD_DAYS);
    let reply = admin_get(&host, &format!("/v1/admin/reports/overview?from={from}&to={today}"));
    assert_eq!(reply.status, 200, "{}", reply.text);
    check("Overview", &reply.body);
    let report = &reply.body;
    assert_eq!(report["currency"], "EUR");
    assert_eq!(report["revenue"]["members"], expected_revenue(false));
    assert_eq!(report["revenue"]["guests"], expected_revenue(true));
    // Every member was first seen by the host today: all are new.
    let members =
        ["m-new", "m-repeat", "m-back", "m-lapsed", "m-risk", "m-cancel", "m-friend", "m-friend2", "m-prospect"];
    assert_eq!(report["members"], json!({ "total": members.len(), "new": members.len() }));
    let stages = json!({ "prospect": 3, "new": 2, "repeat": 1, "wonBack": 1, "atRisk": 1, "lapsed": 1 });
    assert_eq!(report["stages"], stages, "prospects: m-prospect, m-friend2, m-cancel (cancelled order)");
    assert_eq!(report["referrals"], json!({ "shared": 1, "claimed": 2, "converted": 1, "rewarded": 1 }));
    // Ordered at least once by the end: 6 members; twice or more: m-repeat and m-back.
    assert_eq!(report["repeatPurchase"], json!({ "numerator": 2, "denominator": 6, "basisPoints": 3333 }));

    // Points: summed here from every member's ledger as the dashboard shows it.
    let (mut earned, mut outstanding) = (0, 0);
    let start = from.start().unix();
    for member in members {
        let detail = admin_get(&host, &format!("/v1/admin/customers/{member}"));
        assert_eq!(detail.status, 200, "{}", detail.text);
        outstanding += detail.body["balance"]["total"].as_i64().unwrap().max(0);
        for entry in detail.body["entries"].as_array().unwrap() {
            let at = treu::engine::time::Timestamp::parse(entry["at"].as_str().unwrap()).unwrap().unix();
            if at >= start && ["earn", "reverse"].contains(&entry["type"].as_str().unwrap()) {
                earned += entry["points"].as_i64().unwrap();
            }
        }
    }
    assert!(earned > 300, "orders and the referral reward earned points");
    assert_eq!(report["points"]["earned"], earned);
    assert_eq!(report["points"]["outstanding"], outstanding);
    assert_eq!(report["points"]["liability"], outstanding, "1 point is worth 1 cent at the 5-off option");
    let months = report["monthly"].as_array().unwrap();
    assert!(!months.is_empty() && months.len() <= 2);
    assert_eq!(months.last().unwrap()["month"], today.to_string()[..7]);
}

#[test]
fn the_overview_needs_a_period() {
    let host = Host::with_program();
    let reply = admin_get(&host, "/v1/admin/reports/overview?from=2026-03-01");
    problem(&reply, 422, "invalid-input");
    assert_eq!(reply.body["errors"][0]["path"], "to");
    problem(&admin_get(&host, "/v1/admin/reports/overview?from=2026-03-01&to=2026-02-01"), 422, "invalid-input");
    problem(
        &host.call("GET", "/v1/admin/reports/overview?from=2026-03-01&to=2026-03-02", &[], None),
        401,
        "unauthorized",
    );
}
