// Points for spend: a base rate per currency, rounding, what never earns,
// multipliers for products and collections, the return window and expiry.
import { useT } from "../i18n.js";
import { CurrencyInput, IntegerInput, ListInput, MoneyInput, SelectInput, TextInput, useForm } from "./fields.jsx";
import { getAt } from "./paths.js";
import { RowList } from "./rows.jsx";
import { Section } from "./section.jsx";
import { useSegmentOptions } from "./segments-section.jsx";

export function EarningSection() {
  const t = useT();
  const form = useForm();
  const segments = useSegmentOptions();
  const currency = form.draft.currency;
  return (
    <Section id="earning" title={t("program.earning.title")} intro={t("program.earning.intro")}>
      <h3>{t("program.earning.rates")}</h3>
      <RowList
        path="earning.rates"
        legend={(rate, index) => t("program.earning.rate", { currency: rate?.currency || index + 1 })}
        addLabel={t("program.earning.addRate")}
        newItem={() => ({ currency: currency || "EUR", points: 1, per: 100 })}
      >
        {(path) => (
          <>
            <CurrencyInput path={`${path}.currency`} label={t("program.field.currency")} />
            <IntegerInput path={`${path}.points`} label={t("program.earning.points")} />
            <MoneyInput
              path={`${path}.per`}
              label={t("program.earning.per")}
              currency={getAt(form.draft, `${path}.currency`)}
            />
          </>
        )}
      </RowList>
      <div class="field-grid">
        <SelectInput
          path="earning.rounding"
          label={t("program.earning.rounding")}
          options={["down", "nearest", "up"].map((value) => [value, t(`program.earning.rounding.${value}`)])}
        />
        <IntegerInput
          path="earning.returnWindowDays"
          label={t("program.earning.returnWindowDays")}
          hint={t("program.earning.returnWindowDays.hint")}
          optional
        />
        <IntegerInput
          path="earning.expiresAfterDays"
          label={t("program.earning.expiresAfterDays")}
          hint={t("program.earning.expiresAfterDays.hint")}
          optional
        />
      </div>
      <h3>{t("program.earning.excluded")}</h3>
      <ListInput path="earning.excludedProducts" label={t("program.field.excludedProducts")} hint={t("program.hint.ids")} />
      <ListInput path="earning.excludedCollections" label={t("program.field.excludedCollections")} hint={t("program.hint.ids")} />
      <h3>{t("program.earning.multipliers")}</h3>
      <p class="muted">{t("program.earning.multipliers.intro")}</p>
      <RowList
        path="earning.multipliers"
        legend={(multiplier, index) => multiplier?.name || multiplier?.id || t("program.earning.multiplier", { number: index + 1 })}
        addLabel={t("program.earning.addMultiplier")}
        newItem={() => ({ id: "", name: "", percent: 200, collections: [] })}
      >
        {(path) => (
          <>
            <TextInput path={`${path}.id`} label={t("program.field.id")} spellcheck={false} />
            <TextInput path={`${path}.name`} label={t("program.field.name")} optional />
            <IntegerInput path={`${path}.percent`} label={t("program.field.percentRate")} hint={t("program.hint.percentRate")} />
            <ListInput path={`${path}.products`} label={t("program.field.products")} hint={t("program.hint.ids")} />
            <ListInput path={`${path}.collections`} label={t("program.field.collections")} hint={t("program.hint.ids")} />
            <SelectInput path={`${path}.segment`} label={t("program.segment.only")} hint={t("program.segment.only.hint")} options={segments} optional />
          </>
        )}
      </RowList>
    </Section>
  );
}
