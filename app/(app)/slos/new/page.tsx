import type { Metadata } from "next";
import { Forbidden } from "@/components/forbidden";
import { SloWizard } from "@/components/slos/slo-wizard";
import { LinkButton } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { load, textParam, type SearchParams } from "../../_lib/load";
import { pageActor } from "../../_lib/page-actor";
import { editableServiceOptions } from "../_editable-services";

export const metadata: Metadata = { title: "Define an SLO" };

export default async function NewSloPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await pageActor();
  const service = textParam((await searchParams).service);
  const res = await load(() => editableServiceOptions(actor));
  if (!res.ok) return <Forbidden title="Define an SLO" message={res.forbidden} />;
  const services = res.data;
  return (
    <>
      <PageHeader
        crumbs={[{ href: "/slos", label: "SLOs" }]}
        title="Define an SLO"
        description="Pick the SLI, see what it reports on real data, then choose the objective and window."
      />
      {services.length === 0 ? (
        <EmptyState
          title="No service you can define SLOs for"
          action={<LinkButton href="/services">Browse services</LinkButton>}
        >
          SLOs belong to a service. You need the editor role and membership of the team that owns the service.
        </EmptyState>
      ) : (
        <SloWizard
          services={services}
          initialService={services.some((s) => s.value === service) ? service : undefined}
        />
      )}
    </>
  );
}
