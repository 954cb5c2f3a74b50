// "My orders": the signed-in customer's orders from the demo shop's backend,
// each with refund buttons (half, or the rest). A refund is reported to treu
// as `order.partiallyRefunded` or `order.refunded`, and the points of the
// refunded share are taken back; treu's widgets then ask the host again.

import { initHeader } from "./header.js";
import { account, demoApi, element, formatDate, formatMoney, problemText, texts } from "./settings.js";

initHeader();
const table = texts();
const list = document.getElementById("orders");
const message = document.getElementById("orders-message");

async function load() {
  if (!account()) {
    message.textContent = table.signInForOrders;
    return;
  }
  const answer = await demoApi("/demo/orders");
  if (!answer.ok) {
    message.textContent = problemText(answer.body);
    return;
  }
  render(answer.body.orders);
}

function render(orders) {
  list.replaceChildren();
  if (orders.length === 0) message.textContent = table.noOrders;
  for (const order of orders) {
    const money = (minor) => formatMoney(minor, order.currency);
    const item = element("li", undefined, { class: "order", "data-order": order.id, "data-status": order.status });
    item.append(element("p", table.orderLine(order.id, formatDate(order.placedAt), money(order.total)), { class: "order-line" }));
    const status = element("p", table.status[order.status] ?? order.status, { class: "order-status" });
    if (order.refunded > 0) status.append(` · ${table.refunded(money(order.refunded))}`);
    item.append(status);
    const remaining = order.total - order.refunded;
    if (remaining > 0) {
      const buttons = element("div", undefined, { class: "order-buttons" });
      const half = Math.floor(remaining / 2);
      if (half > 0) buttons.append(refundButton(order, half, table.refundHalf(money(half)), "half"));
      const label = order.refunded > 0 ? table.refundRest(money(remaining)) : table.refundAll(money(remaining));
      buttons.append(refundButton(order, remaining, label, "rest"));
      item.append(buttons);
    }
    list.append(item);
  }
}

function refundButton(order, amount, label, kind) {
  const button = element("button", label, { type: "button", "data-refund": kind });
  button.addEventListener("click", async () => {
    button.disabled = true;
    const answer = await demoApi(`/demo/orders/${encodeURIComponent(order.id)}/refunds`, { method: "POST", body: { amount } });
    if (!answer.ok) {
      message.textContent = problemText(answer.body);
      button.disabled = false;
      return;
    }
    const reversed = -(answer.body.webhook?.body?.points ?? 0);
    message.textContent = table.refundDone(formatMoney(amount, order.currency), reversed);
    await window.treu?.refresh?.();
    await load();
  });
  return button;
}

load();
