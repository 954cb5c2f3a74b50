//! Demo only: the local SMTP sink's Maildir (`--mail-inbox`), newest first,
//! for the dashboard's Inbox, so a demo shows the mails treu sent without a
//! real mailbox. Every part is returned as text; the dashboard shows it as text.

use serde::Serialize;
use std::path::Path;

/// One received mail.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Received {
    pub id: String,
    pub from: String,
    pub to: String,
    pub subject: String,
    pub date: Option<String>,
    pub list_unsubscribe: Option<String>,
    pub list_unsubscribe_post: Option<String>,
    pub text: String,
    pub html: String,
    /// When the sink stored it, Unix milliseconds.
    pub received_at: i64,
}

/// Up to `limit` mails of the Maildir at `dir`, newest first.
pub fn read(dir: &Path, limit: usize) -> std::io::Result<Vec<Received>> {
    let mut files = Vec::new();
    for sub in ["new", "cur"] {
        let Ok(entries) = std::fs::read_dir(dir.join(sub)) else { continue };
        for entry in entries.flatten() {
            let modified = entry.metadata().and_then(|meta| meta.modified()).ok();
            let at = modified
                .and_then(|at| at.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |at| at.as_millis() as i64);
            files.push((at, entry.file_name().to_string_lossy().into_owned(), entry.path()));
        }
    }
    files.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| b.1.cmp(&a.1)));
    let mut mails = Vec::new();
    for (at, name, path) in files.into_iter().take(limit) {
        let bytes = std::fs::read(&path)?;
        let Some(message) = mail_parser::MessageParser::default().parse(&bytes) else { continue };
        let header = |name: &str| message.header_raw(name).map(|value| value.trim().to_owned());
        let addresses = |list: Option<&mail_parser::Address>| {
            list.map(|list| list.iter().filter_map(|address| address.address()).collect::<Vec<_>>().join(", "))
                .unwrap_or_default()
        };
        mails.push(Received {
            id: name,
            from: addresses(message.from()),
            to: addresses(message.to()),
            subject: message.subject().unwrap_or_default().to_owned(),
            date: message.date().map(|date| date.to_rfc3339()),
            list_unsubscribe: header("List-Unsubscribe"),
            list_unsubscribe_post: header("List-Unsubscribe-Post"),
            text: message.body_text(0).map(|text| text.into_owned()).unwrap_or_default(),
            html: message.body_html(0).map(|html| html.into_owned()).unwrap_or_default(),
            received_at: at,
        });
    }
    Ok(mails)
}
