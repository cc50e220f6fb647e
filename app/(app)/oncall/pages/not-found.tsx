import { LinkButton } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function PageNotFound() {
  return (
    <EmptyState title="Page not found" action={<LinkButton href="/oncall/pages">Back to pages</LinkButton>}>
      No page has this id.
    </EmptyState>
  );
}
