//! Which URLs become links: only http(s) ones. The renderer checks again
//! before it sets an `href`, so neither side alone keeps a `javascript:` URL out.

/// `url` resolved against the page, if it is an http(s) URL; anything else
/// (`javascript:`, `data:`, malformed) is refused, so it never becomes a link.
pub fn http_url(url: &str) -> Option<String> {
    let base = web_sys::window()?.document()?.base_uri().ok()??;
    let parsed = web_sys::Url::new_with_base(url.trim(), &base).ok()?;
    matches!(parsed.protocol().as_str(), "http:" | "https:").then(|| parsed.href())
}
