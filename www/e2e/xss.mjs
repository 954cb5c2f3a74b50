// What the XSS tests share: the payload corpus (xss-payloads.json), a program
// that carries a payload in every text a merchant types, the shop backend's
// customer tokens with a payload as id, name and e-mail, and the check that a
// rendered page kept every payload inert.
//
// Each payload calls `window.__xss(id)` if it ever runs. The check looks only
// at what any correct rendering must show, not at how it is built: it walks
// every frame, document and shadow root.

import { createHmac, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";

export const PAYLOADS = JSON.parse(readFileSync(new URL("xss-payloads.json", import.meta.url), "utf8"));
export const SHOP_SECRET = "xss-e2e-shop-secret";
export const ADMIN_TOKEN = "xss-e2e-admin-token";

const DAY = 86_400_000;
const iso = (ms) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");

/**
 * The demo program with every merchant text a payload: all rewards (id and
 * name), tier levels, campaigns and multipliers (id and name), excluded
 * products; the win-back offer's name is `winBack`. Customer `i` (see
 * `writeCustomer`) spends enough for level `i` and sees level `i + 1` next.
 */
export function programWith(winBack) {
  const program = JSON.parse(readFileSync(new URL("../demo-program.json", import.meta.url), "utf8"));
  const ids = PAYLOADS.map((payload) => payload.text);
  program.redemptions = [
    ...program.redemptions,
    ...ids.map((text) => ({ id: text, name: text, kind: "amountOff", points: 100, amount: 100, codeValidDays: 30 })),
  ];
  program.earning.multipliers = ids.map((text) => ({ id: text, name: text, percent: 200, products: ["mug", text] }));
  program.earning.excludedProducts = ["gift-wrap", ...ids];
  program.freeShipping.excludedProducts = ["gift-wrap", ...ids];
  program.tiers = {
    basis: "spend",
    period: "lifetime",
    levels: ids.map((text, i) => ({ id: text, name: text, threshold: tierThreshold(i), earnPercent: 110 })),
  };
  const now = Date.now();
  program.campaigns = ids.map((text) => ({
    id: text,
    name: text,
    startsAt: iso(now - 400 * DAY),
    endsAt: iso(now + 400 * DAY),
    bonusPoints: 5,
    products: ["mug"],
  }));
  program.lifecycle.winBack.name = winBack;
  return program;
}

/** Spend (minor units) that reaches tier level `i` (0-based). */
const tierThreshold = (i) => 1000 * (i + 1);

/** A customer token (JWT, HS256) as the shop backend signs it. */
export function customerToken(claims, secret = SHOP_SECRET) {
  const part = (value) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const body = `${part({ alg: "HS256", typ: "JWT" })}.${part({ exp: Math.floor(Date.now() / 1000) + 3600, ...claims })}`;
  return `${body}.${createHmac("sha256", secret).update(body).digest("base64url")}`;
}

/** The token of the customer whose id, name and e-mail are `text`. */
export const tokenOf = (text) => customerToken({ sub: text, name: text, email: text });

async function call(url, { method = "GET", headers = {}, body } = {}) {
  const response = await fetch(url, {
    method,
    headers: { "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };

/** Saves `program` through the admin API; with `session` (from `openSession`) as that merchant. */
export function saveProgram(url, program, session) {
  const headers = session ? { cookie: session.cookie, "x-csrf-token": session.csrfToken } : admin;
  return call(`${url}/v1/admin/program`, { method: "PUT", headers, body: program });
}

/** A dashboard session of a merchant who signed in as `name`. */
export async function openSession(url, name) {
  const response = await fetch(`${url}/v1/admin/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token: ADMIN_TOKEN, name }),
  });
  if (!response.ok) throw new Error(`session: ${response.status} ${await response.text()}`);
  const { csrfToken } = await response.json();
  return { cookie: response.headers.get("set-cookie").split(";")[0], csrfToken };
}

function signedWebhook(url, event) {
  const body = JSON.stringify(event);
  const t = Math.floor(Date.now() / 1000);
  const v1 = createHmac("sha256", SHOP_SECRET).update(`${t}.${body}`).digest("hex");
  return call(`${url}/v1/webhooks/orders`, { method: "POST", headers: { "treu-signature": `t=${t},v1=${v1}` }, body: event });
}

/**
 * Customer `i` (payload `text` as id, name and e-mail), written as a shop
 * writes it: enrolled by a page view (`GET /v1/me`), an order `text` paid 200
 * days ago (a lapsed member: the win-back offer shows) and partly refunded,
 * goodwill points with reason `text`, and reward `text` redeemed.
 */
export async function writeCustomer(url, text, i) {
  const token = tokenOf(text);
  const bearer = { authorization: `Bearer ${token}` };
  await call(`${url}/v1/me`, { headers: bearer });
  const total = tierThreshold(i) + 500;
  const order = {
    id: text,
    customerId: text,
    total,
    placedAt: iso(Date.now() - 200 * DAY),
    cart: { currency: "EUR", lines: [{ productId: "mug", quantity: 1, unitPrice: total }] },
  };
  await signedWebhook(url, { id: `paid-${i}`, type: "order.paid", order });
  await signedWebhook(url, {
    id: `refund-${i}`,
    type: "order.partiallyRefunded",
    order: { id: text, total },
    refund: { id: `refund-${i}`, amount: 100 },
  });
  await call(`${url}/v1/admin/customers/${encodeURIComponent(text)}/adjustments`, {
    method: "POST",
    headers: { ...admin, "idempotency-key": randomUUID() },
    body: { points: 1000, reason: text },
  });
  await call(`${url}/v1/redemptions`, {
    method: "POST",
    headers: { ...bearer, "idempotency-key": randomUUID() },
    body: { option: text, cart: { currency: "EUR", lines: [{ productId: "mug", quantity: 2, unitPrice: 1250 }] } },
  });
  return token;
}

/**
 * Records every call of `window.__xss(id)` in any frame of any page of
 * `context`; returns the list it fills.
 */
export async function watchPayloads(context) {
  const ran = [];
  await context.exposeFunction("__xss", (id) => ran.push(id));
  return ran;
}

/**
 * What the page shows, over all its frames, documents and shadow roots:
 * `text` (text nodes and form fields' values) and `unsafe`, each element that
 * data could have made dangerous: an `on…` attribute, a script in a shadow
 * root or mentioning a payload, a link whose target is not http(s), an
 * attribute that loads or runs something and mentions a payload.
 */
export async function inspect(page) {
  const results = await Promise.all(
    page.frames().map((frame) =>
      frame
        .evaluate(() => {
          const unsafe = [];
          const texts = [];
          const loads = ["href", "src", "srcdoc", "action", "formaction", "data", "xlink:href", "background", "poster", "content"];
          const describe = (element) => element.outerHTML.slice(0, 160);
          const visit = (root, inShadow) => {
            const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
            for (let node = walker.currentNode; node; node = walker.nextNode()) {
              if (node.nodeType === Node.TEXT_NODE) {
                if (!node.parentElement?.closest("script, style")) texts.push(node.data);
                continue;
              }
              if (node.nodeType !== Node.ELEMENT_NODE) continue;
              const element = node;
              for (const attribute of element.attributes) {
                const name = attribute.name.toLowerCase();
                if (name.startsWith("on")) unsafe.push(`${name} attribute: ${describe(element)}`);
                // A URL made from data may point into the shop (percent-encoded), never to code.
                const value = attribute.value;
                const scheme = () => {
                  try {
                    return new URL(value, location.href).protocol;
                  } catch {
                    return "invalid:";
                  }
                };
                const code = name === "srcdoc" || name === "content" ? /__xss/.test(value) : /__xss/.test(value) && !["http:", "https:"].includes(scheme());
                if (loads.includes(name) && code) unsafe.push(`${name}=${value}: ${describe(element)}`);
              }
              const tag = element.localName;
              if (tag === "script" && (inShadow || /__xss/.test(element.textContent + (element.src ?? "")))) {
                unsafe.push(`script: ${describe(element)}`);
              }
              if ((tag === "a" || tag === "area") && element.hasAttribute("href")) {
                const protocol = new URL(element.href, location.href).protocol;
                if (protocol !== "http:" && protocol !== "https:") unsafe.push(`link to ${protocol}: ${describe(element)}`);
              }
              if (tag === "input" || tag === "textarea") texts.push(element.value);
              if (element.shadowRoot) visit(element.shadowRoot, true);
            }
          };
          visit(document.documentElement, false);
          return { unsafe, text: texts.join("") };
        })
        .catch(() => ({ unsafe: [], text: "" })),
    ),
  );
  return { unsafe: results.flatMap((result) => result.unsafe), text: results.map((result) => result.text).join("\n") };
}
