// The JSON view's code editor (CodeMirror 6), loaded only when the merchant
// opens the JSON view. It reports every edit; JSON syntax errors and the
// engine's errors (mapped to their JSON path) show as lint diagnostics.
import { jsonParseLinter, json } from "@codemirror/lang-json";
import { lintGutter, linter, setDiagnostics } from "@codemirror/lint";
import { EditorView, basicSetup } from "codemirror";
import { locate } from "./json-locate.js";

/**
 * Mounts an editor in `parent` holding `text`. `onChange(text)` hears every
 * edit; `syntaxMessage(message)` words a JSON syntax error.
 */
export function createJsonEditor(parent, { text, label, onChange, syntaxMessage }) {
  /** The engine's problems as `{path, message}`, placed when linting. */
  let problems = [];
  const syntax = jsonParseLinter();
  const source = (view) => {
    const found = syntax(view);
    if (found.length) return found.map((diagnostic) => ({ ...diagnostic, message: syntaxMessage(diagnostic.message) }));
    const doc = view.state.doc.toString();
    return problems.map(({ path, message }) => {
      const span = locate(doc, path) ?? { from: 0, to: 0 };
      return { from: span.from, to: span.to, severity: "error", message };
    });
  };
  const view = new EditorView({
    parent,
    doc: text,
    extensions: [
      basicSetup,
      json(),
      linter(source, { delay: 250 }),
      lintGutter(),
      EditorView.lineWrapping,
      EditorView.contentAttributes.of({ "aria-label": label }),
      EditorView.updateListener.of((update) => {
        if (update.docChanged) onChange(update.state.doc.toString());
      }),
    ],
  });
  return {
    /** Replaces the whole text (the draft changed elsewhere). */
    setText(next) {
      if (next === view.state.doc.toString()) return;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: next } });
    },
    /** Shows the engine's problems for the current text. */
    setProblems(next) {
      problems = next;
      // Set at once: the linter only runs again after an edit, and the engine's
      // answer may come after the linter's last run for this text.
      view.dispatch(setDiagnostics(view.state, source(view)));
    },
    /** Puts the cursor on the field at `path` and scrolls to it. */
    reveal(path) {
      const span = locate(view.state.doc.toString(), path);
      if (!span) return;
      view.dispatch({ selection: { anchor: span.from, head: span.to }, scrollIntoView: true });
      view.focus();
    },
    destroy() {
      view.destroy();
    },
  };
}
