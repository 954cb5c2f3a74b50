// A strict TypeScript theme using every documented part of the `treu` package,
// type-checked against the built pkg/ by `./x test` (www/types/check.mjs).
// `@ts-expect-error` lines prove the types refuse what the engine refuses.

import {
  init,
  quote,
  start,
  TreuInputError,
  TreuRequestError,
  validateProgram,
  type Cart,
  type PointsChangedDetail,
  type Program,
  type TreuHandle,
} from "treu";

const program: Program = {
  version: 1,
  currency: "EUR",
  earning: {
    rates: [{ currency: "EUR", points: 1, per: 100 }],
    multipliers: [{ id: "coffee", percent: 200, collections: ["coffee"] }],
  },
  freeShipping: { thresholds: [{ currency: "EUR", minimum: 5000 }, { currency: "CHF", minimum: 6000, market: "CH" }] },
};

// @ts-expect-error a misspelled key is not a program
const misspelled: Program = { version: 1, currency: "EUR", earnings: {} };
void misspelled;

const cart: Cart = {
  currency: "EUR",
  market: "DE",
  shipping: 490,
  tax: 0,
  lines: [{ productId: "espresso-beans", quantity: 2, unitPrice: 2490, collections: ["coffee"], giftCard: false }],
};

// @ts-expect-error amounts are integers of minor units, not strings
const wrong: Cart = { currency: "EUR", lines: [{ productId: "mug", quantity: 1, unitPrice: "24.90" }] };
void wrong;

export async function theme(customerToken: string | undefined, badge: HTMLElement): Promise<TreuHandle> {
  const treu = await init({ api: "https://shop.example/apps/treu", locale: "de-DE", customerToken });
  treu.setCart(cart);
  const stop = treu.on("quote", (quote) => console.log(quote.earn.total, quote.freeShipping?.remaining));
  treu.on("points-changed", ({ balance, cause, fromOtherTab }: PointsChangedDetail) => {
    badge.textContent = String(balance.available);
    console.log(cause satisfies "action" | "redemption" | "other", fromOtherTab);
  });
  document.addEventListener("treu:points-changed", (event) => console.log(event.detail.balance.pending));
  document.addEventListener("treu:error", (event) => console.log(event.detail.errors.map((e) => e.path)));
  try {
    const { code, redemption } = await treu.redeem("five-off");
    console.log(code, redemption.expiresAt);
    const answer = await treu.action("newsletter");
    console.log(answer.status, answer.balance.pending);
  } catch (error) {
    if (error instanceof TreuRequestError) console.log(error.status, error.type, error.detail, error.errors);
  }
  stop();
  window.treu?.setCart(cart);
  return treu;
}

export async function preview(): Promise<number> {
  try {
    const checked: Program = await validateProgram(program);
    const result = await quote(checked, cart, { id: "c1", balance: 120 }, "2026-01-01T00:00:00Z");
    return result.earn.total;
  } catch (error) {
    if (error instanceof TreuInputError) return error.errors.filter((e) => e.path.startsWith("cart")).length;
    throw error;
  }
}

export const handle: TreuHandle = start({ api: "/apps/treu", platform: "shopify", tokenUrl: "" });
