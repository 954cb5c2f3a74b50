// Replaced by the page itself.
import { PageTitle } from "../ui.jsx";

export function CustomersPage() {
  return <PageTitle>CustomersPage</PageTitle>;
}
