//! The engine's one error type: every problem with an input, each naming the
//! JSON path of the field it is about and the reason, all found at once.

use serde::Serialize;
use std::fmt;

/// One problem with one field of an input.
#[derive(Clone, PartialEq, Eq, Debug, Serialize)]
pub struct FieldError {
    /// JSON path of the field, e.g. `"cart.lines[2].quantity"`.
    pub path: String,
    /// Why it was rejected, in words a merchant or developer can act on.
    pub reason: String,
}

/// Every problem found in an input. Never empty when returned as an error.
#[derive(Clone, PartialEq, Eq, Debug, Default, Serialize)]
#[serde(transparent)]
pub struct InputError {
    pub errors: Vec<FieldError>,
}

impl InputError {
    /// One problem with the field at `path`.
    #[inline]
    pub fn field(path: impl Into<String>, reason: impl Into<String>) -> InputError {
        let mut error = InputError::default();
        error.push(path, reason);
        error
    }

    /// Records a problem with the field at `path`.
    #[inline]
    pub fn push(&mut self, path: impl Into<String>, reason: impl Into<String>) {
        self.push_field(path.into(), reason.into());
    }

    /// Records a problem with the field at `path()` unless `ok`. The path is only
    /// built when there is a problem, so checking a sound input costs no allocation.
    #[inline]
    pub fn require(&mut self, ok: bool, path: impl FnOnce() -> String, reason: impl Into<String>) {
        if !ok {
            self.push_field(path(), reason.into());
        }
    }

    // One copy of the code that records, however many argument types the
    // generic helpers above are called with (it keeps the Wasm module small).
    #[inline(never)]
    fn push_field(&mut self, path: String, reason: String) {
        self.errors.push(FieldError { path, reason });
    }

    /// Whether nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// `Ok(value)` if nothing was recorded, else the recorded problems.
    pub fn or_ok<T>(self, value: T) -> Result<T, InputError> {
        if self.errors.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, error) in self.errors.iter().enumerate() {
            if index > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{}: {}", error.path, error.reason)?;
        }
        Ok(())
    }
}

impl std::error::Error for InputError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_every_problem_with_its_path() {
        let mut error = InputError::default();
        error.push("cart.currency", "\"EURO\" is not an ISO 4217 currency code");
        error.push("cart.lines[1].quantity", "must be at least 1");
        assert_eq!(
            error.to_string(),
            "cart.currency: \"EURO\" is not an ISO 4217 currency code; cart.lines[1].quantity: must be at least 1"
        );
        assert!(error.or_ok(()).is_err());
        assert_eq!(InputError::default().or_ok(7), Ok(7));
    }
}
