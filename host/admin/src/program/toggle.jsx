// Switches an optional part of the program (tiers, referrals, the win-back
// offer) on with sensible starting values, or off by leaving it out.
import { useForm } from "./fields.jsx";
import { fieldId, getAt, setAt } from "./paths.js";

export function SectionToggle({ path, label, initial }) {
  const form = useForm();
  const on = getAt(form.draft, path) !== undefined;
  const id = `${fieldId(path)}-on`;
  return (
    <div class="field field-check section-toggle">
      <label for={id}>
        <input
          id={id}
          type="checkbox"
          checked={on}
          onChange={(event) => form.replace(setAt(form.draft, path, event.currentTarget.checked ? initial() : undefined))}
        />{" "}
        {label}
      </label>
    </div>
  );
}
