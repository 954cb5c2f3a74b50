//! Mail templates: subject, text and HTML per kind and language, rendered
//! with minijinja. The defaults ship in `defaults/{en,de}.txt`; a merchant's
//! own template (stored, `mail_templates`) replaces one. The HTML part is
//! autoescaped, so a customer's name or a reward's name arrives as text.

use crate::storage::mail::TemplateRow;
use minijinja::{Environment, Value as Jinja};
use serde_json::Value;

/// The languages mails are written in.
pub const LANGUAGES: &[&str] = &["en", "de"];

/// Kinds with a template: the event types that become mails, the digest of
/// several, and the opt-in mail.
pub const KINDS: &[&str] = &[
    crate::events::POINTS_EXPIRING,
    crate::events::CODE_EXPIRING,
    crate::events::REWARD_AVAILABLE,
    crate::events::CUSTOMER_LAPSED,
    DIGEST,
    CONFIRM,
];

/// The mail of several events at once.
pub const DIGEST: &str = "digest";
/// The transactional opt-in mail with the confirm link.
pub const CONFIRM: &str = "consent.confirm";

/// A template's three parts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// A rendered mail.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// The shipped template of `kind` in `language`.
pub fn default(kind: &str, language: &str) -> Option<Template> {
    let source = match language {
        "de" => include_str!("defaults/de.txt"),
        "en" => include_str!("defaults/en.txt"),
        _ => return None,
    };
    let part = |name: &str| section(source, &format!("{kind} {name}"));
    Some(Template { subject: part("subject")?, text: part("text")?, html: part("html")? })
}

/// The text under `## name` up to the next heading, without the final line break.
fn section(source: &str, name: &str) -> Option<String> {
    let heading = format!("## {name}\n");
    let start = source.find(&heading)? + heading.len();
    let rest = &source[start..];
    let end = rest.find("\n## ").map_or(rest.len(), |end| end + 1);
    Some(rest[..end].trim_end_matches('\n').to_owned())
}

/// The template in force: the merchant's if stored, else the default.
pub fn in_force(stored: &[TemplateRow], kind: &str, language: &str) -> Option<Template> {
    stored
        .iter()
        .find(|row| row.kind == kind && row.language == language)
        .map(|row| Template { subject: row.subject.clone(), text: row.text_body.clone(), html: row.html_body.clone() })
        .or_else(|| default(kind, language))
}

/// Renders `template` with `context`; dates shown in `timezone`, written as
/// `language` writes them. An error names the part (`subject`, `text`, `html`).
pub fn render(
    template: &Template,
    context: &Value,
    timezone: &str,
    language: &str,
) -> Result<Rendered, (&'static str, String)> {
    let mut env = Environment::new();
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Chainable);
    let zone = timezone.to_owned();
    let german = language == "de";
    env.add_filter("date", move |value: String| local_date(&value, &zone, german).unwrap_or(value));
    let context = Jinja::from_serialize(context);
    let part =
        |env: &mut Environment, name: &'static str, source: &str, escape: bool| {
            env.set_auto_escape_callback(move |_| {
                if escape {
                    minijinja::AutoEscape::Html
                } else {
                    minijinja::AutoEscape::None
                }
            });
            env.render_str(source, &context).map_err(|error| (name, error.to_string()))
        };
    let subject = part(&mut env, "subject", &template.subject, false)?;
    Ok(Rendered {
        // A subject is one line: a line break in it would start a header.
        subject: subject.split_whitespace().collect::<Vec<_>>().join(" "),
        text: part(&mut env, "text", &template.text, false)?,
        html: part(&mut env, "html", &template.html, true)?,
    })
}

/// An RFC 3339 instant as a date in `zone`: `31.12.2026` in German, `2026-12-31` otherwise.
pub fn local_date(instant: &str, zone: &str, german: bool) -> Option<String> {
    let timestamp: jiff::Timestamp = instant.parse().ok()?;
    let date = timestamp.in_tz(zone).ok()?.date();
    Some(if german { date.strftime("%d.%m.%Y").to_string() } else { date.to_string() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_kind_ships_in_every_language() {
        for kind in KINDS {
            for language in LANGUAGES {
                let template = default(kind, language).unwrap_or_else(|| panic!("{kind} {language}"));
                assert!(!template.subject.is_empty() && !template.text.is_empty() && !template.html.is_empty());
                assert!(!template.html.contains("## "), "{kind} {language}");
            }
        }
    }

    #[test]
    fn html_escapes_what_the_customer_typed_and_text_keeps_it() {
        let template = default(crate::events::POINTS_EXPIRING, "en").unwrap();
        let context = json!({
            "customer": { "name": "<b>Ann</b>" }, "shop": { "name": "Beans" },
            "event": { "points": 40, "expiresAt": "2026-12-31T23:30:00Z", "daysLeft": 7, "balance": { "available": 90 } },
        });
        let mail = render(&template, &context, "Europe/Berlin", "en").unwrap();
        assert_eq!(mail.subject, "40 points expire 2027-01-01");
        assert!(mail.html.contains("Hello &lt;b&gt;Ann&lt;") && !mail.html.contains("<b>"), "{}", mail.html);
        assert!(mail.text.contains("Hello <b>Ann</b>,"), "{}", mail.text);
        let german = render(&default(crate::events::POINTS_EXPIRING, "de").unwrap(), &context, "UTC", "de").unwrap();
        assert_eq!(german.subject, "40 Punkte verfallen am 31.12.2026");
    }

    #[test]
    fn a_broken_template_names_its_part() {
        let template = Template { subject: "ok".into(), text: "{% if %}".into(), html: String::new() };
        assert_eq!(render(&template, &json!({}), "UTC", "en").unwrap_err().0, "text");
    }
}
