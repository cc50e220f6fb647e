import { LinkButton } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function SloNotFound() {
  return (
    <EmptyState title="SLO not found" action={<LinkButton href="/slos">Back to SLOs</LinkButton>}>
      No SLO has this id. It may have been deleted.
    </EmptyState>
  );
}
