//! The real `treu-host` binary on a free loopback port with a real SQLite file.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// A running host; stopped with SIGTERM when dropped.
pub struct Host {
    child: Child,
    pub url: String,
    _dir: tempfile::TempDir,
}

/// The repository root, where `www/` and `docs/` are.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("host/ is inside the repo").to_path_buf()
}

/// A `treu-host` command with a fresh database in a temporary folder.
pub fn command(dir: &tempfile::TempDir) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_treu-host"));
    command
        .current_dir(repo_root())
        .env("TREU_DATABASE_URL", format!("sqlite://{}", dir.path().join("treu.sqlite").display()))
        .env("RUST_LOG", "warn");
    command
}

impl Host {
    /// Starts `treu-host serve --port 0 <args>` and waits until it listens.
    pub fn start(args: &[&str]) -> Host {
        let dir = tempfile::tempdir().expect("temporary folder");
        Host::start_in(dir, args)
    }

    /// As `start`, with the database in `dir` (to restart on the same file).
    pub fn start_in(dir: tempfile::TempDir, args: &[&str]) -> Host {
        let mut child = command(&dir)
            .args(["serve", "--port", "0"])
            .args(args)
            .stdout(Stdio::piped())
            .spawn()
            .expect("treu-host starts");
        let stdout = child.stdout.take().expect("piped stdout");
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).expect("treu-host prints its address");
        let url = line.trim().strip_prefix("treu-host listening on ").unwrap_or_else(|| panic!("{line:?}")).to_owned();
        Host { child, url, _dir: dir }
    }

    /// Sends SIGTERM and returns how the process exited.
    pub fn stop(mut self) -> (ExitStatus, tempfile::TempDir) {
        let status = self.terminate();
        let dir = std::mem::replace(&mut self._dir, tempfile::tempdir().expect("temporary folder"));
        (status, dir)
    }

    fn terminate(&mut self) -> ExitStatus {
        let _ = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status();
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            if let Some(status) = self.child.try_wait().expect("wait for treu-host") {
                return status;
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("treu-host did not stop within 10 s of SIGTERM");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// `GET path` → (status, content type, body).
    pub fn get(&self, path: &str) -> (u16, String, String) {
        let agent = ureq::Agent::config_builder().http_status_as_error(false).build().new_agent();
        let mut response = agent.get(&format!("{}{path}", self.url)).call().expect("HTTP request");
        let content_type =
            response.headers().get("content-type").and_then(|value| value.to_str().ok()).unwrap_or_default().to_owned();
        let body = response.body_mut().read_to_string().expect("body");
        (response.status().as_u16(), content_type, body)
    }
}

impl Drop for Host {
    fn drop(&mut self) {
        if self.child.try_wait().ok().flatten().is_none() {
            self.terminate();
        }
    }
}
