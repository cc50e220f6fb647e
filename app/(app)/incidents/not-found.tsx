import { LinkButton } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function IncidentNotFound() {
  return (
    <EmptyState title="Incident not found" action={<LinkButton href="/incidents">Back to incidents</LinkButton>}>
      No incident has this number. It may have been deleted.
    </EmptyState>
  );
}
