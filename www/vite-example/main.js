// A theme's cart code with treu from npm: start it, hand it the cart, listen.
import { init } from "treu";

const api = new URLSearchParams(location.search).get("api") ?? location.origin;
let mugs = 0;
const cart = () => ({
  currency: "EUR",
  lines: mugs ? [{ productId: "mug", quantity: mugs, unitPrice: 1250 }] : [],
});

const treu = await init({ api, locale: "en-GB" });
treu.on("quote", (quote) => {
  document.body.dataset.remaining = String(quote.freeShipping?.remaining ?? "");
});
treu.setCart(cart());

document.getElementById("add").addEventListener("click", () => {
  mugs += 1;
  document.getElementById("count").value = String(mugs);
  treu.setCart(cart());
});
