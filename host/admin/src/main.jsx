// The merchant dashboard: one page application served by treu-host at /admin.
import { render } from "preact";
import { App } from "./app.jsx";

render(<App />, document.getElementById("app"));
