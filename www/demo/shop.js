// The demo shop's cart page. A real theme has its cart already; all it adds
// for treu is handing it over whenever it changes (`handToTreu`, the README's snippet).
// The header (sign-in menu, language, currency, clock) is header.js.

import { initHeader } from "./header.js";
import { cartOf, handToTreu, loadQuantities, saveQuantities } from "./cart.js";
import { element, formatMoney, products, texts } from "./settings.js";

let quantities = loadQuantities();
const cart = () => cartOf(quantities);

function change(id, delta) {
  quantities = { ...quantities, [id]: Math.max(0, (quantities[id] ?? 0) + delta) };
  saveQuantities(quantities);
  render();
}

function button(label, onClick, attributes = {}) {
  const node = element("button", label, { type: "button", ...attributes });
  node.addEventListener("click", onClick);
  return node;
}

function renderProducts() {
  const list = document.getElementById("products");
  for (const product of products()) {
    const item = element("li", undefined, { class: "product" });
    item.append(
      element("h3", product.name),
      element("p", formatMoney(product.price), { class: "price" }),
      button(texts().addToCart, () => change(product.id, 1), { "data-add": product.id }),
    );
    list.append(item);
  }
}

function render() {
  const lines = document.getElementById("cart-lines");
  lines.replaceChildren();
  let subtotal = 0;
  const table = texts();
  for (const line of cart().lines) {
    const product = products().find((p) => p.id === line.productId);
    subtotal += line.quantity * line.unitPrice;
    const item = element("li");
    item.dataset.line = line.productId;
    item.append(
      element("span", product.name, { class: "line-name" }),
      button("−", () => change(line.productId, -1), { "aria-label": table.oneLess(product.name), "data-remove": line.productId }),
      element("span", `× ${line.quantity}`, { class: "line-quantity" }),
      button("+", () => change(line.productId, 1), { "aria-label": table.oneMore(product.name) }),
    );
    lines.append(item);
  }
  document.getElementById("cart-empty").hidden = subtotal > 0;
  document.getElementById("cart-subtotal").textContent = formatMoney(subtotal);
  document.getElementById("checkout").disabled = subtotal === 0;
  document.querySelector(".cart").dataset.drawn = "";
  handToTreu(cart());
}

initHeader();
if (document.getElementById("products")) {
  document.getElementById("checkout").addEventListener("click", () => {
    location.href = "/checkout.html";
  });
  renderProducts();
  render();
}
