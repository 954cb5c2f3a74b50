//! The merchant's program: the configuration every rule reads, as JSON.
//!
//! A program is versioned (`"version": 1`) so the format can grow without
//! breaking stored programs. `docs/program.md` explains every field to merchants.

use super::error::InputError;
use super::money::Currency;
use serde::{Deserialize, Serialize};

/// The only program format version this engine reads.
pub const PROGRAM_VERSION: u32 = 1;

/// A merchant's loyalty program.
///
/// ```
/// let program: treu::engine::program::Program = serde_json::from_str(r#"{
///     "version": 1,
///     "currency": "EUR",
///     "freeShipping": { "thresholds": [{ "currency": "EUR", "minimum": 5000 }] }
/// }"#).unwrap();
/// assert!(program.validated().is_ok());
/// ```
#[derive(Clone, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Program {
    /// Format version; must be [`PROGRAM_VERSION`].
    pub version: u32,
    /// The shop's main currency.
    pub currency: Currency,
    /// Free-shipping rules; no thresholds means no free-shipping incentive.
    #[serde(default)]
    pub free_shipping: FreeShippingRules,
}

/// When an order ships free.
#[derive(Clone, PartialEq, Eq, Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FreeShippingRules {
    /// One minimum order value per currency.
    #[serde(default)]
    pub thresholds: Vec<ShippingThreshold>,
    /// Products whose price does not count toward the minimum.
    #[serde(default)]
    pub excluded_products: Vec<String>,
}

/// Orders in `currency` ship free from `minimum` (minor units) of eligible goods.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ShippingThreshold {
    pub currency: Currency,
    pub minimum: i64,
}

impl Program {
    /// The program if every rule is sensible, else every problem, with JSON paths
    /// under `program`.
    pub fn validated(self) -> Result<Program, InputError> {
        let mut errors = InputError::default();
        if self.version != PROGRAM_VERSION {
            errors.push("program.version", format!("must be {PROGRAM_VERSION}, found {}", self.version));
        }
        for (index, threshold) in self.free_shipping.thresholds.iter().enumerate() {
            let path = format!("program.freeShipping.thresholds[{index}]");
            if threshold.minimum <= 0 {
                errors.push(format!("{path}.minimum"), "must be greater than 0 (minor units)");
            }
            let earlier = &self.free_shipping.thresholds[..index];
            if earlier.iter().any(|other| other.currency == threshold.currency) {
                errors.push(format!("{path}.currency"), format!("{} has a threshold already", threshold.currency));
            }
        }
        for (index, product) in self.free_shipping.excluded_products.iter().enumerate() {
            if product.trim().is_empty() {
                errors.push(format!("program.freeShipping.excludedProducts[{index}]"), "must not be empty");
            }
        }
        errors.or_ok(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_all_problems_at_once() {
        let program: Program = serde_json::from_str(
            r#"{"version":2,"currency":"EUR","freeShipping":{"thresholds":[
                {"currency":"EUR","minimum":0},{"currency":"EUR","minimum":4000}]}}"#,
        )
        .unwrap();
        let error = program.validated().unwrap_err();
        let paths: Vec<&str> = error.errors.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "program.version",
                "program.freeShipping.thresholds[0].minimum",
                "program.freeShipping.thresholds[1].currency"
            ]
        );
    }

    #[test]
    fn unknown_fields_are_rejected() {
        let json = r#"{"version":1,"currency":"EUR","freeShiping":{}}"#;
        assert!(serde_json::from_str::<Program>(json).unwrap_err().to_string().contains("freeShiping"));
    }
}
