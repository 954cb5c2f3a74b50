//! What a template sees (docs/mail.md, "Templates"): `customer` (`id`,
//! `name`, `email`), `shop` (`name`), `language`, and per kind the event's
//! `data` as `event`, the digest's `items` (`kind`, `subject`, `text`,
//! `html`) or the opt-in's `confirmUrl`. Also the sample the dashboard's
//! preview renders, and the unsubscribe footer every marketing mail ends with.

use super::templates::{self, Rendered, Template, CONFIRM, DIGEST};
use crate::storage::mail::{SettingsRow, TemplateRow};
use crate::storage::Store;
use serde_json::{json, Value};

/// The shop's side of every mail, read once per round.
pub struct Shop {
    pub settings: SettingsRow,
    pub templates: Vec<TemplateRow>,
}

impl Shop {
    pub async fn load(store: &Store) -> Result<Shop, sqlx::Error> {
        let conn = &mut *store.read().await?;
        Ok(Shop {
            settings: crate::storage::mail::settings(conn).await?,
            templates: crate::storage::mail::templates(conn).await?,
        })
    }

    /// The customer's language if it has templates, else the shop's default.
    pub fn language(&self, locale: Option<&str>) -> String {
        let primary = locale.and_then(|locale| locale.split(['-', '_']).next()).map(str::to_ascii_lowercase);
        match primary {
            Some(language) if templates::LANGUAGES.contains(&language.as_str()) => language,
            _ => self.settings.default_language.clone(),
        }
    }

    pub fn template(&self, kind: &str, language: &str) -> Option<Template> {
        templates::in_force(&self.templates, kind, language)
    }

    /// Renders `kind` in `language` with `context`; an error names the part.
    pub fn render(&self, kind: &str, language: &str, context: &Value) -> Result<Rendered, String> {
        let template = self.template(kind, language).ok_or_else(|| format!("no template {kind} in {language}"))?;
        templates::render(&template, context, &self.settings.timezone, language)
            .map_err(|(part, error)| format!("template {kind} ({language}), {part}: {error}"))
    }

    /// The context all kinds share.
    pub fn base(&self, customer: &Value, language: &str) -> Value {
        json!({ "customer": customer, "shop": { "name": self.settings.shop_name }, "language": language })
    }
}

/// `customer` as templates see it.
pub fn customer(id: &str, name: Option<&str>, email: Option<&str>) -> Value {
    json!({ "id": id, "name": name, "email": email })
}

/// Adds `name: value` to a context object.
pub fn with(mut context: Value, name: &str, value: Value) -> Value {
    if let Some(object) = context.as_object_mut() {
        object.insert(name.to_owned(), value);
    }
    context
}

/// Ends a marketing mail with its unsubscribe link, in `language`.
pub fn footer(mut mail: Rendered, language: &str, unsubscribe: &str) -> Rendered {
    let words = if language == "de" { "Keine Mails mehr? Abmelden" } else { "No more mails? Unsubscribe" };
    mail.text.push_str(&format!("\n\n--\n{words}: {unsubscribe}\n"));
    let href = minijinja::HtmlEscape(unsubscribe).to_string();
    mail.html.push_str(&format!("\n<hr><p><a href=\"{href}\">{words}</a></p>\n"));
    mail
}

/// The sample customer and event the dashboard's preview renders `kind` with.
pub fn sample(shop: &Shop, kind: &str, language: &str) -> Value {
    let customer = customer("sample", Some("Ann Example"), Some("ann@example.com"));
    let base = shop.base(&customer, language);
    let in_a_week = crate::clock::now().unix() + 7 * 86_400;
    let expires = treu::engine::time::Timestamp::from_unix(in_a_week);
    let event = match kind {
        crate::events::POINTS_EXPIRING => {
            json!({ "points": 120, "expiresAt": expires, "daysLeft": 7, "lot": 1, "balance": { "available": 340, "pending": 0, "total": 340 } })
        }
        crate::events::CODE_EXPIRING => {
            json!({ "code": "TREU-5OFF-SAMPLE", "rewardId": "5-off", "rewardName": "€5 off", "points": 500, "expiresAt": expires, "daysLeft": 3 })
        }
        crate::events::REWARD_AVAILABLE => {
            json!({ "rewards": [{ "id": "5-off", "name": "€5 off", "kind": "amountOff", "points": 500 }], "balance": { "available": 520, "pending": 0, "total": 520 } })
        }
        crate::events::CUSTOMER_LAPSED => {
            json!({ "daysSinceLastOrder": 120, "orders": 3, "winBack": { "name": "10% off your next order" } })
        }
        _ => Value::Null,
    };
    match kind {
        DIGEST => {
            let items: Vec<Value> = [crate::events::POINTS_EXPIRING, crate::events::CODE_EXPIRING]
                .iter()
                .filter_map(|item| {
                    let rendered = shop.render(item, language, &sample(shop, item, language)).ok()?;
                    Some(json!({ "kind": item, "subject": rendered.subject, "text": rendered.text, "html": rendered.html }))
                })
                .collect();
            with(base, "items", Value::Array(items))
        }
        CONFIRM => with(base, "confirmUrl", json!("https://shop.example/v1/mail/confirm?token=sample")),
        _ => with(base, "event", event),
    }
}
