// Replaced by the page itself.
import { PageTitle } from "../ui.jsx";

export function ReportsPage() {
  return <PageTitle>ReportsPage</PageTitle>;
}
