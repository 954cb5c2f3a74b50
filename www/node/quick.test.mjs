// The quick paint's readers (pkg-template/treu_quick.js), held to the Rust
// they mirror: the currency table of src/engine/money.rs, the exact decimals
// of `Money::to_decimal_string` and the platform carts of src/web/platform.rs
// (tests/platforms.rs reads the same recorded answers). What they give the
// host and the widgets is compared with the first paint's Wasm in
// www/e2e/quick-paint.test.mjs.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { decimal, exponent, platformCart, rescale } from "../../pkg-template/treu_quick.js";

const root = new URL("../../", import.meta.url);
const read = (path) => readFileSync(new URL(path, root), "utf8");

test("every currency has the exponent the engine gives it", () => {
  const money = read("src/engine/money.rs");
  const table = /CODES_WITH_OTHER_EXPONENTS[^=]*=\s*&\[([^\]]*)\]/.exec(money)?.[1];
  assert.ok(table, "src/engine/money.rs: CODES_WITH_OTHER_EXPONENTS not found");
  const others = [...table.matchAll(/\("([A-Z]{3})",\s*(\d)\)/g)].map(([, code, digits]) => [code, Number(digits)]);
  assert.ok(others.length >= 20, `only ${others.length} codes read`);
  for (const [code, digits] of others) assert.equal(exponent(code), digits, code);
  const cents = /CODES_WITH_CENTS: &str = "([^"]*)"/s.exec(money)?.[1].replace(/\\\n/g, " ").split(/\s+/).filter(Boolean);
  assert.ok(cents.length > 100, `only ${cents?.length} codes with cents read`);
  for (const code of cents) assert.equal(exponent(code), 2, code);
});

test("amounts are exact decimals in the currency's minor unit", () => {
  assert.equal(decimal(401, "EUR"), "4.01");
  assert.equal(decimal(5, "EUR"), "0.05");
  assert.equal(decimal(0, "EUR"), "0.00");
  assert.equal(decimal(-5, "EUR"), "-0.05");
  assert.equal(decimal(1500, "JPY"), "1500");
  assert.equal(decimal(-1500, "JPY"), "-1500");
  assert.equal(decimal(50, "KWD"), "0.050");
  assert.equal(decimal(12345, "CLF"), "1.2345");
  assert.equal(decimal(Number.MAX_SAFE_INTEGER, "EUR"), "90071992547409.91");
  assert.throws(() => decimal(1.5, "EUR"), /amount: must be a whole number/);
});

test("rescaling rounds half away from zero, exactly, and refuses what JS cannot hold", () => {
  assert.equal(rescale(150000, 2, 0, "p"), 1500);
  assert.equal(rescale(150050, 2, 0, "p"), 1501);
  assert.equal(rescale(150049, 2, 0, "p"), 1500);
  assert.equal(rescale(-150050, 2, 0, "p"), -1501);
  assert.equal(rescale(1234, 2, 3, "p"), 12340);
  assert.equal(rescale("13", 0, 2, "p"), 1300);
  assert.equal(rescale("-7", 0, 2, "p"), -700);
  // Through BigInt: 2^53 + 1 hundredths would round wrongly as a float.
  assert.equal(rescale("9007199254740993", 2, 0, "p"), 90071992547410);
  assert.throws(() => rescale(Number.MAX_SAFE_INTEGER, 2, 3, "items[0].final_price"), /items\[0\]\.final_price: is too large/);
});

test("Shopify's /cart.js becomes the cart the engine reads", () => {
  const cart = platformCart("shopify", JSON.parse(read("tests/fixtures/platforms/shopify-cart.json")));
  assert.deepEqual(cart, {
    currency: "EUR",
    lines: [
      // The discounted unit price (final_price), not the list price.
      { productId: "8154321928236", quantity: 2, unitPrice: 1000, giftCard: false },
      { productId: "8154321961004", quantity: 1, unitPrice: 2490, giftCard: false },
      { productId: "8154321993772", quantity: 1, unitPrice: 2500, giftCard: true },
    ],
  });
  const one = (currency, price) =>
    platformCart("shopify", { currency, items: [{ product_id: 1, quantity: 1, final_price: price }] }).lines[0].unitPrice;
  // Shopify counts every currency in hundredths.
  assert.equal(one("JPY", 150000), 1500);
  assert.equal(one("KWD", 1234), 12340);
});

test("WooCommerce's Store API cart becomes the cart the engine reads", () => {
  const cart = platformCart("woocommerce", JSON.parse(read("tests/fixtures/platforms/woocommerce-cart.json")));
  assert.deepEqual(cart, {
    currency: "EUR",
    lines: [
      { productId: "13", quantity: 2, unitPrice: 1000, giftCard: false },
      { productId: "14", quantity: 1, unitPrice: 2490, giftCard: false },
    ],
  });
  const answer = (price, decimals) => ({
    items: [{ id: 7, quantity: 1, prices: { price } }],
    totals: { currency_code: "EUR", currency_minor_unit: decimals },
  });
  assert.equal(platformCart("woocommerce", answer("13", 0)).lines[0].unitPrice, 1300);
  assert.equal(platformCart("woocommerce", answer("12345", 3)).lines[0].unitPrice, 1235);
});

test("a cart it cannot read is refused with the field, never guessed", () => {
  const refused = (platform, answer, message) => assert.throws(() => platformCart(platform, answer), message);
  refused("shopify", { currency: "EUR", items: [{ product_id: 1, quantity: 1 }] }, /shopifyCart\.items\[0\]\.final_price/);
  refused("shopify", { currency: "EUR", items: [{ product_id: 1, quantity: 1, final_price: 9.5 }] }, /final_price: must be a whole number/);
  refused("shopify", { currency: "EUR", items: [{ product_id: 1, quantity: 1, final_price: 9, gift_card: "no" }] }, /gift_card/);
  refused("shopify", { items: [] }, /shopifyCart\.currency/);
  refused("woocommerce", { items: [{ id: 7, quantity: 1, prices: { price: "1.5" } }], totals: { currency_code: "EUR", currency_minor_unit: 2 } }, /"1\.5" is not a whole number/);
  refused("woocommerce", { items: [], totals: { currency_code: "EUR", currency_minor_unit: -1 } }, /currency_minor_unit/);
  refused("generic", {}, /no cart API/);
});
