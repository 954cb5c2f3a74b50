// The whole program as forms, section by section, in the order merchants
// change things most; a contents list jumps to each section.
import { useT } from "../i18n.js";
import { ActionsSection } from "./actions-section.jsx";
import { CampaignsSection } from "./campaigns-section.jsx";
import { EarningSection } from "./earning-section.jsx";
import { CurrencyInput } from "./fields.jsx";
import { ReferralSection, WinBackSection } from "./offers-section.jsx";
import { RewardsSection } from "./rewards-section.jsx";
import { Section } from "./section.jsx";
import { SegmentsSection } from "./segments-section.jsx";
import { ShippingSection } from "./shipping-section.jsx";
import { TiersSection } from "./tiers-section.jsx";

const SECTIONS = ["general", "earning", "actions", "rewards", "tiers", "shipping", "referral", "winback", "campaigns", "segments"];
/** Codes offered while typing a currency; any ISO 4217 code is accepted. */
const CURRENCIES = ["EUR", "CHF", "USD", "GBP", "SEK", "NOK", "DKK", "PLN", "CZK", "JPY", "CAD", "AUD"];

export function ProgramForm() {
  const t = useT();
  return (
    <div class="program-form">
      <nav class="section-nav" aria-label={t("program.sections")}>
        <ul>
          {SECTIONS.map((section) => (
            <li key={section}>
              <a href={`#section-${section}`}>{t(`program.section.${section}`)}</a>
            </li>
          ))}
        </ul>
      </nav>
      <datalist id="currency-codes">
        {CURRENCIES.map((code) => (
          <option key={code} value={code} />
        ))}
      </datalist>
      <Section id="general" title={t("program.general.title")} intro={t("program.general.intro")}>
        <CurrencyInput path="currency" label={t("program.general.currency")} hint={t("program.general.currency.hint")} />
      </Section>
      <EarningSection />
      <ActionsSection />
      <RewardsSection />
      <TiersSection />
      <ShippingSection />
      <ReferralSection />
      <WinBackSection />
      <CampaignsSection />
      <SegmentsSection />
    </div>
  );
}
