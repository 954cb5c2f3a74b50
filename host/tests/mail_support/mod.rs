//! A real SMTP server on loopback: aiosmtpd (from PyPI, installed by `./x`
//! into target/smtp-venv, or the Python named by `TREU_SMTP_PYTHON`), storing
//! every message it accepts in a Maildir that the test reads.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running sink; stopped when dropped.
pub struct Sink {
    child: Child,
    pub port: u16,
    pub maildir: PathBuf,
    _dir: tempfile::TempDir,
}

/// A mail as the sink stored it.
#[derive(Debug, Clone)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    pub list_unsubscribe: Option<String>,
    pub list_unsubscribe_post: Option<String>,
}

impl Mail {
    /// The URL in `List-Unsubscribe: <…>`.
    pub fn unsubscribe_url(&self) -> String {
        let header = self.list_unsubscribe.as_deref().expect("a List-Unsubscribe header");
        header.trim().trim_start_matches('<').trim_end_matches('>').to_owned()
    }
}

/// The Python with aiosmtpd: `TREU_SMTP_PYTHON`, else the venv `./x` makes.
pub fn python() -> PathBuf {
    if let Ok(python) = std::env::var("TREU_SMTP_PYTHON") {
        return PathBuf::from(python);
    }
    let venv = super::common::repo_root().join("target/smtp-venv/bin/python");
    assert!(venv.exists(), "aiosmtpd is missing: ./x test installs it into target/smtp-venv (or set TREU_SMTP_PYTHON)");
    venv
}

impl Sink {
    /// Starts aiosmtpd on a free loopback port and waits until it accepts connections.
    pub fn start() -> Sink {
        let dir = tempfile::tempdir().expect("temporary folder");
        let maildir = dir.path().join("Maildir");
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new(python())
            .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}"), "-c", "aiosmtpd.handlers.Mailbox"])
            .arg(&maildir)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start aiosmtpd");
        let sink = Sink { child, port, maildir, _dir: dir };
        let deadline = Instant::now() + Duration::from_secs(30);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "aiosmtpd did not listen on port {port}");
            std::thread::sleep(Duration::from_millis(50));
        }
        sink
    }

    /// `--smtp-url` for a host sending here.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Every mail received so far, in no particular order.
    pub fn mails(&self) -> Vec<Mail> {
        let mut mails = Vec::new();
        for sub in ["new", "cur"] {
            let Ok(entries) = std::fs::read_dir(self.maildir.join(sub)) else { continue };
            for entry in entries.flatten() {
                let bytes = std::fs::read(entry.path()).expect("read a message");
                let message = mail_parser::MessageParser::default().parse(&bytes).expect("a parsable message");
                let header = |name: &str| message.header_raw(name).map(|value| value.trim().to_owned());
                mails.push(Mail {
                    to: message
                        .to()
                        .and_then(|to| to.first())
                        .and_then(|to| to.address())
                        .unwrap_or_default()
                        .to_owned(),
                    subject: message.subject().unwrap_or_default().to_owned(),
                    text: message.body_text(0).map(|text| text.into_owned()).unwrap_or_default(),
                    html: message.body_html(0).map(|html| html.into_owned()).unwrap_or_default(),
                    list_unsubscribe: header("List-Unsubscribe"),
                    list_unsubscribe_post: header("List-Unsubscribe-Post"),
                });
            }
        }
        mails
    }

    /// The mails to `address`.
    pub fn to(&self, address: &str) -> Vec<Mail> {
        self.mails().into_iter().filter(|mail| mail.to == address).collect()
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
