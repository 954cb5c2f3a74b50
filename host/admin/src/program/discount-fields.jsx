// A discount a shopper is given (the referred friend's, the win-back offer):
// percent off, amount off or free shipping, with an optional minimum spend.
import { useT } from "../i18n.js";
import { IntegerInput, MoneyInput, SelectInput, useForm } from "./fields.jsx";
import { getAt, setAt } from "./paths.js";

const KINDS = ["percentOff", "amountOff", "freeShipping"];

export function DiscountFields({ path }) {
  const t = useT();
  const form = useForm();
  const discount = getAt(form.draft, path) ?? {};
  const currency = form.draft.currency;
  const chooseKind = (kind) => {
    const next = { ...discount, kind };
    if (kind !== "percentOff") delete next.percent;
    if (kind !== "amountOff") delete next.amount;
    form.replace(setAt(form.draft, path, next));
  };
  return (
    <>
      <SelectInput
        path={`${path}.kind`}
        label={t("program.discount.kind")}
        options={KINDS.map((kind) => [kind, t(`program.kind.${kind}`)])}
        onChoose={chooseKind}
      />
      {discount.kind === "percentOff" ? <IntegerInput path={`${path}.percent`} label={t("program.field.percentOff")} /> : null}
      {discount.kind === "amountOff" ? (
        <MoneyInput path={`${path}.amount`} label={t("program.discount.amount")} currency={currency} />
      ) : null}
      <MoneyInput path={`${path}.minimumSpend`} label={t("program.field.minimumSpend")} currency={currency} optional />
    </>
  );
}
