import type { Metadata } from "next";
import { Forbidden } from "@/components/forbidden";
import { LinkButton } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { SloOverview } from "@/components/slos/slo-overview";
import { atLeast } from "@/lib/auth/permissions";
import { slimSloRow } from "@/lib/query/slos";
import { policyThresholdsBySlug } from "@/lib/services/policy-overview";
import { listSlos } from "@/lib/services/slo/read-slos";
import { load, textParam, type SearchParams } from "../../_lib/load";
import { pageActor } from "../../_lib/page-actor";

export const metadata: Metadata = { title: "SLOs" };

/**
 * The SLO overview. The first page of 1,000 SLOs with their status comes from the same cached, batched
 * refresh as GET /api/v1/slos?include=status and is rendered on the server; the table then refreshes
 * itself every 30 s.
 */
export default async function SlosPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await pageActor();
  const sp = await searchParams;
  const res = await load(() => Promise.all([listSlos(actor, { include: "status", page: 1, pageSize: 1000 }), policyThresholdsBySlug(actor)]));
  if (!res.ok) return <Forbidden title="SLOs" message={res.forbidden} />;
  const [page, thresholds] = res.data;
  const canCreate = atLeast(actor, "editor") && (actor.role === "admin" || actor.teamIds.length > 0);
  const filters = { team: textParam(sp.team) ?? "", service: textParam(sp.service) ?? "", state: textParam(sp.state) ?? "", q: textParam(sp.q) ?? "" };
  return (
    <>
      <PageHeader
        title="SLOs"
        description="Every service level objective, its error budget, burn rates and the service's budget-policy state."
        actions={canCreate && page.total > 0 ? <LinkButton href="/slos/new" variant="primary">Define an SLO</LinkButton> : null}
      />
      <SloOverview initial={{ ...page, items: page.items.map(slimSloRow) }} thresholds={thresholds} initialFilters={filters} canCreate={canCreate} />
    </>
  );
}
