// VIP levels: what qualifies (spend or points earned), over which period,
// and each level's threshold, extra earning and early access.
import { useT } from "../i18n.js";
import { CheckboxInput, IntegerInput, MoneyInput, SelectInput, TextInput, useForm } from "./fields.jsx";
import { setAt } from "./paths.js";
import { RowList } from "./rows.jsx";
import { Section } from "./section.jsx";
import { SectionToggle } from "./toggle.jsx";

export function TiersSection() {
  const t = useT();
  const form = useForm();
  const tiers = form.draft.tiers;
  const currency = form.draft.currency;
  const choosePeriod = (period) => {
    let next = setAt(form.draft, "tiers.period", period);
    next = setAt(next, "tiers.rollingDays", period === "rolling" ? (tiers?.rollingDays ?? 365) : undefined);
    form.replace(next);
  };
  return (
    <Section id="tiers" title={t("program.tiers.title")} intro={t("program.tiers.intro")}>
      <SectionToggle
        path="tiers"
        label={t("program.tiers.on")}
        initial={() => ({
          basis: "spend",
          period: "calendarYear",
          levels: [{ id: "silver", name: t("program.tiers.silver"), threshold: 20000, earnPercent: 125 }],
        })}
      />
      {tiers ? (
        <>
          <div class="field-grid">
            <SelectInput
              path="tiers.basis"
              label={t("program.tiers.basis")}
              options={["spend", "pointsEarned"].map((value) => [value, t(`program.tiers.basis.${value}`)])}
            />
            <SelectInput
              path="tiers.period"
              label={t("program.tiers.period")}
              options={["calendarYear", "rolling", "lifetime"].map((value) => [value, t(`program.tiers.period.${value}`)])}
              onChoose={choosePeriod}
            />
            {tiers.period === "rolling" || tiers.rollingDays !== undefined ? (
              <IntegerInput path="tiers.rollingDays" label={t("program.tiers.rollingDays")} optional />
            ) : null}
          </div>
          <h3>{t("program.tiers.levels")}</h3>
          <RowList
            path="tiers.levels"
            legend={(level, index) => level?.name || level?.id || t("program.tiers.level", { number: index + 1 })}
            addLabel={t("program.tiers.add")}
            newItem={() => ({ id: "", name: "", threshold: 0, earnPercent: 100 })}
          >
            {(path) => (
              <>
                <TextInput path={`${path}.id`} label={t("program.field.id")} spellcheck={false} />
                <TextInput path={`${path}.name`} label={t("program.field.name")} />
                {tiers.basis === "pointsEarned" ? (
                  <IntegerInput path={`${path}.threshold`} label={t("program.tiers.thresholdPoints")} />
                ) : (
                  <MoneyInput path={`${path}.threshold`} label={t("program.tiers.thresholdSpend")} currency={currency} />
                )}
                <IntegerInput path={`${path}.earnPercent`} label={t("program.tiers.earnPercent")} hint={t("program.hint.earnPercent")} optional />
                <CheckboxInput path={`${path}.earlyAccess`} label={t("program.tiers.earlyAccess")} />
              </>
            )}
          </RowList>
        </>
      ) : null}
    </Section>
  );
}
