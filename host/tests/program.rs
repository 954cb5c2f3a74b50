//! `GET /v1/program`, `/healthz`, start-up and shutdown, against the real binary.

mod common;

use common::{command, Host};
use serde_json::Value;

#[test]
fn serves_the_program_it_was_started_with_from_sqlite() {
    let host = Host::start(&["--program", "www/demo-program.json"]);
    let (status, content_type, body) = host.get("/v1/program");
    assert_eq!(status, 200, "{body}");
    assert_eq!(content_type, "application/json");
    let program: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(program["version"], 1);
    assert_eq!(program["freeShipping"]["thresholds"][0]["minimum"], 5000);
    assert_eq!(program["freeShipping"]["thresholds"][0]["currency"], "EUR");

    // Restarted on the same file without --program, it still has it.
    let (status, dir) = host.stop();
    assert!(status.success(), "clean exit on SIGTERM: {status}");
    let host = Host::start_in(dir, &[]);
    let (status, _, again) = host.get("/v1/program");
    assert_eq!(status, 200);
    assert_eq!(serde_json::from_str::<Value>(&again).unwrap(), program);
}

/// Every page view asks for the program again: one the browser holds is
/// answered `304` without a body.
#[test]
fn a_program_the_browser_holds_is_not_sent_again() {
    let host = Host::start(&["--program", "www/demo-program.json"]);
    let first = host.call("GET", "/v1/program", &[], None);
    assert_eq!(first.status, 200);
    let etag = first.header("etag").unwrap().to_owned();
    assert!(etag.starts_with("W/\"program-"), "{etag}: it names the program, however the answer is encoded");
    let strong = etag.trim_start_matches("W/").to_owned();
    for held in [etag.clone(), strong, format!("\"other\", {etag}"), "*".to_owned()] {
        let again = host.call("GET", "/v1/program", &[("if-none-match", &held)], None);
        assert_eq!(again.status, 304, "If-None-Match: {held}");
        assert!(again.bytes.is_empty(), "If-None-Match: {held}");
        assert_eq!(again.header("etag"), Some(etag.as_str()));
        assert_eq!(again.header("cache-control"), Some("no-cache"));
    }
    let stale = host.call("GET", "/v1/program", &[("if-none-match", "W/\"program-1-0000000000000000\"")], None);
    assert_eq!((stale.status, stale.text.as_str()), (200, first.text.as_str()));
    // Another database counts its versions from 1 too: the tag tells its program apart.
    let other = Host::start(&["--program", "www/e2e/program.json"]);
    let theirs = other.call("GET", "/v1/program", &[("if-none-match", &etag)], None);
    assert_eq!(theirs.status, 200);
    assert_ne!(theirs.header("etag"), Some(etag.as_str()));
}

/// The API's answers of 1 KB and more are gzipped for a client that accepts it.
#[test]
fn large_answers_are_gzipped_for_clients_that_accept_it() {
    use std::io::Read;
    let host = Host::start(&["--program", "www/demo-program.json"]);
    let plain = host.call("GET", "/v1/program", &[], None);
    assert_eq!(plain.header("content-encoding"), None, "no Accept-Encoding: as it is");
    assert!(plain.bytes.len() >= 1024, "the demo's program is {} bytes", plain.bytes.len());
    let gzipped = host.call("GET", "/v1/program", &[("accept-encoding", "gzip, deflate, br, zstd")], None);
    assert_eq!(gzipped.status, 200);
    assert_eq!(gzipped.header("content-encoding"), Some("gzip"));
    assert!(gzipped.header("vary").is_some_and(|vary| vary.contains("accept-encoding")), "{:?}", gzipped.headers);
    assert_eq!(gzipped.header("etag"), plain.header("etag"));
    let mut unpacked = Vec::new();
    flate2::read::GzDecoder::new(gzipped.bytes.as_slice()).read_to_end(&mut unpacked).unwrap();
    assert_eq!(unpacked, plain.bytes);
    assert!(gzipped.bytes.len() < plain.bytes.len() / 2, "{} of {} bytes", gzipped.bytes.len(), plain.bytes.len());
    // Small answers stay as they are: the headers would outweigh the gain.
    let health = host.call("GET", "/healthz", &[("accept-encoding", "gzip")], None);
    assert_eq!((health.header("content-encoding"), health.text.as_str()), (None, r#"{"status":"ok"}"#));
}

/// A script may stop the host the moment it reads the address: the
/// handlers are in place before the line is printed. (Before, a SIGTERM
/// that came first killed the process in about four of five tries.)
#[test]
fn stops_cleanly_on_a_sigterm_sent_as_soon_as_it_says_where_it_listens() {
    for _ in 0..5 {
        let (status, _) = Host::start(&[]).stop();
        assert!(status.success(), "clean exit on an immediate SIGTERM: {status}");
    }
}

#[test]
fn without_a_program_the_storefront_gets_a_problem_document() {
    let host = Host::start(&[]);
    let (status, content_type, body) = host.get("/v1/program");
    assert_eq!(status, 404);
    assert_eq!(content_type, "application/problem+json");
    let problem: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(problem["type"], "urn:treu:problem:no-program");
    assert_eq!(problem["status"], 404);
}

#[test]
fn health_check_answers() {
    let host = Host::start(&[]);
    let (status, _, body) = host.get("/healthz");
    assert_eq!((status, body.as_str()), (200, r#"{"status":"ok"}"#));
}

#[test]
fn an_invalid_program_file_stops_start_up_naming_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("program.json");
    std::fs::write(
        &file,
        r#"{"version":1,"currency":"EUR","freeShipping":{"thresholds":[{"currency":"EUR","minimum":-1}]}}"#,
    )
    .unwrap();
    let output = command(&dir).args(["serve", "--port", "0", "--program"]).arg(&file).output().unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("program.freeShipping.thresholds[0].minimum"), "{stderr}");

    std::fs::write(
        &file,
        r#"{"version":1,"currency":"EUR","freeShipping":{"thresholds":[{"currency":"EUR","minimum":"5"}]}}"#,
    )
    .unwrap();
    let output = command(&dir).args(["serve", "--port", "0", "--program"]).arg(&file).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("program.freeShipping.thresholds[0].minimum: invalid type"), "{stderr}");
}

#[test]
fn serves_static_folders_for_the_demo_shop() {
    let host = Host::start(&["--static", "/=www/demo"]);
    let (status, content_type, body) = host.get("/");
    assert_eq!(status, 200);
    assert!(content_type.starts_with("text/html"));
    assert!(body.contains("<treu-shipping-bar>"));
    let (status, _, _) = host.get("/v1/program");
    assert_eq!(status, 404, "API routes take precedence over static files");
}

#[test]
fn static_files_named_by_their_build_are_kept_and_others_revalidated() {
    let files = tempfile::tempdir().unwrap();
    std::fs::write(files.path().join("treu.js"), "import('./treu_paint.1a2b3c4d.js');").unwrap();
    std::fs::write(files.path().join("treu_paint.1a2b3c4d.js"), "export {};").unwrap();
    let mount = format!("/treu={}", files.path().display());
    let host = Host::start(&["--static", &mount, "--static", "/=www/demo"]);
    let cache = |path: &str| {
        let reply = host.call("GET", path, &[], None);
        assert_eq!(reply.status, 200, "{path}");
        reply.header("cache-control").map(str::to_owned)
    };
    assert_eq!(cache("/treu/treu_paint.1a2b3c4d.js").as_deref(), Some("public, max-age=31536000, immutable"));
    assert_eq!(cache("/treu/treu.js").as_deref(), Some("no-cache"), "the loader names the build's files");
    assert_eq!(cache("/").as_deref(), Some("no-cache"));
    // Revalidated: an unchanged file answers 304, still with its policy.
    let modified = host.call("GET", "/treu/treu.js", &[], None).header("last-modified").unwrap().to_owned();
    let again = host.call("GET", "/treu/treu.js", &[("if-modified-since", &modified)], None);
    assert_eq!(again.status, 304);
    assert_eq!(again.header("cache-control"), Some("no-cache"));
    // A missing file: 404, and nothing for a browser to keep.
    let missing = host.call("GET", "/treu/treu_paint.00000000.js", &[], None);
    assert_eq!(missing.status, 404);
    assert_eq!(missing.header("cache-control"), None);
}

#[test]
fn static_files_are_sent_compressed_as_the_browser_accepts() {
    let files = tempfile::tempdir().unwrap();
    let file = |name: &str, body: &str| std::fs::write(files.path().join(name), body).unwrap();
    file("treu_paint.1a2b3c4d.wasm", "the module");
    file("treu_paint.1a2b3c4d.wasm.br", "the module, brotli");
    file("treu_paint.1a2b3c4d.wasm.gz", "the module, gzip");
    file("treu.js", "the loader");
    file("treu.js.gz", "the loader, gzip");
    let mount = format!("/treu={}", files.path().display());
    let host = Host::start(&["--static", &mount]);
    let get = |path: &str, accept: Option<&str>| {
        let headers: Vec<_> = accept.map(|accept| ("accept-encoding", accept)).into_iter().collect();
        let reply = host.call("GET", path, &headers, None);
        assert_eq!(reply.status, 200, "{path} {accept:?}");
        assert_eq!(reply.header("vary"), Some("accept-encoding"), "{path} {accept:?}");
        (reply.header("content-encoding").map(str::to_owned), reply.content_type.clone(), reply.text)
    };
    let wasm = "/treu/treu_paint.1a2b3c4d.wasm";
    // Chromium's header: the brotli copy, still typed as what it holds
    // (streaming compilation insists on application/wasm).
    let (encoding, content_type, body) = get(wasm, Some("gzip, deflate, br, zstd"));
    assert_eq!(
        (encoding.as_deref(), content_type.as_str(), body.as_str()),
        (Some("br"), "application/wasm", "the module, brotli")
    );
    let (encoding, _, body) = get(wasm, Some("gzip"));
    assert_eq!((encoding.as_deref(), body.as_str()), (Some("gzip"), "the module, gzip"));
    let (encoding, _, body) = get(wasm, Some("br;q=0, gzip"));
    assert_eq!((encoding.as_deref(), body.as_str()), (Some("gzip"), "the module, gzip"), "brotli refused");
    let (encoding, _, body) = get(wasm, None);
    assert_eq!((encoding, body.as_str()), (None, "the module"), "no Accept-Encoding: the file");
    // A copy that is missing: the next one accepted, else the file.
    let (encoding, _, body) = get("/treu/treu.js", Some("br, gzip"));
    assert_eq!((encoding.as_deref(), body.as_str()), (Some("gzip"), "the loader, gzip"));
    let (encoding, _, body) = get("/treu/treu.js", Some("br"));
    assert_eq!((encoding, body.as_str()), (None, "the loader"));
}
