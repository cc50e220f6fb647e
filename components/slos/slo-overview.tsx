"use client";
import { useEffect, useMemo, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button, LinkButton } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { useDebounced } from "@/components/ui/use-debounced";
import { errorMessage } from "@/lib/query/api";
import { OVERVIEW_PAGE_SIZE, REFRESH_MS, useSloPage, type OverviewSlo, type SloPageParams } from "@/lib/query/slos";
import type { SloSortKey } from "@/lib/validation/slo";
import { ExportCsvButton } from "./overview-export";
import { OverviewFilters } from "./overview-filters";
import { buildRows, type Filters } from "./overview-rows";
import { useServiceOptions } from "./service-options";
import { OverviewTable, type OverviewSort } from "./overview-table";
import { StaleBanner } from "./stale-banner";

type Props = {
  initial: { items: OverviewSlo[]; page: number; pageSize: number; total: number };
  initialFilters: Filters;
  initialSort: OverviewSort;
  /** Team slugs, and services with their team (null when there are too many to list: asked per team). */
  options: { teams: string[]; services: { slug: string; team: string }[] | null };
  /** Whether the organisation has any SLO at all (the empty state is not "no match"). */
  anySlo: boolean;
  canCreate: boolean;
};

const NO_FILTERS: Filters = { team: "", service: "", state: "", q: "" };

/**
 * The manager's page: SLOs with their budget, burn rates, alerts and the service's policy state, a page
 * of 50 at a time. Filters, sorting and paging run on the server (SQL over the status read model), so
 * the page costs the same with 10 or 10,000 SLOs; it refreshes every 30 s and on live events. The state
 * is kept in the URL (shareable, survives reload).
 */
export function SloOverview({ initial, initialFilters, initialSort, options, anySlo, canCreate }: Props) {
  const [filters, setFilters] = useState<Filters>(initialFilters);
  const [sort, setSort] = useState<OverviewSort>(initialSort);
  const [page, setPage] = useState(initial.page);
  // The text filter is applied 300 ms after the last keystroke (one request per pause, not per key).
  const q = useDebounced(filters.q, 300);
  const query = {
    team: filters.team,
    service: filters.service,
    state: filters.state,
    q,
    sort: sort.key,
    dir: sort.dir,
  };
  const params: SloPageParams = { ...query, page, pageSize: OVERVIEW_PAGE_SIZE };
  const isInitial =
    page === initial.page &&
    q === initialFilters.q &&
    JSON.stringify([filters, sort]) === JSON.stringify([{ ...initialFilters, q: filters.q }, initialSort]);
  const list = useSloPage(params, isInitial ? initial : undefined);
  const data = list.data ?? initial;
  const total = data.total;
  const rows = useMemo(() => buildRows(data.items), [data.items]);
  const services = useServiceOptions(options.services, filters.team, filters.service);
  const stale = rows.filter((r) => r.stale);
  const staleAge = stale.reduce<number | null>(
    (max, r) => (r.staleAgeSeconds === null ? max : Math.max(max ?? 0, r.staleAgeSeconds)),
    null,
  );
  const [exportError, setExportError] = useState<string | null>(null);

  useEffect(() => {
    const u = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...filters, q })) if (v) u.set(k, v);
    if (sort.key !== "remaining" || sort.dir !== "asc") u.set("sort", `${sort.key}:${sort.dir}`);
    if (page > 1) u.set("page", String(page));
    const s = u.toString();
    window.history.replaceState(null, "", s ? `/slos?${s}` : "/slos");
  }, [filters, q, sort, page]);

  const set = (k: keyof Filters, value: string) => {
    setPage(1);
    setFilters((f) => ({ ...f, [k]: value, ...(k === "team" ? { service: "" } : {}) }));
  };
  const sortBy = (next: OverviewSort) => {
    setPage(1);
    setSort(next);
  };
  const toggleSort = (key: SloSortKey) =>
    sortBy(sort.key === key ? { key, dir: sort.dir === "asc" ? "desc" : "asc" } : { key, dir: "asc" });

  if (!anySlo) {
    return (
      <EmptyState
        title="No SLOs yet"
        action={
          canCreate ? (
            <LinkButton href="/slos/new" variant="primary">
              Define an SLO
            </LinkButton>
          ) : (
            <LinkButton href="/services">Browse services</LinkButton>
          )
        }
      >
        An SLO sets the reliability a service promises (e.g. 99.9 % of requests succeed over 30 days) and turns the rest
        into an error budget.
        {canCreate ? "" : " An editor of a team can define one."}
      </EmptyState>
    );
  }

  const first = (page - 1) * OVERVIEW_PAGE_SIZE + 1;
  const last = Math.min(total, page * OVERVIEW_PAGE_SIZE);
  const pages = Math.max(1, Math.ceil(total / OVERVIEW_PAGE_SIZE));
  return (
    <div className="slo-overview">
      <StaleBanner
        stale={stale.length > 0}
        ageSeconds={staleAge}
        reason={stale.some((r) => r.staleReason === "unreachable") ? "unreachable" : stale[0]?.staleReason}
        since={stale.reduce<string | null>(
          (min, r) => (r.unavailableSince && (!min || r.unavailableSince < min) ? r.unavailableSince : min),
          null,
        )}
      />
      {list.isError ? (
        <Alert tone="danger" title="Could not refresh">
          <p>{errorMessage(list.error)} Showing the last loaded values.</p>
        </Alert>
      ) : null}
      {exportError ? (
        <Alert tone="danger" title="Could not export">
          {exportError}
        </Alert>
      ) : null}
      <OverviewFilters
        filters={filters}
        onFilter={set}
        sort={sort}
        onSort={sortBy}
        teams={options.teams}
        services={services}
      >
        <ExportCsvButton query={query} total={total} onError={setExportError} />
      </OverviewFilters>
      <p className="muted small overview-meta" aria-live="polite">
        {total === 0 ? "0 SLOs" : `${first}–${last} of ${total} SLOs`} · refreshes every {REFRESH_MS / 1000} s
        {list.isFetching ? " · loading…" : ""}
      </p>
      {total === 0 ? (
        <EmptyState
          title="No SLOs match these filters"
          action={
            <Button
              onClick={() => {
                setPage(1);
                setFilters(NO_FILTERS);
              }}
            >
              Clear filters
            </Button>
          }
        />
      ) : (
        <>
          <OverviewTable
            rows={rows}
            sort={sort}
            onSort={toggleSort}
            offset={first - 1}
            total={total}
            busy={list.isFetching && list.isPlaceholderData}
          />
          {pages > 1 ? (
            <nav className="pagination" aria-label="Pages of SLOs">
              <span className="muted">
                Page {page} of {pages}
              </span>
              <span className="pagination-links">
                <Button size="sm" onClick={() => setPage((p) => Math.max(1, p - 1))} disabled={page <= 1}>
                  Previous
                </Button>
                <Button size="sm" onClick={() => setPage((p) => Math.min(pages, p + 1))} disabled={page >= pages}>
                  Next
                </Button>
              </span>
            </nav>
          ) : null}
        </>
      )}
    </div>
  );
}
