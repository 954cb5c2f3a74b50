// The demo shop's own cart. A real theme has its cart already; all it adds for
// treu is the call to `treu.setCart(cart)` whenever the cart changes.
// The "signed in as" menu picks a demo customer; account.js hands their token to treu.

const PRODUCTS = [
  { id: "espresso-beans", name: "Espresso beans, 1 kg", price: 2490 },
  { id: "filter-beans", name: "Filter roast, 500 g", price: 1350 },
  { id: "mug", name: "Stoneware mug", price: 1250 },
  { id: "grinder", name: "Hand grinder", price: 8900 },
  { id: "gift-wrap", name: "Gift wrap", price: 400 },
  { id: "gift-card", name: "Gift card €25", price: 2500, giftCard: true },
];
const STORAGE_KEY = "demo-shop-cart";
const ACCOUNT_KEY = "demo-shop-account";
const money = new Intl.NumberFormat("en-IE", { style: "currency", currency: "EUR" });
const formatMinor = (minor) => money.format(`${Math.trunc(minor / 100)}.${String(minor % 100).padStart(2, "0")}`);

let quantities = load();

function load() {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "{}");
    return typeof saved === "object" && saved !== null ? saved : {};
  } catch {
    return {};
  }
}

/** The cart in treu's shape: currency and lines with prices in minor units. */
function cart() {
  const lines = PRODUCTS.filter((p) => quantities[p.id] > 0).map((p) => ({
    productId: p.id,
    quantity: quantities[p.id],
    unitPrice: p.price,
    ...(p.giftCard ? { giftCard: true } : {}),
  }));
  return { currency: "EUR", lines };
}

function change(id, delta) {
  quantities = { ...quantities, [id]: Math.max(0, (quantities[id] ?? 0) + delta) };
  localStorage.setItem(STORAGE_KEY, JSON.stringify(quantities));
  render();
}

function button(label, onClick, attributes = {}) {
  const element = document.createElement("button");
  element.type = "button";
  element.textContent = label;
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.addEventListener("click", onClick);
  return element;
}

function renderProducts() {
  const list = document.getElementById("products");
  for (const product of PRODUCTS) {
    const item = document.createElement("li");
    item.className = "product";
    const name = document.createElement("h3");
    name.textContent = product.name;
    const price = document.createElement("p");
    price.className = "price";
    price.textContent = formatMinor(product.price);
    item.append(name, price, button("Add to cart", () => change(product.id, 1), { "data-add": product.id }));
    list.append(item);
  }
}

function render() {
  const lines = document.getElementById("cart-lines");
  lines.replaceChildren();
  let subtotal = 0;
  for (const line of cart().lines) {
    const product = PRODUCTS.find((p) => p.id === line.productId);
    subtotal += line.quantity * line.unitPrice;
    const item = document.createElement("li");
    item.dataset.line = line.productId;
    const name = document.createElement("span");
    name.className = "line-name";
    name.textContent = product.name;
    const quantity = document.createElement("span");
    quantity.className = "line-quantity";
    quantity.textContent = `× ${line.quantity}`;
    item.append(
      name,
      button("−", () => change(line.productId, -1), { "aria-label": `One less ${product.name}`, "data-remove": line.productId }),
      quantity,
      button("+", () => change(line.productId, 1), { "aria-label": `One more ${product.name}` }),
    );
    lines.append(item);
  }
  document.getElementById("cart-empty").hidden = subtotal > 0;
  document.getElementById("cart-subtotal").textContent = formatMinor(subtotal);
  document.querySelector(".cart").dataset.drawn = "";
  window.treu?.setCart(cart());
}

function readAccount() {
  try {
    const account = JSON.parse(localStorage.getItem(ACCOUNT_KEY) ?? "null");
    return typeof account?.token === "string" ? account : null;
  } catch {
    return null;
  }
}

/** Fills the "signed in as" menu from the tokens `./x demo` minted. */
async function accountMenu(current) {
  const select = document.getElementById("account");
  try {
    const response = await fetch("/demo-session/accounts.json");
    const accounts = response.ok ? await response.json() : [];
    for (const account of accounts) {
      const option = new Option(`${account.name} (${account.about})`, account.id);
      option.selected = account.id === current?.id;
      select.append(option);
    }
    select.addEventListener("change", () => {
      const chosen = accounts.find((account) => account.id === select.value);
      if (chosen) localStorage.setItem(ACCOUNT_KEY, JSON.stringify(chosen));
      else localStorage.removeItem(ACCOUNT_KEY);
      location.reload();
    });
  } catch {
    // Without minted tokens (a plain static server) the demo is a guest's.
  }
}

accountMenu(readAccount());
if (document.getElementById("products")) {
  document.addEventListener("treu:ready", () => window.treu?.setCart(cart()));
  document.getElementById("checkout").addEventListener("click", () => {
    quantities = {};
    localStorage.setItem(STORAGE_KEY, "{}");
    location.href = "/thank-you.html";
  });
  renderProducts();
  render();
}
