// E-mails treu sends itself: the shop's settings (name, language, time zone,
// quiet hours), the templates with a live preview, the delivery log and, in
// the demo, the local inbox. The rules are in host/src/mail/.
import { useT } from "../i18n.js";
import { PageTitle } from "../ui.jsx";
import { InboxSection } from "./inbox-section.jsx";
import { MailLog } from "./mail-log.jsx";
import { SettingsSection } from "./settings-section.jsx";
import { TemplateEditor } from "./template-editor.jsx";

export function MailPage() {
  const t = useT();
  return (
    <section>
      <PageTitle>{t("mail.title")}</PageTitle>
      <p class="muted">{t("mail.intro")}</p>
      <SettingsSection />
      <TemplateEditor />
      <MailLog />
      <InboxSection />
    </section>
  );
}
