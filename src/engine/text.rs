//! Limits on the merchant's texts in a program (names and ids), checked with
//! the rest of the program: shoppers see the names in the widgets, ids end up
//! in discount codes, URLs and reports. A name too long for the panel, a NUL
//! or a line break in it, or a name of blanks is refused at its JSON path.

use super::error::InputError;

/// Most characters in a name shoppers see (a reward, tier, campaign, offer).
pub const MAX_NAME_CHARS: usize = 80;
/// Most characters in an id.
pub const MAX_ID_CHARS: usize = 64;

pub const TOO_LONG_NAME: &str = "must be at most 80 characters";
pub const TOO_LONG_ID: &str = "must be at most 64 characters";
pub const CONTROL: &str = "must not contain control characters (line breaks, tabs, NUL)";
pub const BLANK: &str = "must not be only spaces";

/// Where a text is: `program.<list>[<index>].<field>`, or `program.<list>.<field>`
/// without an index. Built only for a problem, so a sound text allocates nothing.
pub struct At<'a>(pub &'a str, pub Option<usize>, pub &'a str);

impl At<'_> {
    fn path(&self) -> String {
        match self.1 {
            Some(index) => format!("program.{}[{index}].{}", self.0, self.2),
            None => format!("program.{}.{}", self.0, self.2),
        }
    }
}

/// Checks a name shown to shoppers. An empty name is allowed where the
/// program falls back to something else (a reward shows its id); one of only
/// spaces is not, since it would show as nothing.
pub fn check_name(name: &str, at: At, errors: &mut InputError) {
    check(name, MAX_NAME_CHARS, TOO_LONG_NAME, &at, errors);
    if !name.is_empty() && name.trim().is_empty() {
        errors.push(at.path(), BLANK);
    }
}

/// Checks an id (whose emptiness each rule checks itself).
pub fn check_id(id: &str, at: At, errors: &mut InputError) {
    check(id, MAX_ID_CHARS, TOO_LONG_ID, &at, errors);
}

// One copy for every caller (the Wasm module stays small); a sound text costs
// one pass over its characters and no allocation.
#[inline(never)]
fn check(text: &str, max: usize, too_long: &'static str, at: &At, errors: &mut InputError) {
    if text.chars().nth(max).is_some() {
        errors.push(at.path(), too_long);
    }
    if text.chars().any(char::is_control) {
        errors.push(at.path(), CONTROL);
    }
}

/// Checks that no entry of the lists of ids `lists` (`(field, entries)`) is
/// blank: `<path(field)>[<position>]: must not be empty`. One copy for every
/// rule with product, collection or tier lists.
#[inline(never)]
pub fn check_listed(lists: &[(&str, &[String])], path: &dyn Fn(&str) -> String, errors: &mut InputError) {
    for (field, entries) in lists {
        for (position, entry) in entries.iter().enumerate() {
            errors.require(!entry.trim().is_empty(), || format!("{}[{position}]", path(field)), "must not be empty");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(check: fn(&str, At, &mut InputError), text: &str) -> Vec<String> {
        let mut errors = InputError::default();
        check(text, At("rewards", Some(2), "name"), &mut errors);
        errors.errors.into_iter().map(|error| format!("{}: {}", error.path, error.reason)).collect::<Vec<_>>()
    }

    #[test]
    fn names_have_limits() {
        assert!(problems(check_name, "").is_empty());
        assert!(problems(check_name, "Gold – Straßenkaffeeröstereimitgliedschaft ☕").is_empty());
        assert!(problems(check_name, &"é".repeat(80)).is_empty());
        assert_eq!(problems(check_name, &"é".repeat(81)), ["program.rewards[2].name: must be at most 80 characters"]);
        assert_eq!(problems(check_name, "Gold\0"), [format!("program.rewards[2].name: {CONTROL}")]);
        assert_eq!(problems(check_name, "Gold\nTier"), [format!("program.rewards[2].name: {CONTROL}")]);
        assert_eq!(problems(check_name, "   "), ["program.rewards[2].name: must not be only spaces"]);
    }

    #[test]
    fn ids_have_limits() {
        assert!(problems(check_id, "five-off").is_empty());
        assert_eq!(problems(check_id, &"x".repeat(65)), ["program.rewards[2].name: must be at most 64 characters"]);
        assert_eq!(problems(check_id, "a\u{7f}"), [format!("program.rewards[2].name: {CONTROL}")]);
    }
}
