//! One mail over SMTP (lettre): text and HTML as alternatives, and for
//! marketing mails the one-click unsubscribe of RFC 8058: `List-Unsubscribe`
//! with the signed https link and `List-Unsubscribe-Post:
//! List-Unsubscribe=One-Click`, so a mail client can unsubscribe with one
//! POST and no login (docs/mail.md).

use super::templates::Rendered;
use super::Mailer;
use lettre::message::header::{ContentType, HeaderName, HeaderValue};
use lettre::message::{Mailbox, MultiPart, SinglePart};
use lettre::{Message, SmtpTransport, Transport};
use std::time::Duration;

/// How long one SMTP conversation may take.
const TIMEOUT: Duration = Duration::from_secs(20);

/// A mail ready to go.
pub struct Outgoing {
    pub to: String,
    pub mail: Rendered,
    /// The unsubscribe URL, for marketing mails.
    pub unsubscribe: Option<String>,
}

/// Builds the message; an error says what is wrong with it (a bad address).
pub fn message(mailer: &Mailer, outgoing: &Outgoing) -> Result<Message, String> {
    let to: Mailbox = outgoing.to.parse().map_err(|error| format!("the address {:?}: {error}", outgoing.to))?;
    let mut builder = Message::builder().from(mailer.from.clone()).to(to).subject(&outgoing.mail.subject);
    if let Some(url) = &outgoing.unsubscribe {
        builder = builder
            .raw_header(HeaderValue::new(header("List-Unsubscribe"), format!("<{url}>")))
            .raw_header(HeaderValue::new(header("List-Unsubscribe-Post"), "List-Unsubscribe=One-Click".to_owned()));
    }
    let body = MultiPart::alternative()
        .singlepart(SinglePart::builder().header(ContentType::TEXT_PLAIN).body(outgoing.mail.text.clone()))
        .singlepart(SinglePart::builder().header(ContentType::TEXT_HTML).body(outgoing.mail.html.clone()));
    builder.multipart(body).map_err(|error| error.to_string())
}

fn header(name: &'static str) -> HeaderName {
    HeaderName::new_from_ascii_str(name)
}

/// Sends `outgoing` through the mailer's SMTP server.
pub async fn send(mailer: &Mailer, outgoing: Outgoing) -> Result<(), String> {
    let message = message(mailer, &outgoing)?;
    let url = mailer.smtp_url.clone();
    tokio::task::spawn_blocking(move || {
        let transport =
            SmtpTransport::from_url(&url).map_err(|error| error.to_string())?.timeout(Some(TIMEOUT)).build();
        transport.send(&message).map(drop).map_err(|error| format!("SMTP: {error}"))
    })
    .await
    .unwrap_or_else(|error| Err(format!("the sending stopped: {error}")))
}
