//! The storefront's readers and writer (`treu::web::read`, `treu::web::write`)
//! against the engine's serde, in headless Chromium: the same values from the
//! same JSON, the same defaults and enum names, the same text out, and every
//! malformed value named by its JSON path and reason.
//! (`tests/fixtures.rs` also runs every shared quote fixture through them.)
#![cfg(target_arch = "wasm32")]

use serde::de::DeserializeOwned;
use std::fmt::Debug;
use treu::engine::actions::{Action, Cap};
use treu::engine::cart::Cart;
use treu::engine::customer::Customer;
use treu::engine::error::InputError;
use treu::engine::program::Program;
use treu::web::{read, write};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::{wasm_bindgen_test as test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

fn js(text: &str) -> JsValue {
    js_sys::JSON::parse(text).expect("test JSON is valid")
}

fn serde<T: DeserializeOwned>(text: &str) -> T {
    serde_json::from_str(text).expect("serde reads the test JSON")
}

fn same_as_serde<T: DeserializeOwned + PartialEq + Debug>(text: &str, reader: fn(JsValue) -> Result<T, InputError>) {
    assert_eq!(reader(js(text)), Ok(serde::<T>(text)), "{text}");
}

/// Every section present, each with only its required fields: every default
/// is the one the engine's serde derive fills in.
const SPARSE_PROGRAM: &str = r#"{"version":1,"currency":"EUR",
    "earning":{"rates":[{"currency":"EUR","points":1,"per":100}],"multipliers":[{"id":"m"}]},
    "actions":[{"action":"signup","points":10}],
    "campaigns":[{"id":"c","startsAt":"2026-01-01T00:00:00Z","endsAt":1798761600}],
    "redemptions":[{"id":"r","kind":"freeShipping","points":300}],
    "tiers":{"basis":"spend","period":"lifetime","levels":[{"id":"gold","name":"Gold","threshold":1000}]},
    "freeShipping":{"thresholds":[{"currency":"EUR","minimum":5000}]},
    "referral":{"friendDiscount":{"kind":"amountOff","amount":500}},
    "lifecycle":{"winBack":{"discount":{"kind":"percentOff","percent":10}}}}"#;

/// Every field of every section set, none to its default.
const FULL_PROGRAM: &str = r#"{"version":1,"currency":"KWD",
    "earning":{"rates":[{"currency":"KWD","points":3,"per":1000},{"currency":"EUR","points":1,"per":100}],
        "rounding":"nearest","excludedProducts":["gift"],"excludedCollections":["sale"],
        "multipliers":[{"id":"m","name":"Double","percent":200,"products":["p"],"collections":["c"]}],
        "returnWindowDays":30,"expiresAfterDays":365},
    "actions":[{"action":"photoReview","points":50,"cap":"perYear","limit":3},{"action":"contestEntry","points":5,"cap":"unlimited"}],
    "campaigns":[{"id":"c","name":"Week","startsAt":"2026-01-01T00:00:00+01:00","endsAt":"2026-01-08T00:00:00.5Z",
        "percent":150,"bonusPoints":20,"minimumSpend":5000,"products":["p"],"collections":["c"],"tiers":["gold"]}],
    "redemptions":[{"id":"r","name":"Off","kind":"amountOff","points":100,"amount":100,"percent":5,"productId":"p",
        "stepped":true,"minPoints":200,"maxPointsPerOrder":2000,"minimumSpend":1000,"codeValidDays":60}],
    "tiers":{"basis":"pointsEarned","period":"rolling","rollingDays":365,
        "levels":[{"id":"gold","name":"Gold","threshold":1000,"earnPercent":125,"earlyAccess":true}]},
    "freeShipping":{"thresholds":[{"currency":"KWD","minimum":5000,"market":"kw","tier":"gold"}],
        "excludedProducts":["x"],"excludedCollections":["y"]},
    "referral":{"friendDiscount":{"kind":"percentOff","percent":10,"minimumSpend":3000},"attributionDays":7,"maxRewardsPerDay":2},
    "lifecycle":{"atRiskAfterDays":60,"lapsedAfterDays":120,
        "winBack":{"name":"Back","discount":{"kind":"freeShipping","minimumSpend":100},"validDays":30}}}"#;

/// Segments, offers and the rules aimed at a segment.
const SEGMENTED_PROGRAM: &str = r#"{"version":1,"currency":"EUR",
    "earning":{"multipliers":[{"id":"m","percent":150,"products":["mug"],"segment":"big"}]},
    "campaigns":[{"id":"c","startsAt":"2026-01-01T00:00:00Z","endsAt":"2026-02-01T00:00:00Z","bonusPoints":5,"segment":"big"}],
    "segments":[{"id":"beans","name":"Beans","products":["espresso-beans"],"collections":["beans"],"withinDays":90},
        {"id":"big","minimumSpend":10000,"stages":["repeat","atRisk"],"tiers":["gold"]}],
    "offers":[{"id":"o","name":"Double beans","segment":"beans","percent":200,"collections":["beans"],
        "startsAt":"2026-01-01T00:00:00Z","endsAt":"2026-02-01T00:00:00Z"}]}"#;

#[test]
fn programs_read_as_serde_reads_them() {
    for program in [SPARSE_PROGRAM, FULL_PROGRAM, SEGMENTED_PROGRAM, r#"{"version":1,"currency":"JPY"}"#] {
        same_as_serde(program, read::program);
    }
    // `null` where a section or optional field may be left out reads as left out.
    let with_nulls = r#"{"version":1,"currency":"EUR","tiers":null,"referral":null,
        "redemptions":[{"id":"r","kind":"freeShipping","points":3,"amount":null}]}"#;
    assert_eq!(read::program(js(with_nulls)), Ok(serde(&with_nulls.replace(",\"amount\":null", ""))));
}

#[test]
fn carts_and_customers_read_as_serde_reads_them() {
    same_as_serde::<Cart>(r#"{"currency":"EUR"}"#, read::cart);
    same_as_serde::<Cart>(
        r#"{"currency":"EUR","market":"de","shipping":490,"tax":-1,"lines":[
            {"productId":"a","quantity":2,"unitPrice":1250,"giftCard":true,"collections":["x","y"]},
            {"productId":"b","quantity":1,"unitPrice":0}]}"#,
        read::cart,
    );
    let customer = |value| read::customer("customer", value);
    same_as_serde::<Customer>(r#"{"id":"c-1"}"#, customer);
    same_as_serde::<Customer>(
        r#"{"id":"c-1","email":"a@b.example","balance":-20,"orders":[
            {"id":"1","placedAt":"2026-11-01T10:00:00Z","spend":4500,"points":45},{"id":"2","placedAt":0},
            {"id":"3","placedAt":5,"products":["espresso-beans"],"collections":["beans","coffee"]}]}"#,
        customer,
    );
}

#[test]
fn enum_names_are_the_engines() {
    fn check<T: DeserializeOwned + serde::Serialize + PartialEq + Debug + Copy>(names: &[(&str, T)]) {
        for (name, value) in names {
            assert_eq!(serde::<T>(&format!("\"{name}\"")), *value);
            assert_eq!(serde_json::to_string(value).unwrap(), format!("\"{name}\""));
        }
    }
    check::<Action>(&read::ACTIONS);
    check::<Cap>(&read::CAPS);
    check(&read::DISCOUNT_KINDS);
    check(&read::STAGES);
    check(&read::ROUNDINGS);
    check(&read::REWARD_KINDS);
    check(&read::TIER_BASES);
    check(&read::TIER_PERIODS);
    // Every action has its name (the engine's `serde_name` lists them all).
    for (name, action) in read::ACTIONS {
        assert_eq!(treu::engine::actions::serde_name(action), name);
    }
}

/// `(JSON, the path, the reason)` of the first problem the reader finds.
fn problem(reader: fn(JsValue) -> Result<Program, InputError>, text: &str) -> (String, String) {
    let error = reader(js(text)).expect_err(text);
    assert_eq!(error.errors.len(), 1, "{error}");
    let field = error.errors.into_iter().next().unwrap();
    (field.path, field.reason)
}

#[test]
fn malformed_programs_name_the_path_and_reason() {
    let campaign = r#"{"id":"c","startsAt":"2026-01-01T00:00:00Z","endsAt":"2026-02-01T00:00:00Z"}"#;
    let cases: &[(String, &str, &str)] = &[
        (r#"{"version":1}"#.into(), "program", "missing field `currency`"),
        (r#"[1]"#.into(), "program", "must be an object"),
        (r#"{"version":"1","currency":"EUR"}"#.into(), "program.version", "must be a whole number"),
        (r#"{"version":-1,"currency":"EUR"}"#.into(), "program.version", "must not be negative"),
        (r#"{"version":1,"currency":"EURO"}"#.into(), "program.currency", "\"EURO\" is not"),
        (r#"{"version":1,"currency":7}"#.into(), "program.currency", "must be a string"),
        (
            format!(r#"{{"version":1,"currency":"EUR","campaigns":[{campaign},{campaign},{{"id":"x","startsAt":0,"endsAt":1,"percent":1.5}}]}}"#),
            "program.campaigns[2].percent",
            "must be a whole number",
        ),
        (
            r#"{"version":1,"currency":"EUR","campaigns":[{"id":"c","startsAt":"tomorrow","endsAt":1}]}"#.into(),
            "program.campaigns[0].startsAt",
            "\"tomorrow\" is not an RFC 3339 time",
        ),
        (
            r#"{"version":1,"currency":"EUR","campaigns":[{"id":"c","startsAt":0.5,"endsAt":1}]}"#.into(),
            "program.campaigns[0].startsAt",
            "must be whole Unix seconds within the years 0 to 9999",
        ),
        (
            r#"{"version":1,"currency":"EUR","campaigns":[{"id":"c","startsAt":true,"endsAt":1}]}"#.into(),
            "program.campaigns[0].startsAt",
            "must be an RFC 3339 time",
        ),
        (
            r#"{"version":1,"currency":"EUR","campaigns":[{"id":"c","startsAt":0,"endsAt":253402300800}]}"#.into(),
            "program.campaigns[0].endsAt",
            "253402300800 is outside the years 0 to 9999",
        ),
        (r#"{"version":1,"currency":"EUR","actions":{}}"#.into(), "program.actions", "must be a list"),
        (r#"{"version":1,"currency":"EUR","actions":[7]}"#.into(), "program.actions[0]", "must be an object"),
        (
            r#"{"version":1,"currency":"EUR","actions":[{"action":"dance","points":1}]}"#.into(),
            "program.actions[0].action",
            "unknown variant `dance`",
        ),
        (
            r#"{"version":1,"currency":"EUR","redemptions":[{"id":"r","kind":"freeShipping","points":1,"stepped":"yes"}]}"#
                .into(),
            "program.redemptions[0].stepped",
            "must be true or false",
        ),
        (
            r#"{"version":1,"currency":"EUR","earning":{"excludedProducts":["a",2]}}"#.into(),
            "program.earning.excludedProducts[1]",
            "must be a string",
        ),
        (
            r#"{"version":1,"currency":"EUR","tiers":{"basis":"spend","period":"lifetime"}}"#.into(),
            "program.tiers",
            "missing field `levels`",
        ),
        (r#"{"version":1,"currency":"EUR","freeShipping":true}"#.into(), "program.freeShipping", "must be an object"),
        (
            r#"{"version":1,"currency":"EUR","segments":[{"id":"s","stages":["repeat","gone"]}]}"#.into(),
            "program.segments[0].stages[1]",
            "unknown variant `gone`",
        ),
        (
            r#"{"version":1,"currency":"EUR","offers":[{"id":"o","segment":"s","percent":200,"startsAt":0,"endsAt":1}]}"#
                .into(),
            "program.offers[0]",
            "missing field `name`",
        ),
        (
            r#"{"version":1,"currency":"EUR","referral":{"friendDiscount":{"kind":"cash"}}}"#.into(),
            "program.referral.friendDiscount.kind",
            "unknown variant `cash`",
        ),
        // This test build reads strictly, as the host does; the storefront's
        // `lenient` build ignores unknown program fields instead.
        (r#"{"version":1,"currency":"EUR","lifecycle":{"lapsed":3}}"#.into(), "program.lifecycle.lapsed", "unknown field `lapsed`, expected one of `atRiskAfterDays`, `lapsedAfterDays`, `winBack`"),
    ];
    for (text, path, reason) in cases {
        let (actual_path, actual_reason) = problem(read::program, text);
        assert_eq!(actual_path, *path, "{text}");
        assert!(actual_reason.contains(reason), "{text}: {actual_reason}");
        assert!(serde_json::from_str::<Program>(text).is_err(), "serde refuses it too: {text}");
    }
    // Beyond 2^53 a JS number is no longer exact: where the host would read
    // the digits, the storefront refuses rather than use a rounded amount.
    let (path, reason) = problem(
        read::program,
        r#"{"version":1,"currency":"EUR","earning":{"rates":[{"currency":"EUR","points":1,"per":9007199254740993}]}}"#,
    );
    assert_eq!((path.as_str(), reason.as_str()), ("program.earning.rates[0].per", "must be a whole number"));
}

#[test]
fn malformed_carts_and_customers_name_the_path_and_reason() {
    let error =
        read::cart(js(r#"{"currency":"EUR","lines":[{"productId":"a","quantity":1,"unitPrice":1,"giftCard":1}]}"#));
    assert_eq!(error.unwrap_err().to_string(), "cart.lines[0].giftCard: must be true or false");
    // Carts are strict in every build: a theme's typo is named.
    let error = read::cart(js(r#"{"currency":"EUR","lines":[{"productId":"a","quantity":1,"unitPrice":1,"qty":2}]}"#));
    assert_eq!(
        error.unwrap_err().to_string(),
        "cart.lines[0].qty: unknown field `qty`, expected one of `productId`, `quantity`, `unitPrice`, `giftCard`, `collections`"
    );
    // A field set to `undefined` is not there, as for `JSON.stringify`.
    let cart = js(r#"{"currency":"EUR"}"#);
    js_sys::Reflect::set(&cart, &"coupon".into(), &JsValue::UNDEFINED).unwrap();
    assert!(read::cart(cart).is_ok());
    let error = read::customer("me.quoteCustomer", js(r#"{"id":"c","orders":[{"id":"1"}]}"#));
    assert_eq!(error.unwrap_err().to_string(), "me.quoteCustomer.orders[0]: missing field `placedAt`");
    let error = read::customer("customer", js(r#"{"id":"c","orders":[{"id":"1","placedAt":0,"products":[3]}]}"#));
    assert_eq!(error.unwrap_err().to_string(), "customer.orders[0].products[0]: must be a string");
}

#[test]
fn text_is_written_as_serde_json_writes_it() {
    for text in ["", "plain", "quote \" backslash \\ slash /", "\n\r\t\u{8}\u{c}\u{0}\u{1f}\u{7f}", "äöü €  😀"]
    {
        assert_eq!(write::to_json(text), serde_json::to_string(text).unwrap());
    }
    for number in [0, 7, -1, 10, 1_000_000_000_000_000, i64::MIN, i64::MAX] {
        assert_eq!(write::to_json(&number), serde_json::to_string(&number).unwrap());
    }
    let errors = read::program(js(r#"{"version":1,"currency":"EURO"}"#)).unwrap_err();
    assert_eq!(write::to_json(&errors), serde_json::to_string(&errors).unwrap());
    let object = write::to_js(&errors).unwrap();
    let first = js_sys::Reflect::get(&object, &0.into()).unwrap();
    assert_eq!(js_sys::Reflect::get(&first, &"path".into()).unwrap().as_string().as_deref(), Some("program.currency"));
}
