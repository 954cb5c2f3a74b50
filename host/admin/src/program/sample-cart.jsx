// The sample cart the preview shows the draft against: lines with product,
// quantity and price (typed in major units, kept in minor units) and the
// cart's currency. Remembered in this browser between visits.
import { useEffect, useRef, useState } from "preact/hooks";
import { minorToDecimal, parseMoney } from "../format.js";
import { useT } from "../i18n.js";

const STORAGE_KEY = "treu-admin-sample-cart";

export function loadSampleCart(currency) {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "null");
    if (saved && /^[A-Z]{3}$/.test(saved.currency) && Array.isArray(saved.lines)) return saved;
  } catch {
    // A broken or missing entry: start from the sample below.
  }
  return {
    currency: /^[A-Z]{3}$/.test(currency ?? "") ? currency : "EUR",
    lines: [
      { productId: "espresso-beans", quantity: 1, unitPrice: 2490 },
      { productId: "mug", quantity: 1, unitPrice: 1250 },
    ],
  };
}

export function saveSampleCart(cart) {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(cart));
  } catch {
    // Not remembered; the preview still works.
  }
}

/** A price field that keeps what is typed until it reads as an amount. */
function PriceInput({ id, minor, currency, onChange, label }) {
  const t = useT();
  const separator = t.language === "de" ? "," : ".";
  const show = () => minorToDecimal(minor, currency).replace(".", separator);
  const [text, setText] = useState(show);
  const written = useRef(`${currency}${separator}`);
  useEffect(() => {
    // A new currency or decimal separator rewrites the text; so does a price changed elsewhere.
    const rewrite = written.current !== `${currency}${separator}`;
    written.current = `${currency}${separator}`;
    if (rewrite || parseMoney(text, currency) !== minor) setText(show());
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [minor, currency, separator]);
  const bad = parseMoney(text, currency) === null || parseMoney(text, currency) < 0;
  return (
    <input
      id={id}
      inputMode="decimal"
      value={text}
      aria-label={label}
      aria-invalid={bad ? "true" : undefined}
      class="input-short"
      onInput={(event) => {
        setText(event.currentTarget.value);
        const value = parseMoney(event.currentTarget.value, currency);
        if (value !== null && value >= 0) onChange(value);
      }}
    />
  );
}

export function SampleCart({ cart, onChange }) {
  const t = useT();
  const setLine = (index, change) =>
    onChange({ ...cart, lines: cart.lines.map((line, position) => (position === index ? { ...line, ...change } : line)) });
  return (
    <fieldset class="sample-cart">
      <legend>{t("program.preview.cart")}</legend>
      <label class="field sample-currency">
        <span>{t("program.preview.currency")}</span>
        <input
          value={cart.currency}
          maxLength={3}
          class="input-short"
          list="currency-codes"
          onChange={(event) => {
            const code = event.currentTarget.value.trim().toUpperCase();
            if (/^[A-Z]{3}$/.test(code)) onChange({ ...cart, currency: code });
          }}
        />
      </label>
      <table class="sample-lines">
        <thead>
          <tr>
            <th scope="col">{t("program.preview.product")}</th>
            <th scope="col">{t("program.preview.quantity")}</th>
            <th scope="col">{t("program.preview.price", { currency: cart.currency })}</th>
            <th scope="col">
              <span class="visually-hidden">{t("program.rows.remove")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {cart.lines.map((line, index) => (
            <tr key={index}>
              <td>
                <input
                  value={line.productId}
                  aria-label={t("program.preview.productOf", { number: index + 1 })}
                  spellcheck={false}
                  onInput={(event) => setLine(index, { productId: event.currentTarget.value })}
                />
              </td>
              <td>
                <input
                  type="number"
                  min="1"
                  step="1"
                  value={line.quantity}
                  class="input-tiny"
                  aria-label={t("program.preview.quantityOf", { product: line.productId })}
                  onInput={(event) => {
                    const quantity = Number(event.currentTarget.value);
                    if (Number.isSafeInteger(quantity) && quantity >= 1) setLine(index, { quantity });
                  }}
                />
              </td>
              <td>
                <PriceInput
                  minor={line.unitPrice}
                  currency={cart.currency}
                  label={t("program.preview.priceOf", { product: line.productId })}
                  onChange={(unitPrice) => setLine(index, { unitPrice })}
                />
              </td>
              <td>
                <button
                  type="button"
                  class="button button-quiet button-danger"
                  aria-label={t("program.rows.removeNamed", { name: line.productId })}
                  onClick={() => onChange({ ...cart, lines: cart.lines.filter((_, position) => position !== index) })}
                >
                  ×
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button
        type="button"
        class="button"
        onClick={() => onChange({ ...cart, lines: [...cart.lines, { productId: "sample", quantity: 1, unitPrice: 1000 }] })}
      >
        + {t("program.preview.addLine")}
      </button>
    </fieldset>
  );
}
