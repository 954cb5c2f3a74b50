// The launcher panel's model: its words (English and German) and its
// sections, from the facts the first paint's engine works out (launcher.rs's
// `PanelFacts`: the tier, the win-back offer, the rewards' costs, the notice)
// and the member's body as the host sent it (their codes, history and ways to
// earn). treu_panel.js draws it. Every text is final here; the renderer only
// places it, as text. It speaks through the first paint's `wording`
// (treu_words.js: its words, numbers, amounts and discounts), handed in by
// the caller, so that this module imports nothing and the Chromium tests word
// recorded facts with it as a page does.

// The panel's own words, by language, beside treu_words.js's. A pair is the
// text for a count of one, then for any other count; a `{name}` takes a value.
const WORDS = {
  en: {
    actions: {
      signup: "Create an account",
      profileCompletion: "Complete your profile",
      newsletter: "Sign up for the newsletter",
      review: "Write a review",
      photoReview: "Review with a photo",
      socialShare: "Share on social media",
      survey: "Answer a survey",
      contestEntry: "Enter a contest",
      birthday: "Celebrate your birthday",
      referral: "Refer a friend",
    },
    adjustment: "Adjustment by the shop",
    awaitingConfirmation: "Being checked",
    codeReady: "Your code {code} is ready. Use it at checkout.",
    done: "Done",
    earnRate: ["Earn {points} point for every {per} you spend.", "Earn {points} points for every {per} you spend."],
    earned: "Points earned",
    greeting: "You have",
    greetingNamed: "Hi {name}, you have",
    guestIntro: "Join our rewards program: collect points with every order and redeem them for discounts.",
    join: "Join now",
    negativeBalance: "A refund took back points you had already spent; new orders fill the gap first.",
    orderNumber: "Order {order}",
    pendingPoints: "+{points} pending, available once the return window has passed",
    pointsExpired: "Points expired",
    pointsShort: ["{points} more point needed", "{points} more points needed"],
    recentActivity: "Recent activity",
    redeem: "Redeem",
    redeemFailed: "Could not redeem: {reason}",
    redeemQueued:
      "The shop cannot be reached right now. Your redemption is saved and completes as soon as it is back.",
    redeemLabel: "Redeem {reward} for {points}",
    redeemedFor: "Redeemed: {reward}",
    redeeming: "Redeeming…",
    refundOf: "Refund of order {order}",
    savesOnCart: "Saves {amount} on this cart.",
    signIn: "Sign in",
    tierHeld: "{tier} member",
    tierProgress: "Progress to the next tier",
    toNextTier: "{amount} more to reach {tier}",
    topTier: "You have reached the highest tier.",
    tryAgainLater: "the shop cannot be reached right now. Please try again in a moment.",
    validUntil: "Valid until {date}",
    waysToEarn: "Ways to earn",
    waysToRedeem: "Ways to redeem",
    welcomeGift: "Welcome gift from a friend",
    winBackOffer: "Your next order: {discount}. Valid for {days} days.",
    winBackWithCode: "Your next order: {discount} with this code:",
    yourCodes: "Your discount codes",
  },
  de: {
    actions: {
      signup: "Kundenkonto anlegen",
      profileCompletion: "Profil vervollständigen",
      newsletter: "Newsletter abonnieren",
      review: "Bewertung schreiben",
      photoReview: "Bewertung mit Foto",
      socialShare: "In sozialen Medien teilen",
      survey: "An einer Umfrage teilnehmen",
      contestEntry: "Am Gewinnspiel teilnehmen",
      birthday: "Geburtstag feiern",
      referral: "Freunde werben",
    },
    adjustment: "Korrektur durch den Shop",
    awaitingConfirmation: "Wird geprüft",
    codeReady: "Dein Code {code} ist bereit. Gib ihn an der Kasse ein.",
    done: "Erledigt",
    earnRate: ["Sammle {points} Punkt pro {per} Einkaufswert.", "Sammle {points} Punkte pro {per} Einkaufswert."],
    earned: "Punkte gesammelt",
    greeting: "Du hast",
    greetingNamed: "Hallo {name}, du hast",
    guestIntro: "Werde Mitglied: Sammle mit jeder Bestellung Punkte und löse sie gegen Rabatte ein.",
    join: "Jetzt Mitglied werden",
    negativeBalance: "Eine Erstattung hat bereits ausgegebene Punkte zurückgebucht; neue Bestellungen gleichen das zuerst aus.",
    orderNumber: "Bestellung {order}",
    pendingPoints: "+{points} vorgemerkt, verfügbar nach Ablauf der Rückgabefrist",
    pointsExpired: "Punkte verfallen",
    pointsShort: ["Noch {points} Punkt nötig", "Noch {points} Punkte nötig"],
    recentActivity: "Letzte Aktivitäten",
    redeem: "Einlösen",
    redeemFailed: "Einlösen nicht möglich: {reason}",
    redeemQueued:
      "Der Shop ist gerade nicht erreichbar. Deine Einlösung ist gespeichert und wird abgeschlossen, sobald er wieder da ist.",
    redeemLabel: "{reward} für {points} einlösen",
    redeemedFor: "Eingelöst: {reward}",
    redeeming: "Wird eingelöst …",
    refundOf: "Erstattung zu Bestellung {order}",
    savesOnCart: "Spart {amount} bei diesem Warenkorb.",
    signIn: "Anmelden",
    tierHeld: "{tier}-Mitglied",
    tierProgress: "Fortschritt zur nächsten Stufe",
    toNextTier: "Noch {amount} bis {tier}",
    topTier: "Du hast die höchste Stufe erreicht.",
    tryAgainLater: "der Shop ist gerade nicht erreichbar. Bitte versuche es gleich noch einmal.",
    validUntil: "Gültig bis {date}",
    waysToEarn: "So sammelst du Punkte",
    waysToRedeem: "So löst du Punkte ein",
    welcomeGift: "Willkommensgeschenk von Freunden",
    winBackOffer: "Deine nächste Bestellung: {discount}. Gültig für {days} Tage.",
    winBackWithCode: "Deine nächste Bestellung: {discount} mit diesem Code:",
    yourCodes: "Deine Rabattcodes",
  },
};

/** `template` with each `{name}` replaced by its value in `values`; unknown names stay. */
const fill = (template, values) => template.replace(/\{(\w+)\}/g, (whole, name) => values[name] ?? whole);

// The member's body as the host sent it is read leniently: a value of the
// wrong type is as good as missing, and a part that cannot be read is not shown.
const text = (value) => (typeof value === "string" ? value : null);
const whole = (value) => (Number.isSafeInteger(value) ? value : null);
const isObject = (value) => value !== null && typeof value === "object";
const objects = (value) => (Array.isArray(value) ? value.filter(isObject) : []);
/** An instant (RFC 3339 text or Unix seconds) in milliseconds since 1970; `NaN` if it is neither. */
const instant = (at) => (typeof at === "number" ? at * 1000 : Date.parse(text(at) ?? ""));

/** The panel's wording for each speaker, made once: its `Intl` formats are costly to create. */
const spoken = new WeakMap();

/** The panel's words and formats: treu_words.js's `speaker` with the panel's own words and dates. */
function wording(speaker) {
  let panel = spoken.get(speaker);
  if (!panel) {
    panel = panelWording(speaker);
    spoken.set(speaker, panel);
  }
  return panel;
}

function panelWording(speaker) {
  const words = { ...speaker.words, ...WORDS[speaker.language] };
  const dates = new Intl.DateTimeFormat(speaker.locale, { dateStyle: "medium" });
  return {
    ...speaker,
    words,
    /** The calendar day of `millis` since 1970. */
    day: (millis) => dates.format(millis),
    /** The calendar day of an instant (see `instant`), or `null`. */
    date(at) {
      const millis = instant(at);
      return Number.isNaN(millis) ? null : dates.format(millis);
    },
    /** A discount code with its copy button; `key` names the button across rebuilds. */
    codeRow: (code, key) => ({ code, ...speaker.copy(code), key }),
  };
}

/**
 * The panel's content for `facts` (launcher.rs's `PanelFacts`): a member's
 * sections, or how the program works for a guest, in the words of
 * `speaker`, treu_words.js's `wording(facts.locale)`.
 */
export function panelModel(facts, speaker) {
  const w = wording(speaker);
  if (facts.member) return { member: memberModel(facts, facts.member, w) };
  if (facts.guest) return { guest: guestModel(facts, facts.guest, w) };
  return {};
}

function guestModel(facts, guest, { words, points, counted, money }) {
  const links = [
    ["join", guest.join, words.join],
    ["sign-in", guest.signIn, words.signIn],
  ].filter(([, url]) => url != null);
  return {
    intro: words.guestIntro,
    rate: guest.rate && fill(counted(words.earnRate, guest.rate.points), { per: money(guest.rate.per) }),
    earn: section(words.waysToEarn, facts.actions, (rule) => ({
      label: words.actions[rule.action] ?? rule.action,
      points: `+${points(rule.points)}`,
      done: false,
    })),
    redeem: section(words.waysToRedeem, facts.rewards, (reward) => ({
      label: reward.name,
      points: points(reward.points),
      done: false,
    })),
    links: links.map(([part, url, linkText]) => ({ part, url, text: linkText })),
  };
}

/** `{ heading, items }` of the `items` each made by `make`, or `null` when none are left. */
function section(heading, items, make) {
  const made = items.map(make).filter((item) => item !== null);
  return made.length > 0 ? { heading, items: made } : null;
}

function memberModel(facts, member, w) {
  const { words, integer } = w;
  const raw = isObject(member.raw) ? member.raw : {};
  const name = text(raw.customer?.name)?.trim().split(/\s+/)[0];
  const issued = text(raw.winBack?.code);
  return {
    notice: facts.notice && notice(facts.notice, w),
    greeting: name ? fill(words.greetingNamed, { name }) : words.greeting,
    balance: w.points(member.available),
    pending: member.pending > 0 ? fill(words.pendingPoints, { points: integer(member.pending) }) : null,
    negative: member.available < 0 ? words.negativeBalance : null,
    winBack: member.winBack && winBack(member.winBack, issued, raw.winBack, w),
    tier: member.tier && tier(member.tier, w),
    codes: section(words.yourCodes, codes(raw, issued), (code) => codeItem(facts, code, w)),
    rewards: section(words.waysToRedeem, facts.rewards, (reward) => rewardItem(facts, member, reward, w)),
    earn: section(words.waysToEarn, objects(raw.waysToEarn), (way) => wayToEarn(raw, way, w)),
    referral: member.referral && w.referral(member.referral),
    history: section(words.recentActivity, grouped(history(raw)).slice(0, 5), (event) => historyItem(facts, event, w)),
  };
}

/** A redemption's outcome: its code is ready (`code`), or it failed (`error`); the text is also announced. */
function notice(facts, w) {
  const { words } = w;
  if (facts.kind === "code") {
    return { kind: "code", text: fill(words.codeReady, { code: facts.code }), code: w.codeRow(facts.code, "copy-fresh") };
  }
  const text =
    facts.kind === "queued" ? words.redeemQueued : fill(words.redeemFailed, { reason: facts.reason ?? words.tryAgainLater });
  return { kind: "error", text, code: null };
}

/** The engine's win-back offer, with the code the host issued for it. */
function winBack(offer, issued, sent, w) {
  const { words } = w;
  const expires = issued != null ? w.date(sent.expiresAt) : null;
  const discount = w.discount(offer.discount);
  return {
    title: words.welcomeBack,
    offer: issued != null
      ? fill(words.winBackWithCode, { discount })
      : fill(words.winBackOffer, { discount, days: w.integer(offer.validDays) }),
    value: offer.value != null ? fill(words.savesOnCart, { amount: w.money(offer.value) }) : null,
    code: issued != null ? w.codeRow(issued, "copy-win-back") : null,
    expires: expires != null ? fill(words.validUntil, { date: expires }) : null,
  };
}

/** The tier held and a progress bar to the next. */
function tier(facts, { words, money, points }) {
  const remaining = facts.remainingAmount != null ? money(facts.remainingAmount) : points(facts.remaining);
  const next = facts.next != null ? fill(words.toNextTier, { amount: remaining, tier: facts.next }) : words.topTier;
  return {
    name: facts.name != null ? fill(words.tierHeld, { tier: facts.name }) : null,
    next,
    progress: facts.progress && { ...facts.progress, text: next },
    progressName: words.tierProgress,
  };
}

/** The member's unused discount codes; the win-back code shows in its offer instead. */
function codes(raw, issued) {
  return objects(raw.discountCodes).filter((code) => text(code.code) != null && code.code !== issued);
}

function codeItem(facts, code, w) {
  const { words } = w;
  const option = text(code.option);
  const reward = facts.rewards.find((reward) => reward.id === option);
  const parts = [reward ? reward.name : option === "referral-welcome" ? words.welcomeGift : ""];
  const expires = code.expiresAt != null ? w.date(code.expiresAt) : null;
  if (expires != null) parts.push(fill(words.validUntil, { date: expires }));
  const detail = parts.filter((part) => part !== "").join(" · ");
  return { row: w.codeRow(code.code, `copy-${code.code}`), detail: detail !== "" ? detail : null };
}

/** A reward with its redeem button: disabled, saying what is missing, when the balance does not cover it. */
function rewardItem(facts, member, reward, { words, counted, points }) {
  const short = reward.cost - member.available;
  const cost = points(reward.cost);
  return {
    name: reward.name,
    cost,
    short: short > 0 ? counted(words.pointsShort, short) : null,
    option: reward.id,
    button: facts.redeeming === reward.id ? words.redeeming : words.redeem,
    buttonLabel: fill(words.redeemLabel, { reward: reward.name, points: cost }),
    disabled: short > 0,
    busy: short <= 0 && facts.redeeming != null,
  };
}

/** An action of the program with what the member did or is waiting on. */
function wayToEarn(raw, way, { words, points }) {
  const label = words.actions[way.action];
  const worth = whole(way.points);
  if (label === undefined || worth === null) return null;
  const waiting = objects(raw.pendingActions).some((pending) => pending.action === way.action);
  const status = waiting
    ? words.awaitingConfirmation
    : way.available === false && (whole(way.done) ?? 0) > 0
      ? words.done
      : null;
  return { label, points: status ?? `+${points(worth)}`, done: status !== null };
}

const ENTRY_KINDS = ["earn", "redeem", "reverse", "expire", "adjust"];

/** The ledger entries of the member's history that can be read, newest first. */
function history(raw) {
  const entries = [];
  for (const entry of objects(raw.history?.entries)) {
    const points = whole(entry.points);
    const at = instant(entry.at);
    if (!ENTRY_KINDS.includes(entry.type) || points === null || Number.isNaN(at)) continue;
    const change = isObject(entry.change) ? entry.change : {};
    entries.push({
      kind: entry.type,
      points,
      at,
      order: text(change.order),
      rule: text(change.rule),
      option: text(change.option),
    });
  }
  return entries;
}

/** One line per event: an order's earn entries (its spend, tier bonus,
 * campaign) show as one, as do a refund's reversals. */
function grouped(entries) {
  const events = [];
  for (const entry of entries) {
    const last = events[events.length - 1];
    const sameEvent = last && last.kind === entry.kind && last.at === entry.at;
    if (sameEvent && entry.order !== null && last.order === entry.order) {
      last.total += entry.points;
    } else {
      events.push({ ...entry, total: entry.points });
    }
  }
  return events;
}

function historyItem(facts, event, w) {
  return {
    what: describe(facts, event, w.words),
    when: w.day(event.at),
    points: `${event.total > 0 ? "+" : ""}${w.integer(event.total)}`,
    negative: event.total < 0,
  };
}

/** What a ledger event was, in the shopper's words. */
function describe(facts, event, words) {
  switch (event.kind) {
    case "earn": {
      if (event.order !== null) return fill(words.orderNumber, { order: event.order });
      const action = event.rule?.startsWith("action:") ? event.rule.slice("action:".length) : null;
      const known = facts.actions.some((rule) => rule.action === action);
      return known ? (words.actions[action] ?? words.earned) : words.earned;
    }
    case "redeem": {
      const option = event.option ?? "";
      return fill(words.redeemedFor, { reward: facts.rewards.find((reward) => reward.id === option)?.name ?? option });
    }
    case "reverse":
      return fill(words.refundOf, { order: event.order ?? "" });
    case "expire":
      return words.pointsExpired;
    default:
      return words.adjustment;
  }
}
