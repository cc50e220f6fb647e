"use client";
import Link from "next/link";
import { useWindowVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button, LinkButton } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import type { PolicyThresholds } from "@/lib/slo/policy";
import { formatBurnRate } from "@/lib/slo/format";
import { errorMessage } from "@/lib/query/api";
import { REFRESH_MS, useSloList, type OverviewSlo } from "@/lib/query/slos";
import { BudgetBar } from "./budget-bar";
import { buildRows, filterAndSort, rowsToCsv, type Filters, type OverviewRow, type SortKey } from "./overview-rows";
import { PolicyStateBadge } from "./policy-state-badge";
import { SloSparkline } from "./slo-sparkline";
import { StaleBanner } from "./stale-banner";

type Props = {
  initial: { items: OverviewSlo[]; page: number; pageSize: number; total: number };
  thresholds: Record<string, PolicyThresholds>;
  initialFilters: Filters;
  canCreate: boolean;
};

const ROW_HEIGHT = 45;
const COLUMNS: { key: SortKey; label: string; className?: string }[] = [
  { key: "name", label: "SLO" },
  { key: "service", label: "Service" },
  { key: "team", label: "Team" },
  { key: "objective", label: "Objective", className: "num" },
  { key: "window", label: "Window" },
  { key: "sli", label: "SLI" },
  { key: "remaining", label: "Budget left" },
  { key: "burn1h", label: "Burn 1h", className: "num" },
  { key: "burn6h", label: "Burn 6h", className: "num" },
  { key: "firing", label: "Alerts", className: "num" },
  { key: "state", label: "Policy" },
];
const STATES = [
  { value: "healthy", label: "Healthy" },
  { value: "at_risk", label: "At risk" },
  { value: "no_data", label: "No data" },
  { value: "frozen", label: "Frozen" },
  { value: "pending", label: "Awaiting sign-off" },
];

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

/**
 * The manager's page: every SLO with its budget, burn rates, alerts and the service's policy state.
 * All rows are loaded (pages of 1,000) and refreshed every 30 s; filtering, sorting and CSV export
 * run in the browser, and only the rows on screen are rendered (window virtualization).
 */
export function SloOverview({ initial, thresholds, initialFilters, canCreate }: Props) {
  const list = useSloList({}, initial);
  // the true number of SLOs (the server renders the first page only; the rest loads right after)
  const total = list.data?.total ?? initial.total;
  const rows = useMemo(() => buildRows(list.data?.items ?? [], thresholds), [list.data, thresholds]);
  const [filters, setFilters] = useState<Filters>(initialFilters);
  const [sort, setSort] = useState<{ key: SortKey; dir: "asc" | "desc" }>({ key: "remaining", dir: "asc" });
  const visible = useMemo(() => filterAndSort(rows, filters, sort), [rows, filters, sort]);
  const teams = useMemo(() => [...new Set(rows.map((r) => r.team))].sort(), [rows]);
  const services = useMemo(() => [...new Set(rows.filter((r) => !filters.team || r.team === filters.team).map((r) => r.service))].sort(), [rows, filters.team]);
  const stale = rows.filter((r) => r.stale);
  const staleAge = stale.reduce<number | null>((max, r) => (r.staleAgeSeconds === null ? max : Math.max(max ?? 0, r.staleAgeSeconds)), null);

  // Keep the filters in the URL (shareable, survives reload) without a navigation.
  useEffect(() => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(filters)) if (v) q.set(k, v);
    const s = q.toString();
    window.history.replaceState(null, "", s ? `/slos?${s}` : "/slos");
  }, [filters]);

  const tableRef = useRef<HTMLDivElement>(null);
  const [scrollMargin, setScrollMargin] = useState(0);
  useLayoutEffect(() => {
    const el = tableRef.current;
    if (el) setScrollMargin(el.getBoundingClientRect().top + window.scrollY);
  }, [rows.length]);
  const virtualizer = useWindowVirtualizer({ count: visible.length, estimateSize: () => ROW_HEIGHT, overscan: 10, scrollMargin, initialRect: { width: 1240, height: 900 } });
  const items = virtualizer.getVirtualItems();
  const padTop = items.length ? items[0]!.start - scrollMargin : 0;
  const padBottom = items.length ? virtualizer.getTotalSize() - (items[items.length - 1]!.end - scrollMargin) : 0;

  const set = (k: keyof Filters) => (e: { target: { value: string } }) => setFilters((f) => ({ ...f, [k]: e.target.value, ...(k === "team" ? { service: "" } : {}) }));
  const toggleSort = (key: SortKey) => setSort((s) => (s.key === key ? { key, dir: s.dir === "asc" ? "desc" : "asc" } : { key, dir: "asc" }));

  if (rows.length === 0) {
    return (
      <EmptyState title="No SLOs yet" action={canCreate ? <LinkButton href="/slos/new" variant="primary">Define an SLO</LinkButton> : <LinkButton href="/services">Browse services</LinkButton>}>
        An SLO sets the reliability a service promises (e.g. 99.9 % of requests succeed over 30 days) and turns the rest into an error budget.
        {canCreate ? "" : " An editor of a team can define one."}
      </EmptyState>
    );
  }

  return (
    <div className="slo-overview">
      <StaleBanner
        stale={stale.length > 0}
        ageSeconds={staleAge}
        reason={stale.some((r) => r.staleReason === "unreachable") ? "unreachable" : stale[0]?.staleReason}
        since={stale.reduce<string | null>((min, r) => (r.unavailableSince && (!min || r.unavailableSince < min) ? r.unavailableSince : min), null)}
      />
      {list.isError ? (
        <Alert tone="danger" title="Could not refresh">
          <p>{errorMessage(list.error)} Showing the last loaded values.</p>
        </Alert>
      ) : null}
      <div className="filter-bar" role="search" aria-label="Filter SLOs">
        <div className="field grow">
          <label htmlFor="slo-q">Search</label>
          <input id="slo-q" type="search" value={filters.q} onChange={set("q")} placeholder="SLO or service name" autoComplete="off" />
        </div>
        <div className="field">
          <label htmlFor="slo-team">Team</label>
          <select id="slo-team" value={filters.team} onChange={set("team")}>
            <option value="">All teams</option>
            {teams.map((t) => <option key={t} value={t}>{t}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="slo-service">Service</label>
          <select id="slo-service" value={filters.service} onChange={set("service")}>
            <option value="">All services</option>
            {services.map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="slo-state">Policy state</label>
          <select id="slo-state" value={filters.state} onChange={set("state")}>
            <option value="">Any state</option>
            {STATES.map((s) => <option key={s.value} value={s.value}>{s.label}</option>)}
          </select>
        </div>
        <Button onClick={() => download(`slos-${new Date().toISOString().slice(0, 10)}.csv`, rowsToCsv(visible))} disabled={visible.length === 0}>
          Export CSV
        </Button>
      </div>
      <p className="muted small overview-meta" aria-live="polite">
        {visible.length === rows.length ? `${rows.length} SLOs` : `${visible.length} of ${rows.length} SLOs`}
        {total > rows.length ? ` loaded of ${total} · loading the rest…` : ""} · refreshes every {REFRESH_MS / 1000} s
        {list.isFetching ? " · refreshing…" : ""}
      </p>
      {visible.length === 0 ? (
        <EmptyState title="No SLOs match these filters" action={<Button onClick={() => setFilters({ team: "", service: "", state: "", q: "" })}>Clear filters</Button>} />
      ) : (
        <div className="table-wrap slo-table-wrap" ref={tableRef}>
          <table className="table slo-table" aria-rowcount={visible.length + 1}>
            <caption className="sr-only">Service level objectives; column headers sort the table</caption>
            <colgroup>
              <col className="c-name" /><col className="c-service" /><col className="c-team" /><col className="c-obj" /><col className="c-window" /><col className="c-sli" />
              <col className="c-budget" /><col className="c-burn" /><col className="c-burn" /><col className="c-alerts" /><col className="c-state" /><col className="c-trend" />
            </colgroup>
            <thead>
              <tr aria-rowindex={1}>
                {COLUMNS.map((c) => (
                  <th key={c.key} scope="col" className={c.className} aria-sort={sort.key === c.key ? (sort.dir === "asc" ? "ascending" : "descending") : "none"}>
                    <button type="button" className="sort-btn" onClick={() => toggleSort(c.key)}>
                      {c.label}
                      <span aria-hidden="true" className="sort-icon">{sort.key === c.key ? (sort.dir === "asc" ? "▲" : "▼") : "↕"}</span>
                    </button>
                  </th>
                ))}
                <th scope="col">Trend</th>
              </tr>
            </thead>
            <tbody>
              {padTop > 0 ? <tr aria-hidden="true" className="spacer"><td colSpan={12} style={{ height: padTop }} /></tr> : null}
              {items.map((vi) => <Row key={visible[vi.index]!.id} r={visible[vi.index]!} index={vi.index} />)}
              {padBottom > 0 ? <tr aria-hidden="true" className="spacer"><td colSpan={12} style={{ height: padBottom }} /></tr> : null}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function Row({ r, index }: { r: OverviewRow; index: number }) {
  return (
    <tr aria-rowindex={index + 2} data-slo={r.id} style={{ height: ROW_HEIGHT }}>
      <td className="cell-name">
        <Link href={`/slos/${r.id}`}>{r.name}</Link>
        {r.pendingSignOff ? <> <Badge tone="info" title="A version awaits sign-off">sign-off</Badge></> : null}
      </td>
      <td><Link href={`/services/${r.service}`} className="mono">{r.service}</Link></td>
      <td>{r.team}</td>
      <td className="num">{r.objectiveText}</td>
      <td className="nowrap">{r.windowText}</td>
      <td className="nowrap">{r.sliText}</td>
      <td><BudgetBar remaining={r.hasStatus ? r.remaining : null} atRiskBelow={r.thresholds.atRiskBelow} freezeAtOrBelow={r.thresholds.freezeAtOrBelow} compact /></td>
      <td className="num">{formatBurnRate(r.burn1h)}</td>
      <td className="num">{formatBurnRate(r.burn6h)}</td>
      <td className="num">{r.firing.length ? <Badge tone="danger" title={r.firing.join(", ")}>{r.firing.length}</Badge> : <span className="muted">0</span>}</td>
      <td>{r.state === "pending" ? <Badge tone="info">Awaiting sign-off</Badge> : r.computing ? <Badge tone="info" title="The first status is being computed; it appears here without a reload">Computing…</Badge> : <PolicyStateBadge state={r.state} reasons={r.stateReasons} />}</td>
      <td><SloSparkline id={r.id} name={r.name} enabled={r.hasStatus} /></td>
    </tr>
  );
}
