// Points for doing things (signup, reviews, birthday, referral…), each with
// how often it pays: once, per day, per year or without a cap.
import { useT } from "../i18n.js";
import { IntegerInput, SelectInput, useForm } from "./fields.jsx";
import { RowList } from "./rows.jsx";
import { Section } from "./section.jsx";

export const ACTIONS = [
  "signup",
  "profileCompletion",
  "newsletter",
  "review",
  "photoReview",
  "socialShare",
  "survey",
  "contestEntry",
  "birthday",
  "referral",
];
const CAPS = ["once", "perDay", "perYear", "unlimited"];

export function ActionsSection() {
  const t = useT();
  const form = useForm();
  const rules = Array.isArray(form.draft.actions) ? form.draft.actions : [];
  const unused = ACTIONS.filter((action) => !rules.some((rule) => rule?.action === action));
  return (
    <Section id="actions" title={t("program.actions.title")} intro={t("program.actions.intro")}>
      <RowList
        path="actions"
        legend={(rule, index) => (rule?.action ? t(`program.action.${rule.action}`) : t("program.actions.rule", { number: index + 1 }))}
        addLabel={t("program.actions.add")}
        canAdd={unused.length > 0}
        newItem={() => ({ action: unused[0], points: 50, cap: "once", limit: 1 })}
      >
        {(path, rule) => (
          <>
            <SelectInput
              path={`${path}.action`}
              label={t("program.actions.action")}
              options={ACTIONS.map((action) => [action, t(`program.action.${action}`)])}
            />
            <IntegerInput path={`${path}.points`} label={t("program.field.points")} />
            <SelectInput
              path={`${path}.cap`}
              label={t("program.actions.cap")}
              options={CAPS.map((cap) => [cap, t(`program.cap.${cap}`)])}
            />
            {rule?.cap === "unlimited" ? null : (
              <IntegerInput path={`${path}.limit`} label={t("program.actions.limit")} hint={t("program.actions.limit.hint")} optional />
            )}
          </>
        )}
      </RowList>
    </Section>
  );
}
