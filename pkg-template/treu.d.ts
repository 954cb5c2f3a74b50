// Public types of the `treu` npm package. Written by hand and reviewed like code:
// this file is the contract theme developers program against.

import type { TreuProgram } from "./program.js";

/** Options for {@link init} and {@link start}; the script tag's `data-*` attributes map onto these. */
export interface TreuOptions {
  /** Base URL of the shop's treu API, e.g. `"https://shop.example/apps/treu"` (relative URLs resolve against the page). Required. */
  api: string;
  /** The signed customer token from the shop backend; absent for guests. */
  customerToken?: string;
  /**
   * Without `customerToken`: a same-origin URL that answers the signed-in customer's token as
   * `{ "token": "…", "expiresAt": "<ISO 8601>" }`, or 401/403 for a guest. The token is kept in
   * `sessionStorage` until a minute before `expiresAt`. `""` means a guest: nothing is asked and a
   * kept token is forgotten. With `platform: "shopify"` it defaults to the app proxy,
   * `` `${Shopify.routes.root}apps/treu/token` `` (script tag: `data-token-url`).
   */
  tokenUrl?: string;
  /** Sent as `X-WP-Nonce` with the `tokenUrl` request: WordPress's `wp_rest` nonce (script tag: `data-token-nonce`). */
  tokenNonce?: string;
  /** BCP 47 locale for texts and money, e.g. `"de-DE"`; defaults to the page's `lang`, then the browser's. */
  locale?: string;
  /** ISO 4217 currency the storefront shows, e.g. `"EUR"`. */
  currency?: string;
  /** Where the cart comes from: `"generic"` (you call `setCart`), `"shopify"` or `"woocommerce"`. */
  platform?: "generic" | "shopify" | "woocommerce";
  /** Where guests join the program (the shop's sign-up page); only http(s) URLs become links. */
  joinUrl?: string;
  /** Where members sign in; only http(s) URLs become links. */
  loginUrl?: string;
  /** `false` keeps the floating `<treu-launcher>` from mounting itself (script tag: `data-launcher="off"`). */
  launcher?: boolean;
  /** Where the first paint's `.wasm` file (`treu_paint_bg.wasm`) is served, if not beside the module. */
  paintWasmUrl?: string | URL;
  /** Where the later module's `.wasm` file (`treu_wasm_bg.wasm`: the member's sync,
   * redemptions, the outbox; fetched at idle or on the first interaction) is served,
   * if not beside the module. */
  wasmUrl?: string | URL;
}

/** A cart line. Amounts are integers in the currency's minor units (cents). */
export interface CartLine {
  /** The platform's product or variant id. */
  productId: string;
  /** How many; at least 1. */
  quantity: number;
  /** Price of one unit after line discounts, in minor units. */
  unitPrice: number;
  /** Gift cards are money, not merchandise: they never earn points or count toward free shipping. */
  giftCard?: boolean;
  /** The collections (categories) the product belongs to, for the program's collection rules
   * (e.g. a collection's earning multiplier). */
  collections?: string[];
}

/** The shopper's cart. */
export interface Cart {
  /** ISO 4217 code, e.g. `"EUR"`. */
  currency: string;
  lines: CartLine[];
  /** The shipping market (e.g. the country code `"DE"`) when the shop has several: it picks the
   * program's per-market free-shipping threshold. */
  market?: string;
  /** Shipping charged, in minor units; never earns points, never counts toward free shipping. */
  shipping?: number;
  /** Tax charged on top of the lines, in minor units; never earns points. */
  tax?: number;
}

/** Where the cart stands against free shipping. Amounts in minor units. */
export interface FreeShippingProgress {
  /** Minimum order value for free shipping (the customer's tier may lower it). */
  threshold: number;
  /** The part of the cart that counts toward it. */
  eligibleSubtotal: number;
  /** How much more to spend; 0 once qualified. */
  remaining: number;
  qualified: boolean;
  /** Progress in thousandths, 0–1000, rounded down. */
  progressPermille: number;
}

/** A past paid order, for quoting a signed-in customer. */
export interface PastOrder {
  id: string;
  /** ISO 8601 instant or unix seconds. */
  placedAt: string | number;
  /** Eligible spend in minor units of the program currency. */
  spend?: number;
  /** Points the order earned, net of reversals. */
  points?: number;
  /** The distinct product ids the order bought (at most 100), for segments. */
  products?: string[];
  /** Their collections (at most 100). */
  collections?: string[];
}

/** A customer, for {@link quote}. The host builds this from its ledger. */
export interface Customer {
  id: string;
  email?: string;
  /** Points available now; negative after a clawback. */
  balance?: number;
  orders?: PastOrder[];
}

/** One rule's contribution to what a cart earns. */
export interface EarnLine {
  rule: string;
  kind: "spend" | "tier" | "multiplier" | "campaign" | "campaignBonus" | "offer";
  name: string;
  points: number;
}

/** What a cart earns. */
export interface Earn {
  total: number;
  /** Minor units that earn points (after exclusions). */
  eligibleSpend: number;
  lines: EarnLine[];
}

/** A member's tier standing. */
export interface TierStatus {
  basis: "pointsEarned" | "spend";
  period: "calendarYear" | "rolling" | "lifetime";
  current: { id: string; name: string; earnPercent: number; earlyAccess: boolean } | null;
  next: { id: string; name: string; threshold: number } | null;
  /** Points earned or spend (minor units) counted in the current period. */
  qualifying: number;
  remaining: number;
  progressPermille: number;
  /** What this cart adds toward the next tier. */
  cartAdds: number;
  reachesNextWithCart: boolean;
  /** ISO 8601; `null` for lifetime tiers. */
  periodEndsAt: string | null;
}

export type RewardKind = "amountOff" | "percentOff" | "freeShipping" | "freeProduct";

/** Rewards the member can redeem on this cart. */
export interface Redemptions {
  balance: number;
  affordable: { id: string; name: string; kind: RewardKind; points: number; value: number }[];
  next: { id: string; name: string; points: number; pointsShort: number } | null;
}

/** The one nudge worth showing. Amounts in minor units. */
export type NextIncentive =
  | { kind: "freeShipping"; spendNeeded: number }
  | { kind: "campaignBonus"; campaign: string; name: string; points: number; spendNeeded: number }
  | { kind: "reward"; option: string; name: string; pointsShort: number; spendNeeded: number }
  | { kind: "tier"; tier: string; name: string; spendNeeded: number }
  | { kind: "join"; points: number };

/** A discount offered to a lapsed customer who comes back. */
export interface WinBackOffer {
  name: string;
  discount: { kind: "percentOff" | "amountOff" | "freeShipping"; percent?: number; amount?: number; minimumSpend: number };
  validDays: number;
  appliesToCart: boolean;
  value: number;
}

/** What the engine says about a cart; the detail of `treu:quote`. Every key is always present. */
export interface Quote {
  currency: string;
  earn: Earn;
  /** `null` when the shop has no free-shipping threshold for this cart. */
  freeShipping: FreeShippingProgress | null;
  /** `null` for guests and programs without tiers. */
  tier: TierStatus | null;
  redemptions: Redemptions;
  /** `null` for guests. */
  stage: "prospect" | "new" | "repeat" | "atRisk" | "lapsed" | null;
  nextIncentive: NextIncentive | null;
  winBack: WinBackOffer | null;
  /** The offers running for the member's segments (empty for guests), in program order. */
  offers: OfferStatus[];
}

/** An offer for a segment the member is in, and what this cart earns from it. */
export interface OfferStatus {
  id: string;
  /** The title the merchant wrote for shoppers. */
  name: string;
  percent: number;
  /** ISO 8601: the offer runs until just before it. */
  endsAt: string;
  points: number;
}

/** A loyalty program; `docs/program.md` in the repository explains every field. Its types are
 * generated from `docs/program.schema.json` when the package is built (`program.d.ts`). */
export type Program = TreuProgram;
export type * from "./program.js";

/** One problem with one input field. */
export interface FieldError {
  /** JSON path, e.g. `"cart.lines[0].quantity"`. */
  path: string;
  reason: string;
}

/** Detail of `treu:error`. */
export interface TreuErrorDetail {
  message: string;
  /** For invalid input: every problem with its path; empty otherwise. */
  errors: FieldError[];
}

/** A member's points (integers). */
export interface Balance {
  /** `available + pending + awaitingExpiry`. */
  total: number;
  /** Spendable now; negative after a clawback. */
  available: number;
  /** Inside the return window. */
  pending: number;
  awaitingExpiry: number;
  negative: boolean;
}

/** What the host answered to {@link TreuHandle.action}. */
export interface ActionResult {
  /** `"pending"` for actions the platform must confirm (reviews). */
  status: "awarded" | "pending";
  action: string;
  /** Points awarded, or to be awarded on confirmation. */
  points: number;
  /** For `"pending"`: what the platform confirms. */
  pendingId?: string;
  /** For `"awarded"`: whether the points wait out the program's return window
   * (`earning.returnWindowDays`) before they can be spent; until then they count in `balance.pending`. */
  pointsPending?: boolean;
  /** For `"awarded"`: when the points can be spent (ISO 8601). */
  availableAt?: string;
  balance: Balance;
}

/** The `Error` the engine throws for an invalid input (a program, a cart, a customer), e.g. from
 * {@link quote} and {@link validateProgram}: `errors` lists every problem with its JSON path. */
export class TreuInputError extends Error {
  name: "TreuInputError";
  errors: FieldError[];
}

/** The `Error` a refused request rejects with: the host's problem+json, and `message` = `"POST <path>: <title>: <detail>"`. */
export class TreuRequestError extends Error {
  name: "TreuRequestError";
  /** HTTP status, e.g. 422. */
  status: number;
  /** The problem's stable type, e.g. `"urn:treu:problem:action-cap-reached"`. */
  type: string | null;
  errors: FieldError[];
  /** The problem's `detail` (or its `title` without one), for the shopper. */
  detail: string | null;
}

/** Detail of `treu:points-changed`. */
export interface PointsChangedDetail {
  /** The member's balance as the host answered it. */
  balance: Balance;
  /** What changed it. */
  cause: "action" | "redemption" | "other";
  /** Whether the change was delivered by another tab of this shop. */
  fromOtherTab: boolean;
}

/** Detail of `treu:redeemed`: the host's answer to `POST /v1/redemptions`. */
export interface Redeemed {
  /** The discount code to enter at checkout, e.g. `"TREU-7K3M-QX9T-2VHA-PD"`. */
  code: string;
  redemption: {
    option: string;
    kind: "amountOff" | "percentOff" | "freeShipping" | "freeProduct";
    points: number;
    /** Minor units it takes off the cart it was redeemed for. */
    value: number;
    percent?: number;
    productId?: string;
    /** When the code stops working (ISO 8601), or `null` if it does not expire. */
    expiresAt: string | null;
  };
  balance: Balance;
}

/** Event details by event name; every event is also dispatched on `document` as `treu:<name>`. */
export interface TreuEventMap {
  /** A redemption issued a discount code (from the panel or `handle.redeem`). */
  redeemed: Redeemed;
  /** The first paint's engine is loaded and the program fetched. */
  ready: { handle: TreuHandle };
  /** The engine computed a new state for the cart. */
  quote: Quote;
  /** Something failed; treu keeps the page working and reports here. Also a queued
   * request that the host refused or that expired after 7 days, when no promise of this page waits for it. */
  error: TreuErrorDetail;
  /** The member's balance changed: the host answered a queued action or redemption (in this
   * tab, or in another tab of the same shop: `fromOtherTab`), or a page view found it changed
   * (an order, a refund: `cause: "other"`). */
  "points-changed": PointsChangedDetail;
}

/** The running plugin on a page. Script-tag installs expose it as `window.treu`. */
export interface TreuHandle {
  /** Resolves once the first paint's engine is loaded and the program fetched (or loading failed;
   * see `treu:error`). The member's part (the panel, `redeem`, `action`) loads after it, at idle or
   * on the first interaction; `redeem` and `action` wait for it. */
  readonly ready: Promise<TreuHandle>;
  /** Shows `cart` in every widget. Calls before `ready` are kept; the latest wins. Invalid carts are reported through `treu:error`. */
  setCart(cart: Cart): void;
  /** Fetches the program (and the signed-in member) again and re-renders. */
  refresh(): Promise<void>;
  /**
   * Spends the signed-in member's points on a reward: `option` is the `id` of one of the
   * program's `redemptions`. Resolves to the discount code (also sent as `treu:redeemed`);
   * rejects with the host's reason (`insufficient-points`, …). The panel shows either.
   */
  redeem(option: string): Promise<Redeemed>;
  /**
   * Reports an action of the signed-in customer (`"newsletter"`, `"socialShare"`, `"survey"`, …; see
   * `docs/openapi.yaml`), with what it was about in `reference` (the shared URL, the reviewed product).
   * The request is queued in `localStorage` with an idempotency key before it is sent, retried with
   * backoff until the host answers, and counted once. Resolves with the host's answer; rejects with a
   * {@link TreuRequestError} when the host refuses it (cap reached, unknown action), or an `Error` for
   * guests. While the host cannot be reached the promise stays pending; if the page closes first, a
   * later page view delivers it and emits `treu:points-changed`.
   */
  action(name: string, reference?: string): Promise<ActionResult>;
  /** Listens to a treu event; returns a function that stops listening. */
  on<K extends keyof TreuEventMap>(event: K | `treu:${K}`, listener: (detail: TreuEventMap[K], event: CustomEvent<TreuEventMap[K]>) => void): () => void;
  /** Stops treu: widgets stop updating and all listeners added through `on` are removed. */
  destroy(): void;
}

/** Starts treu and resolves to its handle once the engine and program are loaded. */
export function init(options: TreuOptions): Promise<TreuHandle>;

/** Starts treu and returns its handle at once; `handle.ready` resolves when it is loaded. */
export function start(options: TreuOptions): TreuHandle;

/**
 * The pure engine, the same code the host runs: what `cart` earns and unlocks under
 * `program` for `customer` (omit for a guest) at `now` (ISO 8601 or unix seconds; default: now).
 * Rejects with a {@link TreuInputError} whose `errors` list every invalid field with its JSON path.
 */
export function quote(program: Program, cart: Cart, customer?: Customer | null, now?: string | number): Promise<Quote>;

/** Resolves to the program with defaults filled in, or rejects with a {@link TreuInputError} listing every problem with its JSON path. */
export function validateProgram(program: unknown): Promise<Program>;

declare global {
  interface Window {
    /** The handle of a script-tag install. */
    treu?: TreuHandle;
  }
  interface DocumentEventMap {
    "treu:ready": CustomEvent<TreuEventMap["ready"]>;
    "treu:quote": CustomEvent<TreuEventMap["quote"]>;
    "treu:error": CustomEvent<TreuEventMap["error"]>;
    "treu:redeemed": CustomEvent<TreuEventMap["redeemed"]>;
    "treu:points-changed": CustomEvent<TreuEventMap["points-changed"]>;
  }
  interface HTMLElementTagNameMap {
    "treu-shipping-bar": HTMLElement;
    "treu-points": HTMLElement;
    "treu-launcher": HTMLElement;
    "treu-referral": HTMLElement;
  }
}
