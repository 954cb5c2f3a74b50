// The Shopify app embed block's Liquid (platforms/shopify/extensions/treu-embed/blocks/treu.liquid),
// rendered with liquidjs: the script tag it writes for each setting and shopper.
// customer-token.test.mjs runs the same block in Chromium against the host.

import assert from "node:assert/strict";
import { test } from "node:test";
import { renderAppEmbed, schema } from "./app-embed.mjs";

/** The attributes of the one script tag in `html`. */
function scriptTag(html) {
  const tags = html.match(/<script\b[^>]*>/g) ?? [];
  assert.equal(tags.length, 1, html);
  return Object.fromEntries([...tags[0].matchAll(/([\w-]+)(?:="([^"]*)")?/g)].slice(1).map(([, name, value]) => [name, value ?? ""]));
}

test("the embed targets the page's head and defaults to the /apps/treu proxy and the launcher", () => {
  assert.equal(schema.target, "head");
  const defaults = Object.fromEntries(schema.settings.map((s) => [s.id, s.default]));
  assert.equal(defaults.proxy_path, "/apps/treu");
  assert.equal(defaults.launcher, true);
});

test("a signed-in customer's tag: the host's script, the API, locale, currency and the proxy's token URL", () => {
  const tag = scriptTag(
    renderAppEmbed({ settings: { host_url: " https://loyalty.example/ " }, customer: { id: 4711 }, locale: "de-CH", currency: "CHF" }),
  );
  assert.deepEqual(tag, {
    type: "module",
    async: "",
    src: "https://loyalty.example/treu/treu.js",
    "data-api": "https://loyalty.example",
    "data-platform": "shopify",
    "data-locale": "de-CH",
    "data-currency": "CHF",
    "data-token-url": "/apps/treu/token",
    "data-join-url": "/account/register",
    "data-login-url": "/account/login",
  });
});

test("a guest's tag has an empty token URL; a changed proxy path and script URL are honoured", () => {
  const tag = scriptTag(
    renderAppEmbed({
      settings: { host_url: "https://loyalty.example", proxy_path: "/tools/points/", script_url: "https://cdn.example/treu.js", launcher: false },
    }),
  );
  assert.equal(tag["data-token-url"], "");
  assert.equal(tag.src, "https://cdn.example/treu.js");
  assert.equal(tag["data-launcher"], "off");
  const member = scriptTag(renderAppEmbed({ settings: { host_url: "https://loyalty.example", proxy_path: "/tools/points/" }, customer: { id: 1 } }));
  assert.equal(member["data-token-url"], "/tools/points/token");
});

test("without a host URL the embed writes nothing, and settings reach the page only as attribute text", () => {
  assert.equal(renderAppEmbed({ settings: { host_url: "  " } }).trim(), "");
  const html = renderAppEmbed({ settings: { host_url: 'https://x.example/"><img src=x onerror=alert(1)>' }, locale: '"><b>' });
  assert.doesNotMatch(html, /<img|<b>/);
  // Escaped (Shopify writes &quot; where liquidjs writes &#34;; both decode to the same text).
  assert.match(scriptTag(html)["data-locale"], /^&(quot|#34);&gt;&lt;b&gt;$/);
});
