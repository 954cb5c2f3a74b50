//! `treu-host sync` against a small fake Shopify and a fake WooCommerce: real
//! HTTP servers on loopback ports inside the test, serving the documented
//! listing shapes (Shopify's `{"orders": […]}` with `Link` pagination,
//! WooCommerce's array with `X-WP-TotalPages`) built from the payload fixtures.

mod common;
mod platform_support;

use platform_support::fixture;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::process::Command;
use std::sync::{Arc, Mutex};

/// What the fake platform was asked: the path with its query, and the headers.
type Seen = Arc<Mutex<Vec<(String, HashMap<String, String>)>>>;
/// An answer: status, extra headers, JSON body.
type Answer = (u16, Vec<(String, String)>, String);

/// Serves `answer` on a free loopback port until the test ends.
fn serve(answer: impl Fn(&str, &HashMap<String, String>, &str) -> Answer + Send + 'static) -> (String, Seen) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a free port");
    let url = format!("http://{}", listener.local_addr().unwrap());
    let seen: Seen = Arc::default();
    let log = seen.clone();
    let base = url.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            let target = line.split_whitespace().nth(1).unwrap_or("/").to_owned();
            let mut headers = HashMap::new();
            loop {
                let mut header = String::new();
                reader.read_line(&mut header).unwrap();
                let header = header.trim_end();
                if header.is_empty() {
                    break;
                }
                if let Some((name, value)) = header.split_once(':') {
                    headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_owned());
                }
            }
            log.lock().unwrap().push((target.clone(), headers.clone()));
            let (status, extra, body) = answer(&target, &headers, &base);
            let mut response = format!(
                "HTTP/1.1 {status} OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n",
                body.len()
            );
            for (name, value) in extra {
                response.push_str(&format!("{name}: {value}\r\n"));
            }
            response.push_str("\r\n");
            response.push_str(&body);
            let _ = stream.write_all(response.as_bytes());
        }
    });
    (url, seen)
}

fn order(platform: &str, name: &str) -> Value {
    serde_json::from_str(&fixture(platform, name)).unwrap()
}

/// A fake Shopify Admin REST API: two pages of orders for one access token.
fn fake_shopify() -> (String, Seen) {
    serve(|target, headers, base| {
        if headers.get("x-shopify-access-token").map(String::as_str) != Some("shpat_test") {
            return (401, vec![], json!({ "errors": "[API] Invalid API key or access token" }).to_string());
        }
        if !target.starts_with("/admin/api/2026-10/orders.json?") {
            return (404, vec![], json!({ "errors": "Not Found" }).to_string());
        }
        if target.contains("page_info=p2") {
            let orders = [order("shopify", "orders-updated-partially-refunded"), order("shopify", "orders-paid-guest")];
            return (200, vec![], json!({ "orders": orders }).to_string());
        }
        let next = format!("<{base}/admin/api/2026-10/orders.json?limit=250&page_info=p2>; rel=\"next\"");
        let orders = [order("shopify", "orders-paid-discounts-shipping"), order("shopify", "orders-paid-jpy")];
        (200, vec![("link".to_owned(), next)], json!({ "orders": orders }).to_string())
    })
}

/// A fake WooCommerce REST API v3: two pages of orders for one consumer key.
fn fake_woocommerce() -> (String, Seen) {
    serve(|target, headers, _| {
        use base64::Engine;
        let expected = format!("Basic {}", base64::engine::general_purpose::STANDARD.encode("ck_test:cs_test"));
        if headers.get("authorization") != Some(&expected) {
            let error =
                json!({ "code": "woocommerce_rest_cannot_view", "message": "Sorry, you cannot list resources." });
            return (401, vec![], error.to_string());
        }
        let pages = vec![("x-wp-total".to_owned(), "4".to_owned()), ("x-wp-totalpages".to_owned(), "2".to_owned())];
        if target.contains("&page=2") {
            let orders = [order("woocommerce", "order-partially-refunded"), order("woocommerce", "order-guest")];
            return (200, pages, json!(orders).to_string());
        }
        let orders = [order("woocommerce", "order-processing"), order("woocommerce", "order-jpy")];
        (200, pages, json!(orders).to_string())
    })
}

/// Runs `treu-host sync <args>` on the host's database: (success, stdout, stderr).
fn sync(host: &common::Host, args: &[&str]) -> (bool, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_treu-host"))
        .current_dir(common::repo_root())
        .env("TREU_DATABASE_URL", host.database_url())
        .env("RUST_LOG", "warn")
        .arg("sync")
        .args(args)
        .output()
        .expect("treu-host sync runs");
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    (output.status.success(), text(&output.stdout), text(&output.stderr))
}

fn query_value(target: &str, key: &str) -> Option<String> {
    let query = target.split_once('?')?.1;
    form_urlencoded::parse(query.as_bytes()).find(|(name, _)| name == key).map(|(_, value)| value.into_owned())
}

#[test]
fn shopify_sync_feeds_every_page_through_the_webhook_mapping_and_remembers_where_it_stopped() {
    let (url, seen) = fake_shopify();
    let host = platform_support::host(&[]);
    let args = ["--platform", "shopify", "--shopify-shop", &url, "--shopify-access-token", "shpat_test"];
    let (ok, stdout, stderr) = sync(&host, &args);
    assert!(ok, "{stdout}{stderr}");
    assert_eq!(stdout.trim(), "shopify: 4 orders read, 0 not synced");
    // Paid, then its partial refund (page 2): 76 − 38; the yen order 27; the guest none.
    assert_eq!(platform_support::balance(&host, "7390"), 38);
    assert_eq!(platform_support::balance(&host, "7393"), 27);
    let first = seen.lock().unwrap()[0].0.clone();
    assert_eq!(query_value(&first, "status").as_deref(), Some("any"));
    let since = |target: &str| {
        let value = query_value(target, "updated_at_min").expect("updated_at_min");
        treu::engine::time::Timestamp::parse(&value).unwrap().unix()
    };
    assert!((common::now() - 7 * 86_400 - since(&first)).abs() < 60, "{first}");
    // The second run asks from the end of the first (less the overlap) and changes nothing.
    let (ok, stdout, stderr) = sync(&host, &args);
    assert!(ok, "{stdout}{stderr}");
    let requests = seen.lock().unwrap().clone();
    assert_eq!(requests.len(), 4);
    assert!((common::now() - 300 - since(&requests[2].0)).abs() < 60, "{}", requests[2].0);
    assert_eq!(platform_support::balance(&host, "7390"), 38);
    assert_eq!(platform_support::balance(&host, "7393"), 27);
}

#[test]
fn woocommerce_sync_reads_pages_with_the_consumer_key() {
    let (url, seen) = fake_woocommerce();
    let host = platform_support::host(&[]);
    let base = ["--platform", "woocommerce", "--woocommerce-url", &url, "--woocommerce-key", "ck_test"];
    let (ok, _, stderr) = sync(&host, &[&base[..], &["--woocommerce-consumer-secret", "wrong"]].concat());
    assert!(!ok);
    assert!(stderr.contains("401"), "{stderr}");
    let args = [&base[..], &["--woocommerce-consumer-secret", "cs_test", "--since", "2026-11-01T00:00:00Z"]].concat();
    let (ok, stdout, stderr) = sync(&host, &args);
    assert!(ok, "{stdout}{stderr}");
    assert_eq!(stdout.trim(), "woocommerce: 4 orders read, 0 not synced");
    assert_eq!(platform_support::balance(&host, "12"), 37);
    assert_eq!(platform_support::balance(&host, "14"), 27);
    let requests = seen.lock().unwrap().clone();
    let first = &requests[1].0;
    assert!(first.starts_with("/wp-json/wc/v3/orders?"), "{first}");
    assert_eq!(query_value(first, "modified_after").as_deref(), Some("2026-11-01T00:00:00Z"));
    assert_eq!(query_value(&requests[2].0, "page").as_deref(), Some("2"));
}

#[test]
fn sync_without_credentials_says_which_flag_is_missing() {
    let host = platform_support::host(&[]);
    let (ok, _, stderr) = sync(&host, &["--platform", "shopify"]);
    assert!(!ok);
    assert!(stderr.contains("--shopify-shop (TREU_SHOPIFY_SHOP) is required"), "{stderr}");
}

#[test]
fn serve_with_a_sync_interval_reconciles_in_the_background() {
    let (url, _) = fake_woocommerce();
    let host = platform_support::host(&[
        "--sync-interval",
        "1h",
        "--woocommerce-url",
        &url,
        "--woocommerce-key",
        "ck_test",
        "--woocommerce-consumer-secret",
        "cs_test",
    ]);
    // The first run starts with the server; wait for its effect (not for a time).
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while platform_support::balance(&host, "14") != 27 {
        assert!(std::time::Instant::now() < deadline, "the background sync did not run");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(platform_support::balance(&host, "12"), 37);
}
