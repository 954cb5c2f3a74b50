// The shopper's cart: quantities by product in localStorage, and the cart in
// treu's shape (currency, lines with prices in minor units).

import { CART_KEY, currency, products } from "./settings.js";

export function loadQuantities() {
  try {
    const saved = JSON.parse(localStorage.getItem(CART_KEY) ?? "{}");
    return typeof saved === "object" && saved !== null ? saved : {};
  } catch {
    return {};
  }
}

export function saveQuantities(quantities) {
  localStorage.setItem(CART_KEY, JSON.stringify(quantities));
}

export function cartOf(quantities) {
  const lines = products()
    .filter((p) => quantities[p.id] > 0)
    .map((p) => ({ productId: p.id, quantity: quantities[p.id], unitPrice: p.price, ...(p.giftCard ? { giftCard: true } : {}) }));
  return { currency: currency(), lines };
}

export const subtotalOf = (cart) => cart.lines.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0);

/** Hands `cart` to treu whether or not its script has run yet: the README's
 * snippet for themes (calls made before treu has loaded wait in
 * `window.treu.q`, and treu replays them in order), so even a shopper's first
 * page view, which paints from the host's quote, shows this cart at once. */
export function handToTreu(cart) {
  window.treu = window.treu || { q: [], setCart(...args) { this.q.push(["setCart", ...args]); } };
  window.treu.setCart(cart);
}
