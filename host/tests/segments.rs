//! Segments and offers on the real host: the webhook stores what each paid
//! order bought, `GET /v1/me` carries it in `quoteCustomer`, the quote counts
//! the offer for a member of its segment, and the paid order is awarded
//! exactly what the quote said; a member outside the segment gets neither.

mod common;

use common::contract::check;
use common::{days_ago, now, sql, sql_number, token, Host};
use serde_json::{json, Value};
use treu::engine::time::Timestamp;

fn at(unix: i64) -> String {
    Timestamp::from_unix(unix).unwrap().to_string()
}

/// Beans buyers (espresso or filter beans within 30 days) get double points on beans.
fn program() -> Value {
    json!({
        "version": 1, "currency": "EUR",
        "earning": { "rates": [{ "currency": "EUR", "points": 1, "per": 100 }] },
        "segments": [{ "id": "beans-buyers", "name": "Bought beans", "products": ["espresso-beans", "filter-beans"],
                       "withinDays": 30 }],
        "offers": [{ "id": "beans-double", "name": "Double points on beans for you", "segment": "beans-buyers",
                     "percent": 200, "products": ["espresso-beans", "filter-beans"],
                     "startsAt": at(now() - 86_400 * 60), "endsAt": at(now() + 86_400 * 60) }]
    })
}

fn beans_and_mug() -> Value {
    json!({ "currency": "EUR", "lines": [
        { "productId": "espresso-beans", "quantity": 2, "unitPrice": 2490, "collections": ["coffee"] },
        { "productId": "mug", "quantity": 1, "unitPrice": 1250 } ] })
}

fn paid(order: &str, customer: &str, cart: &Value, placed_at: &str) -> Value {
    json!({ "id": format!("evt-{order}"), "type": "order.paid",
            "order": { "id": order, "customerId": customer, "total": 9999, "placedAt": placed_at, "cart": cart } })
}

fn quote(host: &Host, customer: &str, cart: &Value) -> Value {
    let reply = host.post("/v1/quote", Some(&token(customer)), "q", &json!({ "cart": cart }));
    assert_eq!(reply.status, 200, "{}", reply.text);
    check("Quote", &reply.body);
    reply.body
}

#[test]
fn a_beans_buyer_is_quoted_and_awarded_the_offer_and_others_are_not() {
    // One program for the host and the expectation: its window is set from
    // the clock, which must not tick between the two.
    let program = program();
    let host = Host::with(&program, &[]);
    let first = json!({ "currency": "EUR", "lines": [
        { "productId": "filter-beans", "quantity": 1, "unitPrice": 1350, "collections": ["coffee"] },
        { "productId": "filter-beans", "quantity": 1, "unitPrice": 1350 } ] });
    for (order, customer, cart) in [("b-1", "bean-fan", &first), ("m-1", "mug-fan", &common::cart(1350))] {
        let reply = host.webhook(&paid(order, customer, cart, &days_ago(10)));
        assert_eq!(reply.status, 200, "{}", reply.text);
        // No earlier purchase: the first order earns the base rate only.
        assert_eq!(reply.body["earn"]["lines"].as_array().unwrap().len(), 1, "{}", reply.text);
    }
    assert_eq!(sql_number(&host, "SELECT COUNT(*) FROM order_purchases WHERE order_id = 'b-1'"), 2);

    let me = host.me("bean-fan");
    assert_eq!(me["quoteCustomer"]["orders"][0]["products"], json!(["filter-beans"]));
    assert_eq!(me["quoteCustomer"]["orders"][0]["collections"], json!(["coffee"]));
    assert!(host.me("mug-fan")["quoteCustomer"]["orders"][0].get("collections").is_none());

    // 49.80 beans + 12.50 mug: base 62, offer +100 % of 49.80 = 49.
    let quoted = quote(&host, "bean-fan", &beans_and_mug());
    assert_eq!(quoted["earn"]["total"], 111, "{quoted}");
    assert_eq!(
        quoted["offers"],
        json!([{ "id": "beans-double", "name": "Double points on beans for you",
        "percent": 200, "endsAt": program["offers"][0]["endsAt"], "points": 49 }])
    );
    let reply = host.webhook(&paid("b-2", "bean-fan", &beans_and_mug(), &at(now())));
    assert_eq!(reply.status, 200, "{}", reply.text);
    assert_eq!(reply.body["earn"], quoted["earn"], "the host awards what the quote said");
    assert_eq!(reply.body["points"], 111);
    let offer_entries =
        "SELECT COUNT(*) FROM ledger_entries WHERE customer_id = 'bean-fan' AND change LIKE '%offer:beans-double%'";
    assert_eq!(sql_number(&host, offer_entries), 1);

    let other = quote(&host, "mug-fan", &beans_and_mug());
    assert_eq!((other["earn"]["total"].as_i64(), other["offers"].as_array().map(Vec::len)), (Some(62), Some(0)));
    let reply = host.webhook(&paid("m-2", "mug-fan", &beans_and_mug(), &at(now())));
    assert_eq!((reply.body["points"].as_i64(), reply.body["earn"].clone()), (Some(62), other["earn"].clone()));
}

#[test]
fn a_cancelled_order_puts_no_one_in_a_segment() {
    let host = Host::with(&program(), &[]);
    let beans =
        json!({ "currency": "EUR", "lines": [{ "productId": "espresso-beans", "quantity": 1, "unitPrice": 2490 }] });
    assert_eq!(host.webhook(&paid("c-1", "canceller", &beans, &days_ago(5))).status, 200);
    let cancel = json!({ "id": "evt-cancel-c-1", "type": "order.cancelled", "order": { "id": "c-1", "total": 9999 } });
    assert_eq!(host.webhook(&cancel).status, 200);
    assert_eq!(host.me("canceller")["quoteCustomer"]["orders"], json!([]));
    assert_eq!(quote(&host, "canceller", &beans)["offers"], json!([]));
}

#[test]
fn a_program_aiming_at_an_unknown_segment_is_refused_with_its_path() {
    let host = Host::with_program();
    let mut bad = program();
    bad["offers"][0]["segment"] = json!("tea-buyers");
    let reply = common::admin::admin_call(&host, "PUT", "/v1/admin/program", Some(&bad));
    assert_eq!(reply.status, 422, "{}", reply.text);
    assert_eq!(reply.body["errors"][0]["path"], "program.offers[0].segment", "{}", reply.text);
}

#[test]
fn purchases_stored_before_they_named_their_customer_are_brought_forward_on_start() {
    let host = Host::with(&program(), &[]);
    let beans = json!({ "currency": "EUR", "lines": [
        { "productId": "filter-beans", "quantity": 1, "unitPrice": 1350, "collections": ["coffee"] } ] });
    assert_eq!(host.webhook(&paid("early-1", "early-fan", &beans, &days_ago(10))).status, 200);
    assert_eq!(host.webhook(&paid("other-1", "other-fan", &common::cart(1350), &days_ago(9))).status, 200);
    // The database as migration 0009 finds it: purchase rows without their customer.
    sql(
        &host,
        &[
            "DROP INDEX order_purchases_customer",
            "ALTER TABLE order_purchases DROP COLUMN customer_id",
            "DELETE FROM _sqlx_migrations WHERE version = 9",
        ],
    );
    let (_, dir) = host.stop();
    let program_file = dir.path().join("program.json").display().to_string();
    let host = Host::start_in(dir, &["--program", &program_file]);
    let named = "SELECT COUNT(*) FROM order_purchases WHERE customer_id = 'early-fan' AND order_id = 'early-1'";
    assert_eq!(sql_number(&host, named), 2, "the product and the collection, each with its customer");
    assert_eq!(sql_number(&host, "SELECT COUNT(*) FROM order_purchases WHERE customer_id = 'other-fan'"), 1);
    let me = host.me("early-fan");
    assert_eq!(me["quoteCustomer"]["orders"][0]["products"], json!(["filter-beans"]));
    assert_eq!(me["quoteCustomer"]["orders"][0]["collections"], json!(["coffee"]));
    assert_eq!(quote(&host, "early-fan", &beans_and_mug())["offers"][0]["id"], "beans-double");
}
