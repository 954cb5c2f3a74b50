//! The shared quote fixtures: `tests/fixtures/quote/*.json`, each a program, a
//! cart, a customer (or `null`), an instant and the expected quote, with a
//! `"why"` that works the key numbers out by hand.
//!
//! The same files run natively (`cargo test --test fixtures`) and in headless
//! Chromium (`cargo test --target wasm32-unknown-unknown --test fixtures`), and
//! both must print the expected JSON byte for byte: the widget's preview is the
//! host's award.
//!
//! To (re)write the `expected` fields after a deliberate change, run natively
//! `TREU_BLESS=1 cargo test --test fixtures`, then check every changed number
//! against the fixture's `why` before committing.

use serde::Deserialize;
use serde_json::value::RawValue;
use treu::engine::cart::Cart;
use treu::engine::customer::Customer;
use treu::engine::program::Program;
use treu::engine::quote::quote;
use treu::engine::time::Timestamp;

#[cfg(target_arch = "wasm32")]
wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

/// Lists every fixture file; the files are compiled in, so the browser run
/// reads no file system. `every_fixture_file_is_listed` keeps the list complete.
macro_rules! fixtures {
    ($($name:ident),* $(,)?) => {
        const FIXTURES: &[(&str, &str)] = &[
            $((stringify!($name), include_str!(concat!("fixtures/quote/", stringify!($name), ".json")))),*
        ];
    };
}

fixtures!(
    guest_base_rate,
    rounding_nearest,
    rounding_up,
    exclusions_gift_card_shipping_tax,
    excluded_collection,
    rate_per_currency_jpy,
    no_rate_for_currency,
    kwd_three_decimals,
    empty_cart,
    product_and_collection_multipliers,
    tier_silver_multiplier,
    tier_held_from_last_year,
    tier_rolling_window,
    tier_points_lifetime,
    tier_points_next_incentive,
    tier_free_shipping_override,
    tier_free_shipping_always,
    tier_override_not_for_silver,
    market_threshold,
    free_shipping_exclusions,
    free_shipping_exactly_at_threshold,
    guest_join_invite,
    campaign_active,
    campaign_not_started,
    campaign_end_is_exclusive,
    campaign_scoped_to_collection,
    campaign_bonus_reached,
    campaign_bonus_next_incentive,
    campaign_for_gold_only,
    stacking_rules_add_up,
    redemptions_affordable_and_next,
    redemption_never_exceeds_the_cart,
    reward_next_incentive,
    negative_balance_after_clawback,
    tier_spend_next_incentive,
    stage_at_risk_no_win_back,
    win_back_for_lapsed,
    win_back_below_minimum,
    stage_prospect_member,
    full_program_gold_member,
    full_program_guest,
    segment_offer_for_beans_buyer,
    segment_offer_purchase_outside_window,
    segment_lapsed_campaign_bonus,
    segment_guest_gets_no_offer,
);

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Fixture<'a> {
    #[allow(dead_code)]
    why: String,
    program: Program,
    cart: Cart,
    customer: Option<Customer>,
    now: Timestamp,
    #[serde(borrow)]
    expected: &'a RawValue,
}

/// `json` without the whitespace between tokens: the canonical form
/// `serde_json::to_string` writes.
fn minified(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for character in json.chars() {
        if in_string {
            out.push(character);
            match (escaped, character) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
        } else if character == '"' {
            in_string = true;
            out.push(character);
        } else if !character.is_whitespace() {
            out.push(character);
        }
    }
    out
}

fn run(name: &str, text: &str) -> Result<(String, String), String> {
    let fixture: Fixture =
        serde_json::from_str(text).map_err(|error| format!("{name}: unreadable fixture: {error}"))?;
    let quote = quote(&fixture.program, &fixture.cart, fixture.customer.as_ref(), fixture.now)
        .map_err(|error| format!("{name}: quote refused the inputs: {error}"))?;
    let actual = serde_json::to_string(&quote).map_err(|error| format!("{name}: {error}"))?;
    Ok((actual, minified(fixture.expected.get())))
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn every_fixture_gives_its_expected_quote_byte_for_byte() {
    let mut failures = Vec::new();
    for (name, text) in FIXTURES {
        match run(name, text) {
            Ok((actual, expected)) if actual == expected => {}
            Ok((actual, expected)) => {
                #[cfg(not(target_arch = "wasm32"))]
                if std::env::var_os("TREU_BLESS").is_some() {
                    bless(name, text, &actual);
                    continue;
                }
                failures.push(format!("{name}:\n  expected {expected}\n  actual   {actual}"));
            }
            Err(problem) => failures.push(problem),
        }
    }
    assert!(failures.is_empty(), "{} of {} fixtures differ:\n{}", failures.len(), FIXTURES.len(), failures.join("\n"));
}

/// In Chromium: the storefront's own readers (`treu::web::read`, no serde)
/// read every fixture's program, cart, customer and instant into the same
/// engine values as serde, and its writer (`treu::web::write`) writes the
/// quote as the very text serde_json writes.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen_test::wasm_bindgen_test]
fn the_storefront_reads_and_writes_every_fixture_as_serde_does() {
    use treu::web::{read, write};
    let field = |object: &wasm_bindgen::JsValue, key: &str| js_sys::Reflect::get(object, &key.into()).unwrap();
    for (name, text) in FIXTURES {
        let fixture: Fixture = serde_json::from_str(text).unwrap();
        let parsed = js_sys::JSON::parse(text).unwrap();
        assert_eq!(read::program(field(&parsed, "program")), Ok(fixture.program.clone()), "{name}: program");
        assert_eq!(read::cart(field(&parsed, "cart")), Ok(fixture.cart.clone()), "{name}: cart");
        let customer = field(&parsed, "customer");
        let customer = (!customer.is_null()).then(|| read::customer("customer", customer).unwrap());
        assert_eq!(customer, fixture.customer, "{name}: customer");
        assert_eq!(read::timestamp("now", field(&parsed, "now")), Ok(fixture.now), "{name}: now");
        let quote = quote(&fixture.program, &fixture.cart, fixture.customer.as_ref(), fixture.now).unwrap();
        assert_eq!(write::to_json(&quote), serde_json::to_string(&quote).unwrap(), "{name}: quote");
        assert_eq!(write::to_json(&fixture.cart), serde_json::to_string(&fixture.cart).unwrap(), "{name}: cart");
    }
}

#[cfg_attr(target_arch = "wasm32", wasm_bindgen_test::wasm_bindgen_test)]
#[cfg_attr(not(target_arch = "wasm32"), test)]
fn there_are_at_least_thirty_fixtures() {
    assert!(FIXTURES.len() >= 30, "only {} fixtures", FIXTURES.len());
}

/// Native only: fixture files listed here and files on disk are the same set.
#[cfg(not(target_arch = "wasm32"))]
#[test]
fn every_fixture_file_is_listed() {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/quote");
    let mut on_disk: Vec<String> = std::fs::read_dir(&folder)
        .expect("tests/fixtures/quote exists")
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok()?.strip_suffix(".json").map(str::to_owned))
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = FIXTURES.iter().map(|(name, _)| (*name).to_owned()).collect();
    listed.sort();
    assert_eq!(listed, on_disk, "list every file in the fixtures! macro");
}

#[cfg(not(target_arch = "wasm32"))]
#[test]
fn pretty_printing_round_trips() {
    let json = r#"{"a":[],"b":{"c":"x, \\\"{y}","d":[1,{"e":null}]},"f":{}}"#;
    assert_eq!(minified(&pretty(json)), json);
}

/// Rewrites the `"expected"` field, which is the last one of every fixture.
#[cfg(not(target_arch = "wasm32"))]
fn bless(name: &str, text: &str, actual: &str) {
    let start =
        text.rfind("\n  \"expected\":").unwrap_or_else(|| panic!("{name}: \"expected\" must be the last field"));
    let pretty = pretty(actual);
    let file = format!("{}\n  \"expected\": {}\n}}\n", &text[..start], pretty.replace('\n', "\n  "));
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("tests/fixtures/quote/{name}.json"));
    std::fs::write(&path, file).unwrap_or_else(|error| panic!("{}: {error}", path.display()));
    eprintln!("blessed {name}: check it against its \"why\"");
}

/// Pretty-prints canonical (minified) JSON with two-space indents, keeping key
/// order (serde_json's `Value` would sort the keys).
#[cfg(not(target_arch = "wasm32"))]
fn pretty(json: &str) -> String {
    let mut out = String::new();
    let mut depth = 0_usize;
    let (mut in_string, mut escaped) = (false, false);
    let mut characters = json.chars().peekable();
    let newline = |out: &mut String, depth: usize| {
        out.push('\n');
        out.push_str(&"  ".repeat(depth));
    };
    while let Some(character) = characters.next() {
        if in_string {
            out.push(character);
            match (escaped, character) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match character {
            '"' => {
                in_string = true;
                out.push('"');
            }
            '{' | '[' if matches!(characters.peek(), Some('}' | ']')) => {
                out.push(character);
                out.push(characters.next().unwrap_or(' '));
            }
            '{' | '[' => {
                out.push(character);
                depth += 1;
                newline(&mut out, depth);
            }
            '}' | ']' => {
                depth = depth.saturating_sub(1);
                newline(&mut out, depth);
                out.push(character);
            }
            ',' => {
                out.push(',');
                newline(&mut out, depth);
            }
            ':' => out.push_str(": "),
            other => out.push(other),
        }
    }
    out
}
