//! `/admin` serves the dashboard built into `host/admin/dist` (read from that
//! folder in debug builds): its files with their types and a strict CSP, and
//! `index.html` for the app's routes; without a build, 503 saying how to build.

mod common;

use common::{repo_root, Host};

fn files(folder: &std::path::Path, found: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(folder).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, found);
        } else {
            found.push(path);
        }
    }
}

#[test]
fn the_dashboard_is_served_at_admin_or_says_how_to_build_it() {
    let host = Host::with_program();
    let dist = repo_root().join("host/admin/dist");
    if !dist.join("index.html").exists() {
        for path in ["/admin", "/admin/", "/admin/customers/c-1", "/admin/app.js"] {
            let reply = host.call("GET", path, &[], None);
            assert_eq!(reply.status, 503, "{path}");
            assert!(reply.content_type.starts_with("text/plain"), "{path}");
            assert_eq!(reply.text, "The dashboard was not built into this binary: run ./x build");
        }
        return;
    }
    let index = std::fs::read_to_string(dist.join("index.html")).unwrap();
    for path in ["/admin", "/admin/", "/admin/customers/c-1", "/admin/program"] {
        let reply = host.call("GET", path, &[], None);
        assert_eq!(reply.status, 200, "{path}");
        assert_eq!(reply.content_type, "text/html; charset=utf-8", "{path}");
        assert_eq!(reply.text, index, "{path}");
        let csp = reply.header("content-security-policy").unwrap();
        assert!(csp.contains("default-src 'self'") && csp.contains("'wasm-unsafe-eval'"), "{csp}");
        assert!(csp.contains("frame-ancestors 'self'"), "{csp}");
    }
    let mut found = Vec::new();
    files(&dist, &mut found);
    // The compressed copies beside each file are sent for it (see below).
    found.retain(|file| !matches!(file.extension().and_then(|e| e.to_str()), Some("br" | "gz")));
    for file in found {
        let relative = file.strip_prefix(&dist).unwrap().to_string_lossy().replace('\\', "/");
        let reply = host.call("GET", &format!("/admin/{relative}"), &[], None);
        assert_eq!(reply.status, 200, "{relative}");
        match file.extension().and_then(|e| e.to_str()) {
            Some("wasm") => assert_eq!(reply.content_type, "application/wasm", "{relative}"),
            Some("js" | "mjs") => assert_eq!(reply.content_type, "text/javascript; charset=utf-8", "{relative}"),
            Some("css") => assert_eq!(reply.content_type, "text/css; charset=utf-8", "{relative}"),
            _ => {}
        }
        let etag = reply.header("etag").unwrap().to_owned();
        let again = host.call("GET", &format!("/admin/{relative}"), &[("if-none-match", &etag)], None);
        assert_eq!(again.status, 304, "{relative}");
    }
    assert_eq!(host.call("GET", "/admin/no-such-file.js", &[], None).status, 404);
}

#[test]
fn the_dashboard_is_sent_compressed_as_the_browser_accepts() {
    let dist = repo_root().join("host/admin/dist");
    if !dist.join("index.html").exists() {
        return; // the test above checks the 503 without a build
    }
    let host = Host::with_program();
    for (path, file) in
        [("/admin/", "index.html"), ("/admin/admin.js", "admin.js"), ("/admin/treu/treu.js", "treu/treu.js")]
    {
        let bytes = |suffix: &str| std::fs::read(dist.join(format!("{file}{suffix}"))).unwrap();
        let mut tags = Vec::new();
        for (accept, encoding, suffix) in [
            (Some("gzip, deflate, br, zstd"), Some("br"), ".br"),
            (Some("gzip"), Some("gzip"), ".gz"),
            (Some("br;q=0, gzip"), Some("gzip"), ".gz"),
            (None, None, ""),
        ] {
            let headers: Vec<_> = accept.map(|accept| ("accept-encoding", accept)).into_iter().collect();
            let reply = host.call("GET", path, &headers, None);
            assert_eq!(reply.status, 200, "{path} {accept:?}");
            assert_eq!(reply.header("content-encoding"), encoding, "{path} {accept:?}");
            assert_eq!(reply.header("vary"), Some("accept-encoding"), "{path} {accept:?}");
            assert!(reply.bytes == bytes(suffix), "{path} {accept:?}: not the file{suffix}");
            let etag = reply.header("etag").unwrap().to_owned();
            // A tag names one copy: revalidating it with another encoding sends that one.
            let again = host.call("GET", path, &[headers.as_slice(), &[("if-none-match", &etag)]].concat(), None);
            assert_eq!(again.status, 304, "{path} {accept:?}");
            tags.push(etag);
        }
        assert_eq!(tags[1], tags[2]);
        tags.dedup();
        assert_eq!(tags.len(), 3, "{path}: the brotli copy, the gzip copy and the file each have their own tag");
    }
}
