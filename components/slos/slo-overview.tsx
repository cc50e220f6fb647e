"use client";
import Link from "next/link";
import { useEffect, useMemo, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button, LinkButton } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import type { PolicyThresholds } from "@/lib/slo/policy";
import { formatBurnRate } from "@/lib/slo/format";
import { errorMessage } from "@/lib/query/api";
import {
  fetchAllMatching,
  OVERVIEW_PAGE_SIZE,
  REFRESH_MS,
  useSloPage,
  type OverviewSlo,
  type SloPageParams,
} from "@/lib/query/slos";
import type { SloSortKey } from "@/lib/validation/slo";
import { BudgetBar } from "./budget-bar";
import { buildRows, rowsToCsv, type Filters, type OverviewRow } from "./overview-rows";
import { PolicyStateBadge } from "./policy-state-badge";
import { SloSparkline } from "./slo-sparkline";
import { StaleBanner } from "./stale-banner";

export type OverviewSort = { key: SloSortKey; dir: "asc" | "desc" };

type Props = {
  initial: { items: OverviewSlo[]; page: number; pageSize: number; total: number };
  thresholds: Record<string, PolicyThresholds>;
  initialFilters: Filters;
  initialSort: OverviewSort;
  /** Team slugs, and services with their team, for the filter selects. */
  options: { teams: string[]; services: { slug: string; team: string }[] };
  /** Whether the organisation has any SLO at all (the empty state is not "no match"). */
  anySlo: boolean;
  canCreate: boolean;
};

const ROW_HEIGHT = 45;
/** Columns; `sort` where the server can order by exactly what the column shows. */
const COLUMNS: { label: string; sort?: SloSortKey; className?: string }[] = [
  { label: "SLO", sort: "name" },
  { label: "Service", sort: "service" },
  { label: "Team", sort: "team" },
  { label: "Objective", className: "num" },
  { label: "Window" },
  { label: "SLI" },
  { label: "Budget left", sort: "remaining" },
  { label: "Burn 1h", className: "num" },
  { label: "Burn 6h", className: "num" },
  { label: "Alerts", className: "num" },
  { label: "Policy", sort: "state" },
];
const SORTS: { value: string; label: string }[] = [
  { value: "remaining:asc", label: "Budget left, least first" },
  { value: "burn:desc", label: "Fastest burn first" },
  { value: "state:asc", label: "Policy state, worst first" },
  { value: "service:asc", label: "Service" },
  { value: "name:asc", label: "SLO name" },
  { value: "team:asc", label: "Team" },
];
const STATES = [
  { value: "healthy", label: "Healthy" },
  { value: "at_risk", label: "At risk" },
  { value: "no_data", label: "No data" },
  { value: "frozen", label: "Frozen" },
  { value: "pending", label: "Awaiting sign-off" },
];
const NO_FILTERS: Filters = { team: "", service: "", state: "", q: "" };

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The text filter, applied 300 ms after the last keystroke (one request per pause, not per key). */
function useDebounced(value: string, ms = 300) {
  const [out, setOut] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setOut(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return out;
}

/**
 * The manager's page: SLOs with their budget, burn rates, alerts and the service's policy state, a page
 * of 100 at a time. Filters, sorting and paging run on the server (SQL over the status read model), so
 * the page costs the same with 10 or 10,000 SLOs; it refreshes every 30 s and on live events. The state
 * is kept in the URL (shareable, survives reload).
 */
export function SloOverview({ initial, thresholds, initialFilters, initialSort, options, anySlo, canCreate }: Props) {
  const [filters, setFilters] = useState<Filters>(initialFilters);
  const [sort, setSort] = useState<OverviewSort>(initialSort);
  const [page, setPage] = useState(initial.page);
  const q = useDebounced(filters.q);
  const params: SloPageParams = {
    team: filters.team,
    service: filters.service,
    state: filters.state,
    q,
    sort: sort.key,
    dir: sort.dir,
    page,
    pageSize: OVERVIEW_PAGE_SIZE,
  };
  const isInitial =
    page === initial.page &&
    q === initialFilters.q &&
    JSON.stringify([filters, sort]) === JSON.stringify([{ ...initialFilters, q: filters.q }, initialSort]);
  const list = useSloPage(params, isInitial ? initial : undefined);
  const data = list.data ?? initial;
  const total = data.total;
  const rows = useMemo(() => buildRows(data.items, thresholds), [data.items, thresholds]);
  const services = useMemo(
    () => options.services.filter((s) => !filters.team || s.team === filters.team).map((s) => s.slug),
    [options.services, filters.team],
  );
  const stale = rows.filter((r) => r.stale);
  const staleAge = stale.reduce<number | null>(
    (max, r) => (r.staleAgeSeconds === null ? max : Math.max(max ?? 0, r.staleAgeSeconds)),
    null,
  );
  const [exporting, setExporting] = useState<{ loaded: number; total: number } | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);

  useEffect(() => {
    const u = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...filters, q })) if (v) u.set(k, v);
    if (sort.key !== "remaining" || sort.dir !== "asc") u.set("sort", `${sort.key}:${sort.dir}`);
    if (page > 1) u.set("page", String(page));
    const s = u.toString();
    window.history.replaceState(null, "", s ? `/slos?${s}` : "/slos");
  }, [filters, q, sort, page]);

  const set = (k: keyof Filters) => (e: { target: { value: string } }) => {
    setPage(1);
    setFilters((f) => ({ ...f, [k]: e.target.value, ...(k === "team" ? { service: "" } : {}) }));
  };
  const sortBy = (next: OverviewSort) => {
    setPage(1);
    setSort(next);
  };
  const toggleSort = (key: SloSortKey) =>
    sortBy(sort.key === key ? { key, dir: sort.dir === "asc" ? "desc" : "asc" } : { key, dir: "asc" });
  const exportCsv = async () => {
    setExportError(null);
    setExporting({ loaded: 0, total });
    try {
      const all = await fetchAllMatching(
        { team: filters.team, service: filters.service, state: filters.state, q, sort: sort.key, dir: sort.dir },
        (loaded, of) => setExporting({ loaded, total: of }),
      );
      download(`slos-${new Date().toISOString().slice(0, 10)}.csv`, rowsToCsv(buildRows(all, thresholds)));
    } catch (err) {
      setExportError(errorMessage(err));
    } finally {
      setExporting(null);
    }
  };

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
      <div className="filter-bar" role="search" aria-label="Filter SLOs">
        <div className="field grow">
          <label htmlFor="slo-q">Search</label>
          <input
            id="slo-q"
            type="search"
            value={filters.q}
            onChange={set("q")}
            placeholder="SLO or service name"
            autoComplete="off"
            maxLength={200}
          />
        </div>
        <div className="field">
          <label htmlFor="slo-team">Team</label>
          <select id="slo-team" value={filters.team} onChange={set("team")}>
            <option value="">All teams</option>
            {options.teams.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="slo-service">Service</label>
          <select id="slo-service" value={filters.service} onChange={set("service")}>
            <option value="">All services</option>
            {services.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="slo-state">Policy state</label>
          <select id="slo-state" value={filters.state} onChange={set("state")}>
            <option value="">Any state</option>
            {STATES.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="slo-sort">Sort by</label>
          <select
            id="slo-sort"
            value={`${sort.key}:${sort.dir}`}
            onChange={(e) => {
              const [key, dir] = e.target.value.split(":");
              sortBy({ key: key as SloSortKey, dir: dir as "asc" | "desc" });
            }}
          >
            {SORTS.some((o) => o.value === `${sort.key}:${sort.dir}`) ? null : (
              <option value={`${sort.key}:${sort.dir}`}>
                {COLUMNS.find((c) => c.sort === sort.key)?.label ?? sort.key},{" "}
                {sort.dir === "asc" ? "ascending" : "descending"}
              </option>
            )}
            {SORTS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
        <Button
          onClick={() => void exportCsv()}
          disabled={total === 0 || exporting !== null}
          aria-busy={exporting !== null}
        >
          {exporting ? (
            <>
              <span className="spinner" aria-hidden="true" /> Exporting {exporting.loaded} of {exporting.total}…
            </>
          ) : (
            "Export CSV"
          )}
        </Button>
      </div>
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
          <div className="table-wrap slo-table-wrap" aria-busy={list.isFetching && list.isPlaceholderData}>
            <table className="table slo-table" aria-rowcount={total + 1}>
              <caption className="sr-only">
                Service level objectives; column headers with a button sort the table on the server
              </caption>
              <colgroup>
                <col className="c-name" />
                <col className="c-service" />
                <col className="c-team" />
                <col className="c-obj" />
                <col className="c-window" />
                <col className="c-sli" />
                <col className="c-budget" />
                <col className="c-burn" />
                <col className="c-burn" />
                <col className="c-alerts" />
                <col className="c-state" />
                <col className="c-trend" />
              </colgroup>
              <thead>
                <tr aria-rowindex={1}>
                  {COLUMNS.map((c) => (
                    <th
                      key={c.label}
                      scope="col"
                      className={c.className}
                      aria-sort={
                        c.sort && sort.key === c.sort
                          ? sort.dir === "asc"
                            ? "ascending"
                            : "descending"
                          : c.sort
                            ? "none"
                            : undefined
                      }
                    >
                      {c.sort ? (
                        <button type="button" className="sort-btn" onClick={() => toggleSort(c.sort!)}>
                          {c.label}
                          <span aria-hidden="true" className="sort-icon">
                            {sort.key === c.sort ? (sort.dir === "asc" ? "▲" : "▼") : "↕"}
                          </span>
                        </button>
                      ) : (
                        c.label
                      )}
                    </th>
                  ))}
                  <th scope="col">Trend</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r, i) => (
                  <Row key={r.id} r={r} index={first - 1 + i} />
                ))}
              </tbody>
            </table>
          </div>
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

function Row({ r, index }: { r: OverviewRow; index: number }) {
  return (
    <tr aria-rowindex={index + 2} data-slo={r.id} style={{ height: ROW_HEIGHT }}>
      <td className="cell-name">
        <Link href={`/slos/${r.id}`}>{r.name}</Link>
        {r.pendingSignOff ? (
          <>
            {" "}
            <Badge tone="info" title="A version awaits sign-off">
              sign-off
            </Badge>
          </>
        ) : null}
      </td>
      <td>
        <Link href={`/services/${r.service}`} className="mono">
          {r.service}
        </Link>
      </td>
      <td>{r.team}</td>
      <td className="num">{r.objectiveText}</td>
      <td className="nowrap">{r.windowText}</td>
      <td className="nowrap">{r.sliText}</td>
      <td>
        <BudgetBar
          remaining={r.hasStatus ? r.remaining : null}
          atRiskBelow={r.thresholds.atRiskBelow}
          freezeAtOrBelow={r.thresholds.freezeAtOrBelow}
          compact
        />
      </td>
      <td className="num">{formatBurnRate(r.burn1h)}</td>
      <td className="num">{formatBurnRate(r.burn6h)}</td>
      <td className="num">
        {r.firing.length ? (
          <Badge tone="danger" title={r.firing.join(", ")}>
            {r.firing.length}
          </Badge>
        ) : (
          <span className="muted">0</span>
        )}
      </td>
      <td>
        {r.state === "pending" ? (
          <Badge tone="info">Awaiting sign-off</Badge>
        ) : r.computing ? (
          <Badge tone="info" title="The first status is being computed; it appears here without a reload">
            Computing…
          </Badge>
        ) : (
          <PolicyStateBadge state={r.state} reasons={r.stateReasons} />
        )}
      </td>
      <td>
        <SloSparkline id={r.id} name={r.name} enabled={r.hasStatus} />
      </td>
    </tr>
  );
}
