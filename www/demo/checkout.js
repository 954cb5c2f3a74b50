// The checkout step: the cart, a discount code, and "Pay", which places the
// order with the demo shop's backend (POST /demo/checkout). The backend tells
// treu about the paid order with a signed webhook, as a platform would; the
// thank-you page shows the order and the points it earned.

import { cartOf, handToTreu, loadQuantities, saveQuantities, subtotalOf } from "./cart.js";
import { initHeader } from "./header.js";
import { LAST_ORDER_KEY, account, demoApi, element, formatMoney, problemText, products, texts } from "./settings.js";

initHeader();
const table = texts();
const cart = cartOf(loadQuantities());
const subtotal = subtotalOf(cart);
const list = document.getElementById("checkout-lines");
for (const line of cart.lines) {
  const product = products().find((p) => p.id === line.productId);
  const item = element("li");
  item.dataset.line = line.productId;
  item.append(
    element("span", `${line.quantity} × ${product.name}`, { class: "line-name" }),
    element("span", formatMoney(line.quantity * line.unitPrice)),
  );
  list.append(item);
}
document.getElementById("checkout-subtotal").textContent = formatMoney(subtotal);
handToTreu(cart);

const form = document.getElementById("checkout-form");
const pay = document.getElementById("pay");
const error = document.getElementById("checkout-error");
document.getElementById("guest-email").hidden = account() !== null;
pay.textContent = table.pay(formatMoney(subtotal));
if (cart.lines.length === 0) {
  error.textContent = table.emptyCheckout;
  pay.disabled = true;
}
form.addEventListener("submit", async (event) => {
  event.preventDefault();
  error.textContent = "";
  pay.disabled = true;
  pay.textContent = table.paying;
  const data = new FormData(form);
  const code = String(data.get("discountCode") ?? "").trim();
  const email = String(data.get("email") ?? "").trim();
  const body = { cart, ...(code ? { discountCode: code } : {}), ...(email && !account() ? { email } : {}) };
  const answer = await demoApi("/demo/checkout", { method: "POST", body }).catch(() => null);
  if (!answer?.ok) {
    error.textContent = answer ? problemText(answer.body) : "The shop cannot be reached.";
    pay.disabled = false;
    pay.textContent = table.pay(formatMoney(subtotal));
    return;
  }
  sessionStorage.setItem(LAST_ORDER_KEY, JSON.stringify(answer.body));
  saveQuantities({});
  location.href = `/thank-you.html?order=${encodeURIComponent(answer.body.order.id)}`;
});
