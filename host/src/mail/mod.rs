//! E-mails treu sends itself (docs/mail.md): events of a kind with a
//! template become mails to the member ([`worker`]), at most one a day and
//! never in quiet hours ([`schedule`]), only with marketing consent given by
//! double opt-in ([`consent`]), each with a one-click unsubscribe link
//! ([`links`]), rendered from merchant-editable templates ([`templates`]).
//! Nothing is sent unless `--smtp-url` is set.

pub mod consent;
pub mod context;
pub mod inbox;
pub mod links;
pub mod platform;
pub mod schedule;
pub mod send;
pub mod templates;
pub mod worker;

use std::path::PathBuf;
use std::sync::OnceLock;

/// `treu-host serve` settings of e-mail (docs/mail.md).
#[derive(clap::Args, Clone, Debug)]
pub struct MailArgs {
    /// The SMTP server mails go through: `smtp://127.0.0.1:2525` (plain, loopback only),
    /// `smtps://user:pass@host:465` (TLS), `smtp://user:pass@host:587?tls=required` (STARTTLS).
    /// No mail is sent when absent.
    #[arg(long, env = "TREU_SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<String>,
    /// The sender of every mail, e.g. `Beans <loyalty@beans.example>`.
    #[arg(long, env = "TREU_MAIL_FROM", default_value = "treu <loyalty@localhost>")]
    pub mail_from: String,
    /// The public https URL of this host, which confirm and unsubscribe links point to;
    /// the listening address when absent.
    #[arg(long, env = "TREU_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// How often the worker looks for mails due, in seconds.
    #[arg(long, env = "TREU_MAIL_POLL_SECONDS", default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..=86_400))]
    pub mail_poll_seconds: u64,
    /// Demo only: the Maildir of a local SMTP sink, shown as the dashboard's Inbox.
    #[arg(long, env = "TREU_MAIL_INBOX")]
    pub mail_inbox: Option<PathBuf>,
}

/// How this host sends mail, fixed at start.
#[derive(Clone, Debug)]
pub struct Mailer {
    pub smtp_url: String,
    pub from: lettre::message::Mailbox,
    /// Where links point, without a trailing slash.
    pub public_url: String,
    pub inbox: Option<PathBuf>,
}

static MAILER: OnceLock<Option<Mailer>> = OnceLock::new();
static INBOX: OnceLock<Option<PathBuf>> = OnceLock::new();

/// Fixes the mail settings of this process; `listening` is the address links
/// use when `--public-url` is absent. An error names the bad setting.
pub fn configure(args: &MailArgs, listening: &str) -> Result<(), String> {
    let _ = INBOX.set(args.mail_inbox.clone());
    let mailer = match &args.smtp_url {
        None => None,
        Some(url) => {
            lettre::SmtpTransport::from_url(url).map_err(|error| format!("--smtp-url: {error}"))?;
            let from = args.mail_from.parse().map_err(|error| format!("--mail-from: {error}"))?;
            let public_url = args.public_url.clone().unwrap_or_else(|| listening.to_owned());
            if !public_url.starts_with("https://") && !public_url.starts_with("http://") {
                return Err("--public-url: must be an http(s) URL".into());
            }
            let public_url = public_url.trim_end_matches('/').to_owned();
            Some(Mailer { smtp_url: url.clone(), from, public_url, inbox: args.mail_inbox.clone() })
        }
    };
    if mailer.is_none() {
        tracing::info!("no --smtp-url: treu sends no mail");
    }
    let _ = MAILER.set(mailer);
    Ok(())
}

/// The mail settings, if this host sends mail.
pub fn mailer() -> Option<&'static Mailer> {
    MAILER.get().and_then(Option::as_ref)
}

/// The demo sink's Maildir, if this host shows one.
pub fn inbox_dir() -> Option<&'static PathBuf> {
    INBOX.get().and_then(Option::as_ref)
}

/// Spawns the worker that sends what is due, every `--mail-poll-seconds`.
pub fn spawn(store: crate::storage::Store, args: &MailArgs) -> Option<tokio::task::JoinHandle<()>> {
    mailer()?;
    let every = std::time::Duration::from_secs(args.mail_poll_seconds);
    Some(tokio::spawn(async move {
        loop {
            if let Err(error) = worker::run(&store, crate::clock::now().unix()).await {
                tracing::warn!(%error, "cannot send mail");
            }
            tokio::time::sleep(every).await;
        }
    }))
}
