// Replaced by the page itself.
import { PageTitle } from "../ui.jsx";

export function CustomerPage() {
  return <PageTitle>CustomerPage</PageTitle>;
}
