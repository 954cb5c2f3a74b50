// The editor's form controls. Each is bound to one JSON path of the draft:
// it shows the value there, writes changes back through the form context and
// shows the engine's errors for that path right below itself. Text that does
// not read as a value yet (an amount like "12,5x") stays in the field with a
// message and blocks saving, and the draft keeps its last good value.
import { createContext } from "preact";
import { useContext, useEffect, useRef, useState } from "preact/hooks";
import { minorDigits, minorToDecimal, parseMoney } from "../format.js";
import { useT } from "../i18n.js";
import { fieldId, getAt } from "./paths.js";
import { translateReason } from "./reasons.js";

/**
 * What every field needs: `draft`, `update(path, value)`, `errorsAt(path,
 * within)` and `reportLocal(path, key | null)` for text that is not a value.
 */
export const FormContext = createContext(null);

export const useForm = () => useContext(FormContext);

/** Text kept while typing, re-read from the draft when the draft changes elsewhere. */
function useSyncedText(value, format, parse, deps = []) {
  const [text, setText] = useState(() => format(value));
  // A change of how the value is written (currency, decimal separator) rewrites the text.
  const written = useRef(JSON.stringify(deps));
  useEffect(() => {
    const parsed = parse(text);
    const rewrite = written.current !== JSON.stringify(deps);
    written.current = JSON.stringify(deps);
    if (rewrite || !parsed.ok || JSON.stringify(parsed.value) !== JSON.stringify(value)) setText(format(value));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [JSON.stringify(value), ...deps]);
  return [text, setText];
}

/** Label, control, hint and errors of one field. */
export function Field({ path, label, hint, local, within = false, children, class: className = "" }) {
  const t = useT();
  const form = useForm();
  const id = fieldId(path);
  const reasons = form.errorsAt(path, within);
  const messages = [...(local ? [t(local)] : []), ...reasons.map((reason) => translateReason(reason, t.language))];
  const described = [hint ? `${id}-hint` : "", messages.length ? `${id}-error` : ""].filter(Boolean).join(" ");
  return (
    <div class={`field ${className}`}>
      <label for={id}>{label}</label>
      {children({ id, invalid: messages.length > 0, describedBy: described || undefined })}
      {hint ? (
        <span class="field-hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {messages.length ? (
        <p class="field-error" id={`${id}-error`} data-error-for={path}>
          {messages.join(" · ")}
        </p>
      ) : null}
    </div>
  );
}

/** Reports a local (not yet a value) problem of `path` while it lasts. */
function useLocal(path, key) {
  const form = useForm();
  useEffect(() => {
    form.reportLocal(path, key);
    return () => form.reportLocal(path, null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [path, key]);
}

/**
 * A field whose text is read with `parse` (→ {ok, value} or {ok: false, key}),
 * written with `format`. Empty text is `undefined` (the key is left out) when
 * `optional`, else a "required" problem.
 */
function ParsedInput({ path, label, hint, optional, format, parse, inputMode, within = false, deps = [], type = "text", ...rest }) {
  const form = useForm();
  const value = getAt(form.draft, path);
  const read = (text) => {
    if (String(text).trim() === "") return optional ? { ok: true, value: undefined } : { ok: false, key: "program.local.required" };
    return parse(String(text).trim());
  };
  const [text, setText] = useSyncedText(value, (v) => (v === undefined || v === null ? "" : format(v)), read, deps);
  const parsed = read(text);
  useLocal(path, parsed.ok ? null : parsed.key);
  return (
    <Field path={path} label={label} hint={hint} within={within} local={parsed.ok ? null : parsed.key}>
      {({ id, invalid, describedBy }) => (
        <input
          id={id}
          type={type}
          inputMode={inputMode}
          value={text}
          aria-invalid={invalid ? "true" : undefined}
          aria-describedby={describedBy}
          onInput={(event) => {
            const next = event.currentTarget.value;
            setText(next);
            const result = read(next);
            if (result.ok) form.update(path, result.value);
          }}
          {...rest}
        />
      )}
    </Field>
  );
}

export function TextInput({ path, label, hint, optional = false, ...rest }) {
  return (
    <ParsedInput
      path={path}
      label={label}
      hint={hint}
      optional={optional}
      format={String}
      // An empty required text is the engine's to judge ("must not be empty").
      parse={(text) => ({ ok: true, value: text })}
      {...rest}
    />
  );
}

/** A currency code, upper-cased as typed; the engine checks it is ISO 4217. */
export function CurrencyInput({ path, label, hint }) {
  return (
    <ParsedInput
      path={path}
      label={label}
      hint={hint}
      format={String}
      parse={(text) => ({ ok: true, value: text.toUpperCase() })}
      maxLength={3}
      autoCapitalize="characters"
      spellcheck={false}
      class="input-short"
      list="currency-codes"
    />
  );
}

/** A whole number (points, days, percent). */
export function IntegerInput({ path, label, hint, optional = false }) {
  return (
    <ParsedInput
      path={path}
      label={label}
      hint={hint}
      optional={optional}
      inputMode="numeric"
      format={String}
      parse={(text) =>
        /^-?\d+$/.test(text) && Number.isSafeInteger(Number(text))
          ? { ok: true, value: Number(text) }
          : { ok: false, key: "program.local.integer" }
      }
      class="input-short"
    />
  );
}

/** An amount typed in major units (12.50 or 12,50), stored as integer minor units of `currency`. */
export function MoneyInput({ path, label, hint, currency, optional = false }) {
  const t = useT();
  const code = /^[A-Z]{3}$/.test(currency ?? "") ? currency : "EUR";
  const separator = t.language === "de" ? "," : ".";
  const digits = minorDigits(code);
  return (
    <ParsedInput
      path={path}
      label={`${label} (${code})`}
      hint={hint}
      optional={optional}
      inputMode={digits ? "decimal" : "numeric"}
      deps={[code, separator]}
      format={(minor) => minorToDecimal(minor, code).replace(".", separator)}
      parse={(text) => {
        const minor = parseMoney(text, code);
        return minor === null ? { ok: false, key: digits ? "program.local.money" : "program.local.moneyWhole" } : { ok: true, value: minor };
      }}
      class="input-short"
    />
  );
}

/** An instant as date and time in UTC; stored as RFC 3339 (`…Z`). */
export function DateTimeInput({ path, label, hint }) {
  return (
    <ParsedInput
      path={path}
      label={label}
      hint={hint}
      type="datetime-local"
      format={(value) => {
        const date = new Date(typeof value === "number" ? value * 1000 : value);
        return Number.isNaN(date.getTime()) ? String(value) : date.toISOString().slice(0, 16);
      }}
      parse={(text) =>
        /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(text)
          ? { ok: true, value: `${text.length === 16 ? `${text}:00` : text}Z` }
          : { ok: false, key: "program.local.datetime" }
      }
    />
  );
}

/** Ids typed as a comma-separated list (`gift-wrap, mug`); stored as a list. */
export function ListInput({ path, label, hint, optional = true }) {
  return (
    <ParsedInput
      path={path}
      label={label}
      hint={hint}
      optional={optional}
      within
      format={(list) => (Array.isArray(list) ? list.join(", ") : String(list))}
      parse={(text) => ({
        ok: true,
        value: text
          .split(",")
          .map((item) => item.trim())
          .filter(Boolean),
      })}
      spellcheck={false}
    />
  );
}

/** One of `options` ([value, label] pairs); with `optional`, "" leaves the key out. */
export function SelectInput({ path, label, hint, options, optional = false, onChoose }) {
  const form = useForm();
  const t = useT();
  const value = getAt(form.draft, path);
  return (
    <Field path={path} label={label} hint={hint}>
      {({ id, invalid, describedBy }) => (
        <select
          id={id}
          value={value ?? ""}
          aria-invalid={invalid ? "true" : undefined}
          aria-describedby={describedBy}
          onChange={(event) => {
            const next = event.currentTarget.value === "" ? undefined : event.currentTarget.value;
            if (onChoose) onChoose(next);
            else form.update(path, next);
          }}
        >
          {optional || value === undefined ? <option value="">{t("program.none")}</option> : null}
          {value !== undefined && !options.some(([option]) => option === value) ? <option value={value}>{value}</option> : null}
          {options.map(([option, text]) => (
            <option key={option} value={option}>
              {text}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A yes/no field; `false` leaves the key out (every flag defaults to false). */
export function CheckboxInput({ path, label, hint }) {
  const form = useForm();
  const id = fieldId(path);
  const reasons = form.errorsAt(path);
  const t = useT();
  return (
    <div class="field field-check">
      <label for={id}>
        <input
          id={id}
          type="checkbox"
          checked={getAt(form.draft, path) === true}
          aria-invalid={reasons.length ? "true" : undefined}
          aria-describedby={reasons.length ? `${id}-error` : hint ? `${id}-hint` : undefined}
          onChange={(event) => form.update(path, event.currentTarget.checked ? true : undefined)}
        />{" "}
        {label}
      </label>
      {hint ? (
        <span class="field-hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {reasons.length ? (
        <p class="field-error" id={`${id}-error`} data-error-for={path}>
          {reasons.map((reason) => translateReason(reason, t.language)).join(" · ")}
        </p>
      ) : null}
    </div>
  );
}

/** Errors about a whole section or list (e.g. `tiers.levels`: "list at least one level"). */
export function SectionErrors({ path }) {
  const form = useForm();
  const t = useT();
  const reasons = form.errorsAt(path);
  if (!reasons.length) return null;
  return (
    <p class="field-error" id={fieldId(path)} tabIndex={-1} data-error-for={path}>
      {reasons.map((reason) => translateReason(reason, t.language)).join(" · ")}
    </p>
  );
}
