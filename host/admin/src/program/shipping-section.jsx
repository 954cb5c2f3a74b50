// Free shipping: a minimum order value per currency (optionally per market,
// or lower for a VIP level) and the items that do not count toward it.
import { useT } from "../i18n.js";
import { CurrencyInput, ListInput, MoneyInput, SelectInput, TextInput, useForm } from "./fields.jsx";
import { getAt } from "./paths.js";
import { RowList } from "./rows.jsx";
import { Section } from "./section.jsx";

export function ShippingSection() {
  const t = useT();
  const form = useForm();
  const levels = Array.isArray(form.draft.tiers?.levels) ? form.draft.tiers.levels : [];
  const tierOptions = levels.filter((level) => level?.id).map((level) => [level.id, level.name || level.id]);
  return (
    <Section id="shipping" title={t("program.shipping.title")} intro={t("program.shipping.intro")}>
      <RowList
        path="freeShipping.thresholds"
        legend={(threshold, index) =>
          [threshold?.currency, threshold?.market, threshold?.tier].filter(Boolean).join(" · ") ||
          t("program.shipping.threshold", { number: index + 1 })
        }
        addLabel={t("program.shipping.add")}
        newItem={() => ({ currency: form.draft.currency || "EUR", minimum: 5000 })}
      >
        {(path) => (
          <>
            <CurrencyInput path={`${path}.currency`} label={t("program.field.currency")} />
            <MoneyInput
              path={`${path}.minimum`}
              label={t("program.shipping.minimum")}
              currency={getAt(form.draft, `${path}.currency`)}
            />
            <TextInput path={`${path}.market`} label={t("program.shipping.market")} hint={t("program.shipping.market.hint")} optional />
            <SelectInput path={`${path}.tier`} label={t("program.shipping.tier")} options={tierOptions} optional />
          </>
        )}
      </RowList>
      <ListInput path="freeShipping.excludedProducts" label={t("program.field.excludedProducts")} hint={t("program.hint.ids")} />
      <ListInput path="freeShipping.excludedCollections" label={t("program.field.excludedCollections")} hint={t("program.hint.ids")} />
    </Section>
  );
}
