"use client";
import { useMemo } from "react";
import { LazyBurndownChart as BurndownChart } from "@/components/charts/lazy";
import { LazyTimeSeriesChart as TimeSeriesChart } from "@/components/charts/lazy";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, DetailList } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { errorMessage } from "@/lib/query/api";
import { useBurndown, useSloStatus } from "@/lib/query/slos";
import { useSloLedger } from "@/lib/query/ledger";
import {
  cumulativeSliSeries,
  formatBurnRate,
  formatCount,
  formatDurationHuman,
  formatExhaustion,
  formatObjective,
  formatPercent,
  formatSli,
} from "@/lib/slo/format";
import { sliceBudgetText, sliceNoun } from "@/lib/slo/timeslice";
import { BudgetBar } from "./budget-bar";
import { StaleBanner } from "./stale-banner";
import { ComputingBanner } from "./computing-banner";
import { LedgerError, ledgerBands, SloLedgerTable } from "./slo-ledger";

const ALERT_LABEL: Record<string, string> = {
  "page-fast": "Page, fast burn",
  "page-slow": "Page, slow burn",
  "ticket-fast": "Ticket, fast burn",
  "ticket-slow": "Ticket, slow burn",
};

/**
 * The live part of the SLO page: status (refreshed every 30 s), budget figures, the burndown and SLI
 * charts, and the burn-rate alert table.
 */
export function SloLive({
  id,
  objective,
  atRiskBelow,
  freezeAtOrBelow,
  sliceMinutes = null,
}: {
  id: string;
  objective: number;
  atRiskBelow: number;
  freezeAtOrBelow: number;
  /** A timeslice SLO's slice length: its events are slices. */ sliceMinutes?: number | null;
}) {
  const status = useSloStatus(id);
  const burndown = useBurndown(id);
  const ledger = useSloLedger(id);
  // approved corrections come with the burndown (their hours are already out of its points)
  const bands = useMemo(
    () => [
      ...ledgerBands(ledger.data).filter((b) => b.kind !== "correction"),
      ...(burndown.data?.corrections ?? []).map((c) => ({
        kind: "correction" as const,
        from: Date.parse(c.startsAt),
        to: Date.parse(c.endsAt),
        label: c.reason,
      })),
    ],
    [ledger.data, burndown.data],
  );
  const points = useMemo(
    () => (burndown.data?.points ?? []).map((p) => ({ t: Date.parse(p.t), remaining: p.remaining, ideal: p.ideal })),
    [burndown.data],
  );
  const sli = useMemo(() => cumulativeSliSeries(points, objective), [points, objective]);
  // a status still being computed has no figures: the stats show "…" under the computing banner
  const s = status.data?.computing ? undefined : status.data;
  const nowMs = s ? Date.parse(s.asOf) : 0;

  return (
    <div className="stack">
      <ComputingBanner computing={status.data?.computing} />
      {s ? (
        <StaleBanner
          stale={s.stale}
          ageSeconds={s.staleAgeSeconds}
          error={s.staleReason === "not_configured" ? null : s.error}
          reason={s.staleReason}
          since={s.unavailableSince}
        />
      ) : null}
      {status.isError ? (
        <Alert tone="danger" title="Could not load the status">
          {errorMessage(status.error)}
        </Alert>
      ) : null}
      <div className="stat-grid" aria-busy={status.isPending}>
        <Stat
          label="SLI (window to date)"
          value={s ? formatSli(s.sliValue, objective) : "…"}
          hint={`objective ${formatObjective(objective)}`}
        />
        <Stat
          label="Error budget left"
          value={
            s ? (
              <BudgetBar
                remaining={s.errorBudget.remaining}
                atRiskBelow={atRiskBelow}
                freezeAtOrBelow={freezeAtOrBelow}
              />
            ) : (
              "…"
            )
          }
          hint={s ? `${formatPercent(s.errorBudget.consumed, 1)} spent` : undefined}
        />
        {sliceMinutes ? (
          <Stat
            label="Budget in slices"
            value={
              s
                ? (sliceBudgetText(
                    { badEvents: s.events.bad, allowedBadEvents: s.errorBudget.allowedBadEvents },
                    sliceMinutes,
                  ) ?? "no measured slice")
                : "…"
            }
            hint={
              s
                ? `of ${formatCount(s.events.total)} measured ${sliceNoun(sliceMinutes, s.events.total)} (a slice without events counts neither way)`
                : undefined
            }
          />
        ) : (
          <Stat
            label="Budget in events"
            value={s ? `${formatCount(s.events.bad)} of ${formatCount(s.errorBudget.allowedBadEvents)}` : "…"}
            hint={
              s
                ? `bad events so far, of ${formatCount(s.errorBudget.allowedBadEvents)} allowed for ${formatCount(s.events.total)} requests`
                : undefined
            }
          />
        )}
        <Stat
          label="Budget as downtime"
          value={s ? formatDurationHuman(s.errorBudget.downtimeEquivalentSeconds) : "…"}
          hint="of full outage over the whole window"
        />
        <Stat
          label="Exhaustion forecast"
          value={s ? formatExhaustion(s.exhaustsAt, nowMs, s.errorBudget.remaining) : "…"}
          hint={s?.exhaustsAt && Date.parse(s.exhaustsAt) > nowMs ? "at the current 1 h burn rate" : undefined}
        />
      </div>

      <Card title="Error budget burndown" id="burndown">
        {burndown.isPending ? (
          <div className="skeleton chart-skeleton" role="status" aria-label="Loading the burndown" />
        ) : burndown.isError ? (
          <Alert tone="danger" title="Could not load the burndown">
            {errorMessage(burndown.error)}
          </Alert>
        ) : points.length === 0 ? (
          <p className="muted">No traffic in this window yet, so no budget has been measured.</p>
        ) : (
          <>
            {burndown.data.stale ? (
              <Alert tone="warning">
                Prometheus is unreachable: drawn from the hourly rollups stored in the database.
              </Alert>
            ) : null}
            <BurndownChart points={points} bands={bands} />
          </>
        )}
      </Card>

      <Card title="Budget ledger: who spent the budget" id="ledger">
        {ledger.isPending ? (
          <div className="skeleton" role="status" aria-label="Loading the budget ledger" style={{ height: 120 }} />
        ) : ledger.isError ? (
          <LedgerError message={errorMessage(ledger.error)} />
        ) : (
          <SloLedgerTable ledger={ledger.data} sliceMinutes={sliceMinutes} />
        )}
      </Card>

      <Card title="SLI over the window" id="sli-chart">
        {points.length ? (
          <TimeSeriesChart
            title="Window-to-date SLI"
            unit="sli"
            series={[{ name: "SLI (window to date)", points: sli }]}
            reference={{ y: objective, label: `objective ${formatObjective(objective)}` }}
            domain={["auto", 1]}
          />
        ) : (
          <p className="muted">{burndown.isPending ? "Loading…" : "No data yet."}</p>
        )}
      </Card>

      <Card title="Burn-rate alerts" id="alerts">
        {s ? (
          <Table caption="Multi-window burn-rate alerts">
            <thead>
              <tr>
                <Th>Alert</Th>
                <Th>Windows (long / short)</Th>
                <Th className="num">Threshold</Th>
                <Th className="num">Error ratio above</Th>
                <Th className="num">Burn now (long / short)</Th>
                <Th>State</Th>
              </tr>
            </thead>
            <tbody>
              {s.alerts.map((a) => (
                <tr key={a.name}>
                  <Td>
                    {ALERT_LABEL[a.name] ?? a.name} <span className="muted small">({a.severity})</span>
                  </Td>
                  <Td className="mono">
                    {a.longWindow} / {a.shortWindow}
                  </Td>
                  <Td className="num">{formatBurnRate(a.factor)}</Td>
                  <Td className="num">{formatPercent(a.factor * s.errorBudget.total, 3)}</Td>
                  <Td className="num">
                    {formatBurnRate(s.burnRates[a.longWindow as keyof typeof s.burnRates])} /{" "}
                    {formatBurnRate(s.burnRates[a.shortWindow as keyof typeof s.burnRates])}
                  </Td>
                  <Td>
                    {a.firing ? (
                      <Badge tone="danger">Firing</Badge>
                    ) : s.burnRates[a.longWindow as keyof typeof s.burnRates] === null ||
                      s.burnRates[a.shortWindow as keyof typeof s.burnRates] === null ? (
                      <Badge tone="neutral" title="No traffic in one of the windows: the alert cannot be evaluated">
                        No data
                      </Badge>
                    ) : (
                      <Badge tone="success">OK</Badge>
                    )}
                  </Td>
                </tr>
              ))}
            </tbody>
          </Table>
        ) : (
          <p className="muted">{status.isPending ? "Loading…" : "No status."}</p>
        )}
        {s ? (
          <p className="muted small">
            An alert fires when the burn rate over both its long and its short window reaches the threshold (SRE
            Workbook, multiwindow multi-burn-rate).
          </p>
        ) : null}
      </Card>

      {s ? (
        <Card title="Window">
          <DetailList
            items={[
              {
                label: "From",
                value: <time dateTime={s.windowStart}>{s.windowStart.slice(0, 16).replace("T", " ")} UTC</time>,
              },
              {
                label: "To",
                value: <time dateTime={s.windowEnd}>{s.windowEnd.slice(0, 16).replace("T", " ")} UTC</time>,
              },
              sliceMinutes
                ? {
                    label: "Slices",
                    value: `${formatCount(s.events.total)} measured ${sliceNoun(sliceMinutes, s.events.total)}, ${formatCount(s.events.bad)} bad`,
                  }
                : { label: "Events", value: `${formatCount(s.events.total)} total, ${formatCount(s.events.bad)} bad` },
              { label: "Evaluated", value: <time dateTime={s.asOf}>{s.asOf.slice(0, 19).replace("T", " ")} UTC</time> },
            ]}
          />
        </Card>
      ) : null}
    </div>
  );
}

function Stat({ label, value, hint }: { label: string; value: React.ReactNode; hint?: string }) {
  return (
    <div className="stat">
      <div className="stat-label">{label}</div>
      <div className="stat-value">{value}</div>
      {hint ? <div className="stat-hint">{hint}</div> : null}
    </div>
  );
}
