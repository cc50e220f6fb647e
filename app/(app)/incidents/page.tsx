import type { Metadata } from "next";
import { LinkButton } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { pageActor } from "../_lib/page-actor";

export const metadata: Metadata = { title: "Incidents" };

export default async function IncidentsPage() {
  await pageActor();
  return (
    <>
      <PageHeader title="Incidents" description="Open and past incidents, their timelines and postmortems." />
      <EmptyState title="No incidents recorded" action={<LinkButton href="/services">Browse services</LinkButton>}>
        Incidents are declared against a service from the catalog.
      </EmptyState>
    </>
  );
}
