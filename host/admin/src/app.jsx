// The frame of the dashboard: the session (a page without one leads to
// sign-in and back), the navigation, the language switch and the page for the
// current path.
import { useEffect, useMemo, useState } from "preact/hooks";
import { onSignedOut, session } from "./api.js";
import { I18n, LANGUAGES, initialLanguage, rememberLanguage, translator } from "./i18n.js";
import { Link, currentLocation, isInternalPath, match, navigate, useRoute } from "./router.jsx";
import { SignIn } from "./sign-in.jsx";
import { Loading, PageTitle, lazyPage } from "./ui.jsx";

const ReportsPage = lazyPage(() => import("./reports/reports-page.jsx"), "ReportsPage");
const CustomersPage = lazyPage(() => import("./customers/customers-page.jsx"), "CustomersPage");
const CustomerPage = lazyPage(() => import("./customers/customer-page.jsx"), "CustomerPage");
const ProgramPage = lazyPage(() => import("./program/program-page.jsx"), "ProgramPage");
const HistoryPage = lazyPage(() => import("./program/history-page.jsx"), "HistoryPage");
const EventsPage = lazyPage(() => import("./events/events-page.jsx"), "EventsPage");
const MailPage = lazyPage(() => import("./mail/mail-page.jsx"), "MailPage");

const SIGN_IN = "/sign-in";
/** Paths below /admin, their page and the navigation entry that is current there. */
const ROUTES = [
  { pattern: "/reports", page: ReportsPage, nav: "reports" },
  { pattern: "/program", page: ProgramPage, nav: "program" },
  { pattern: "/program/versions", page: HistoryPage, nav: "history" },
  { pattern: "/customers", page: CustomersPage, nav: "customers" },
  { pattern: "/customers/:id", page: CustomerPage, nav: "customers" },
  { pattern: "/events", page: EventsPage, nav: "events" },
  { pattern: "/mail", page: MailPage, nav: "mail" },
];
const NAV = ["reports", "program", "history", "customers", "events", "mail"];
const NAV_PATHS = {
  reports: "/reports",
  program: "/program",
  history: "/program/versions",
  customers: "/customers",
  events: "/events",
  mail: "/mail",
};
const START = "/reports";

/** setTimeout cannot wait longer than this (about 24.8 days). */
const LONGEST_TIMER = 2 ** 31 - 1;

export function App() {
  const [language, setLanguage] = useState(initialLanguage);
  const t = useMemo(() => translator(language), [language]);
  // undefined: still asking the host; null: signed out.
  const [current, setCurrent] = useState(undefined);
  const [notice, setNotice] = useState(null);
  const { path, query } = useRoute();

  useEffect(() => rememberLanguage(language), [language]);
  useEffect(() => {
    document.title = t("app.title");
  }, [t]);
  // The host ended the session. After the merchant signed out, a request
  // still under way may be refused too: "You have signed out." stays.
  const expired = () => {
    setNotice((shown) => shown ?? "signIn.expired");
    setCurrent(null);
  };
  useEffect(() => {
    session.current().then(setCurrent, () => setCurrent(null));
    return onSignedOut(expired);
  }, []);

  // The session ends after 8 hours even if the page stays open: ask the host
  // again when it should have ended, so the page does not wait for a failed request.
  useEffect(() => {
    const ends = Date.parse(current?.expiresAt ?? "");
    if (!Number.isFinite(ends)) return undefined;
    const timer = setTimeout(
      () =>
        session.current().then((still) => (still ? setCurrent(still) : expired())),
      Math.min(Math.max(ends - Date.now() + 1000, 0), LONGEST_TIMER),
    );
    return () => clearTimeout(timer);
  }, [current]);

  // Without a session every page leads to sign-in, which returns to it.
  const onSignIn = path === SIGN_IN;
  useEffect(() => {
    if (current === null && !onSignIn) navigate(`${SIGN_IN}?next=${encodeURIComponent(currentLocation())}`, { replace: true });
  }, [current, onSignIn]);

  const signOut = async () => {
    try {
      await session.signOut();
    } catch {
      // Signed out here either way; the host forgets the session at its expiry.
    }
    setNotice("signIn.signedOut");
    setCurrent(null);
  };

  const next = query.get("next");
  let content;
  if (current === undefined || (current === null && !onSignIn)) {
    content = <Loading />;
  } else if (onSignIn) {
    content = current ? (
      <Redirect to={isInternalPath(next) && !next.startsWith(SIGN_IN) ? next : START} />
    ) : (
      <SignIn
        notice={notice}
        onSignedIn={(signedIn) => {
          setNotice(null);
          setCurrent(signedIn);
        }}
      />
    );
  } else {
    content = <Page path={path} query={query} session={current} />;
  }

  const route = ROUTES.find((candidate) => match(candidate.pattern, path));
  return (
    <I18n.Provider value={t}>
      <a class="skip-link" href="#main">
        {t("app.skip")}
      </a>
      <header class="topbar">
        <span class="brand">treu</span>
        {current ? (
          <nav aria-label={t("nav.label")} class="nav">
            <ul>
              {NAV.map((entry) => (
                <li key={entry}>
                  <Link to={NAV_PATHS[entry]} aria-current={route?.nav === entry ? "page" : undefined}>
                    {t(`nav.${entry}`)}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        <div class="topbar-end">
          <label class="language">
            <span class="visually-hidden">{t("nav.language")}</span>
            <select value={language} onChange={(event) => setLanguage(event.currentTarget.value)}>
              {Object.entries(LANGUAGES).map(([code, name]) => (
                <option key={code} value={code} lang={code}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          {current ? (
            <>
              <span class="who">{t("nav.signedInAs", { name: current.name || t("nav.admin") })}</span>
              <button type="button" class="button button-quiet" onClick={signOut}>
                {t("nav.signOut")}
              </button>
            </>
          ) : null}
        </div>
      </header>
      <main id="main" class="main" tabIndex={-1}>
        {content}
      </main>
    </I18n.Provider>
  );
}

/** Replaces the current entry with `to` once rendered (no history entry for the hop). */
function Redirect({ to }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return <Loading />;
}

function Page({ path, query, session: current }) {
  if (path === "/") return <Redirect to={START} />;
  for (const route of ROUTES) {
    const params = match(route.pattern, path);
    if (params) {
      const Component = route.page;
      return <Component key={path} params={params} query={query} session={current} />;
    }
  }
  return <NotFound />;
}

function NotFound() {
  return (
    <I18n.Consumer>
      {(t) => (
        <section>
          <PageTitle>{t("common.notFound")}</PageTitle>
          <p>
            <Link to={START}>{t("common.backToStart")}</Link>
          </p>
        </section>
      )}
    </I18n.Consumer>
  );
}
