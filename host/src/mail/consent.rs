//! Marketing consent, double opt-in (docs/mail.md, "Consent"): a request
//! (from the storefront, the dashboard, or a platform that only knows a
//! single opt-in) records `requested_at` and sends the transactional opt-in
//! mail; its link confirms (`confirmed_at`). Unsubscribing (the one-click
//! link, the storefront, the dashboard, the platform) ends it at once. A
//! platform that records a confirmed opt-in itself (Shopify's
//! `confirmed_opt_in`) confirms directly.

use super::context::{self, Shop};
use super::links::{self, Link, Purpose};
use super::send::{self, Outgoing};
use super::templates::CONFIRM;
use crate::storage::mail::{self as stored, ConsentRow, LogRow};
use crate::storage::{customers, to_json, Store};
use serde_json::json;

pub const REQUESTED: &str = "requested";
pub const CONFIRMED: &str = "confirmed";
pub const UNSUBSCRIBED: &str = "unsubscribed";

/// The consent of `customer`, `none` when nothing is on record.
pub async fn of(store: &Store, customer: &str) -> Result<ConsentRow, sqlx::Error> {
    let row = stored::consent(&mut *store.read().await?, customer).await?;
    Ok(row.unwrap_or_else(|| ConsentRow {
        customer_id: customer.to_owned(),
        status: "none".to_owned(),
        ..ConsentRow::default()
    }))
}

/// Records a request by `source` at `now` (the customer's `language` with it,
/// if given) and sends the opt-in mail. Consent already confirmed stays as it is.
pub async fn request(
    store: &Store,
    customer: &str,
    source: &str,
    language: Option<&str>,
    now: i64,
) -> Result<ConsentRow, sqlx::Error> {
    let current = of(store, customer).await?;
    let mut transaction = store.write().await?;
    if let Some(language) = language {
        stored::set_locale(&mut transaction, customer, language).await?;
    }
    if current.status == CONFIRMED {
        transaction.commit().await?;
        return Ok(current);
    }
    let row = ConsentRow {
        customer_id: customer.to_owned(),
        status: REQUESTED.to_owned(),
        requested_at: Some(now),
        confirmed_at: None,
        unsubscribed_at: current.unsubscribed_at,
        source: source.to_owned(),
        updated_at: now,
    };
    stored::save_consent(&mut transaction, &row).await?;
    transaction.commit().await?;
    opt_in_mail(store, customer, now).await?;
    Ok(row)
}

/// Confirms the request `link` answers; `None` if it answers none (another
/// request replaced it, or the customer unsubscribed since).
pub async fn confirm(store: &Store, link: &Link, now: i64) -> Result<Option<ConsentRow>, sqlx::Error> {
    let current = of(store, &link.customer).await?;
    if current.requested_at != Some(link.requested_at) || current.status == UNSUBSCRIBED {
        return Ok(None);
    }
    if current.status == CONFIRMED {
        return Ok(Some(current));
    }
    let row = ConsentRow {
        status: CONFIRMED.to_owned(),
        confirmed_at: Some(now),
        source: "link".to_owned(),
        updated_at: now,
        ..current
    };
    let mut transaction = store.write().await?;
    stored::save_consent(&mut transaction, &row).await?;
    transaction.commit().await?;
    Ok(Some(row))
}

/// Records consent confirmed elsewhere (a platform's confirmed opt-in) at `at`.
pub async fn confirmed_elsewhere(
    store: &Store,
    customer: &str,
    source: &str,
    at: i64,
) -> Result<ConsentRow, sqlx::Error> {
    let current = of(store, customer).await?;
    if current.status == CONFIRMED {
        return Ok(current);
    }
    let row = ConsentRow {
        customer_id: customer.to_owned(),
        status: CONFIRMED.to_owned(),
        requested_at: current.requested_at.or(Some(at)),
        confirmed_at: Some(at),
        unsubscribed_at: current.unsubscribed_at,
        source: source.to_owned(),
        updated_at: at,
    };
    let mut transaction = store.write().await?;
    stored::save_consent(&mut transaction, &row).await?;
    transaction.commit().await?;
    Ok(row)
}

/// Ends consent for `customer`, by `source`, at `now`.
pub async fn unsubscribe(store: &Store, customer: &str, source: &str, now: i64) -> Result<ConsentRow, sqlx::Error> {
    let current = of(store, customer).await?;
    if current.status == UNSUBSCRIBED {
        return Ok(current);
    }
    let row = ConsentRow {
        customer_id: customer.to_owned(),
        status: UNSUBSCRIBED.to_owned(),
        unsubscribed_at: Some(now),
        source: source.to_owned(),
        updated_at: now,
        ..current
    };
    let mut transaction = store.write().await?;
    stored::save_consent(&mut transaction, &row).await?;
    transaction.commit().await?;
    Ok(row)
}

/// Sends the opt-in mail for the request on record, at once (it is
/// transactional: the customer just asked for it), and logs it.
async fn opt_in_mail(store: &Store, customer: &str, now: i64) -> Result<(), sqlx::Error> {
    let Some(row) = customers::customer(&mut *store.read().await?, customer).await? else { return Ok(()) };
    let consent = of(store, customer).await?;
    let shop = Shop::load(store).await?;
    let language = shop.language(stored::locale(&mut *store.read().await?, customer).await?.as_deref());
    let (status, reason, subject) = match (super::mailer(), row.email.as_deref().filter(|email| !email.is_empty())) {
        (None, _) => ("skipped", Some("no SMTP server configured (--smtp-url)".to_owned()), None),
        (_, None) => ("skipped", Some("no e-mail address".to_owned()), None),
        (Some(mailer), Some(email)) => {
            let secret = links::secret(store).await?;
            let token = links::token(&secret, Purpose::Confirm, customer, consent.requested_at.unwrap_or(now));
            let person = context::customer(&row.id, row.name.as_deref(), Some(email));
            let context = context::with(
                shop.base(&person, &language),
                "confirmUrl",
                json!(links::url(&mailer.public_url, Purpose::Confirm, &token)),
            );
            match shop.render(CONFIRM, &language, &context) {
                Err(error) => ("failed", Some(error), None),
                Ok(mail) => {
                    let subject = Some(mail.subject.clone());
                    match send::send(mailer, Outgoing { to: email.to_owned(), mail, unsubscribe: None }).await {
                        Ok(()) => ("sent", None, subject),
                        Err(error) => ("failed", Some(error), subject),
                    }
                }
            }
        }
    };
    let log = LogRow {
        id: crate::events::new_id("mail"),
        customer_id: customer.to_owned(),
        recipient: row.email.clone(),
        kind: CONFIRM.to_owned(),
        subject,
        status: status.to_owned(),
        reason,
        events: to_json(&Vec::<String>::new())?,
        at: now,
        created_at: crate::events::now_ms(),
    };
    let mut transaction = store.write().await?;
    stored::log(&mut transaction, &log).await?;
    transaction.commit().await
}
