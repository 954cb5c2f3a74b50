//! One round of mail: events of a kind with a template are taken in (those
//! older than a day when first seen are skipped: a host that starts sending
//! does not mail the past), then each customer with something due gets at
//! most one mail: the event's own, or a digest of all that waits. A customer
//! without confirmed consent or address gets none; in quiet hours, or after
//! a mail today, it waits ([`super::schedule`]). Every outcome is logged.
//!
//! A customer's due items are claimed with one conditional update before the
//! mail is sent, so two hosts on one database never both send it.

use super::context::{self, Shop};
use super::links::{self, Purpose};
use super::schedule::{self, Rules};
use super::send::{self, Outgoing};
use super::templates::DIGEST;
use crate::storage::mail::{self as stored, LogRow};
use crate::storage::{again_on_conflict, customers, events, from_json, to_json, Store};
use serde_json::{json, Value};

const DAY: i64 = 86_400;
/// How long a claim holds (host clock seconds).
const CLAIM: i64 = 600;
/// Attempts before a mail is given up.
const ATTEMPTS: i64 = 5;

/// The event kinds that become mails.
pub const KINDS: &[&str] = &[
    crate::events::POINTS_EXPIRING,
    crate::events::CODE_EXPIRING,
    crate::events::REWARD_AVAILABLE,
    crate::events::CUSTOMER_LAPSED,
];

/// Serialises rounds within one host (the clock route and the worker).
static ROUND: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Takes in new events and sends what is due at `now` (host clock, Unix
/// seconds); how many mails went. Nothing without `--smtp-url`.
pub async fn run(store: &Store, now: i64) -> Result<usize, sqlx::Error> {
    let Some(mailer) = super::mailer() else { return Ok(0) };
    let _round = ROUND.lock().await;
    let fresh = stored::new_events(&mut *store.read().await?, KINDS).await?;
    for (id, kind, customer, occurred_at) in fresh {
        let status = if occurred_at < now - DAY { "skipped" } else { "pending" };
        again_on_conflict(|| async {
            let mut transaction = store.write().await?;
            stored::take_in(&mut transaction, &id, &kind, &customer, status, occurred_at).await?;
            transaction.commit().await
        })
        .await?;
    }
    let shop = Shop::load(store).await?;
    let secret = links::secret(store).await?;
    let mut sent = 0;
    for customer in stored::due_customers(&mut *store.read().await?, now).await? {
        if claim(store, &customer, now).await? {
            sent += usize::from(one(store, mailer, &shop, &secret, &customer, now).await?);
        }
    }
    Ok(sent)
}

async fn claim(store: &Store, customer: &str, now: i64) -> Result<bool, sqlx::Error> {
    let outcome = async {
        let mut transaction = store.write().await?;
        let done = sqlx::query(
            "UPDATE mail_items SET due_at = $1 WHERE customer_id = $2 AND status = 'pending' AND due_at <= $3",
        )
        .bind(now + CLAIM)
        .bind(customer)
        .bind(now)
        .execute(&mut *transaction)
        .await?;
        transaction.commit().await?;
        Ok(done.rows_affected() > 0)
    }
    .await;
    match outcome {
        Err(error) if crate::storage::is_conflict(&error) => Ok(false),
        outcome => outcome,
    }
}

/// What became of one customer's waiting items.
struct Outcome<'a> {
    status: &'a str,
    reason: Option<String>,
    subject: Option<String>,
    kind: String,
    /// The items' status and due time after it.
    items: (&'a str, i64, i64),
}

/// Mails (or not) everything `customer` has waiting; true if a mail went.
async fn one(
    store: &Store,
    mailer: &super::Mailer,
    shop: &Shop,
    secret: &str,
    customer: &str,
    now: i64,
) -> Result<bool, sqlx::Error> {
    let conn = &mut *store.read().await?;
    let items = stored::pending(conn, customer).await?;
    let Some(row) = customers::customer(conn, customer).await? else { return Ok(false) };
    let consent = stored::consent(conn, customer).await?;
    let language = shop.language(stored::locale(conn, customer).await?.as_deref());
    let last = stored::last_sent(conn, customer).await?;
    let attempts = items.iter().map(|(_, _, attempts)| *attempts).max().unwrap_or(0);
    let kind = if items.len() == 1 { items[0].1.clone() } else { DIGEST.to_owned() };
    let ids: Vec<String> = items.iter().map(|(id, ..)| id.clone()).collect();
    let mut bodies = Vec::new();
    for (id, ..) in &items {
        let event = events::event(conn, id).await?;
        bodies.push(event.map(|event| from_json::<Value>(&event.body)).transpose()?.unwrap_or(Value::Null));
    }
    let rules = rules(shop);
    let skip = |reason: &str| Outcome {
        status: "skipped",
        reason: Some(reason.to_owned()),
        subject: None,
        kind: kind.clone(),
        items: ("skipped", now, attempts),
    };
    let outcome = if row.email.as_deref().is_none_or(str::is_empty) {
        skip("no e-mail address")
    } else if consent.as_ref().is_none_or(|consent| consent.status != "confirmed") {
        skip("no marketing consent on record")
    } else if let Some((until, why)) = rules.as_ref().and_then(|rules| schedule::wait(rules, now, last)) {
        let until_text = treu::engine::time::Timestamp::from_unix(until).map(|at| at.to_string()).unwrap_or_default();
        Outcome {
            status: "deferred",
            reason: Some(format!("{}; until {until_text}", why.reason())),
            subject: None,
            kind: kind.clone(),
            items: ("pending", until, attempts),
        }
    } else {
        let person = context::customer(&row.id, row.name.as_deref(), row.email.as_deref());
        let unsubscribe = links::url(
            &mailer.public_url,
            Purpose::Unsubscribe,
            &links::token(secret, Purpose::Unsubscribe, customer, 0),
        );
        let base = context::with(shop.base(&person, &language), "unsubscribeUrl", json!(unsubscribe));
        let rendered = render(shop, &language, &base, &items, &bodies);
        match rendered {
            Err(error) => Outcome {
                status: "failed",
                reason: Some(error),
                subject: None,
                kind: kind.clone(),
                items: ("failed", now, attempts),
            },
            Ok(mail) => {
                let subject = mail.subject.clone();
                let mail = context::footer(mail, &language, &unsubscribe);
                let to = row.email.clone().unwrap_or_default();
                match send::send(mailer, Outgoing { to, mail, unsubscribe: Some(unsubscribe) }).await {
                    Ok(()) => Outcome {
                        status: "sent",
                        reason: None,
                        subject: Some(subject),
                        kind: kind.clone(),
                        items: ("sent", now, attempts + 1),
                    },
                    Err(error) if attempts + 1 >= ATTEMPTS => Outcome {
                        status: "failed",
                        reason: Some(error),
                        subject: Some(subject),
                        kind: kind.clone(),
                        items: ("failed", now, attempts + 1),
                    },
                    Err(error) => Outcome {
                        status: "deferred",
                        reason: Some(format!("{error}; tried again later")),
                        subject: Some(subject),
                        kind: kind.clone(),
                        items: ("pending", now + 300 * (attempts + 1), attempts + 1),
                    },
                }
            }
        }
    };
    let sent = outcome.status == "sent";
    record(store, customer, row.email.as_deref(), &ids, outcome, now).await?;
    Ok(sent)
}

/// The mail of `items`: the event's own template for one, the digest for several.
fn render(
    shop: &Shop,
    language: &str,
    base: &Value,
    items: &[(String, String, i64)],
    bodies: &[Value],
) -> Result<super::templates::Rendered, String> {
    let mut rendered = Vec::new();
    for ((_, kind, _), body) in items.iter().zip(bodies) {
        let context = context::with(base.clone(), "event", body.get("data").cloned().unwrap_or(Value::Null));
        rendered.push((kind.clone(), shop.render(kind, language, &context)?));
    }
    if rendered.len() == 1 {
        return Ok(rendered.remove(0).1);
    }
    let items: Vec<Value> = rendered
        .into_iter()
        .map(|(kind, mail)| json!({ "kind": kind, "subject": mail.subject, "text": mail.text, "html": mail.html }))
        .collect();
    shop.render(DIGEST, language, &context::with(base.clone(), "items", Value::Array(items)))
}

/// The shop's rules, if its time zone is known.
pub fn rules(shop: &Shop) -> Option<Rules> {
    let zone = jiff::tz::TimeZone::get(&shop.settings.timezone).ok()?;
    Some(Rules { zone, quiet_start: shop.settings.quiet_start, quiet_end: shop.settings.quiet_end })
}

async fn record(
    store: &Store,
    customer: &str,
    recipient: Option<&str>,
    ids: &[String],
    outcome: Outcome<'_>,
    now: i64,
) -> Result<(), sqlx::Error> {
    let log = LogRow {
        id: crate::events::new_id("mail"),
        customer_id: customer.to_owned(),
        recipient: recipient.map(str::to_owned),
        kind: outcome.kind,
        subject: outcome.subject,
        status: outcome.status.to_owned(),
        reason: outcome.reason,
        events: to_json(&ids)?,
        at: now,
        created_at: crate::events::now_ms(),
    };
    let (status, due_at, attempts) = outcome.items;
    again_on_conflict(|| async {
        let mut transaction = store.write().await?;
        stored::settle(&mut transaction, customer, ids, status, due_at, attempts, Some(&log.id)).await?;
        stored::log(&mut transaction, &log).await?;
        transaction.commit().await
    })
    .await
}
