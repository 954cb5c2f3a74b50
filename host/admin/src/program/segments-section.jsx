// Segments (members grouped by what they bought, when, their stage, tier and
// spend) and the offers aimed at them: extra points with a title the members
// of the segment see beside the points line. The engine decides who is in a
// segment and checks every rule here, as everywhere in the editor.
import { useT } from "../i18n.js";
import { DateTimeInput, IntegerInput, ListInput, MoneyInput, SelectInput, TextInput, useForm } from "./fields.jsx";
import { RowList } from "./rows.jsx";
import { Section } from "./section.jsx";

/** An offer that starts tomorrow at midnight (UTC) and runs 30 days, for the first segment. */
function newOffer(segment) {
  const day = 24 * 60 * 60 * 1000;
  const start = new Date(Math.ceil(Date.now() / day) * day);
  const iso = (date) => `${date.toISOString().slice(0, 19)}Z`;
  return { id: "", name: "", segment: segment ?? "", percent: 200, startsAt: iso(start), endsAt: iso(new Date(start.getTime() + 30 * day)) };
}

/** The segment ids of the draft, as [value, label] options. */
export function useSegmentOptions() {
  const form = useForm();
  const segments = Array.isArray(form.draft.segments) ? form.draft.segments : [];
  return segments.filter((segment) => segment?.id).map((segment) => [segment.id, segment.name || segment.id]);
}

export function SegmentsSection() {
  const t = useT();
  const form = useForm();
  const segmentOptions = useSegmentOptions();
  return (
    <Section id="segments" title={t("program.segments.title")} intro={t("program.segments.intro")}>
      <RowList
        path="segments"
        legend={(segment, index) => segment?.name || segment?.id || t("program.segments.segment", { number: index + 1 })}
        addLabel={t("program.segments.add")}
        newItem={() => ({ id: "", name: "", products: [], withinDays: 90 })}
      >
        {(path) => (
          <>
            <TextInput path={`${path}.id`} label={t("program.field.id")} spellcheck={false} />
            <TextInput path={`${path}.name`} label={t("program.segments.name")} optional />
            <ListInput path={`${path}.products`} label={t("program.segments.products")} hint={t("program.hint.ids")} />
            <ListInput path={`${path}.collections`} label={t("program.segments.collections")} hint={t("program.hint.ids")} />
            <IntegerInput path={`${path}.withinDays`} label={t("program.segments.withinDays")} hint={t("program.segments.withinDays.hint")} optional />
            <ListInput path={`${path}.stages`} label={t("program.segments.stages")} hint={t("program.segments.stages.hint")} />
            <ListInput path={`${path}.tiers`} label={t("program.campaigns.tiers")} hint={t("program.hint.ids")} />
            <MoneyInput path={`${path}.minimumSpend`} label={t("program.segments.minimumSpend")} currency={form.draft.currency} optional />
          </>
        )}
      </RowList>
      <h3>{t("program.offers.title")}</h3>
      <p class="muted">{t("program.offers.intro")}</p>
      <RowList
        path="offers"
        legend={(offer, index) => offer?.name || offer?.id || t("program.offers.offer", { number: index + 1 })}
        addLabel={t("program.offers.add")}
        newItem={() => newOffer(segmentOptions[0]?.[0])}
      >
        {(path) => (
          <>
            <TextInput path={`${path}.id`} label={t("program.field.id")} spellcheck={false} />
            <TextInput path={`${path}.name`} label={t("program.offers.name")} />
            <SelectInput path={`${path}.segment`} label={t("program.offers.segment")} options={segmentOptions} />
            <DateTimeInput path={`${path}.startsAt`} label={t("program.campaigns.startsAt")} />
            <DateTimeInput path={`${path}.endsAt`} label={t("program.campaigns.endsAt")} />
            <IntegerInput path={`${path}.percent`} label={t("program.field.percentRate")} hint={t("program.hint.percentRate")} />
            <ListInput path={`${path}.products`} label={t("program.field.products")} hint={t("program.hint.scope")} />
            <ListInput path={`${path}.collections`} label={t("program.field.collections")} hint={t("program.hint.scope")} />
          </>
        )}
      </RowList>
    </Section>
  );
}
