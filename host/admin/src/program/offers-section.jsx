// The two offers that bring customers: the referral (what the friend gets,
// how long a referral counts) and the win-back offer for lapsed customers,
// with the windows that decide when a customer is at risk or lapsed.
import { useT } from "../i18n.js";
import { IntegerInput, TextInput, useForm } from "./fields.jsx";
import { DiscountFields } from "./discount-fields.jsx";
import { Section } from "./section.jsx";
import { SectionToggle } from "./toggle.jsx";

export function ReferralSection() {
  const t = useT();
  const form = useForm();
  return (
    <Section id="referral" title={t("program.referral.title")} intro={t("program.referral.intro")}>
      <SectionToggle
        path="referral"
        label={t("program.referral.on")}
        initial={() => ({ friendDiscount: { kind: "amountOff", amount: 1000 }, attributionDays: 30 })}
      />
      {form.draft.referral ? (
        <div class="field-grid">
          <DiscountFields path="referral.friendDiscount" />
          <IntegerInput
            path="referral.attributionDays"
            label={t("program.referral.attributionDays")}
            hint={t("program.referral.attributionDays.hint")}
            optional
          />
          <IntegerInput path="referral.maxRewardsPerDay" label={t("program.referral.maxRewardsPerDay")} optional />
        </div>
      ) : null}
    </Section>
  );
}

export function WinBackSection() {
  const t = useT();
  const form = useForm();
  return (
    <Section id="winback" title={t("program.winBack.title")} intro={t("program.winBack.intro")}>
      <div class="field-grid">
        <IntegerInput path="lifecycle.atRiskAfterDays" label={t("program.winBack.atRiskAfterDays")} optional />
        <IntegerInput path="lifecycle.lapsedAfterDays" label={t("program.winBack.lapsedAfterDays")} optional />
      </div>
      <SectionToggle
        path="lifecycle.winBack"
        label={t("program.winBack.on")}
        initial={() => ({ name: t("program.winBack.sample"), discount: { kind: "percentOff", percent: 15 }, validDays: 14 })}
      />
      {form.draft.lifecycle?.winBack ? (
        <div class="field-grid">
          <TextInput path="lifecycle.winBack.name" label={t("program.winBack.name")} optional />
          <DiscountFields path="lifecycle.winBack.discount" />
          <IntegerInput path="lifecycle.winBack.validDays" label={t("program.winBack.validDays")} optional />
        </div>
      ) : null}
    </Section>
  );
}
