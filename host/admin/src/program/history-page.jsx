// Replaced by the page itself.
import { PageTitle } from "../ui.jsx";

export function HistoryPage() {
  return <PageTitle>HistoryPage</PageTitle>;
}
