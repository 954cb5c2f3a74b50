// The templates: pick a kind and language, edit subject, text and HTML, and
// see them rendered for a sample customer as you type. The HTML preview is a
// sandboxed frame without scripts; the text part is shown as text. Saving is
// refused by the host when a template does not render, naming the part.
import { useEffect, useState } from "preact/hooks";
import { api } from "../api.js";
import { useT } from "../i18n.js";
import { ErrorMessage, errorText, useLoad } from "../ui.jsx";
import { findTemplate, kinds } from "./fields.js";

/** How long typing pauses before the preview is rendered again. */
const PREVIEW_PAUSE_MS = 300;

export function TemplateEditor() {
  const t = useT();
  const loaded = useLoad((signal) => api.get("/v1/admin/mail/templates", { signal }), []);
  const [kind, setKind] = useState("points.expiring");
  const [language, setLanguage] = useState("de");
  const [draft, setDraft] = useState(null);
  const [preview, setPreview] = useState(null);
  const [problem, setProblem] = useState(null);
  const [status, setStatus] = useState("");
  const templates = loaded.data?.templates ?? [];
  const current = findTemplate(templates, kind, language);

  // The draft follows the stored template when the templates (re)load; a
  // change of kind or language sets it in the same event (`choose`), so what
  // is typed right after choosing is never overwritten by a later effect.
  const draftOf = (template) =>
    template ? { subject: template.subject, text: template.text, html: template.html } : null;
  useEffect(() => {
    if (current) setDraft(draftOf(current));
    setStatus("");
  }, [loaded.data]);
  const choose = (nextKind, nextLanguage) => {
    setKind(nextKind);
    setLanguage(nextLanguage);
    setDraft(draftOf(findTemplate(templates, nextKind, nextLanguage)));
    setStatus("");
  };

  useEffect(() => {
    if (!draft) return undefined;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      api.post("/v1/admin/mail/preview", { kind, language, ...draft }, { signal: controller.signal }).then(
        (rendered) => {
          // An answer to an older draft never replaces a newer one's.
          if (controller.signal.aborted) return;
          setPreview(rendered);
          setProblem(null);
        },
        (error) => controller.signal.aborted || setProblem(error),
      );
    }, PREVIEW_PAUSE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [draft, kind, language]);

  const save = async (event) => {
    event.preventDefault();
    setStatus("");
    try {
      await api.put(`/v1/admin/mail/templates/${encodeURIComponent(kind)}/${language}`, draft);
      setStatus(t("mail.templates.saved"));
      loaded.reload();
    } catch (error) {
      setProblem(error);
    }
  };
  const reset = async () => {
    setStatus("");
    try {
      await api.delete(`/v1/admin/mail/templates/${encodeURIComponent(kind)}/${language}`);
      setStatus(t("mail.templates.resetDone"));
      loaded.reload();
    } catch (error) {
      setProblem(error);
    }
  };

  const edit = (name) => (event) => setDraft({ ...draft, [name]: event.currentTarget.value });
  return (
    <section class="card" aria-labelledby="mail-templates-heading">
      <h2 id="mail-templates-heading" class="card-heading">
        {t("mail.templates.title")}
      </h2>
      <p class="muted">{t("mail.templates.variables")}</p>
      <ErrorMessage error={loaded.error} onRetry={loaded.reload} />
      <div class="log-controls">
        <label for="mail-kind">{t("mail.templates.kind")}</label>{" "}
        <select id="mail-kind" value={kind} onChange={(event) => choose(event.currentTarget.value, language)}>
          {kinds(templates).map((known) => (
            <option key={known} value={known}>
              {t(`mail.kind.${known}`)}
            </option>
          ))}
        </select>{" "}
        <label for="mail-language">{t("mail.templates.language")}</label>{" "}
        <select id="mail-language" value={language} onChange={(event) => choose(kind, event.currentTarget.value)}>
          <option value="de">Deutsch</option>
          <option value="en">English</option>
        </select>{" "}
        {current ? <span class="muted">{t(current.custom ? "mail.templates.custom" : "mail.templates.default")}</span> : null}
      </div>
      {draft ? (
        <form class="form mail-editor" onSubmit={save}>
          <div class="field">
            <label for="mail-subject">{t("mail.templates.subject")}</label>
            <input id="mail-subject" type="text" size={60} value={draft.subject} onInput={edit("subject")} />
          </div>
          <div class="field">
            <label for="mail-text">{t("mail.templates.text")}</label>
            <textarea id="mail-text" rows={8} cols={70} value={draft.text} onInput={edit("text")} />
          </div>
          <div class="field">
            <label for="mail-html">{t("mail.templates.html")}</label>
            <textarea id="mail-html" rows={8} cols={70} value={draft.html} onInput={edit("html")} />
          </div>
          {problem ? (
            <p class="notice notice-error" role="alert">
              {errorText(t, problem)}
            </p>
          ) : null}
          <div>
            <button type="submit" class="button button-primary">
              {t("common.save")}
            </button>{" "}
            <button type="button" class="button" onClick={reset} disabled={!current?.custom}>
              {t("mail.templates.reset")}
            </button>
          </div>
          <p role="status">{status}</p>
        </form>
      ) : null}
      {preview ? (
        <div class="mail-preview" aria-labelledby="mail-preview-heading">
          <h3 id="mail-preview-heading">{t("mail.templates.preview")}</h3>
          <p>
            <strong>{t("mail.templates.subject")}:</strong> <span data-preview="subject">{preview.subject}</span>
          </p>
          <pre class="payload" data-preview="text">
            {preview.text}
          </pre>
          <iframe title={t("mail.templates.htmlPreview")} sandbox="" srcdoc={preview.html} class="mail-frame" />
        </div>
      ) : null}
    </section>
  );
}
