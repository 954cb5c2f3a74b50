//! Referrals: unguessable codes, and the fraud rules a referral must pass
//! before the friend's discount and the advocate's points are given.
//!
//! The advocate's points come from the `referral` action rule; the friend's
//! welcome discount and the rules below come from the program's `referral`.

use super::discount::Discount;
use super::error::InputError;
use super::time::Timestamp;
use serde::{Deserialize, Serialize};
use std::fmt;

/// How referrals work in this program.
///
/// ```json
/// { "friendDiscount": { "kind": "amountOff", "amount": 1000, "minimumSpend": 4000 },
///   "attributionDays": 30, "maxRewardsPerDay": 5 }
/// ```
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(not(feature = "lenient"), serde(deny_unknown_fields))]
pub struct ReferralRules {
    /// What the referred friend gets on their first order.
    pub friend_discount: Discount,
    /// Days after the friend claims the code within which their first order counts.
    #[serde(default = "default_attribution_days")]
    pub attribution_days: i64,
    /// The most referral rewards one advocate can receive per UTC day; none: no limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_rewards_per_day: Option<i64>,
}

pub(crate) fn default_attribution_days() -> i64 {
    30
}

impl ReferralRules {
    /// Records every problem in `errors`, with paths under `program.referral`.
    pub fn check(&self, errors: &mut InputError) {
        self.friend_discount.check("program.referral.friendDiscount", errors);
        errors.require(
            (1..=3650).contains(&self.attribution_days),
            || "program.referral.attributionDays".into(),
            "must be from 1 to 3650",
        );
        errors.require(
            self.max_rewards_per_day.is_none_or(|max| max >= 1),
            || "program.referral.maxRewardsPerDay".into(),
            "must be at least 1",
        );
    }
}

/// Crockford's base 32: digits and capitals without I, L, O and U, so a code
/// read aloud or typed from paper is not misread.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Characters of randomness in a code: 13 × 5 = 65 bits.
pub const RANDOM_CHARACTERS: usize = 13;

/// Random bytes a code is made from; 9 bytes give the 65 bits used.
pub const RANDOM_BYTES: usize = 9;

/// A referral code: 13 random characters and a check character (Luhn mod 32),
/// written in groups of four: `"7K3M-QX9T-2VHA-PDW"`-style (the canonical form
/// has no dashes). With 65 random bits a code cannot be guessed; the check
/// character catches every single mistyped character and every swap of two
/// neighbours but `0`↔`Z` before any network call.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct ReferralCode([u8; RANDOM_CHARACTERS + 1]);

impl ReferralCode {
    /// A new code from `random` bytes, which the caller draws from a
    /// cryptographically secure source (the engine has none: no I/O).
    pub fn generate(random: [u8; RANDOM_BYTES]) -> ReferralCode {
        let mut bits = random.iter().fold(0_u128, |bits, byte| bits << 8 | u128::from(*byte));
        let mut code = [0_u8; RANDOM_CHARACTERS + 1];
        for slot in code[..RANDOM_CHARACTERS].iter_mut() {
            *slot = ALPHABET[(bits & 31) as usize];
            bits >>= 5;
        }
        code[RANDOM_CHARACTERS] = ALPHABET[check_value(&code[..RANDOM_CHARACTERS]) as usize];
        ReferralCode(code)
    }

    /// Reads a code as a person typed it: case, spaces and dashes do not
    /// matter, and O, I and L are read as 0, 1 and 1. Fails, on the field
    /// `code`, for a wrong length, a character outside the alphabet or a
    /// check character that does not match (a typo).
    pub fn parse(text: &str) -> Result<ReferralCode, InputError> {
        let mut code = [0_u8; RANDOM_CHARACTERS + 1];
        let mut length = 0;
        for character in text.chars().filter(|c| !matches!(c, ' ' | '-')) {
            let normal = match character.to_ascii_uppercase() {
                'O' => '0',
                'I' | 'L' => '1',
                other => other,
            };
            if !normal.is_ascii() || !ALPHABET.contains(&(normal as u8)) {
                return Err(InputError::field("code", format!("\"{character}\" is not a character of referral codes")));
            }
            if length == code.len() {
                return Err(InputError::field("code", "is too long for a referral code"));
            }
            code[length] = normal as u8;
            length += 1;
        }
        if length != code.len() {
            return Err(InputError::field("code", format!("must have {} characters", code.len())));
        }
        if value(code[RANDOM_CHARACTERS]) != check_value(&code[..RANDOM_CHARACTERS]) {
            return Err(InputError::field("code", "does not check out: a character may be mistyped"));
        }
        Ok(ReferralCode(code))
    }

    /// The canonical form, without dashes.
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("")
    }

    /// The code in groups of four for people: `XXXX-XXXX-XXXX-XX`.
    pub fn grouped(&self) -> String {
        self.0.chunks(4).map(|chunk| std::str::from_utf8(chunk).unwrap_or("")).collect::<Vec<_>>().join("-")
    }
}

impl fmt::Display for ReferralCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for ReferralCode {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ReferralCode {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        ReferralCode::parse(&text).map_err(serde::de::Error::custom)
    }
}

fn value(character: u8) -> u32 {
    ALPHABET.iter().position(|c| *c == character).unwrap_or(0) as u32
}

/// Luhn mod N (N = 32): the character that makes the weighted sum divisible by 32.
fn check_value(characters: &[u8]) -> u32 {
    let mut sum = 0;
    for (position, character) in characters.iter().rev().enumerate() {
        let mut addend = value(*character);
        if position % 2 == 0 {
            addend *= 2;
            addend = addend / 32 + addend % 32;
        }
        sum += addend;
    }
    (32 - sum % 32) % 32
}

/// One side of a referral, as the host knows them.
#[derive(Clone, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Party {
    pub customer_id: String,
    #[serde(default)]
    pub email: Option<String>,
    /// Shipping address in any layout; compared without case, spaces or punctuation.
    #[serde(default)]
    pub address: Option<String>,
}

/// A friend's paid order that claims a referral.
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReferralClaim {
    pub advocate: Party,
    pub friend: Party,
    /// When the friend claimed the code (followed the link or entered it).
    pub claimed_at: Timestamp,
    /// When the friend's order was paid.
    pub ordered_at: Timestamp,
    /// Paid orders the friend placed before this one.
    pub friend_earlier_orders: i64,
    /// Referral rewards the advocate already received on the order's UTC day.
    #[serde(default)]
    pub advocate_rewards_today: i64,
}

/// Why a referral earns nothing.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize)]
#[serde(rename_all = "camelCase", tag = "reason")]
pub enum ReferralRefusal {
    /// The friend is the advocate: same customer, same email or same address.
    SelfReferral { by: SameBy },
    /// Only a friend's first order counts.
    NotFirstOrder,
    /// The order came more than `attributionDays` after the claim (or before it).
    OutsideAttributionWindow,
    /// The advocate has received `maxRewardsPerDay` rewards today.
    RateLimited,
}

/// What the advocate and the friend share in a self-referral.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum SameBy {
    Customer,
    Email,
    Address,
}

/// Whether `claim` earns its rewards under `rules`, or the first reason it does not.
pub fn check_claim(rules: &ReferralRules, claim: &ReferralClaim) -> Result<(), ReferralRefusal> {
    let (advocate, friend) = (&claim.advocate, &claim.friend);
    if advocate.customer_id.trim() == friend.customer_id.trim() {
        return Err(ReferralRefusal::SelfReferral { by: SameBy::Customer });
    }
    if same(&advocate.email, &friend.email, normal_email) {
        return Err(ReferralRefusal::SelfReferral { by: SameBy::Email });
    }
    if same(&advocate.address, &friend.address, normal_address) {
        return Err(ReferralRefusal::SelfReferral { by: SameBy::Address });
    }
    if claim.friend_earlier_orders > 0 {
        return Err(ReferralRefusal::NotFirstOrder);
    }
    let deadline = claim.claimed_at.plus_days(rules.attribution_days);
    if claim.ordered_at < claim.claimed_at || claim.ordered_at > deadline {
        return Err(ReferralRefusal::OutsideAttributionWindow);
    }
    if rules.max_rewards_per_day.is_some_and(|max| claim.advocate_rewards_today >= max) {
        return Err(ReferralRefusal::RateLimited);
    }
    Ok(())
}

fn same(a: &Option<String>, b: &Option<String>, normal: fn(&str) -> String) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => {
            let a = normal(a);
            !a.is_empty() && a == normal(b)
        }
        _ => false,
    }
}

/// Lower case, trimmed, without a `+tag` and, for Gmail, without dots in the name:
/// `"Ann.Lee+shop@GMail.com"` and `"annlee@gmail.com"` are one person.
pub fn normal_email(email: &str) -> String {
    let email = email.trim().to_lowercase();
    let Some((name, domain)) = email.rsplit_once('@') else { return email };
    let name = name.split('+').next().unwrap_or(name);
    let name = if matches!(domain, "gmail.com" | "googlemail.com") { name.replace('.', "") } else { name.to_owned() };
    format!("{name}@{domain}")
}

fn normal_address(address: &str) -> String {
    address.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_catch_typos() {
        let code = ReferralCode::generate([0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0, 0x11]);
        assert_eq!(code.as_str().len(), 14);
        assert_eq!(ReferralCode::parse(&code.grouped().to_lowercase()), Ok(code));
        let text = code.as_str().as_bytes().to_vec();
        for position in 0..text.len() {
            for replacement in ALPHABET.iter().filter(|c| **c != text[position]) {
                let mut typo = text.clone();
                typo[position] = *replacement;
                assert!(ReferralCode::parse(std::str::from_utf8(&typo).unwrap()).is_err());
            }
            let pair = [text[position], *text.get(position + 1).unwrap_or(&b'0')];
            let blind_spot = pair == *b"0Z" || pair == *b"Z0";
            if position + 1 < text.len() && text[position] != text[position + 1] && !blind_spot {
                let mut swapped = text.clone();
                swapped.swap(position, position + 1);
                assert!(ReferralCode::parse(std::str::from_utf8(&swapped).unwrap()).is_err(), "swap at {position}");
            }
        }
        for bad in ["", "ABC", "ÄÄÄÄ", "0000-0000-0000-000"] {
            assert!(ReferralCode::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn different_random_bytes_make_different_codes() {
        let a = ReferralCode::generate([0; 9]);
        let b = ReferralCode::generate([0, 0, 0, 0, 0, 0, 0, 0, 1]);
        let c = ReferralCode::generate([1, 0, 0, 0, 0, 0, 0, 0, 0]);
        assert!(a != b && b != c && a != c);
    }

    fn claim() -> ReferralClaim {
        serde_json::from_str(
            r#"{"advocate":{"customerId":"a","email":"Ann.Lee+x@gmail.com","address":"Hauptstr. 1, 10115 Berlin"},
                "friend":{"customerId":"b","email":"bo@example.com","address":"Ring 2, Wien"},
                "claimedAt":"2025-06-01T00:00:00Z","orderedAt":"2025-06-20T00:00:00Z","friendEarlierOrders":0}"#,
        )
        .unwrap()
    }

    #[test]
    fn fraud_rules() {
        let rules: ReferralRules =
            serde_json::from_str(r#"{"friendDiscount":{"kind":"percentOff","percent":10},"maxRewardsPerDay":2}"#)
                .unwrap();
        assert_eq!(check_claim(&rules, &claim()), Ok(()));
        let mut c = claim();
        c.friend.email = Some(" annlee@GMAIL.com".into());
        assert_eq!(check_claim(&rules, &c), Err(ReferralRefusal::SelfReferral { by: SameBy::Email }));
        let mut c = claim();
        c.friend.address = Some("HAUPTSTR 1 10115 berlin".into());
        assert_eq!(check_claim(&rules, &c), Err(ReferralRefusal::SelfReferral { by: SameBy::Address }));
        let mut c = claim();
        c.friend.customer_id = "a".into();
        assert_eq!(check_claim(&rules, &c), Err(ReferralRefusal::SelfReferral { by: SameBy::Customer }));
        let mut c = claim();
        c.friend_earlier_orders = 1;
        assert_eq!(check_claim(&rules, &c), Err(ReferralRefusal::NotFirstOrder));
        let mut c = claim();
        c.ordered_at = Timestamp::parse("2025-07-01T00:00:01Z").unwrap();
        assert_eq!(check_claim(&rules, &c), Err(ReferralRefusal::OutsideAttributionWindow));
        let mut c = claim();
        c.advocate_rewards_today = 2;
        assert_eq!(check_claim(&rules, &c), Err(ReferralRefusal::RateLimited));
    }
}
