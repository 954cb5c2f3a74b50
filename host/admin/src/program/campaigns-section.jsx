// Time-boxed extra points: a higher earn rate, a bonus from a minimum spend,
// or both, for the whole cart or some products, collections or levels.
import { useT } from "../i18n.js";
import { DateTimeInput, IntegerInput, ListInput, MoneyInput, SelectInput, TextInput, useForm } from "./fields.jsx";
import { RowList } from "./rows.jsx";
import { Section } from "./section.jsx";
import { useSegmentOptions } from "./segments-section.jsx";

/** A campaign that starts tomorrow at midnight (UTC) and runs a week. */
function newCampaign() {
  const day = 24 * 60 * 60 * 1000;
  const start = new Date(Math.ceil(Date.now() / day) * day);
  const iso = (date) => `${date.toISOString().slice(0, 19)}Z`;
  return { id: "", name: "", startsAt: iso(start), endsAt: iso(new Date(start.getTime() + 7 * day)), percent: 200 };
}

export function CampaignsSection() {
  const t = useT();
  const form = useForm();
  const segments = useSegmentOptions();
  return (
    <Section id="campaigns" title={t("program.campaigns.title")} intro={t("program.campaigns.intro")}>
      <RowList
        path="campaigns"
        legend={(campaign, index) => campaign?.name || campaign?.id || t("program.campaigns.campaign", { number: index + 1 })}
        addLabel={t("program.campaigns.add")}
        newItem={newCampaign}
      >
        {(path) => (
          <>
            <TextInput path={`${path}.id`} label={t("program.field.id")} spellcheck={false} />
            <TextInput path={`${path}.name`} label={t("program.field.name")} optional />
            <DateTimeInput path={`${path}.startsAt`} label={t("program.campaigns.startsAt")} />
            <DateTimeInput path={`${path}.endsAt`} label={t("program.campaigns.endsAt")} />
            <IntegerInput path={`${path}.percent`} label={t("program.field.percentRate")} hint={t("program.hint.campaignPercent")} optional />
            <IntegerInput path={`${path}.bonusPoints`} label={t("program.campaigns.bonusPoints")} optional />
            <MoneyInput path={`${path}.minimumSpend`} label={t("program.campaigns.minimumSpend")} currency={form.draft.currency} optional />
            <ListInput path={`${path}.products`} label={t("program.field.products")} hint={t("program.hint.scope")} />
            <ListInput path={`${path}.collections`} label={t("program.field.collections")} hint={t("program.hint.scope")} />
            <ListInput path={`${path}.tiers`} label={t("program.campaigns.tiers")} hint={t("program.campaigns.tiers.hint")} />
            <SelectInput path={`${path}.segment`} label={t("program.segment.only")} hint={t("program.segment.only.hint")} options={segments} optional />
          </>
        )}
      </RowList>
    </Section>
  );
}
