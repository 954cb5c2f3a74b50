// The order confirmation: the order just placed (kept by checkout.js for this
// tab) and the points treu's webhook answer says it earned, pending until the
// return window closes.

import { initHeader } from "./header.js";
import { LAST_ORDER_KEY, element, formatMoney, problemText, texts } from "./settings.js";

initHeader();
const table = texts();
const wanted = new URLSearchParams(location.search).get("order");
let placed = null;
try {
  placed = JSON.parse(sessionStorage.getItem(LAST_ORDER_KEY) ?? "null");
} catch {
  placed = null;
}
const summary = document.getElementById("order-summary");
if (placed?.order && placed.order.id === wanted) {
  const { order, webhook } = placed;
  const money = (minor) => formatMoney(minor, order.currency);
  summary.replaceChildren(
    element("p", table.orderSummary(order.id, money(order.total)), { class: "order-total" }),
    element("p", table.orderDetail(money(order.subtotal), order.discount ? money(order.discount) : "", money(order.shipping)), {
      class: "order-detail",
    }),
  );
  const points = webhook?.body?.points;
  if (webhook?.status !== 200) {
    summary.append(element("p", table.notReported(problemText(webhook?.body)), { class: "order-points", "data-state": "error" }));
  } else if (!order.guest) {
    const text = points > 0 ? table.pointsPending(points) : table.noPoints;
    summary.append(element("p", text, { class: "order-points", "data-points": String(points ?? 0) }));
  }
  document.querySelector("treu-referral")?.setAttribute("order", order.id);
}
