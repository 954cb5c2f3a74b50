// treu: loyalty points, free-shipping progress and referrals for any storefront.
//
// This file is both the script-tag build (dist/treu.js) and the npm entry.
// It stays small and does nothing heavy: it defines the custom elements,
// reserves their space and loads, without blocking anything the page needs:
//   ./treu_quick.js    on a page view that does not hold the first paint's
//                      module yet, the facts of the quick paint, drawn from
//                      the host's quote of the cart before that module is
//                      asked for (`quickPaint`);
//   ./treu_paint.js    the first paint's Wasm module (the program, the cart,
//                      the engine's quote, every widget's facts): before the
//                      widgets show on a page view that holds it, right after
//                      the quick paint otherwise;
//   ./treu_widgets.js  the renderer that draws them (with ./treu_words.js, which
//                      words them, ./treu_controls.js and ./treu_launcher.js:
//                      one file in dist/), before the widgets show;
//   ./treu_wasm.js     the later module (the member's fetch, redemptions, the
//                      outbox, cross-tab sync), fetched once the page is idle
//                      or on the shopper's first interaction, whichever comes
//                      first (for a signed-in customer, right after the first
//                      paint); it hands the member to the first paint, which
//                      keeps drawing (the launcher's panel from then on).
// `quote()` and `validateProgram()` load a module of their own
// (./treu_engine_entry.js over the engine's glue, ./treu_engine.js), which
// a storefront never downloads. The loader's own parts (./treu_events.js,
// ./treu_load.js, ./treu_shop.js) are one file with it in dist/.
// Every failure is caught: treu never throws into the page.

import { emit, hearOtherTabs, PREFIX, reportError, warnOnce } from "./treu_events.js";
import { loadEngine, loadPaint, loadQuick, loadWasm, loadWidgets, PAINT_WASM } from "./treu_load.js";
import {
  fetchCustomerToken,
  fetchProgram,
  followPlatformCart,
  getJson,
  paintHeld,
  PLATFORMS,
  rememberPaint,
  rememberReferral,
  tokenUrlOf,
  watchPlatformCart,
} from "./treu_shop.js";

// `treu:start`, `treu:loaded` and `treu:painted` (User Timing) time the
// widgets' first paint and the part of it spent loading (./x bench).
globalThis.performance?.mark?.("treu:start");

const ELEMENTS = ["treu-shipping-bar", "treu-points", "treu-launcher", "treu-referral"];
/** Attributes that change what an element shows: it renders again when they change. */
const OBSERVED = ["show", "trigger", "open", "order"];

/** Elements on the page that the storefront should render into. */
const connected = new Set();
/** The running plugin: { handle, storefront, paint, full, later, upgrade }
 * once the Wasm engine is up. `paint` is the first paint's `Paint`;
 * `storefront` is it until the later module's `Storefront` takes over (which
 * draws through `paint`), then that, also kept as `full`; `upgrade()` asks
 * for the later module, `later` is that promise. */
let active = null;

/** Runs `fn` on the running storefront, if any; reports instead of throwing. */
function withStorefront(fn) {
  if (!active?.storefront) return undefined;
  try {
    return fn(active.storefront);
  } catch (error) {
    reportError(error);
    return undefined;
  }
}

/** Marks `treu:painted` in the first task after the frame that shows the widgets. */
function markPainted() {
  requestAnimationFrame(() => setTimeout(() => performance.mark("treu:painted")));
}

function mount(element) {
  // A launcher opened by the page needs its panel: the later module now.
  if (element.localName === "treu-launcher" && element.hasAttribute("open")) active?.upgrade?.();
  if (active?.storefront) withStorefront((storefront) => storefront.mount(element));
  else active?.quick?.(element);
}

const RESERVE =
  "treu-shipping-bar{display:block;min-height:var(--treu-bar-min-height,3.25rem)}" +
  "treu-points{display:block;min-height:var(--treu-points-min-height,1.5rem)}";
// The referral prompt is for members only: reserved when a customer is signed in
// until it knows it has nothing to show.
const RESERVE_MEMBER =
  'treu-referral:not([data-state="none"]){display:block;min-height:var(--treu-referral-min-height,11.5rem)}';
let reserveMember = false;

/** Reserves each widget's space before it renders (so nothing shifts), or
 * gives it back when treu cannot run (`collapsed`: those elements). */
function collapse(collapsed, elements = ELEMENTS) {
  let style = document.getElementById("treu-reserve");
  if (!style) {
    style = document.createElement("style");
    style.id = "treu-reserve";
    document.head.append(style);
  }
  style.textContent = collapsed
    ? `${elements.join(",")}{display:none!important}`
    : RESERVE + (reserveMember ? RESERVE_MEMBER : "");
}

function defineElements() {
  if (typeof customElements === "undefined") return;
  collapse(false);
  for (const name of ELEMENTS) {
    if (customElements.get(name)) continue;
    customElements.define(
      name,
      class extends HTMLElement {
        static observedAttributes = OBSERVED;
        connectedCallback() {
          connected.add(this);
          mount(this);
        }
        attributeChangedCallback() {
          if (connected.has(this)) mount(this);
        }
        disconnectedCallback() {
          connected.delete(this);
          withStorefront((storefront) => storefront.unmount(this));
        }
      },
    );
  }
}

/** An input the engine refused (a program, a cart): `errors` lists every problem with its JSON path. */
export class TreuInputError extends Error {}
/** A request the host refused: its problem+json's `status`, `type`, `errors` and `detail`. */
export class TreuRequestError extends Error {}
const ERROR_CLASSES = { TreuInputError, TreuRequestError };

/** Gives an error from the engine (a plain `Error` named after its kind) its
 * class, so `instanceof` works; rethrows it. */
function rethrowTyped(error) {
  const Class = ERROR_CLASSES[error?.name];
  if (Class && error instanceof Error && !(error instanceof Class)) Object.setPrototypeOf(error, Class.prototype);
  throw error;
}

/** Hands a fetched program to `paint` (which caches it for the next page
 * view) unless treu stopped meanwhile; the quote of the cart, if any. */
const receiveProgram = (paint) => (program) => (active?.paint === paint ? paint.receiveProgram(program) : null);

/** How long a quick paint may take (ms) before the first paint's module is
 * asked for and paints instead (from the program an earlier page view
 * cached, if any): a stalled cart or quote request never holds treu up. */
const QUICK_PAINT_LIMIT = 3000;

/** How long the later module waits for an idle moment at most (ms), and
 * when it is fetched where `requestIdleCallback` is missing (Safari). */
const LATER_TIMEOUT = 3000;
const LATER_FALLBACK = 1500;

/** Makes the page's first `Intl` call (see where it is called); never throws. */
function warmIntl(locale) {
  try {
    Intl.NumberFormat.supportedLocalesOf(locale);
  } catch {}
}

function optionsFromScript(script) {
  const data = script.dataset;
  return {
    api: data.api,
    customerToken: data.customerToken,
    locale: data.locale || document.documentElement.lang || navigator.language,
    currency: data.currency,
    platform: data.platform || "generic",
    joinUrl: data.joinUrl,
    loginUrl: data.loginUrl,
    launcher: data.launcher !== "off",
    tokenUrl: data.tokenUrl,
    tokenNonce: data.tokenNonce,
  };
}

/**
 * Starts treu on this page and returns its handle at once; the handle works
 * before the engine is loaded (the latest cart is kept and applied when ready).
 */
export function start(options) {
  active?.handle.destroy();
  const listeners = [];
  let stopFollowing = () => {};
  let stopHearing = () => {};
  let pendingCart = null;
  /** How many carts the page handed over before the module took over. */
  let cartsHanded = 0;
  /** While the quick paint shows and the module has not taken over: quotes
   * the cart the page handed over with the host and draws it. */
  let quickCart = null;
  /** The quick paint was given up for the module (`QUICK_PAINT_LIMIT`). */
  let quickOver = false;
  /** Whether the platform's cart changed since the quick paint asked for it
   * (`watchPlatformCart`); stops noting when asked. */
  let cartChanged = null;
  let painted = false;
  /** Marks `treu:painted` once, for whichever paint came first. */
  const paintedNow = () => {
    if (!painted) markPainted();
    painted = true;
  };
  let destroyed = false;
  const handle = {
    setCart(cart) {
      if (active?.handle !== handle) return;
      if (!active.storefront) {
        pendingCart = cart;
        cartsHanded++;
        quickCart?.();
        return;
      }
      const preview = withStorefront((storefront) => storefront.setCart(cart));
      if (preview) emit("quote", preview);
    },
    /** Waits for the later module (asking for it now), then redeems. */
    async redeem(option) {
      const storefront = await laterStorefront();
      if (!storefront) throw new Error("treu is not running");
      return storefront.redeem(String(option)).catch(rethrowTyped);
    },
    refresh() {
      if (active?.handle !== handle || !active.storefront) return handle.ready;
      const synced = active.full ? active.full.sync() : fetchProgram(active.paint.api).then(receiveProgram(active.paint));
      return synced.then(
        (preview) => preview && emit("quote", preview),
        (error) => void reportError(error),
      );
    },
    /** Reports an action (e.g. "newsletter") through the outbox; see treu.d.ts. */
    async action(name, reference) {
      const storefront = await laterStorefront();
      if (!storefront) throw new Error("treu: not running");
      return storefront.action(String(name), reference == null ? undefined : String(reference)).catch(rethrowTyped);
    },
    on(event, fn) {
      const type = event.startsWith(PREFIX) ? event : PREFIX + event;
      const listener = (e) => fn(e.detail, e);
      document.addEventListener(type, listener);
      listeners.push([type, listener]);
      return () => document.removeEventListener(type, listener);
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      stopFollowing();
      cartChanged?.();
      stopHearing();
      stopWaiting();
      for (const [type, listener] of listeners) document.removeEventListener(type, listener);
      if (active?.handle === handle) {
        collapse(false);
        withStorefront((storefront) => {
          for (const element of connected) storefront.unmount(element);
          storefront.free();
          if (active.paint !== storefront) active.paint.free();
        });
        active = null;
      }
      if (globalThis.treu === handle) delete globalThis.treu;
    },
  };
  active = { handle, storefront: null, paint: null, full: null, later: null, upgrade: null };

  /** The later module's `Storefront` once it runs (asking for it now), or
   * `null` when treu is not running. */
  async function laterStorefront() {
    if (active?.handle === handle && !active.storefront) await handle.ready;
    if (active?.handle !== handle || !active.storefront) return null;
    await active.upgrade();
    if (active?.handle !== handle) return null;
    if (!active.full) throw new Error("treu: the member's part could not be loaded");
    return active.full;
  }

  /** The launcher mounts itself unless the theme placed one or turned it off. */
  function addLauncher() {
    if (options.launcher !== false && !document.querySelector("treu-launcher")) {
      (document.body ?? document.documentElement).append(document.createElement("treu-launcher"));
    }
  }

  /** The renderer's `draw(element, facts)`, one for the page: the quick
   * paint and the first paint's module draw the same elements through it. */
  let draw = null;
  const rendererOf = (widgets) =>
    (draw ??= widgets.renderer({
      // The outcome shows in the panel's notice and is sent as `treu:redeemed`.
      redeem: (option) => withStorefront((storefront) => storefront.redeem?.(option).catch(() => {})),
      shared: (channel) => withStorefront((storefront) => storefront.referralShared?.(channel)),
      report: reportError,
    }));

  /**
   * The quick paint (treu_quick.js): the widgets drawn from the host's quote
   * of the cart the page has now (the cart it handed over, or its
   * platform's), as a guest, as the first paint's module would draw them
   * before it reads a member, without waiting for that module, which is
   * asked for only after. Resolves to the program and the platform's cart
   * answer it painted (`null` when it did not), which the module then
   * starts from, so it draws the same at once; anything that
   * fails (the network, a cart it cannot read) leaves the painting to the
   * module, which reports what went wrong.
   */
  async function quickPaint({ api, options, program, customerToken }) {
    try {
      const cartUrl = PLATFORMS[options.platform]?.cartUrl();
      // Watched from before it is asked for: the module reads it again only if it changed.
      cartChanged = cartUrl ? watchPlatformCart(options.platform) : null;
      const platformAnswer = cartUrl ? getJson(cartUrl) : null;
      platformAnswer?.catch(() => {});
      const [quick, widgets] = await Promise.all([loadQuick(), loadWidgets()]);
      const answer = await platformAnswer;
      const handedAt = cartsHanded;
      const cart = cartUrl ? quick.platformCart(options.platform, answer) : pendingCart;
      const viewing = quick.view(api, cart, customerToken, options.locale);
      viewing.catch(() => {});
      const shown = { program: await program, platformAnswer: answer };
      const view = await viewing;
      if (active?.handle !== handle || active.storefront || quickOver) return null;
      addLauncher();
      const draw = rendererOf(widgets);
      const drawOne = (element) => {
        const facts = quick.facts(element, view);
        if (facts) draw(element, facts);
      };
      const drawAll = () => connected.forEach(drawOne);
      drawAll();
      paintedNow();
      // Widgets the page adds before the module takes over are drawn alike.
      active.quick = (element) => {
        try {
          drawOne(element);
        } catch {}
      };
      // A cart the page hands over from now until the module takes over
      // (the theme's script ran after this one) is quoted by the host too.
      if (!cartUrl) {
        quickCart = () => {
          const [handed, at] = [pendingCart, cartsHanded];
          quick
            .postQuote(api, handed)
            .then((quote) => {
              if (active?.handle !== handle || active.storefront || at !== cartsHanded) return;
              view.quote = quote;
              drawAll();
            })
            .catch(() => {});
        };
        if (cartsHanded !== handedAt) quickCart();
      }
      return shown;
    } catch {
      return null;
    }
  }

  let stopWaiting = () => {};
  /** Asks for the later module once the page is idle or the shopper first
   * interacts (a pointer, a key, focus moving into the page), whichever
   * comes first. */
  function waitForIdleOrInteraction() {
    const events = ["pointerdown", "keydown", "focusin", "touchstart"];
    const go = () => {
      stopWaiting();
      active?.handle === handle && active.upgrade();
    };
    for (const type of events) document.addEventListener(type, go, { capture: true, passive: true });
    const idle = globalThis.requestIdleCallback
      ? requestIdleCallback(go, { timeout: LATER_TIMEOUT })
      : setTimeout(go, LATER_FALLBACK);
    stopWaiting = () => {
      for (const type of events) document.removeEventListener(type, go, { capture: true });
      (globalThis.cancelIdleCallback ?? clearTimeout)(idle);
      stopWaiting = () => {};
    };
  }

  handle.ready = (async () => {
    try {
      if (typeof options?.api !== "string" || options.api === "") {
        throw new TypeError("options.api: the URL of the shop's treu API is required");
      }
      const api = new URL(options.api, document.baseURI).href;
      rememberReferral(api);
      const paintUrl = options.paintWasmUrl ? new URL(options.paintWasmUrl, document.baseURI).href : PAINT_WASM.href;
      // A page view that holds the first paint's module paints through it;
      // one that does not paints from the host's quote first (`quickPaint`).
      const held = paintHeld(paintUrl);
      const loadFirstPaint = () => Promise.all([loadPaint(options.paintWasmUrl), loadWidgets()]);
      // Asked for first: a warm page view paints as soon as these arrive.
      let loading = held ? loadFirstPaint() : null;
      loading?.catch(() => {});
      const tokenUrl = options.customerToken ? undefined : tokenUrlOf(options);
      // A page that names its token URL expects a member (the platforms' blocks
      // name it only for signed-in customers): their referral prompt's space is kept.
      reserveMember = Boolean(options.customerToken || (tokenUrl && options.tokenUrl));
      defineElements();
      // In a tab of its own, the browser's first `Intl` call takes 20-45 ms:
      // made here, in a task of its own while the files load, rather than by
      // the renderer's first draw, in the task that also starts the module
      // and draws (which then went over 50 ms in some cold page views).
      setTimeout(warmIntl, 0, options.locale);
      // Fetched while the engine loads; a failure leaves the shopper a guest.
      const customerToken = options.customerToken
        ? Promise.resolve(options.customerToken)
        : fetchCustomerToken(tokenUrl, options.tokenNonce).catch((error) => void reportError(error));
      // Until the later module runs, the loader hears what the member's other tabs did.
      customerToken.then((token) => {
        if (token && active?.handle === handle && !active.full) stopHearing = hearOtherTabs(api);
      });
      // The program is fetched while the first paint's module loads.
      const program = fetchProgram(api);
      program.catch(() => {});
      let quickly = null;
      if (!held) {
        const limit = new Promise((resolve) => setTimeout(resolve, QUICK_PAINT_LIMIT, null));
        quickly = await Promise.race([quickPaint({ api, options, program, customerToken }), limit]);
        quickOver = true;
        if (active?.handle !== handle) return handle;
        loading = loadFirstPaint();
      }
      const [glue, widgets] = await loading;
      globalThis.performance?.mark?.("treu:loaded");
      const token = await customerToken;
      if (active?.handle !== handle) return handle;
      const settings = { ...options, api, customerToken: token };
      active.storefront = active.paint = new glue.Paint(settings, rendererOf(widgets));
      rememberPaint(paintUrl);
      // Loads the later module once and hands it the first paint, which keeps
      // the widgets, the program and the cart and quotes again for the member
      // the later module reads; that one syncs with the host.
      active.upgrade = () =>
        (active.later ??= (async () => {
          stopWaiting();
          // The panel's renderer comes with the module that gives the launcher a panel.
          widgets.loadPanel().catch(() => {});
          const later = await loadWasm(options.wasmUrl);
          if (active?.handle !== handle) return;
          // The first paint keeps the program, the cart and the widgets; the
          // later module takes the member's session and has the first paint draw.
          const storefront = new later.Storefront(settings, active.paint);
          active.storefront = active.full = storefront;
          stopHearing();
          const preview = await storefront.sync().catch((error) => void reportError(error));
          if (active?.handle === handle && preview) emit("quote", preview);
        })().catch((error) => {
          // The first paint stays; a later call may try again.
          if (active?.handle === handle) active.later = null;
          warnOnce("the member's part is unavailable.", error?.message ?? error);
          reportError(error);
        }));
      // The module starts from what the quick paint showed, before it draws,
      // so the widgets change nothing when it takes over. What it cannot
      // read is reported where it is read again: the program below, the
      // platform's cart by `followPlatformCart`.
      let handedOver = false;
      let handedCart = false;
      let cartQuote = null;
      if (quickly) {
        try {
          active.paint.receiveProgram(quickly.program);
          handedOver = true;
          if (quickly.platformAnswer) {
            cartQuote = active.paint.setPlatformCart(quickly.platformAnswer);
            handedCart = true;
          }
        } catch {}
      }
      // A cart the page handed over replaced it: the platform's is read again after, as always.
      if (pendingCart) {
        handle.setCart(pendingCart);
        handedCart = false;
      }
      pendingCart = null;
      // The platform's cart is read now unless the module holds the one the
      // quick paint read and no request changed it since (its watch stops here).
      const changedSinceRead = cartChanged?.();
      const readCart = !handedCart || changedSinceRead;
      if (readCart) cartQuote = null;
      for (const element of connected) mount(element);
      addLauncher();
      stopFollowing = followPlatformCart(options.platform, active.paint, {
        onQuote: (quote) => emit("quote", quote),
        onError: reportError,
        read: readCart,
      });
      // A program cached by an earlier page view makes treu ready at once:
      // the page can hand over its cart and the widgets paint before the network.
      const ready = active.storefront.hasProgram;
      if (ready) {
        emit("ready", { handle });
        paintedNow();
      }
      // The quote of the platform's cart the quick paint read (not read again).
      if (cartQuote && active?.handle === handle) emit("quote", cartQuote);
      // A signed-in customer's launcher, points balance and referral prompt
      // wait for their member, which only the later module reads (and it
      // hears of changes made in other tabs): asked for as soon as the
      // first paint is on screen. A guest's page asks at idle. Not before
      // the widgets painted: the page is idle while the program is fetched.
      let asking = false;
      const askForLater = () => {
        if (asking || active?.handle !== handle) return;
        asking = true;
        if (token) requestAnimationFrame(() => setTimeout(() => active?.handle === handle && active.upgrade()));
        else waitForIdleOrInteraction();
      };
      if (ready) askForLater();
      // The later module, once it took over, syncs on its own.
      const first = active.storefront;
      // (The program the quick paint showed was handed over already.)
      const preview = handedOver ? null : await program.then(receiveProgram(first)).catch((error) => {
        // Without a program the widgets stay hidden, but a command or the
        // outbox of an earlier page view may still want the later module.
        askForLater();
        if (active?.storefront === first) throw error;
      });
      if (active?.handle !== handle) return handle;
      if (preview && active.storefront === first) emit("quote", preview);
      if (!ready) {
        emit("ready", { handle });
        paintedNow();
        askForLater();
      }
    } catch (error) {
      cartChanged?.();
      warnOnce("unavailable, the page works without it.", error?.message ?? error);
      reportError(error);
      // With nothing to show (no engine, or no program even from the cache),
      // the widgets give their reserved space back to the page. A quick
      // paint's bar and points line stay and follow the cart through the
      // host; the launcher and the referral prompt need the engine.
      if (active?.handle === handle && !active.storefront?.hasProgram) {
        collapse(true, active.quick && !active.storefront ? ["treu-launcher", "treu-referral"] : ELEMENTS);
      }
    }
    return handle;
  })();
  return handle;
}

/** Starts treu and resolves to its handle once the engine and program are loaded. */
export function init(options) {
  return start(options).ready;
}

/**
 * The pure engine, the same code the host runs: what `cart` earns and unlocks
 * under `program` for `customer` (omit for a guest) at `now` (default: now).
 * Rejects with an Error whose `errors` list every invalid field with its path.
 */
export async function quote(program, cart, customer, now) {
  const glue = await loadEngine();
  try {
    return await glue.quote(program, cart, customer ?? null, now ?? null);
  } catch (error) {
    rethrowTyped(error);
  }
}

/** Checks a program; resolves to it with defaults filled in, or rejects listing every problem. */
export async function validateProgram(program) {
  const glue = await loadEngine();
  try {
    return await glue.validateProgram(program);
  } catch (error) {
    rethrowTyped(error);
  }
}

/** What a page may call before treu has loaded (README.md, "Calls before treu has loaded"). */
const QUEUEABLE = ["setCart", "on", "refresh", "redeem", "action"];

/**
 * Replays, in order, the calls a page queued before this module ran: `queued`
 * is the README's stub (`{ q: [[method, ...args], …] }`) or a plain array of
 * such entries. Later pushes onto the same queue (a stub kept in a variable)
 * go straight to the handle.
 */
function replay(handle, queued) {
  const entries = Array.isArray(queued) ? queued : Array.isArray(queued?.q) ? queued.q : null;
  if (!entries) return;
  const call = (entry) => {
    const [method, ...args] = Array.isArray(entry) ? entry : [];
    if (!QUEUEABLE.includes(method)) {
      reportError(new TypeError(`window.treu queue: "${method}" is not one of ${QUEUEABLE.join(", ")}`));
      return entries.length;
    }
    try {
      // A queued call's promise has no one waiting: its failure goes to `treu:error`.
      Promise.resolve(handle[method](...args)).catch(reportError);
    } catch (error) {
      reportError(error);
    }
    return entries.length;
  };
  for (const entry of entries.splice(0)) call(entry);
  entries.push = (...more) => (more.forEach(call), entries.length);
}

// Script-tag use: `<script type="module" src=".../treu.js" data-api="…">` starts
// itself and exposes its handle as `window.treu`, the only global treu defines.
const script = typeof document !== "undefined"
  ? [...document.querySelectorAll("script[src][data-api]")].find((s) => s.src === import.meta.url)
  : undefined;
if (script) {
  const queued = globalThis.treu;
  globalThis.treu = start(optionsFromScript(script));
  replay(globalThis.treu, queued);
}
