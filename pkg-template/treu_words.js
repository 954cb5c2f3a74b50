// treu's words on the first paint, in English and German, and the view model
// of each widget worded from the facts the first paint's Wasm works out
// (src/web/{shipping_bar,points,launcher,referral,controls}.rs): amounts as
// exact decimals with their currency, points as integers, discounts by kind.
// Numbers, amounts and plurals go through the browser's `Intl`, so every
// locale and currency is right without locale data in treu. treu_widgets.js
// draws the models; the launcher panel's own words are in
// treu_panel_model.js, which speaks through `wording` too.
//
// This module imports nothing, so the Chromium tests word the recorded facts
// with it exactly as a page does.

// A pair is the text for a count of one, then for any other count; a
// `{name}` takes a value. A language is added as a table. Every text fits one
// line of a narrow cart column: the widgets reserve one line and truncate
// rather than grow, so they can never shift the page.
const WORDS = {
  en: {
    remainingToFreeShipping: "{amount} to free shipping",
    freeShippingUnlocked: "Free shipping unlocked",
    freeShippingProgress: "Progress to free shipping",
    orderEarns: ["This order earns {points} point", "This order earns {points} points"],
    joinToEarn: ["Earn {points} point as a member", "Earn {points} points as a member"],
    youHave: ["You have {points} point", "You have {points} points"],
    offerForYou: "For you: {offer}",
    points: ["{points} point", "{points} points"],
    rewards: "Rewards",
    rewardsWith: "Rewards: {points}",
    welcomeBack: "Welcome back!",
    close: "Close",
    percentOff: "{percent} % off",
    amountOff: "{amount} off",
    freeShipping: "Free shipping",
    withMinimum: "{discount} on orders from {minimum}",
    referAFriend: "Refer a friend",
    referralOffer: "Give friends a present: {discount} for their first order.",
    referralOfferMinimum: "Give friends a present: {discount} for their first order from {minimum}.",
    referralYouGet: " You get {points} when they order.",
    referralLink: "Your referral link",
    friendsConverted: [
      "{count} friend has ordered through your link.",
      "{count} friends have ordered through your link.",
    ],
    copy: "Copy",
    copied: "Copied",
    copyLabel: "Copy {what}",
    share: "Share",
    shareText: "A present for your first order:",
  },
  de: {
    remainingToFreeShipping: "Noch {amount} bis versandkostenfrei",
    freeShippingUnlocked: "Kostenloser Versand freigeschaltet",
    freeShippingProgress: "Fortschritt zum kostenlosen Versand",
    orderEarns: ["Diese Bestellung bringt {points} Punkt", "Diese Bestellung bringt {points} Punkte"],
    joinToEarn: ["Als Mitglied {points} Punkt sammeln", "Als Mitglied {points} Punkte sammeln"],
    youHave: ["Du hast {points} Punkt", "Du hast {points} Punkte"],
    offerForYou: "Für dich: {offer}",
    points: ["{points} Punkt", "{points} Punkte"],
    rewards: "Prämien",
    rewardsWith: "Prämien: {points}",
    welcomeBack: "Schön, dass du wieder da bist!",
    close: "Schließen",
    percentOff: "{percent} % Rabatt",
    amountOff: "{amount} Rabatt",
    freeShipping: "Kostenloser Versand",
    withMinimum: "{discount} ab {minimum} Bestellwert",
    referAFriend: "Freunde werben",
    referralOffer: "Mach Freunden ein Geschenk: {discount} für ihre erste Bestellung.",
    referralOfferMinimum: "Mach Freunden ein Geschenk: {discount} für ihre erste Bestellung ab {minimum}.",
    referralYouGet: " Du erhältst {points}, wenn sie bestellen.",
    referralLink: "Dein Empfehlungslink",
    friendsConverted: ["{count} Freund hat über deinen Link bestellt.", "{count} Freunde haben über deinen Link bestellt."],
    copy: "Kopieren",
    copied: "Kopiert",
    copyLabel: "{what} kopieren",
    share: "Teilen",
    shareText: "Ein Geschenk für deine erste Bestellung:",
  },
};

/** `template` with each `{name}` replaced by its value in `values`; unknown names stay. */
export const fill = (template, values) => template.replace(/\{(\w+)\}/g, (whole, name) => values[name] ?? whole);

const spoken = new Map();

/**
 * The words and formats for a page's `locale` (BCP 47, as `data-locale`
 * gives it): its language's words (English unless it is German), and
 * numbers, amounts and plurals formatted for it, or for the browser's
 * default when `Intl` does not know it.
 */
export function wording(locale) {
  const key = String(locale ?? "");
  let speaker = spoken.get(key);
  if (!speaker) {
    speaker = speakerFor(key);
    spoken.set(key, speaker);
  }
  return speaker;
}

function speakerFor(locale) {
  let locales = [];
  try {
    locales = Intl.NumberFormat.supportedLocalesOf(locale);
  } catch {}
  const language = locale.split(/[-_]/)[0].toLowerCase() === "de" ? "de" : "en";
  const words = WORDS[language];
  const numbers = new Intl.NumberFormat(locales);
  let plurals = null;
  const currencies = new Map();
  const integer = (count) => numbers.format(count);
  /** The text of a `pair` for `count`, with the count in it as `{name}`. */
  const one = (count) => {
    try {
      plurals ??= new Intl.PluralRules(locales);
      return plurals.select(count) === "one";
    } catch {
      return count === 1;
    }
  };
  const counted = (pair, count, name = "points") => fill(pair[one(count) ? 0 : 1], { [name]: integer(count) });
  /** An amount (`{ value: "4.01", currency: "EUR" }`, exact) in its currency: `€4.01`, `4,01 €`. */
  const money = (amount) => {
    const { value, currency } = amount ?? {};
    try {
      let format = currencies.get(currency);
      if (!format) {
        format = new Intl.NumberFormat(locales, { style: "currency", currency }).format;
        currencies.set(currency, format);
      }
      return format(value);
    } catch {
      return `${value} ${currency}`;
    }
  };
  const points = (count) => counted(words.points, count);
  /** What a discount takes off, without its minimum spend: "15 % off", "€10.00 off", "Free shipping". */
  const discountKind = (discount) =>
    discount.kind === "percentOff"
      ? fill(words.percentOff, { percent: integer(discount.percent) })
      : discount.kind === "amountOff"
        ? fill(words.amountOff, { amount: money(discount.amount) })
        : words.freeShipping;
  const speaker = {
    language,
    /** The locale numbers and dates are formatted for; `undefined`: the browser's. */
    locale: locales[0],
    words,
    integer,
    counted,
    money,
    points,
    discountKind,
    /** A discount in words, with its minimum spend: "€10.00 off on orders from €40.00". */
    discount: (discount) =>
      discount.minimum != null
        ? fill(words.withMinimum, { discount: discountKind(discount), minimum: money(discount.minimum) })
        : discountKind(discount),
    /** A copy button's words for `what` (a code, the referral link). */
    copy: (what) => ({ copy: words.copy, copyLabel: fill(words.copyLabel, { what }), copied: words.copied }),
    /** The referral offer with the member's link (controls.rs's `ReferralFacts`). */
    referral: (facts) => referralModel(facts, speaker),
  };
  return speaker;
}

/** The referral offer with the member's link, in `<treu-referral>` and the panel. */
function referralModel(facts, w) {
  const { words } = w;
  let offer = null;
  if (facts.offer) {
    const friend = facts.offer.friend;
    const discount = w.discountKind(friend);
    offer =
      friend.minimum != null
        ? fill(words.referralOfferMinimum, { discount, minimum: w.money(friend.minimum) })
        : fill(words.referralOffer, { discount });
    if (facts.offer.points != null) offer += fill(words.referralYouGet, { points: w.points(facts.offer.points) });
  }
  const link = facts.link && {
    url: facts.link,
    label: words.referralLink,
    ...w.copy(words.referralLink),
    share: words.share,
    shareText: words.shareText,
  };
  const friends = facts.converted > 0 ? w.counted(words.friendsConverted, facts.converted, "count") : null;
  return { heading: words.referAFriend, offer, link, friends };
}

const MODELS = {
  /** shipping_bar.rs's `ShippingBarFacts`. */
  "treu-shipping-bar"(facts, { words, money }) {
    const name = words.freeShippingProgress;
    const progress = facts.progress;
    if (!progress) return { state: facts.state, name, label: "", progress: null };
    const label =
      facts.state === "qualified"
        ? words.freeShippingUnlocked
        : fill(words.remainingToFreeShipping, { amount: money(facts.remaining) });
    const { max, now, permille } = progress;
    return { state: facts.state, name, label, progress: { max, now, permille, text: label } };
  },

  /** points.rs's `PointsFacts`. */
  "treu-points"(facts, { words, counted }) {
    const pair = { balance: words.youHave, earn: facts.member ? words.orderEarns : words.joinToEarn }[facts.state];
    return {
      state: facts.state,
      points: facts.points,
      text: pair ? counted(pair, facts.points) : null,
      offer: facts.offer,
      offerText: facts.offerName != null ? fill(words.offerForYou, { offer: facts.offerName }) : null,
    };
  },

  /** launcher.rs's `LauncherFacts`: the button's words; the panel's facts go to treu_panel_model.js. */
  "treu-launcher"(facts, { words, points }) {
    const title = words.rewards;
    let label = title;
    let name = null;
    if (facts.state === "member") {
      const balance = points(facts.balance);
      label = facts.offer ? words.welcomeBack : balance;
      // It starts with the words shown (WCAG 2.5.3: speech users say what they see).
      name = `${facts.offer ? `${label} ` : ""}${fill(words.rewardsWith, { points: balance })}`;
    }
    return { state: facts.state, label, name, offer: facts.offer, title, close: words.close, panel: facts.panel };
  },

  /** referral.rs's `ReferralPromptFacts`. */
  "treu-referral"(facts, w) {
    const referral = facts.referral && w.referral(facts.referral);
    return { state: facts.state, name: w.words.referAFriend, revision: facts.revision, referral };
  },
};

/** The view model treu_widgets.js draws into the element `tag` from the first paint's `facts`. */
export function widgetModel(tag, facts) {
  const model = MODELS[tag];
  return model ? model(facts, wording(facts.locale)) : facts;
}
