//! The limits on a program's merchant texts (`treu::engine::text`): each
//! problem is refused at its JSON path, every one at once.

use treu::engine::program::Program;

fn problems(program: serde_json::Value) -> Vec<String> {
    let program: Program = serde_json::from_value(program).expect("the program parses");
    match program.validated() {
        Ok(_) => Vec::new(),
        Err(error) => error.errors.into_iter().map(|error| format!("{}: {}", error.path, error.reason)).collect(),
    }
}

#[test]
fn every_merchant_text_has_limits_at_its_path() {
    let long = "Kaffeeröstereimitgliedschaft".repeat(3);
    let found = problems(serde_json::json!({
        "version": 1,
        "currency": "EUR",
        "earning": { "multipliers": [{ "id": "coffee", "name": "Double\u{0}", "percent": 200, "collections": ["coffee"] }] },
        "campaigns": [{ "id": "c".repeat(65), "name": "Spring", "startsAt": 0, "endsAt": 1, "bonusPoints": 10 }],
        "redemptions": [
            { "id": "five-off", "name": long, "kind": "amountOff", "points": 500, "amount": 500 },
            { "id": "ship", "name": "  ", "kind": "freeShipping", "points": 300 },
            { "id": "mug", "kind": "freeShipping", "points": 300 }
        ],
        "tiers": { "basis": "spend", "period": "lifetime",
                   "levels": [{ "id": "silver", "name": "Silver\nTier", "threshold": 0 }] },
        "lifecycle": { "winBack": { "name": "W".repeat(81), "discount": { "kind": "freeShipping" } } }
    }));
    assert_eq!(
        found,
        [
            "program.redemptions[0].name: must be at most 80 characters",
            "program.redemptions[1].name: must not be only spaces",
            "program.campaigns[0].id: must be at most 64 characters",
            "program.earning.multipliers[0].name: must not contain control characters (line breaks, tabs, NUL)",
            "program.tiers.levels[0].name: must not contain control characters (line breaks, tabs, NUL)",
            "program.lifecycle.winBack.name: must be at most 80 characters",
        ]
    );
}

#[test]
fn names_at_the_limit_and_without_a_name_are_accepted() {
    let found = problems(serde_json::json!({
        "version": 1,
        "currency": "EUR",
        "redemptions": [
            { "id": "i".repeat(64), "name": "ü".repeat(80), "kind": "freeShipping", "points": 300 },
            { "id": "mug", "kind": "freeShipping", "points": 300 }
        ]
    }));
    assert_eq!(found, Vec::<String>::new());
}
