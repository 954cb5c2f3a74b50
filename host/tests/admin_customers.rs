//! The dashboard's customers: search by id, email or name, and one member in
//! full (balance, tier, stage, codes, orders, every ledger entry).

mod common;

use common::admin::{admin_get, sign_in};
use common::contract::{check, problem};
use common::{cart, days_ago, now, paid_event, token_with, Host, SHOP_SECRET};
use serde_json::json;

fn enrol(host: &Host, id: &str, email: &str, name: &str) -> String {
    let token = token_with(json!({ "sub": id, "exp": now() + 3600, "email": email, "name": name }), SHOP_SECRET);
    assert_eq!(host.get_as("/v1/me", &token).status, 200);
    token
}

fn ids(reply: &common::Reply) -> Vec<String> {
    check("CustomerList", &reply.body);
    reply.body["customers"].as_array().unwrap().iter().map(|c| c["id"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn members_are_found_by_part_of_their_id_email_or_name() {
    let host = Host::with_program();
    enrol(&host, "c-anna", "Anna.Berg@Example.com", "Anna Berg");
    enrol(&host, "c-ben", "ben@shop.test", "Ben Öztürk");
    enrol(&host, "c-cleo_1", "cleo@shop.test", "Cleo 100% Real");
    // Anna and Cleo enrolled a while ago; Ben ordered just now.
    common::sql(
        &host,
        &[
            "UPDATE customers SET created_at = created_at - 3600 WHERE id <> 'c-ben'",
            "UPDATE customers SET created_at = created_at - 60 WHERE id = 'c-anna'",
        ],
    );
    host.pay("o-ben", "c-ben", 2500);
    let search = |q: &str| ids(&admin_get(&host, &format!("/v1/admin/customers?q={q}")));
    assert_eq!(search("ANNA.berg"), ["c-anna"], "email, any case");
    assert_eq!(search("berg"), ["c-anna"]);
    assert_eq!(search("c-b"), ["c-ben"], "id");
    assert_eq!(search("%C3%96zt"), ["c-ben"], "name with a non-ASCII letter as typed");
    assert_eq!(search("100%25"), ["c-cleo_1"], "% is matched literally");
    assert_eq!(search("_"), ["c-cleo_1"], "_ is matched literally");
    assert_eq!(search("shop.test"), ["c-ben", "c-cleo_1"], "most recently active first");
    assert_eq!(search("c-"), ["c-ben", "c-cleo_1", "c-anna"]);
    assert!(search("nobody").is_empty());
    let all = admin_get(&host, "/v1/admin/customers?limit=2");
    assert_eq!(ids(&all).len(), 2);
    assert_eq!(all.body["customers"][0]["id"], "c-ben");
    assert_eq!(all.body["customers"][0]["orders"], 1);
    assert_eq!(all.body["customers"][0]["available"], 25);
    problem(&admin_get(&host, "/v1/admin/customers?limit=0"), 422, "invalid-input");
    problem(&admin_get(&host, "/v1/admin/customers?limit=x"), 422, "invalid-input");
    // The dashboard's session works the same.
    assert_eq!(ids(&sign_in(&host, "Mia").get(&host, "/v1/admin/customers?q=anna")), ["c-anna"]);
}

#[test]
fn one_member_in_full_with_every_ledger_entry_oldest_first() {
    let host = Host::with_program();
    let token = enrol(&host, "c-dora", "dora@shop.test", "Dora");
    // A first order 200 days ago, a lapse, and an order yesterday: won back.
    let reply = host.webhook(&paid_event("o-old", "c-dora", 9000, &days_ago(200)));
    assert_eq!(reply.status, 200, "{}", reply.text);
    host.pay("o-new", "c-dora", 14000);
    host.webhook(&common::refund_event("o-new", 14000, "r1", Some(2000)));
    host.adjust("c-dora", 500);
    let code = host.post("/v1/redemptions", Some(&token), "r1", &json!({ "option": "5-off", "cart": cart(3000) }));
    assert_eq!(code.status, 201, "{}", code.text);

    let reply = admin_get(&host, "/v1/admin/customers/c-dora");
    assert_eq!(reply.status, 200, "{}", reply.text);
    check("CustomerDetail", &reply.body);
    let detail = &reply.body;
    assert_eq!((detail["email"].as_str(), detail["name"].as_str()), (Some("dora@shop.test"), Some("Dora")));
    assert_eq!(detail["stage"], "wonBack");
    assert_eq!(detail["tier"]["current"]["id"], "silver", "9000 + 14000 − 2000 spent reaches 20000");
    let orders = detail["orders"].as_array().unwrap();
    assert_eq!(orders.len(), 2);
    assert_eq!((orders[1]["id"].as_str(), orders[1]["refunded"].as_i64()), (Some("o-new"), Some(2000)));
    assert_eq!(orders[1]["status"], "partiallyRefunded");
    let codes = detail["codes"].as_array().unwrap();
    assert_eq!((codes[0]["option"].as_str(), codes[0]["name"].as_str()), (Some("5-off"), Some("€5 off")));
    assert_eq!(codes[0]["status"], "issued");
    let entries = detail["entries"].as_array().unwrap();
    let seqs: Vec<i64> = entries.iter().map(|e| e["seq"].as_i64().unwrap()).collect();
    assert_eq!(seqs, (1..=seqs.len() as i64).collect::<Vec<_>>(), "every entry, oldest first");
    let total: i64 = entries.iter().map(|e| e["points"].as_i64().unwrap()).sum();
    assert_eq!(total, detail["balance"]["total"].as_i64().unwrap(), "the entries add up to the balance");
    problem(&admin_get(&host, "/v1/admin/customers/nobody"), 404, "no-customer");
}
