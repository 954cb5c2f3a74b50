// A goodwill adjustment: points (negative to take some away) and the reason,
// which the customer's history shows. One idempotency key per submitted form:
// sending the same form again (after a network failure, say) reuses it, so
// the points count once; changing the form makes a new one.
import { useRef, useState } from "preact/hooks";
import { api, idempotencyKey } from "../api.js";
import { formatNumber } from "../format.js";
import { useT } from "../i18n.js";
import { FormEnd } from "../forms.jsx";
import { errorText } from "../ui.jsx";

const REASON_MAX = 500;

/** Problems with the typed form, by field, as translation keys. */
function check(points, reason) {
  const errors = {};
  const text = points.trim();
  if (!text) errors.points = "customers.adjust.pointsRequired";
  else if (!/^[+-]?\d+$/.test(text) || !Number.isSafeInteger(Number(text))) errors.points = "customers.adjust.pointsWhole";
  else if (Number(text) === 0) errors.points = "customers.adjust.pointsZero";
  if (!reason.trim()) errors.reason = "customers.adjust.reasonRequired";
  else if (reason.trim().length > REASON_MAX) errors.reason = "customers.adjust.reasonLong";
  return errors;
}

export function AdjustmentForm({ customerId, onAdjusted }) {
  const t = useT();
  const [points, setPoints] = useState("");
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(null);
  const attempt = useRef(null);
  const fields = { points: useRef(null), reason: useRef(null) };

  const focusFirst = (found) => {
    const first = ["points", "reason"].find((name) => found[name]);
    fields[first]?.current?.focus();
  };

  const submit = async (event) => {
    event.preventDefault();
    if (busy) return;
    setDone(null);
    const found = check(points, reason);
    setErrors(found);
    if (Object.keys(found).length) {
      focusFirst(found);
      return;
    }
    const body = { points: Number(points.trim()), reason: reason.trim() };
    const sent = JSON.stringify(body);
    if (attempt.current?.sent !== sent) attempt.current = { sent, key: idempotencyKey() };
    setBusy(true);
    try {
      await api.post(`/v1/admin/customers/${encodeURIComponent(customerId)}/adjustments`, body, {
        idempotency: attempt.current.key,
      });
      attempt.current = null;
      setPoints("");
      setReason("");
      setDone(body.points);
      onAdjusted();
    } catch (error) {
      const byField = {};
      for (const { path, reason: why } of error.errors ?? []) {
        const field = String(path).split(".").pop();
        if (field === "points" || field === "reason") byField[field] = why;
      }
      if (Object.keys(byField).length === 0) byField.form = errorText(t, error);
      setErrors(byField);
      focusFirst(byField);
    } finally {
      setBusy(false);
    }
  };

  /** A field's error: our own check (a key) or the host's reason (a text). */
  const message = (name) => (errors[name]?.startsWith?.("customers.") ? t(errors[name]) : errors[name]);
  const described = (name, hint) => [hint, errors[name] ? `adjust-${name}-error` : null].filter(Boolean).join(" ") || undefined;
  const invalid = (name, hint) => ({ "aria-invalid": errors[name] ? "true" : undefined, "aria-describedby": described(name, hint) });

  return (
    <section class="card" aria-labelledby="adjust-heading">
      <h2 id="adjust-heading" class="card-heading">
        {t("customers.adjust.title")}
      </h2>
      <p class="muted">{t("customers.adjust.intro")}</p>
      <form class="form adjust" onSubmit={submit} novalidate aria-busy={busy ? "true" : undefined}>
        <div class="field">
          <label for="adjust-points">{t("customers.adjust.points")}</label>
          <input
            id="adjust-points"
            ref={fields.points}
            name="points"
            type="text"
            inputMode="numeric"
            autocomplete="off"
            value={points}
            {...invalid("points", "adjust-points-hint")}
            onInput={(event) => setPoints(event.currentTarget.value)}
          />
          <p class="field-hint" id="adjust-points-hint">
            {t("customers.adjust.pointsHint")}
          </p>
          {errors.points ? (
            <p id="adjust-points-error" class="field-error">
              {message("points")}
            </p>
          ) : null}
        </div>
        <div class="field">
          <label for="adjust-reason">{t("customers.adjust.reason")}</label>
          <textarea
            id="adjust-reason"
            ref={fields.reason}
            name="reason"
            rows={2}
            maxLength={REASON_MAX}
            value={reason}
            {...invalid("reason")}
            onInput={(event) => setReason(event.currentTarget.value)}
          />
          {errors.reason ? (
            <p id="adjust-reason-error" class="field-error">
              {message("reason")}
            </p>
          ) : null}
        </div>
        <FormEnd error={errors.form} busy={busy} label={busy ? t("customers.adjust.saving") : t("customers.adjust.submit")} />
        <p role="status" class="adjust-status">
          {done !== null ? t("customers.adjust.done", { points: `${done > 0 ? "+" : ""}${formatNumber(done, t.locale)}` }) : ""}
        </p>
      </form>
    </section>
  );
}
