// What points buy: amount off (optionally in steps), percent off, free
// shipping or a free product. Changing the kind drops the fields the new
// kind does not take, so the engine only asks for what is missing.
import { useT } from "../i18n.js";
import { CheckboxInput, IntegerInput, MoneyInput, SelectInput, TextInput, useForm } from "./fields.jsx";
import { getAt, setAt } from "./paths.js";
import { RowList } from "./rows.jsx";
import { Section } from "./section.jsx";

const KINDS = ["amountOff", "percentOff", "freeShipping", "freeProduct"];
/** The fields only one kind takes. */
const KIND_FIELDS = {
  amountOff: ["amount", "stepped", "minPoints", "maxPointsPerOrder"],
  percentOff: ["percent"],
  freeProduct: ["productId"],
  freeShipping: [],
};

export function RewardsSection() {
  const t = useT();
  const form = useForm();
  const currency = form.draft.currency;
  const chooseKind = (path, kind) => {
    let option = { ...getAt(form.draft, path), kind };
    for (const [other, fields] of Object.entries(KIND_FIELDS)) {
      if (other !== kind) for (const field of fields) delete option[field];
    }
    form.replace(setAt(form.draft, path, option));
  };
  return (
    <Section id="rewards" title={t("program.rewards.title")} intro={t("program.rewards.intro")}>
      <RowList
        path="redemptions"
        legend={(option, index) => option?.name || option?.id || t("program.rewards.reward", { number: index + 1 })}
        addLabel={t("program.rewards.add")}
        newItem={() => ({ id: "", name: "", kind: "amountOff", points: 500, amount: 500 })}
      >
        {(path, option) => (
          <>
            <TextInput path={`${path}.id`} label={t("program.field.id")} spellcheck={false} />
            <TextInput path={`${path}.name`} label={t("program.field.name")} optional />
            <SelectInput
              path={`${path}.kind`}
              label={t("program.rewards.kind")}
              options={KINDS.map((kind) => [kind, t(`program.kind.${kind}`)])}
              onChoose={(kind) => chooseKind(path, kind)}
            />
            <IntegerInput
              path={`${path}.points`}
              label={option?.stepped ? t("program.rewards.pointsPerStep") : t("program.rewards.points")}
            />
            {option?.kind === "amountOff" ? (
              <>
                <MoneyInput
                  path={`${path}.amount`}
                  label={option?.stepped ? t("program.rewards.amountPerStep") : t("program.rewards.amount")}
                  currency={currency}
                />
                <CheckboxInput path={`${path}.stepped`} label={t("program.rewards.stepped")} hint={t("program.rewards.stepped.hint")} />
                {option?.stepped || option?.minPoints !== undefined || option?.maxPointsPerOrder !== undefined ? (
                  <>
                    <IntegerInput path={`${path}.minPoints`} label={t("program.rewards.minPoints")} optional />
                    <IntegerInput path={`${path}.maxPointsPerOrder`} label={t("program.rewards.maxPointsPerOrder")} optional />
                  </>
                ) : null}
              </>
            ) : null}
            {option?.kind === "percentOff" ? (
              <IntegerInput path={`${path}.percent`} label={t("program.field.percentOff")} />
            ) : null}
            {option?.kind === "freeProduct" ? (
              <TextInput path={`${path}.productId`} label={t("program.rewards.productId")} spellcheck={false} />
            ) : null}
            <MoneyInput path={`${path}.minimumSpend`} label={t("program.field.minimumSpend")} currency={currency} optional />
            <IntegerInput
              path={`${path}.codeValidDays`}
              label={t("program.rewards.codeValidDays")}
              hint={t("program.rewards.codeValidDays.hint")}
              optional
            />
          </>
        )}
      </RowList>
    </Section>
  );
}
