// Replaced by the page itself.
import { PageTitle } from "../ui.jsx";

export function ProgramPage() {
  return <PageTitle>ProgramPage</PageTitle>;
}
