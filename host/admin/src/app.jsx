// The frame of the dashboard: the session (sign-in until there is one), the
// navigation, the language switch and the page for the current path.
import { useEffect, useMemo, useState } from "preact/hooks";
import { onSignedOut, session } from "./api.js";
import { I18n, LANGUAGES, initialLanguage, rememberLanguage, translator } from "./i18n.js";
import { Link, match, navigate, useRoute } from "./router.jsx";
import { SignIn } from "./sign-in.jsx";
import { Loading, PageTitle, lazyPage } from "./ui.jsx";

const ReportsPage = lazyPage(() => import("./reports/reports-page.jsx"), "ReportsPage");
const CustomersPage = lazyPage(() => import("./customers/customers-page.jsx"), "CustomersPage");
const CustomerPage = lazyPage(() => import("./customers/customer-page.jsx"), "CustomerPage");
const ProgramPage = lazyPage(() => import("./program/program-page.jsx"), "ProgramPage");
const HistoryPage = lazyPage(() => import("./program/history-page.jsx"), "HistoryPage");

/** Paths below /admin, their page and the navigation entry that is current there. */
const ROUTES = [
  { pattern: "/reports", page: ReportsPage, nav: "reports" },
  { pattern: "/program", page: ProgramPage, nav: "program" },
  { pattern: "/program/versions", page: HistoryPage, nav: "history" },
  { pattern: "/customers", page: CustomersPage, nav: "customers" },
  { pattern: "/customers/:id", page: CustomerPage, nav: "customers" },
];
const NAV = ["reports", "program", "history", "customers"];
const NAV_PATHS = { reports: "/reports", program: "/program", history: "/program/versions", customers: "/customers" };

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
  useEffect(() => {
    session.current().then(setCurrent, () => setCurrent(null));
    return onSignedOut(() => {
      setNotice("signIn.expired");
      setCurrent(null);
    });
  }, []);

  const signOut = async () => {
    try {
      await session.signOut();
    } finally {
      setNotice("signIn.signedOut");
      setCurrent(null);
    }
  };

  let content;
  if (current === undefined) {
    content = <Loading />;
  } else if (current === null) {
    content = (
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
              <span class="who">{t("nav.signedInAs", { name: current.name })}</span>
              <button type="button" class="button button-quiet" onClick={signOut}>
                {t("nav.signOut")}
              </button>
            </>
          ) : null}
        </div>
      </header>
      <main id="main" class="main">
        {content}
      </main>
    </I18n.Provider>
  );
}

function Page({ path, query, session: current }) {
  if (path === "/") {
    navigate("/reports", { replace: true });
    return null;
  }
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
            <Link to="/reports">{t("common.backToStart")}</Link>
          </p>
        </section>
      )}
    </I18n.Consumer>
  );
}
