import { LinkButton } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function TeamNotFound() {
  return (
    <EmptyState title="Team not found" action={<LinkButton href="/teams">Back to teams</LinkButton>}>
      No team has this slug.
    </EmptyState>
  );
}
