import type { Metadata } from "next";
import { Forbidden } from "@/components/forbidden";
import { LinkButton } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { SloOverview } from "@/components/slos/slo-overview";
import type { OverviewSort } from "@/components/slos/overview-table";
import { atLeast } from "@/lib/auth/permissions";
import { OVERVIEW_PAGE_SIZE, slimSloRow } from "@/lib/query/slos";
import { sloFilterOptions } from "@/lib/services/policy-overview";
import { listSlos } from "@/lib/services/slo/read-slos";
import { listSlosSchema, type SloStateFilter } from "@/lib/validation/slo";
import { load, textParam, type SearchParams } from "../../_lib/load";
import { pageActor } from "../../_lib/page-actor";

export const metadata: Metadata = { title: "SLOs" };

const DEFAULT_SORT: OverviewSort = { key: "remaining", dir: "asc" };
/** The URL's sort key and state filter, checked with the API's own schema (unknown values fall back). */
const sortKeySchema = listSlosSchema.shape.sort.unwrap();
const stateSchema = listSlosSchema.shape.state.unwrap();

/** `sort=remaining:asc` from the URL; anything unknown falls back to the default (worst budget first). */
function sortParam(raw: string | undefined): OverviewSort {
  const [key, dir] = (raw ?? "").split(":");
  const sortKey = sortKeySchema.safeParse(key);
  if (!sortKey.success || (dir !== "asc" && dir !== "desc")) return DEFAULT_SORT;
  return { key: sortKey.data, dir };
}

/**
 * The SLO overview: the first page (50 SLOs) for the URL's filters and sort, read from the status read
 * model in SQL and rendered on the server; the table then pages, sorts and refreshes itself over the API.
 */
export default async function SlosPage({ searchParams }: { searchParams: SearchParams }) {
  const actor = await pageActor();
  const sp = await searchParams;
  const state = stateSchema.safeParse(textParam(sp.state));
  const stateFilter: SloStateFilter | "" = state.success ? state.data : "";
  const filters = {
    team: textParam(sp.team) ?? "",
    service: textParam(sp.service) ?? "",
    state: stateFilter,
    q: textParam(sp.q)?.slice(0, 200) ?? "",
  };
  const sort = sortParam(textParam(sp.sort));
  const page = Math.max(1, Math.min(1_000_000, Number.parseInt(textParam(sp.page) ?? "1", 10) || 1));
  const query = {
    include: "status" as const,
    page,
    pageSize: OVERVIEW_PAGE_SIZE,
    sort: sort.key,
    dir: sort.dir,
    ...(filters.team ? { team: filters.team } : {}),
    ...(filters.service ? { service: filters.service } : {}),
    ...(filters.state ? { state: filters.state } : {}),
    ...(filters.q ? { q: filters.q } : {}),
  };
  const filtered = Boolean(filters.team || filters.service || filters.state || filters.q);
  const res = await load(() =>
    Promise.all([
      listSlos(actor, query),
      sloFilterOptions(actor),
      filtered ? listSlos(actor, { page: 1, pageSize: 1 }).then((p) => p.total) : Promise.resolve(null),
    ]),
  );
  if (!res.ok) return <Forbidden title="SLOs" message={res.forbidden} />;
  const [first, options, unfilteredTotal] = res.data;
  const anySlo = (unfilteredTotal ?? first.total) > 0;
  const canCreate = atLeast(actor, "editor") && (actor.role === "admin" || actor.teamIds.length > 0);
  return (
    <>
      <PageHeader
        title="SLOs"
        description="Every service level objective, its error budget, burn rates and the service's budget-policy state."
        actions={
          canCreate && anySlo ? (
            <LinkButton href="/slos/new" variant="primary">
              Define an SLO
            </LinkButton>
          ) : null
        }
      />
      <SloOverview
        initial={{ ...first, items: first.items.map(slimSloRow) }}
        initialFilters={filters}
        initialSort={sort}
        options={options}
        anySlo={anySlo}
        canCreate={canCreate}
      />
    </>
  );
}
