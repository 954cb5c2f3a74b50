// The whole program as JSON, edited in a code editor that is loaded on first
// use. It edits the same draft as the forms: text that parses becomes the
// draft; text that does not stays here, marked, and blocks saving.
import { useEffect, useRef, useState } from "preact/hooks";
import { useT } from "../i18n.js";
import { ErrorMessage, Loading } from "../ui.jsx";
import { translateReason } from "./reasons.js";

const pretty = (program) => JSON.stringify(program, null, 2);

/**
 * `draft` is shown; `onDraft(program)` hears text that parses, `onSyntax(bad)`
 * whether the text is JSON at all. `errors` are the engine's for the draft;
 * `jump` is set to a path to reveal it.
 */
export function JsonView({ draft, errors, onDraft, onSyntax, jump }) {
  const t = useT();
  const host = useRef(null);
  const editor = useRef(null);
  /** The draft this view produced last, so it is not written back into the text. */
  const emitted = useRef(draft);
  const [failure, setFailure] = useState(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let cancelled = false;
    import("./json-editor.js").then(
      ({ createJsonEditor }) => {
        if (cancelled) return;
        editor.current = createJsonEditor(host.current, {
          text: pretty(draft),
          label: t("program.json.label"),
          syntaxMessage: (message) => t("program.json.syntax", { message }),
          onChange(text) {
            let parsed;
            try {
              parsed = JSON.parse(text);
            } catch {
              onSyntax(true);
              return;
            }
            onSyntax(false);
            emitted.current = parsed;
            onDraft(parsed);
          },
        });
        setReady(true);
      },
      (error) => cancelled || setFailure(error),
    );
    return () => {
      cancelled = true;
      editor.current?.destroy();
      editor.current = null;
    };
    // The editor is made once; later drafts arrive through setText below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (!ready || draft === emitted.current) return;
    emitted.current = draft;
    editor.current?.setText(pretty(draft));
  }, [draft, ready]);

  useEffect(() => {
    if (!ready) return;
    editor.current?.setProblems(
      errors.map(({ path, reason }) => ({ path, message: `${path || "program"}: ${translateReason(reason, t.language)}` })),
    );
  }, [errors, ready, t]);

  useEffect(() => {
    if (ready && jump) editor.current?.reveal(jump.path);
  }, [jump, ready]);

  if (failure) return <ErrorMessage error={{ status: 0, message: String(failure) }} />;
  return (
    <div class="json-view">
      <p class="muted">{t("program.json.intro")}</p>
      {ready ? null : <Loading />}
      <div class="json-editor" ref={host} />
    </div>
  );
}
