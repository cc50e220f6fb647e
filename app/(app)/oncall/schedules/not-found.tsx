import { LinkButton } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function ScheduleNotFound() {
  return (
    <EmptyState title="Schedule not found" action={<LinkButton href="/oncall">Back to on-call</LinkButton>}>
      No schedule has this id. It may have been deleted.
    </EmptyState>
  );
}
