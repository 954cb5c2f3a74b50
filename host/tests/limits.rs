//! The limits in front of every endpoint (docs/host.md, "Limits"): at most
//! `--max-concurrent-requests` requests are handled at once, more wait for a
//! turn, and none takes longer than `--request-timeout`, which is answered
//! `503` with an empty body and gives the turn to the next request.
//!
//! A "held" request is a `POST /v1/quote` whose headers promise a body that
//! never (or only later) comes: the handler waits for it, holding its turn.

mod common;

use common::Host;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::thread::JoinHandle;
use std::time::Duration;

/// The host's address without the scheme.
fn address(host: &Host) -> String {
    host.url.trim_start_matches("http://").to_owned()
}

/// The body of a held quote: an empty cart, which the host quotes (200).
const QUOTE: &str = r#"{"cart":{"currency":"EUR","lines":[]}}"#;

/// Sends the headers of a quote and the first byte of its body.
fn hold(address: &str) -> TcpStream {
    let mut stream = TcpStream::connect(address).unwrap();
    let length = QUOTE.len();
    write!(stream, "POST /v1/quote HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\nContent-Length: {length}\r\n\r\n{{").unwrap();
    // Generous, only so a broken host cannot hang the suite.
    stream.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
    stream
}

/// Sends the rest of a held quote's body.
fn release(stream: &mut TcpStream) {
    stream.write_all(&QUOTE.as_bytes()[1..]).unwrap();
}

/// Reads one answer from `stream`: its status and its body (by Content-Length).
fn answer(stream: &mut TcpStream) -> (u16, String) {
    let mut bytes = Vec::new();
    let mut buffer = [0u8; 4096];
    loop {
        let read = stream.read(&mut buffer).unwrap();
        assert!(read > 0, "the host closed the connection without an answer: {}", String::from_utf8_lossy(&bytes));
        bytes.extend_from_slice(&buffer[..read]);
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let Some(end) = text.find("\r\n\r\n") else { continue };
        let length = text[..end]
            .lines()
            .find_map(|line| line.to_ascii_lowercase().strip_prefix("content-length:").map(|v| v.trim().to_owned()))
            .and_then(|value| value.parse::<usize>().ok())
            .unwrap_or(0);
        if bytes.len() >= end + 4 + length {
            let status = text[9..12].parse().unwrap();
            return (status, text[end + 4..end + 4 + length].to_owned());
        }
    }
}

/// `GET /healthz` on a connection of its own, answered in a thread.
fn health_check(address: &str) -> JoinHandle<(u16, String)> {
    let mut stream = TcpStream::connect(address).unwrap();
    write!(stream, "GET /healthz HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n").unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
    std::thread::spawn(move || answer(&mut stream))
}

/// With two turns and both taken, a third request is not answered until one
/// of them ends, and then it is served: it waited, it was not refused.
#[test]
fn a_request_beyond_the_concurrency_limit_waits_for_a_turn() {
    let host = Host::with(&common::test_program(), &["--max-concurrent-requests", "2", "--request-timeout", "120"]);
    let address = address(&host);
    // Below the limit, nothing waits.
    let mut first = hold(&address);
    assert_eq!(health_check(&address).join().unwrap().0, 200);
    // At the limit: the two held requests reach the host before the check,
    // unless the host schedules them late; then the check is answered at once
    // and the round is tried again with two fresh requests.
    let mut waited = false;
    for _ in 0..5 {
        let mut second = hold(&address);
        let check = health_check(&address);
        // The check's chance to be answered if nothing held it back.
        std::thread::sleep(Duration::from_millis(500));
        if check.is_finished() {
            assert_eq!(check.join().unwrap().0, 200);
            release(&mut second);
            assert_eq!(answer(&mut second).0, 200);
            continue;
        }
        release(&mut first);
        assert_eq!(answer(&mut first).0, 200, "the held quote is served once its body arrives");
        assert_eq!(check.join().unwrap().0, 200, "the waiting request is served once a turn is free");
        release(&mut second);
        assert_eq!(answer(&mut second).0, 200);
        waited = true;
        break;
    }
    assert!(waited, "with both turns taken, a third request was answered at once five times");
}

/// A request that outlives `--request-timeout` is answered 503 with an empty
/// body, and its turn goes to the request waiting for it, which is served.
#[test]
fn the_request_timeout_answers_503_and_frees_the_turn() {
    let host = Host::with(&common::test_program(), &["--max-concurrent-requests", "1", "--request-timeout", "3"]);
    let address = address(&host);
    let mut held = hold(&address);
    // The waiting request's own timeout runs from its start: sent well after
    // the held one, it has time left when the held one is cut off.
    std::thread::sleep(Duration::from_millis(1500));
    let check = health_check(&address);
    assert_eq!(answer(&mut held), (503, String::new()), "cut off at the timeout, empty body");
    assert_eq!(check.join().unwrap().0, 200, "the waiting request gets the turn");
    // The host serves on as before.
    assert_eq!(host.get("/healthz").0, 200);
}
