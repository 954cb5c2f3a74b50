// The orders dashboard.test.mjs posts through signed webhooks, and the report
// figures computed from them here, independently of the host, by the
// definitions in docs/metrics.md (the demo program: 1 point per €1, rounded
// down; at risk after 90 days, lapsed after 180).

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { mintToken, sendOrderWebhook } from "./harness.mjs";

export const ADMIN_TOKEN = "e2e-admin-token";
const DAY = 86_400_000;
const AT_RISK_DAYS = 90;
const LAPSED_DAYS = 180;
const PROGRAM = JSON.parse(readFileSync(new URL("../demo-program.json", import.meta.url), "utf8"));

/** Whole seconds, as the webhook's `placedAt` carries them. */
const started = Math.floor(Date.now() / 1000) * 1000;
const daysAgo = (days) => new Date(started - days * DAY).toISOString().replace(".000Z", "Z");

export const CUSTOMERS = { "c-ann": "Ann Lee", "c-bo": "Bo Berg", "c-cy": "Cy Park", "c-dee": "Dee Ortiz", "c-eve": "Eve Stone", "c-fay": "Fay Moss" };

export const MEMBER_ORDERS = [
  { id: "o-ann-1", customer: "c-ann", days: 10, total: 4000 },
  { id: "o-ann-2", customer: "c-ann", days: 3, total: 2500 },
  { id: "o-bo-1", customer: "c-bo", days: 200, total: 3000 },
  { id: "o-cy-1", customer: "c-cy", days: 100, total: 5000 },
  { id: "o-dee-1", customer: "c-dee", days: 5, total: 1999 },
  { id: "o-eve-1", customer: "c-eve", days: 250, total: 3000 },
  { id: "o-eve-2", customer: "c-eve", days: 8, total: 2000 },
  // Active at the start of the period, lapsed by its end: retention below 100 %.
  { id: "o-fay-1", customer: "c-fay", days: 190, total: 1250 },
].map((order) => ({ ...order, placedAt: daysAgo(order.days) }));

export const GUEST_ORDERS = [
  { id: "g-1", days: 2, total: 3000 },
  { id: "g-2", days: 2, total: 1500 },
].map((order) => ({ ...order, placedAt: daysAgo(order.days) }));

export const REFUNDS = [{ order: "o-dee-1", id: "r-1", total: 1999, amount: 999 }];

const refunded = (order) => REFUNDS.filter((refund) => refund.order === order.id).reduce((sum, refund) => sum + refund.amount, 0);

/** Points an order earned, net of what its refunds took back (each rounded down). */
function netPoints(order) {
  const rate = PROGRAM.earning.rates.find((one) => one.currency === "EUR");
  const earned = Math.floor((order.total * rate.points) / rate.per);
  return earned - Math.floor((earned * refunded(order)) / order.total);
}

const isoDate = (ms) => new Date(ms).toISOString().slice(0, 10);
const dayStart = (date) => Date.parse(`${date}T00:00:00Z`);

/** Customers who have ordered before `at` and whose last order then is less than the lapse window old. */
function activeAt(at) {
  return Object.keys(CUSTOMERS).filter((customer) => {
    const before = MEMBER_ORDERS.filter((order) => order.customer === customer && Date.parse(order.placedAt) < at);
    if (before.length === 0) return false;
    const last = Math.max(...before.map((order) => Date.parse(order.placedAt)));
    return Math.floor((at - last) / DAY) < LAPSED_DAYS;
  }).length;
}

const firstOrders = () =>
  Object.keys(CUSTOMERS).map((customer) => Math.min(...MEMBER_ORDERS.filter((order) => order.customer === customer).map((order) => Date.parse(order.placedAt))));

/** S, E and N of `[start, end)`. */
function retention(start, end) {
  return {
    s: activeAt(start),
    e: activeAt(end),
    n: firstOrders().filter((first) => start <= first && first < end).length,
  };
}

function stageAt(customer, at) {
  const placed = MEMBER_ORDERS.filter((order) => order.customer === customer)
    .map((order) => Date.parse(order.placedAt))
    .sort((a, b) => a - b);
  if (placed.length === 0) return "prospect";
  const since = Math.floor((at - placed.at(-1)) / DAY);
  if (since >= LAPSED_DAYS) return "lapsed";
  if (since >= AT_RISK_DAYS) return "atRisk";
  if (placed.length >= 2 && Math.floor((placed.at(-1) - placed.at(-2)) / DAY) >= LAPSED_DAYS) return "wonBack";
  return placed.length >= 2 ? "repeat" : "new";
}

/**
 * What the reports page must show for the 61 days up to `today`, as the
 * page writes it in `locale`: `{from, to, figures, retentionWorking,
 * revenue, stages, retention, points}` (tables as rows of cell texts).
 */
export function expectedReport(today, locale) {
  const to = isoDate(today.getTime());
  const from = isoDate(dayStart(to) - 60 * DAY);
  const [start, end] = [dayStart(from), dayStart(to) + DAY];
  const number = (value) => new Intl.NumberFormat(locale).format(value);
  const money = (minor) => new Intl.NumberFormat(locale, { style: "currency", currency: "EUR" }).format(`${Math.trunc(minor / 100)}.${String(minor % 100).padStart(2, "0")}`);
  const percent = (numerator, denominator) =>
    new Intl.NumberFormat(locale, { style: "percent", minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
      `${Math.floor((numerator * 10_000) / denominator)}E-4`,
    );

  // Every ledger entry is written when its webhook arrives: today, inside the period.
  const earned = MEMBER_ORDERS.reduce((sum, order) => sum + netPoints(order), 0);
  const [valueAmount, valuePoints] = PROGRAM.redemptions
    .filter((option) => option.kind === "amountOff")
    .map((option) => [option.amount, option.points])
    .sort((a, b) => b[0] * a[1] - a[0] * b[1])[0];
  const ordered = Object.keys(CUSTOMERS).filter((customer) => MEMBER_ORDERS.some((order) => order.customer === customer));
  const repeated = ordered.filter((customer) => MEMBER_ORDERS.filter((order) => order.customer === customer).length >= 2);
  const period = retention(start, end);

  const inPeriod = (order) => start <= Date.parse(order.placedAt) && Date.parse(order.placedAt) < end;
  const revenueRow = (label, orders) => {
    const revenue = orders.reduce((sum, order) => sum + order.total - refunded(order), 0);
    return [label, number(orders.length), money(revenue), orders.length ? money(Math.floor(revenue / orders.length)) : "—"];
  };

  const stages = ["prospect", "new", "repeat", "wonBack", "atRisk", "lapsed"];
  const stageNames = { prospect: "Prospect", new: "New", repeat: "Repeat", wonBack: "Won back", atRisk: "At risk", lapsed: "Lapsed" };
  const counts = Object.fromEntries(stages.map((stage) => [stage, 0]));
  for (const customer of Object.keys(CUSTOMERS)) counts[stageAt(customer, end)] += 1;
  const customers = Object.keys(CUSTOMERS).length;

  // Month by month, from the month of `from` to the month of `to`, each month whole.
  const months = [];
  for (let month = new Date(start); month.getTime() < end; month = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 1))) {
    const first = Date.UTC(month.getUTCFullYear(), month.getUTCMonth(), 1);
    months.push([first, Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 1)]);
  }
  const monthName = (ms) => new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" }).format(ms);
  const thisMonth = (first, next) => first <= Date.now() && Date.now() < next;

  return {
    from,
    to,
    figures: {
      members: number(customers),
      newMembers: number(customers),
      pointsEarned: number(earned),
      pointsRedeemed: number(0),
      pointsExpired: number(0),
      pointsOutstanding: number(earned),
      liability: money(Math.floor((earned * valueAmount) / valuePoints)),
      redemptionRate: percent(0, earned),
      breakage: percent(0, earned),
      repeatPurchase: percent(repeated.length, ordered.length),
      retention: percent(period.e - period.n, period.s),
    },
    retentionWorking: `(E − N) / S × 100 = ${number(period.e - period.n)} / ${number(period.s)} × 100`,
    revenue: [revenueRow("Members", MEMBER_ORDERS.filter(inPeriod)), revenueRow("Guests", GUEST_ORDERS.filter(inPeriod))],
    stages: stages.map((stage) => [stageNames[stage], number(counts[stage]), percent(counts[stage], customers)]),
    retention: months.map(([first, next]) => {
      const { s, e, n } = retention(first, next);
      return [
        monthName(first),
        number(s),
        number(e),
        number(n),
        s ? `(${number(e)} − ${number(n)}) / ${number(s)} × 100` : "S = 0: no rate",
        s ? percent(e - n, s) : "—",
      ];
    }),
    points: months.map(([first, next]) => [monthName(first), number(thisMonth(first, next) ? earned : 0), number(0), number(0)]),
  };
}

function cart(total) {
  return { currency: "EUR", lines: [{ productId: "mug", quantity: 1, unitPrice: total }] };
}

/** Enrols the customers and posts every order and refund to the host at `url`. */
export async function postOrders(url) {
  // Members enrol as a storefront visit does (GET /v1/me with their token), with their names.
  for (const [id, name] of Object.entries(CUSTOMERS)) {
    const response = await fetch(`${url}/v1/me`, { headers: { authorization: `Bearer ${mintToken(id, { name })}` } });
    assert.equal(response.status, 200, await response.text());
  }
  for (const order of MEMBER_ORDERS) {
    const reply = await sendOrderWebhook(url, {
      id: `evt-paid-${order.id}`,
      type: "order.paid",
      order: { id: order.id, customerId: order.customer, total: order.total, placedAt: order.placedAt, cart: cart(order.total) },
    });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
  }
  for (const order of GUEST_ORDERS) {
    const reply = await sendOrderWebhook(url, {
      id: `evt-paid-${order.id}`,
      type: "order.paid",
      order: { id: order.id, guest: true, total: order.total, placedAt: order.placedAt, cart: cart(order.total) },
    });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    assert.equal(reply.body.guest, true);
  }
  for (const refund of REFUNDS) {
    const reply = await sendOrderWebhook(url, {
      id: `evt-refund-${refund.order}-${refund.id}`,
      type: "order.partiallyRefunded",
      order: { id: refund.order, total: refund.total },
      refund: { id: refund.id, amount: refund.amount },
    });
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
  }
}
