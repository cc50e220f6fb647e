import { LinkButton } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function PolicyNotFound() {
  return (
    <EmptyState
      title="Escalation policy not found"
      action={<LinkButton href="/oncall/policies">Back to policies</LinkButton>}
    >
      No escalation policy has this id. It may have been deleted.
    </EmptyState>
  );
}
