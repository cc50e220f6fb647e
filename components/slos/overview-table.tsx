"use client";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { formatBurnRate } from "@/lib/slo/format";
import type { SloSortKey } from "@/lib/validation/slo";
import { BudgetBar } from "./budget-bar";
import type { OverviewRow } from "./overview-rows";
import { PolicyStateBadge } from "./policy-state-badge";
import { SloSparkline } from "./slo-sparkline";

export type OverviewSort = { key: SloSortKey; dir: "asc" | "desc" };

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

/** The column's name for a sort key (the sort select names a sort that is not one of its presets by it). */
export const columnLabel = (key: SloSortKey) => COLUMNS.find((c) => c.sort === key)?.label ?? key;

type Props = {
  rows: OverviewRow[];
  sort: OverviewSort;
  onSort: (key: SloSortKey) => void;
  /** Position of the first row in the whole list (0-based) and the list's length, for aria-rowindex/rowcount. */
  offset: number;
  total: number;
  busy: boolean;
};

/** One page of the SLO overview; the headers of the columns the server can order by are sort buttons. */
export function OverviewTable({ rows, sort, onSort, offset, total, busy }: Props) {
  return (
    <div className="table-wrap slo-table-wrap" aria-busy={busy}>
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
                  <button type="button" className="sort-btn" onClick={() => onSort(c.sort!)}>
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
            <Row key={r.id} r={r} index={offset + i} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Row({ r, index }: { r: OverviewRow; index: number }) {
  return (
    <tr aria-rowindex={index + 2} data-slo={r.id} style={{ height: ROW_HEIGHT }}>
      <td className="cell-name">
        {/* no prefetch: a page of rows would ask the server for every row's SLO and service page as it scrolls into view */}
        <Link href={`/slos/${r.id}`} prefetch={false}>
          {r.name}
        </Link>
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
        <Link href={`/services/${r.service}`} className="mono" prefetch={false}>
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
