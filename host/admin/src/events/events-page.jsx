// Outbound events: where they go (endpoints with their signing secrets), how
// many days ahead the expiry warnings fire, and the delivery log with replays.
// The page only shows what the host answers; the rules are in host/src/events/.
import { useState } from "preact/hooks";
import { useT } from "../i18n.js";
import { PageTitle } from "../ui.jsx";
import { EndpointsSection } from "./endpoints-section.jsx";
import { EventLog } from "./event-log.jsx";
import { SettingsSection } from "./settings-section.jsx";

export function EventsPage() {
  const t = useT();
  // Bumped when endpoints change: a replay's outcome depends on them.
  const [endpointsVersion, setEndpointsVersion] = useState(0);
  return (
    <section>
      <PageTitle>{t("events.title")}</PageTitle>
      <p class="muted events-intro">
        {t("events.intro")} {t("events.docs")}
      </p>
      <EndpointsSection onChanged={() => setEndpointsVersion((value) => value + 1)} />
      <SettingsSection />
      <EventLog endpointsVersion={endpointsVersion} />
    </section>
  );
}
