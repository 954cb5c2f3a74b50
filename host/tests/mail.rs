//! E-mails treu sends itself, to a real SMTP server on loopback (aiosmtpd,
//! capturing to a Maildir), with the test clock moved: an expiring-points
//! mail goes once, on the right day, in the customer's language and only
//! with confirmed consent; the one-click unsubscribe of RFC 8058 works
//! without login and stops further mails; events of one day go as one
//! digest; quiet hours defer a mail until they end, and a second mail of a
//! day waits for the next one.

mod common;
mod mail_support;
mod platform_support;

use common::admin::{admin_call, admin_get};
use common::clock::{advance, advance_seconds, host_now, pay_at};
use common::contract::check;
use common::{test_program, token_with, Host, SHOP_SECRET};
use mail_support::Sink;
use serde_json::{json, Value};

fn program() -> Value {
    let mut program = test_program();
    program["earning"]["expiresAfterDays"] = json!(365);
    program
}

fn host(sink: &Sink) -> Host {
    let url = sink.url();
    Host::with(&program(), &["--movable-clock", "--smtp-url", &url, "--mail-from", "Beans <loyalty@beans.example>"])
}

fn member(customer: &str, name: &str) -> String {
    let exp = common::now() + 3600;
    token_with(
        json!({ "sub": customer, "exp": exp, "email": format!("{customer}@example.com"), "name": name }),
        SHOP_SECRET,
    )
}

fn settings(host: &Host, quiet_start: &str, quiet_end: &str) {
    let body = json!({ "shopName": "Beans", "defaultLanguage": "en", "timezone": "Europe/Berlin",
                       "quietStart": quiet_start, "quietEnd": quiet_end });
    let reply = admin_call(host, "PUT", "/v1/admin/mail/settings", Some(&body));
    assert_eq!(reply.status, 200, "{}", reply.text);
    check("MailSettings", &reply.body);
}

/// Asks for consent as the signed-in member and confirms it through the opt-in mail's link.
fn opt_in(host: &Host, sink: &Sink, customer: &str, token: &str, language: Option<&str>) -> Vec<common::Reply> {
    let body = json!({ "marketing": true, "language": language }).to_string();
    let bearer = format!("Bearer {token}");
    let headers = [("authorization", bearer.as_str()), ("content-type", "application/json")];
    let requested = host.call("PUT", "/v1/me/mail-consent", &headers, Some(&body));
    assert_eq!(requested.status, 200, "{}", requested.text);
    check("MailConsent", &requested.body);
    assert_eq!(requested.body["status"], "requested");
    let address = format!("{customer}@example.com");
    let opt_in = sink.to(&address).pop().expect("the opt-in mail");
    assert!(opt_in.list_unsubscribe.is_none(), "the opt-in mail is transactional");
    let link =
        opt_in.text.split_whitespace().find(|word| word.contains("/v1/mail/confirm?token=")).expect("a confirm link");
    let path = link.strip_prefix(&host.url).expect("a link to this host");
    // Following the link (as a mail scanner would) only shows the button.
    let shown = host.call("GET", path, &[], None);
    assert_eq!(shown.status, 200, "{}", shown.text);
    assert_eq!(host.get_as("/v1/me/mail-consent", token).body["status"], "requested");
    let confirmed = host.call("POST", path, &[], None);
    assert_eq!(confirmed.status, 200, "{}", confirmed.text);
    let consent = host.get_as("/v1/me/mail-consent", token);
    assert_eq!(consent.body["status"], "confirmed", "{}", consent.text);
    assert!(consent.body["requestedAt"].is_string() && consent.body["confirmedAt"].is_string());
    vec![requested, confirmed, consent]
}

fn log(host: &Host, customer: &str) -> Vec<Value> {
    let reply = admin_get(host, &format!("/v1/admin/mail/log?customer={customer}&limit=100"));
    assert_eq!(reply.status, 200, "{}", reply.text);
    check("MailLog", &reply.body);
    reply.body["entries"].as_array().unwrap().clone()
}

fn expiring(sink: &Sink, address: &str, words: &str) -> Vec<mail_support::Mail> {
    sink.to(address).into_iter().filter(|mail| mail.subject.contains(words)).collect()
}

#[test]
fn an_expiring_points_mail_goes_once_on_the_right_day_in_german_and_one_click_stops_the_rest() {
    let sink = Sink::start();
    let host = host(&sink);
    settings(&host, "00:00", "00:00");
    let ann = member("ann", "Ann");
    let bob = member("bob", "Bob");
    opt_in(&host, &sink, "ann", &ann, Some("de"));
    assert_eq!(sink.to("ann@example.com").len(), 1);
    assert!(sink.to("ann@example.com")[0].subject.starts_with("Bitte bestätigen"), "German opt-in");
    // Bob is a member with an address but never opted in.
    assert_eq!(host.get_as("/v1/me", &bob).status, 200);

    // Lots expire 365 days after each order: Ann's first now, her second 10 days on.
    pay_at(&host, "o-ann-1", "ann", 4_000, &host_now(&host));
    pay_at(&host, "o-bob-1", "bob", 4_000, &host_now(&host));
    advance(&host, 10);
    pay_at(&host, "o-ann-2", "ann", 3_000, &host_now(&host));

    // The warning comes 7 days before expiry: day 358. Day 357 has none.
    advance(&host, 347);
    assert!(expiring(&sink, "ann@example.com", "Punkte verfallen").is_empty());
    advance(&host, 1);
    let mails = expiring(&sink, "ann@example.com", "Punkte verfallen");
    assert_eq!(mails.len(), 1, "{mails:?}");
    let mail = &mails[0];
    assert!(mail.subject.starts_with("40 Punkte verfallen am "), "{}", mail.subject);
    assert!(mail.text.contains("Hallo Ann,") && mail.text.contains("noch 7 Tage"), "{}", mail.text);
    assert!(mail.html.contains("<strong>40 Punkte</strong>"), "{}", mail.html);
    assert_eq!(mail.list_unsubscribe_post.as_deref(), Some("List-Unsubscribe=One-Click"));
    let unsubscribe = mail.unsubscribe_url();
    assert!(unsubscribe.starts_with(&format!("{}/v1/mail/unsubscribe?token=", host.url)), "{unsubscribe}");
    assert!(mail.text.contains(&unsubscribe), "the footer carries the link too");
    let sent: Vec<Value> = log(&host, "ann").into_iter().filter(|entry| entry["kind"] == "points.expiring").collect();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0]["status"], "sent");
    assert_eq!(&sent[0]["at"].as_str().unwrap()[..10], &host_now(&host)[..10], "sent on the day the window opened");

    // Once: the next day brings no second mail about the same lot.
    advance(&host, 1);
    assert_eq!(expiring(&sink, "ann@example.com", "Punkte verfallen").len(), 1);
    // Bob has no consent: no mail at all, and the log says why.
    assert!(sink.to("bob@example.com").is_empty());
    let skipped = log(&host, "bob");
    assert!(!skipped.is_empty());
    assert!(
        skipped.iter().all(|entry| entry["status"] == "skipped" && entry["reason"] == "no marketing consent on record"),
        "{skipped:?}"
    );

    // One click, no login: a GET only shows the button, the POST unsubscribes.
    let path = unsubscribe.strip_prefix(&host.url).unwrap();
    let page = host.call("GET", path, &[], None);
    assert_eq!(page.status, 200);
    assert_eq!(host.get_as("/v1/me/mail-consent", &ann).body["status"], "confirmed");
    let form = [("content-type", "application/x-www-form-urlencoded")];
    let done = host.call("POST", path, &form, Some("List-Unsubscribe=One-Click"));
    assert_eq!(done.status, 200, "{}", done.text);
    let consent = host.get_as("/v1/me/mail-consent", &ann);
    assert_eq!(consent.body["status"], "unsubscribed");
    assert!(consent.body["unsubscribedAt"].is_string());
    let forged = host.call("POST", &path.replace("token=u.", "token=u.x"), &form, Some("List-Unsubscribe=One-Click"));
    assert_eq!(forged.status, 422, "{}", forged.text);

    // Ann's second lot reaches its window (day 368): no more mails.
    let before = sink.to("ann@example.com").len();
    advance(&host, 10);
    assert_eq!(sink.to("ann@example.com").len(), before);
    let last = log(&host, "ann");
    assert_eq!(last[0]["kind"], "points.expiring");
    assert_eq!(last[0]["status"], "skipped", "{last:?}");
}

/// `HH:MM` of `minutes` after midnight, wrapped to one day.
fn clock_time(minutes: i64) -> String {
    let minutes = minutes.rem_euclid(1440);
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

#[test]
fn events_of_one_day_go_as_one_digest_after_the_quiet_hours() {
    let sink = Sink::start();
    let host = host(&sink);
    // Quiet hours around the host's time of day (Berlin): from an hour ago to two hours on.
    let now =
        jiff::Timestamp::from_second(treu::engine::time::Timestamp::parse(&host_now(&host)).unwrap().unix()).unwrap();
    let local = now.in_tz("Europe/Berlin").unwrap();
    let minute = i64::from(local.hour()) * 60 + i64::from(local.minute());
    settings(&host, &clock_time(minute - 60), &clock_time(minute + 120));
    // The merchant's own digest subject.
    let digest = json!({ "subject": "{{ items | length }} news for {{ customer.name }}",
                         "text": "{% for item in items %}{{ item.subject }}\n{% endfor %}",
                         "html": "<ul>{% for item in items %}<li>{{ item.subject }}</li>{% endfor %}</ul>" });
    let saved = admin_call(&host, "PUT", "/v1/admin/mail/templates/digest/en", Some(&digest));
    assert_eq!(saved.status, 200, "{}", saved.text);
    check("MailTemplate", &saved.body);
    let broken = admin_call(
        &host,
        "PUT",
        "/v1/admin/mail/templates/digest/en",
        Some(&json!({ "subject": "{{ items |", "text": "x", "html": "x" })),
    );
    assert_eq!(broken.status, 422, "{}", broken.text);
    assert_eq!(broken.body["errors"][0]["path"], "subject", "{}", broken.text);

    let dee = member("dee", "Dee");
    opt_in(&host, &sink, "dee", &dee, None);
    // Two orders at once: two lots, expiring together.
    pay_at(&host, "o-dee-1", "dee", 4_000, &host_now(&host));
    pay_at(&host, "o-dee-2", "dee", 3_000, &host_now(&host));

    // Day 358, same time of day: in the quiet hours, so the mail waits.
    advance(&host, 358);
    assert_eq!(sink.to("dee@example.com").len(), 1, "only the opt-in so far");
    let waiting = log(&host, "dee");
    assert_eq!(waiting[0]["status"], "deferred", "{waiting:?}");
    assert!(waiting[0]["reason"].as_str().unwrap().starts_with("quiet hours"), "{waiting:?}");

    // Three hours on the quiet hours are over: one mail holds every event.
    advance_seconds(&host, 3 * 3600);
    let mails: Vec<_> =
        sink.to("dee@example.com").into_iter().filter(|mail| mail.subject.contains("news for")).collect();
    assert_eq!(mails.len(), 1, "{mails:?}");
    let events = log(&host, "dee")[0]["events"].as_array().unwrap().len();
    assert!(events >= 2, "a digest of several events");
    assert_eq!(mails[0].subject, format!("{events} news for Dee"));
    assert!(
        mails[0].text.contains("40 points expire") && mails[0].text.contains("30 points expire"),
        "{}",
        mails[0].text
    );
    assert!(mails[0].list_unsubscribe.is_some());

    // Later that day 100 goodwill points bring a reward within reach: that
    // mail waits for the next day, since Dee had one today.
    host.adjust("dee", 100);
    advance_seconds(&host, 60);
    let waiting = log(&host, "dee");
    assert_eq!(waiting[0]["kind"], "reward.available");
    assert_eq!(waiting[0]["status"], "deferred", "{waiting:?}");
    assert!(waiting[0]["reason"].as_str().unwrap().starts_with("one mail a day"), "{waiting:?}");
    let reward = |sink: &Sink| {
        sink.to("dee@example.com").into_iter().filter(|mail| mail.subject.starts_with("A reward")).count()
    };
    assert_eq!(reward(&sink), 0);
    advance(&host, 1);
    assert_eq!(reward(&sink), 1);
}

#[test]
fn shopify_reports_consent_a_confirmed_opt_in_confirms_a_single_one_asks_and_unsubscribed_ends_it() {
    let sink = Sink::start();
    let url = sink.url();
    let host = platform_support::host(&["--smtp-url", &url]);
    let customer = |id: u64, state: &str, level: &str| {
        json!({ "id": id, "email": format!("c{id}@example.com"), "email_marketing_consent": {
            "state": state, "opt_in_level": level, "consent_updated_at": "2026-03-01T10:00:00+01:00" } })
        .to_string()
    };
    let consent = |id: &str| {
        let reply = admin_get(&host, &format!("/v1/admin/customers/{id}/mail-consent"));
        assert_eq!(reply.status, 200, "{}", reply.text);
        check("MailConsent", &reply.body);
        reply.body
    };

    let reply =
        platform_support::shopify(&host, "customers/create", "w-1", &customer(101, "subscribed", "confirmed_opt_in"));
    assert_eq!(reply.status, 200, "{}", reply.text);
    assert_eq!(reply.body["consent"], "confirmed");
    let confirmed = consent("101");
    assert_eq!(confirmed["status"], "confirmed");
    assert_eq!(confirmed["source"], "shopify");
    assert_eq!(confirmed["confirmedAt"], "2026-03-01T09:00:00Z", "Shopify's time of consent is kept");
    assert!(sink.to("c101@example.com").is_empty(), "Shopify confirmed already: no opt-in mail");

    // A single opt-in is only a request: treu asks with its own opt-in mail.
    let reply =
        platform_support::shopify(&host, "customers/create", "w-2", &customer(102, "subscribed", "single_opt_in"));
    assert_eq!(reply.body["consent"], "requested", "{}", reply.text);
    assert_eq!(consent("102")["status"], "requested");
    assert_eq!(sink.to("c102@example.com").len(), 1);

    let reply =
        platform_support::shopify(&host, "customers/update", "w-3", &customer(101, "unsubscribed", "confirmed_opt_in"));
    assert_eq!(reply.body["consent"], "unsubscribed", "{}", reply.text);
    assert_eq!(consent("101")["status"], "unsubscribed");
    // A state treu does not act on changes nothing; a customer without an id is refused.
    let reply = platform_support::shopify(&host, "customers/update", "w-4", &customer(102, "pending", "single_opt_in"));
    assert_eq!(reply.body["consent"], "unchanged", "{}", reply.text);
    assert_eq!(consent("102")["status"], "requested");
    let reply = platform_support::shopify(&host, "customers/update", "w-5", r#"{"email":"x@example.com"}"#);
    assert_eq!(reply.status, 422, "{}", reply.text);
}

#[test]
fn a_bad_smtp_url_or_sender_stops_the_host_naming_the_setting() {
    for (args, named) in [
        (["--smtp-url", "ftp://mail.example", "--mail-from", "a@b.example"], "--smtp-url"),
        (["--smtp-url", "smtp://127.0.0.1:2525", "--mail-from", "not an address"], "--mail-from"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let output = common::command(&dir).args(["serve", "--port", "0"]).args(args).output().unwrap();
        assert!(!output.status.success());
        let said = String::from_utf8_lossy(&output.stderr);
        assert!(said.contains(&format!("treu-host: {named}: ")), "{said}");
    }
}
