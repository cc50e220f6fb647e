import { LinkButton } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function ServiceNotFound() {
  return (
    <EmptyState title="Service not found" action={<LinkButton href="/services">Back to services</LinkButton>}>
      No service has this slug. It may have been renamed or deleted.
    </EmptyState>
  );
}
