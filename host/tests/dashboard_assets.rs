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
