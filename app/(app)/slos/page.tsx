import type { Metadata } from "next";
import { LinkButton } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { pageActor } from "../_lib/page-actor";

export const metadata: Metadata = { title: "SLOs" };

export default async function SlosPage() {
  await pageActor();
  return (
    <>
      <PageHeader title="SLOs" description="Service level objectives and their error budgets, across all services." />
      <EmptyState title="No SLOs yet" action={<LinkButton href="/services">Browse services</LinkButton>}>
        SLOs belong to a service. Open a service in the catalog to see where its objectives will appear.
      </EmptyState>
    </>
  );
}
