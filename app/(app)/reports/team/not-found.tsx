import { LinkButton } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function TeamReportNotFound() {
  return (
    <EmptyState title="No such team" action={<LinkButton href="/reports">All reports</LinkButton>}>
      The team in the address does not exist (any more).
    </EmptyState>
  );
}
