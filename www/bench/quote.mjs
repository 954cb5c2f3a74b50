// `./x bench`: `quote()` of the npm package (pkg/) in headless Chromium and in
// Node, against the native figures of `cargo bench --bench quote`, and against
// json-rules-engine running the equivalent earning rules.
//
// The fixture is the one of benches/quote.rs: the ~30-rule program
// benches/program.json, a 100-line cart, a Gold member with 20 orders, and
// `now` inside two campaigns. Each `quote()` call takes plain JS objects and
// returns one, so it includes reading and validating the program, cart and
// member and writing the quote; the native `quote_json` figure does the same
// from and to JSON text, the native `quote` figure only the engine's work.
//
// json-rules-engine gets the earning part only (the base rate, exclusions,
// the highest product or collection multiplier per line, percent campaigns,
// bonus campaigns with a minimum spend, the tier's extra rate): one rule per
// program rule, run once per cart line and once for the cart, with the points
// summed and rounded as treu does. The script checks that both give the same
// points. treu's quote does more (redemptions, free shipping, tier progress,
// lifecycle), so the comparison favours json-rules-engine. Both run in Node's
// V8; json-rules-engine ships CommonJS only, so it is not timed in the browser.
//
// Each figure is the median of 15 batches after a warm-up, in µs per call.
// Usage: node www/bench/quote.mjs (after ./x build and cargo bench --bench quote).

import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { launchBrowser } from "../e2e/harness.mjs";
import { median, row, verdict } from "./stats.mjs";

const root = new URL("../../", import.meta.url);
const program = JSON.parse(readFileSync(new URL("benches/program.json", root), "utf8"));
const NOW = "2025-06-15T12:00:00Z";

/** As `cart_json` in benches/quote.rs. */
function cart(lines) {
  const collections = ["coffee", "tea", "new", "sale", "tools"];
  return {
    currency: "EUR",
    shipping: 490,
    lines: Array.from({ length: lines }, (_, i) => ({
      productId: `p${i}`,
      quantity: 1 + (i % 3),
      unitPrice: 499 + ((i * 137) % 5000),
      collections: [collections[i % collections.length]],
      giftCard: i % 41 === 40,
    })),
  };
}

/** As `customer_json` in benches/quote.rs. */
function customer() {
  const orders = Array.from({ length: 20 }, (_, i) => ({
    id: `o${i}`,
    placedAt: `2025-0${1 + (i % 5)}-1${i % 10}T10:00:00Z`,
    spend: 3000,
    points: 30,
  }));
  return { id: "c-1", balance: 1250, orders };
}

const fixture = { program, cart: cart(100), customer: customer(), now: NOW };

/** µs per call of `call`: the median of 15 batches after a warm-up. Runs in
 * Node and, serialized, in the page. */
async function time(call, batch) {
  for (let i = 0; i < batch; i++) await call();
  const batches = [];
  for (let b = 0; b < 15; b++) {
    const started = performance.now();
    for (let i = 0; i < batch; i++) await call();
    batches.push(((performance.now() - started) * 1000) / batch);
  }
  batches.sort((a, b) => a - b);
  return batches[7];
}

/** The criterion estimate (mean, µs) of `group/lines/100`, if it was run. */
function native(group) {
  const file = new URL(`target/criterion/${group}/lines/100/new/estimates.json`, root);
  if (!existsSync(file)) return undefined;
  const estimates = JSON.parse(readFileSync(file, "utf8"));
  return (estimates.slope ?? estimates.mean).point_estimate / 1000; // the figure criterion prints

}

// ---- treu in headless Chromium, served from a made-up origin.
async function inChromium() {
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    const origin = "http://treu-bench.localhost";
    await page.route(`${origin}/**`, (route) => {
      const path = new URL(route.request().url()).pathname;
      if (path === "/") return route.fulfill({ contentType: "text/html", body: "<!doctype html><title>bench</title>" });
      const file = new URL(`pkg${path}`, root);
      const contentType = path.endsWith(".wasm") ? "application/wasm" : "text/javascript";
      return existsSync(file) ? route.fulfill({ contentType, body: readFileSync(file) }) : route.abort();
    });
    await page.goto(`${origin}/`);
    return await page.evaluate(
      async ({ fixture, time }) => {
        const { quote, validateProgram } = await import("/treu.js");
        const timer = new Function(`return ${time}`)();
        const { program, cart, customer, now } = fixture;
        const points = (await quote(program, cart, customer, now)).earn.total;
        const micros = await timer(() => quote(program, cart, customer, now), 200);
        return { points, micros, programOnly: await timer(() => validateProgram(program), 200) };
      },
      { fixture, time: time.toString() },
    );
  } finally {
    await browser.close();
  }
}

// ---- treu in Node: the same package, its Wasm handed over as bytes.
async function inNode() {
  const glue = await import(new URL("pkg/treu_engine.js", root));
  await glue.default({ module_or_path: readFileSync(new URL("pkg/treu_engine_bg.wasm", root)) });
  const { quote } = await import(new URL("pkg/treu.js", root));
  const { program, cart, customer, now } = fixture;
  const points = (await quote(program, cart, customer, now)).earn.total;
  return { points, micros: await time(() => quote(program, cart, customer, now), 200) };
}

// ---- json-rules-engine: the program's earning rules as its rules.
function rulesEngine() {
  const require = createRequire(new URL("www/package.json", root));
  const { Engine } = require("json-rules-engine");
  const earning = program.earning;
  const at = (text) => Date.parse(text);
  const within = (c) => [
    { fact: "now", operator: "greaterThanInclusive", value: at(c.startsAt) },
    { fact: "now", operator: "lessThan", value: at(c.endsAt) },
  ];
  const matches = (products = [], collections = []) => ({
    any: [
      { fact: "productId", operator: "in", value: products },
      { fact: "collections", operator: "intersects", value: collections },
    ],
  });
  const engine = (rules) => {
    const e = new Engine([], { allowUndefinedFacts: true });
    e.addOperator("intersects", (a, b) => Array.isArray(a) && a.some((x) => b.includes(x)));
    for (const rule of rules) e.addRule(rule);
    return e;
  };
  const lineRules = engine([
    {
      conditions: {
        any: [
          { fact: "giftCard", operator: "equal", value: true },
          matches(earning.excludedProducts, earning.excludedCollections),
        ],
      },
      event: { type: "excluded" },
      priority: 10,
    },
    ...earning.multipliers.map((m, index) => ({
      conditions: matches(m.products, m.collections),
      event: { type: "multiplier", params: { index, percent: m.percent } },
    })),
    ...program.campaigns
      .map((c, index) => ({ c, index }))
      .filter(({ c }) => (c.percent ?? 100) > 100)
      .map(({ c, index }) => ({
        conditions: {
          all: [...within(c), ...(c.products || c.collections ? [matches(c.products, c.collections)] : [])],
        },
        event: { type: "campaign", params: { index, percent: c.percent } },
      })),
  ]);
  const cartRules = engine([
    ...program.tiers.levels.map((level) => ({
      conditions: { all: [{ fact: "yearSpend", operator: "greaterThanInclusive", value: level.threshold }] },
      event: { type: "tier", params: { percent: level.earnPercent ?? 100, threshold: level.threshold } },
    })),
    ...program.campaigns
      .filter((c) => c.bonusPoints > 0)
      .map((c) => ({
        conditions: {
          all: [...within(c), { fact: "eligibleSpend", operator: "greaterThanInclusive", value: c.minimumSpend ?? 0 }],
        },
        event: { type: "bonus", params: { points: c.bonusPoints } },
      })),
  ]);
  const rate = earning.rates.find((r) => r.currency === "EUR");
  const extra = (amount, percent) => Math.floor((amount * rate.points * (percent - 100)) / (rate.per * 100));

  // Spend per rule, summed over lines and rounded once, as treu does.
  const add = (sums, { index, percent }, amount) => {
    const sum = sums.get(index) ?? { percent, amount: 0 };
    sum.amount += amount;
    sums.set(index, sum);
  };

  return async function earn({ cart, customer, now }) {
    const nowMs = at(now);
    const year = new Date(nowMs).getUTCFullYear();
    let eligible = 0;
    const byMultiplier = new Map();
    const byCampaign = new Map();
    for (const line of cart.lines) {
      const { events } = await lineRules.run({ ...line, now: nowMs });
      if (events.some((e) => e.type === "excluded")) continue;
      const total = line.unitPrice * line.quantity;
      eligible += total;
      let best = null;
      for (const e of events) {
        if (e.type === "multiplier" && (!best || e.params.percent > best.percent)) best = e.params;
        if (e.type === "campaign") add(byCampaign, e.params, total);
      }
      if (best) add(byMultiplier, best, total);
    }
    const yearSpend = () =>
      customer.orders.filter((o) => new Date(o.placedAt).getUTCFullYear() === year).reduce((s, o) => s + o.spend, 0);
    const { events } = await cartRules.run({ yearSpend, eligibleSpend: eligible, now: nowMs });
    const tier = events.filter((e) => e.type === "tier").sort((a, b) => b.params.threshold - a.params.threshold)[0];
    let points = Math.floor((eligible * rate.points) / rate.per);
    if (tier && tier.params.percent > 100) points += extra(eligible, tier.params.percent);
    for (const { percent, amount } of byMultiplier.values()) points += extra(amount, percent);
    for (const { percent, amount } of byCampaign.values()) points += extra(amount, percent);
    for (const e of events) if (e.type === "bonus") points += e.params.points;
    return points;
  };
}

async function inRulesEngine() {
  const earn = rulesEngine();
  const points = await earn(fixture);
  return { points, micros: await time(() => earn(fixture), 20) };
}

const chromium = await inChromium();
const node = await inNode();
const jre = await inRulesEngine();
for (const [name, result] of [["Node", node], ["json-rules-engine", jre]]) {
  if (result.points !== chromium.points) {
    throw new Error(`${name} earns ${result.points} points, treu in Chromium ${chromium.points}: not equivalent`);
  }
}
const engineOnly = native("quote");
const fromJson = native("quote_json");
const us = (value) => (value === undefined ? "n/a" : value.toFixed(1));
const times = (value, base) => (value === undefined || base === undefined ? "" : `${(value / base).toFixed(1)}×`);

console.log(`\nquote: 100-line cart, ~30-rule program, Gold member (${chromium.points} points)`);
console.log(row("", ["µs/call", "vs native"]));
console.log(row("native, engine only (criterion quote)", [us(engineOnly), ""]));
console.log(row("native, JSON in and out (criterion quote_json)", [us(fromJson), ""]));
console.log(row("Chromium, quote() from pkg/", [us(chromium.micros), times(chromium.micros, fromJson)]));
console.log(row("  for scale: validateProgram(program) alone", [us(chromium.programOnly), ""]));
console.log(row("Node, quote() from pkg/", [us(node.micros), times(node.micros, fromJson)]));
console.log(row("Node, json-rules-engine, earning rules only", [us(jre.micros), times(jre.micros, fromJson)]));
const ratio = chromium.micros / fromJson;
const speedup = jre.micros / node.micros;
console.log(`  Chromium vs native (JSON in and out): ${ratio.toFixed(1)}×   target ≤ 3×  ${verdict(ratio <= 3)}`);
console.log(
  `  Chromium vs native (engine only):      ${(chromium.micros / engineOnly).toFixed(1)}×   (the stricter reading)`,
);
console.log(`  json-rules-engine / treu (both Node):  ${speedup.toFixed(0)}×   target ≥ 10× ${verdict(speedup >= 10)}`);
