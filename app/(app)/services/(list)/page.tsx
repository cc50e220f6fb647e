import type { Metadata } from "next";
import { Forbidden } from "@/components/forbidden";
import { ServiceTable } from "@/components/services/service-table";
import { LinkButton } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { listServices } from "@/lib/services/catalog";
import { load, pageParam, textParam, type SearchParams } from "../../_lib/load";
import { pageActor } from "../../_lib/page-actor";
import { allTeams, editableTeams } from "../../_lib/teams";
import { ServiceFilters } from "./service-filters";

export const metadata: Metadata = { title: "Services" };
const PAGE_SIZE = 25;

export default async function ServicesPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await pageActor();
  const sp = await searchParams;
  const filters = { team: textParam(sp.team), q: textParam(sp.q) };
  const page = pageParam(sp.page);
  const res = await load(() =>
    Promise.all([listServices(actor, { ...filters, page, pageSize: PAGE_SIZE }), allTeams(actor)]),
  );
  if (!res.ok) return <Forbidden title="Services" message={res.forbidden} />;
  const [services, teams] = res.data;
  const canCreate = editableTeams(actor, teams).length > 0;
  const filtered = Boolean(filters.team || filters.q);
  const create = canCreate ? (
    <LinkButton href="/services/new" variant="primary">
      Create a service
    </LinkButton>
  ) : null;

  return (
    <>
      <PageHeader
        title="Services"
        description="Every service, who owns it, and where its runbook lives."
        actions={services.total > 0 || filtered ? create : null}
      />
      <ServiceFilters teams={teams.map((t) => ({ value: t.slug, label: t.name }))} team={filters.team} q={filters.q} />
      {services.items.length === 0 ? (
        filtered ? (
          <EmptyState
            title="No services match these filters"
            action={<LinkButton href="/services">Clear filters</LinkButton>}
          >
            Try another team or a shorter search.
          </EmptyState>
        ) : (
          <EmptyState title="No services yet" action={create}>
            {canCreate
              ? "Add the first service to the catalog: its owner, tier and runbook."
              : "An editor of a team can add services to the catalog."}
          </EmptyState>
        )
      ) : (
        <>
          <ServiceTable caption={`Services, page ${page}`} services={services.items} catalog />
          <Pagination
            basePath="/services"
            params={filters}
            page={services.page}
            pageSize={services.pageSize}
            total={services.total}
          />
        </>
      )}
    </>
  );
}
