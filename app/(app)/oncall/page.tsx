import type { Metadata } from "next";
import { LinkButton } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { pageActor } from "../_lib/page-actor";

export const metadata: Metadata = { title: "On-call" };

export default async function OncallPage() {
  await pageActor();
  return (
    <>
      <PageHeader title="On-call" description="Rotations, who is on call now, and handovers." />
      <EmptyState title="No rotations yet" action={<LinkButton href="/teams">Browse teams</LinkButton>}>
        On-call rotations belong to a team. Make sure your team exists and has members first.
      </EmptyState>
    </>
  );
}
