// The endpoints events go to: a list with their state and actions (turn
// on/off, a new secret, delete) and a form to add one. A secret is shown once,
// when it is made; afterwards only its last four characters.
import { useRef, useState } from "preact/hooks";
import { api } from "../api.js";
import { formatDateTime } from "../format.js";
import { useT } from "../i18n.js";
import { FormEnd } from "../forms.jsx";
import { ErrorMessage, Loading, errorText, useLoad } from "../ui.jsx";
import { EVENT_TYPES, typeName } from "./event-types.js";

/** Problems with the typed form, as translation keys by field. */
function check(url, types) {
  const errors = {};
  if (!url.trim()) errors.url = "events.form.urlRequired";
  else if (!/^https?:\/\/[^\s/]+/i.test(url.trim())) errors.url = "events.form.urlScheme";
  if (types.length === 0) errors.types = "events.form.typesRequired";
  return errors;
}

export function EndpointsSection({ onChanged }) {
  const t = useT();
  const loaded = useLoad((signal) => api.get("/v1/admin/events/endpoints", { signal }), []);
  const [secret, setSecret] = useState(null);
  const [actionError, setActionError] = useState(null);

  const changed = () => {
    loaded.reload();
    onChanged();
  };
  const act = async (work) => {
    setActionError(null);
    try {
      await work();
      changed();
    } catch (error) {
      setActionError(error);
    }
  };
  const toggle = (endpoint) =>
    act(() => api.put(`/v1/admin/events/endpoints/${encodeURIComponent(endpoint.id)}`, { ...editable(endpoint), enabled: !endpoint.enabled }));
  const rotate = (endpoint) =>
    act(async () => {
      const rotated = await api.post(`/v1/admin/events/endpoints/${encodeURIComponent(endpoint.id)}/secret`);
      setSecret({ url: rotated.url, value: rotated.secret });
    });
  const remove = (endpoint) => {
    if (!window.confirm(t("events.endpoints.confirmDelete", { url: endpoint.url }))) return;
    act(() => api.delete(`/v1/admin/events/endpoints/${encodeURIComponent(endpoint.id)}`));
  };

  const endpoints = loaded.data?.endpoints ?? [];
  return (
    <section class="card" aria-labelledby="endpoints-heading">
      <h2 id="endpoints-heading" class="card-heading">
        {t("events.endpoints.title")}
      </h2>
      {secret ? <SecretNotice secret={secret} onDismiss={() => setSecret(null)} /> : null}
      <ErrorMessage error={loaded.error} onRetry={loaded.reload} />
      {actionError ? (
        <p class="notice notice-error" role="alert">
          {errorText(t, actionError)}
        </p>
      ) : null}
      {loaded.loading && !loaded.data ? <Loading /> : null}
      {loaded.data && endpoints.length === 0 ? <p class="muted">{t("events.endpoints.none")}</p> : null}
      {endpoints.length > 0 ? (
        <div class="table-wrap" tabIndex={0} role="group" aria-labelledby="endpoints-caption">
          <table class="endpoints">
            <caption id="endpoints-caption" class="visually-hidden">
              {t("events.endpoints.caption")}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("events.endpoints.url")}</th>
                <th scope="col">{t("events.endpoints.types")}</th>
                <th scope="col">{t("events.endpoints.secret")}</th>
                <th scope="col">{t("events.endpoints.state")}</th>
                <th scope="col">{t("events.endpoints.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {endpoints.map((endpoint) => (
                <tr key={endpoint.id}>
                  <th scope="row">
                    <span class="endpoint-url">{endpoint.url}</span>
                    {endpoint.description ? <span class="muted"> — {endpoint.description}</span> : null}
                  </th>
                  <td>{endpoint.types.map((type) => typeName(t, type)).join(", ")}</td>
                  <td>
                    <code>{endpoint.secretHint}</code>
                    {endpoint.previousSecretValidUntil ? (
                      <p class="field-hint">
                        {t("events.endpoints.oldSecretUntil", { date: formatDateTime(endpoint.previousSecretValidUntil, t.locale) })}
                      </p>
                    ) : null}
                  </td>
                  <td>{endpoint.enabled ? t("events.endpoints.enabled") : t("events.endpoints.disabled")}</td>
                  <td class="row-actions">
                    <button
                      type="button"
                      class="button"
                      aria-label={t("events.endpoints.toggleFor", {
                        action: endpoint.enabled ? t("events.endpoints.disable") : t("events.endpoints.enable"),
                        url: endpoint.url,
                      })}
                      onClick={() => toggle(endpoint)}
                    >
                      {endpoint.enabled ? t("events.endpoints.disable") : t("events.endpoints.enable")}
                    </button>
                    <button
                      type="button"
                      class="button"
                      aria-label={t("events.endpoints.rotateFor", { url: endpoint.url })}
                      onClick={() => rotate(endpoint)}
                    >
                      {t("events.endpoints.rotate")}
                    </button>
                    <button
                      type="button"
                      class="button button-quiet"
                      aria-label={t("events.endpoints.deleteFor", { url: endpoint.url })}
                      onClick={() => remove(endpoint)}
                    >
                      {t("events.endpoints.delete")}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <EndpointForm
        onAdded={(created) => {
          setSecret({ url: created.url, value: created.secret });
          changed();
        }}
      />
    </section>
  );
}

/** What `PUT /v1/admin/events/endpoints/{id}` takes of a listed endpoint. */
function editable(endpoint) {
  return { url: endpoint.url, types: endpoint.types, description: endpoint.description, enabled: endpoint.enabled };
}

function SecretNotice({ secret, onDismiss }) {
  const t = useT();
  const heading = useRef(null);
  return (
    <div class="notice notice-warning secret-notice" role="region" aria-labelledby="secret-heading">
      <h3 id="secret-heading" ref={heading} tabIndex={-1}>
        {t("events.secret.title")}
      </h3>
      <p>{t("events.secret.for", { url: secret.url })}</p>
      <p>{t("events.secret.once")}</p>
      <p>
        <label for="endpoint-secret">{t("events.secret.label")}</label>{" "}
        <input id="endpoint-secret" class="secret-value" type="text" readOnly value={secret.value} size={42} onFocus={(event) => event.currentTarget.select()} />
      </p>
      <button type="button" class="button" onClick={onDismiss}>
        {t("events.secret.dismiss")}
      </button>
    </div>
  );
}

function EndpointForm({ onAdded }) {
  const t = useT();
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [types, setTypes] = useState([]);
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);
  const urlField = useRef(null);

  const toggleType = (type, on) =>
    setTypes((chosen) => EVENT_TYPES.filter((known) => (known === type ? on : chosen.includes(known))));

  const submit = async (event) => {
    event.preventDefault();
    if (busy) return;
    const found = check(url, types);
    setErrors(found);
    if (found.url) urlField.current?.focus();
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const created = await api.post("/v1/admin/events/endpoints", { url: url.trim(), types, description: description.trim() });
      setUrl("");
      setDescription("");
      setTypes([]);
      onAdded(created);
    } catch (error) {
      // The host names the field: `url`, `types[2]`, `description`.
      const byField = {};
      for (const { path, reason } of error.errors ?? []) byField[String(path).replace(/\[\d+\]$/, "")] = reason;
      if (Object.keys(byField).length === 0) byField.form = errorText(t, error);
      setErrors(byField);
      if (byField.url) urlField.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  const message = (name) => (errors[name]?.startsWith?.("events.") ? t(errors[name]) : errors[name]);
  return (
    <form class="form endpoint-form" onSubmit={submit} novalidate aria-busy={busy ? "true" : undefined} aria-labelledby="endpoint-form-heading">
      <h3 id="endpoint-form-heading">{t("events.form.title")}</h3>
      <div class="field">
        <label for="endpoint-url">{t("events.form.url")}</label>
        <input
          id="endpoint-url"
          ref={urlField}
          name="url"
          type="text"
          inputMode="url"
          autocomplete="off"
          maxLength={2000}
          value={url}
          aria-invalid={errors.url ? "true" : undefined}
          aria-describedby={["endpoint-url-hint", errors.url ? "endpoint-url-error" : null].filter(Boolean).join(" ")}
          onInput={(event) => setUrl(event.currentTarget.value)}
        />
        <p id="endpoint-url-hint" class="field-hint">
          {t("events.form.urlHint")}
        </p>
        {errors.url ? (
          <p id="endpoint-url-error" class="field-error">
            {message("url")}
          </p>
        ) : null}
      </div>
      <div class="field">
        <label for="endpoint-description">{t("events.form.description")}</label>
        <input
          id="endpoint-description"
          name="description"
          type="text"
          maxLength={200}
          value={description}
          onInput={(event) => setDescription(event.currentTarget.value)}
        />
        {errors.description ? <p class="field-error">{message("description")}</p> : null}
      </div>
      <fieldset class="field event-types" aria-invalid={errors.types ? "true" : undefined} aria-describedby={errors.types ? "endpoint-types-error" : undefined}>
        <legend>{t("events.form.types")}</legend>
        {EVENT_TYPES.map((type) => (
          <label key={type} class="check">
            <input type="checkbox" name="types" value={type} checked={types.includes(type)} onChange={(event) => toggleType(type, event.currentTarget.checked)} />{" "}
            {typeName(t, type)} <code class="muted">{type}</code>
          </label>
        ))}
        {errors.types ? (
          <p id="endpoint-types-error" class="field-error">
            {message("types")}
          </p>
        ) : null}
      </fieldset>
      <FormEnd error={errors.form} busy={busy} label={busy ? t("events.form.saving") : t("events.form.submit")} />
    </form>
  );
}
