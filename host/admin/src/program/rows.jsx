// A list in the program (rates, rules, rewards, levels…) as rows the merchant
// can add and remove. Each row is a fieldset named after its item, so a screen
// reader says which row a field and its remove button belong to.
import { useT } from "../i18n.js";
import { SectionErrors, useForm } from "./fields.jsx";
import { appendAt, getAt, removeAt } from "./paths.js";

/**
 * The rows of the list at `path`. `legend(item, index)` names a row,
 * `newItem()` is what "Add" appends, `children(itemPath, item, index)` renders
 * a row's fields.
 */
export function RowList({ path, legend, addLabel, newItem, canAdd = true, children }) {
  const t = useT();
  const form = useForm();
  const list = getAt(form.draft, path);
  const items = Array.isArray(list) ? list : [];
  return (
    <div class="rows">
      <SectionErrors path={path} />
      {items.length === 0 ? <p class="muted rows-empty">{t("program.rows.empty")}</p> : null}
      {items.map((item, index) => {
        const name = legend(item, index);
        return (
          <fieldset class="row" key={index}>
            <legend>{name}</legend>
            <div class="row-fields">{children(`${path}[${index}]`, item, index)}</div>
            <button
              type="button"
              class="button button-quiet button-danger row-remove"
              aria-label={t("program.rows.removeNamed", { name })}
              onClick={() => form.replace(removeAt(form.draft, path, index))}
            >
              {t("program.rows.remove")}
            </button>
          </fieldset>
        );
      })}
      {canAdd ? (
        <button type="button" class="button" onClick={() => form.replace(appendAt(form.draft, path, newItem()))}>
          + {addLabel}
        </button>
      ) : null}
    </div>
  );
}
