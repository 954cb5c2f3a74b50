//! Orders of guests: recorded for the revenue report, earning nothing; their
//! refunds and cancellations lower guest revenue.

mod common;

use common::admin::admin_get;
use common::contract::{check, problem};
use common::{cart, days_ago, Host};
use serde_json::{json, Value};

fn guest_paid(order: &str, total: i64, placed_at: &str) -> Value {
    json!({ "id": format!("evt-paid-{order}"), "type": "order.paid",
            "order": { "id": order, "guest": true, "total": total, "placedAt": placed_at, "cart": cart(total) } })
}

fn guest_revenue(host: &Host) -> Value {
    let today = treu::engine::time::Timestamp::from_unix(common::now()).unwrap().date();
    let path = format!("/v1/admin/reports/overview?from={}&to={today}", today.plus_days(-7));
    let reply = admin_get(host, &path);
    assert_eq!(reply.status, 200, "{}", reply.text);
    check("Overview", &reply.body);
    reply.body["revenue"]["guests"].clone()
}

#[test]
fn a_guest_order_is_recorded_and_earns_nothing() {
    let host = Host::with_program();
    let reply = host.webhook(&guest_paid("g-1", 4000, &days_ago(1)));
    assert_eq!(reply.status, 200, "{}", reply.text);
    check("OrderEventResult", &reply.body);
    assert_eq!((reply.body["guest"].as_bool(), reply.body["points"].as_i64()), (Some(true), Some(0)));
    assert_eq!(reply.body["outcome"], "recorded");
    assert!(host.webhook(&guest_paid("g-1", 4000, &days_ago(1))).replayed, "a redelivery changes nothing");
    let customers = admin_get(&host, "/v1/admin/customers");
    assert_eq!(customers.body["customers"], json!([]), "no member was made");
    assert_eq!(guest_revenue(&host), json!({ "orders": 1, "revenue": 4000, "averageOrderValue": 4000 }));
}

#[test]
fn refunds_and_cancellations_lower_guest_revenue() {
    let host = Host::with_program();
    host.webhook(&guest_paid("g-1", 4000, &days_ago(1)));
    host.webhook(&guest_paid("g-2", 3001, &days_ago(2)));
    let refund = host.webhook(&common::refund_event("g-1", 4000, "r1", Some(1500)));
    assert_eq!(refund.status, 200, "{}", refund.text);
    check("OrderEventResult", &refund.body);
    assert_eq!(
        (refund.body["refunded"].as_i64(), refund.body["status"].as_str()),
        (Some(1500), Some("partiallyRefunded"))
    );
    assert_eq!(guest_revenue(&host), json!({ "orders": 2, "revenue": 5501, "averageOrderValue": 2750 }));
    let cancel = json!({ "id": "evt-cancel-g-2", "type": "order.cancelled", "order": { "id": "g-2", "total": 3001 } });
    assert_eq!(host.webhook(&cancel).body["status"], "cancelled");
    assert_eq!(guest_revenue(&host), json!({ "orders": 1, "revenue": 2500, "averageOrderValue": 2500 }));
    let rest = host.webhook(&common::refund_event("g-1", 4000, "r2", None));
    assert_eq!(rest.body["status"], "refunded");
    assert_eq!(guest_revenue(&host), json!({ "orders": 1, "revenue": 0, "averageOrderValue": 0 }));
}

#[test]
fn a_refund_before_the_payment_is_applied_when_it_comes() {
    let host = Host::with_program();
    let early = host.webhook(&common::refund_event("g-9", 5000, "r1", Some(1000)));
    assert_eq!(early.body["outcome"], "deferredUntilPaid", "{}", early.text);
    let paid = host.webhook(&guest_paid("g-9", 5000, &days_ago(1)));
    assert_eq!((paid.body["refunded"].as_i64(), paid.body["status"].as_str()), (Some(1000), Some("partiallyRefunded")));
    assert_eq!(guest_revenue(&host)["revenue"], 4000);
}

#[test]
fn a_guest_order_has_no_customer_and_a_member_order_needs_one() {
    let host = Host::with_program();
    let mut both = guest_paid("g-1", 4000, &days_ago(1));
    both["order"]["customerId"] = json!("c-1");
    let reply = host.webhook(&both);
    problem(&reply, 422, "invalid-input");
    assert_eq!(reply.body["errors"][0]["path"], "order.customerId");
    let mut neither = guest_paid("g-2", 4000, &days_ago(1));
    neither["order"]["guest"] = json!(false);
    let reply = host.webhook(&neither);
    problem(&reply, 422, "invalid-input");
    assert_eq!(reply.body["errors"][0]["path"], "order.customerId");
}
