import { LinkButton } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function ScorecardNotFound() {
  return (
    <EmptyState title="No such team" action={<LinkButton href="/scorecard">Scorecard of my teams</LinkButton>}>
      The team in the address does not exist (any more).
    </EmptyState>
  );
}
