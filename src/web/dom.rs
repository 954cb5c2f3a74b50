//! Small DOM helpers in the spirit of gloo: build shadow trees from Rust with
//! text only ever set as text.

use wasm_bindgen::JsValue;
use web_sys::{Document, Element, ShadowRoot, ShadowRootInit, ShadowRootMode};

/// The page's document.
pub fn document() -> Result<Document, JsValue> {
    web_sys::window().and_then(|window| window.document()).ok_or_else(|| JsValue::from_str("no document"))
}

/// The open shadow root of `host`, attached on first use and emptied, so a
/// widget mounted again renders from a clean slate.
pub fn fresh_shadow_root(host: &Element) -> Result<ShadowRoot, JsValue> {
    let root = match host.shadow_root() {
        Some(root) => root,
        None => host.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))?,
    };
    root.replace_children_with_node_0();
    Ok(root)
}

/// A new `<tag part="part">` appended to `parent`.
pub fn append(parent: &web_sys::Node, tag: &str, part: &str) -> Result<Element, JsValue> {
    let element = document()?.create_element(tag)?;
    element.set_attribute("part", part)?;
    element.set_attribute("class", part)?;
    parent.append_child(&element)?;
    Ok(element)
}

/// Appends a `<style>` with `css` to `root`; only our own constant CSS goes here.
pub fn append_style(root: &ShadowRoot, css: &'static str) -> Result<(), JsValue> {
    let style = document()?.create_element("style")?;
    style.set_text_content(Some(css));
    root.append_child(&style)?;
    Ok(())
}

/// `url` resolved against the page, if it is an http(s) URL; anything else
/// (`javascript:`, `data:`, malformed) is refused, so it never becomes a link.
pub fn http_url(url: &str) -> Option<String> {
    let base = document().ok()?.base_uri().ok()??;
    let parsed = web_sys::Url::new_with_base(url.trim(), &base).ok()?;
    matches!(parsed.protocol().as_str(), "http:" | "https:").then(|| parsed.href())
}

/// Shows `permille` (0 to 1000) of a progress bar's fill, as the
/// `--treu-progress` scale its CSS transforms by.
pub fn set_progress(fill: &web_sys::HtmlElement, permille: u16) -> Result<(), JsValue> {
    fill.style().set_property("--treu-progress", &format!("{}.{:03}", permille / 1000, permille % 1000))
}
