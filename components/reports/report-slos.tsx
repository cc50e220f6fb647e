import Link from "next/link";
import { TimeSeriesChart, type ChartSeries } from "@/components/charts/time-series-chart";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { sloCells, type TeamReport } from "@/lib/readiness";
import { ChartNoData, ReportBarChart } from "./bar-chart";
import { count, pct } from "./report-format";

const MAX_DAILY_SERIES = 6;

/** The report's SLO card: SLI, budget and frozen days per SLO, budget consumed, the worst SLOs' daily budget. */
export function ReportSlos({ report: r }: { report: TeamReport }) {
  const slos = r.services.flatMap((s) => s.slos.map((o) => ({ service: s, slo: o })));
  const worst = [...slos]
    .filter((x) => x.slo.state === "reported" && x.slo.daysEvaluated > 0)
    .sort((a, b) => b.slo.daysFrozen - a.slo.daysFrozen || (b.slo.budgetConsumed ?? 0) - (a.slo.budgetConsumed ?? 0))
    .slice(0, MAX_DAILY_SERIES);
  const daily: ChartSeries[] = worst.map((x) => ({
    name: `${x.service.slug} / ${x.slo.name}`,
    points: x.slo.daily
      .filter((d) => d.evaluated)
      .map((d) => ({ t: Date.parse(`${d.date}T12:00:00Z`), v: d.remaining })),
  }));
  const thresholds = [...new Set(worst.map((x) => x.slo.freezeAtOrBelow))];

  return (
    <Card title="SLOs" id="report-slos">
      {slos.length === 0 ? (
        <p className="muted">
          The team&apos;s services have no SLOs. <Link href="/slos/new">Define one</Link>.
        </p>
      ) : (
        <>
          <Table caption="SLI, budget and frozen days per SLO">
            <thead>
              <tr>
                <Th>Service</Th>
                <Th>SLO</Th>
                <Th className="num">Objective</Th>
                <Th className="num">SLI</Th>
                <Th className="num">Events</Th>
                <Th className="num">Bad</Th>
                <Th className="num">Budget consumed</Th>
                <Th className="num">Days frozen</Th>
                <Th className="num">Incident budget</Th>
                <Th className="num">Data</Th>
              </tr>
            </thead>
            <tbody>
              {slos.map(({ service, slo }) => {
                const c = sloCells(slo);
                return (
                  <tr key={slo.id} data-state={slo.state}>
                    <Td className="mono">{service.slug}</Td>
                    <Td>
                      <Link href={`/slos/${slo.id}`}>{slo.name}</Link>
                      <div className="small muted">
                        {slo.window}
                        {slo.versions.length > 1 ? ` · versions ${slo.versions.join(", ")}` : ""}
                      </div>
                    </Td>
                    <Td className="num">
                      {slo.state === "pending_sign_off" ? (
                        <>
                          {pct(slo.objective, 3)} <Badge tone="info">pending sign-off</Badge>
                        </>
                      ) : (
                        c.objective
                      )}
                    </Td>
                    <Td className="num">
                      {slo.state === "reported" ? (
                        c.sli
                      ) : (
                        <Badge tone={slo.state === "no_data" ? "warning" : "neutral"}>{c.sli}</Badge>
                      )}
                    </Td>
                    <Td className="num">{count(slo.total)}</Td>
                    <Td className="num">{count(slo.bad)}</Td>
                    <Td className="num">
                      {slo.state !== "reported" ? (
                        <span className="muted">{c.budgetConsumed}</span>
                      ) : slo.budgetConsumed !== null && slo.budgetConsumed > 1 ? (
                        <Badge tone="danger">{c.budgetConsumed}</Badge>
                      ) : (
                        c.budgetConsumed
                      )}
                    </Td>
                    <Td
                      className="num"
                      title={`Freeze at or below ${pct(slo.freezeAtOrBelow, 0)} remaining (${slo.policyScope} policy)`}
                    >
                      {slo.state === "reported" ? `${slo.daysFrozen} / ${slo.daysEvaluated}` : "—"}
                    </Td>
                    <Td className="num">{slo.incidentBudgetConsumed ? pct(slo.incidentBudgetConsumed) : "—"}</Td>
                    <Td
                      className="num small muted"
                      title={`${slo.hoursWithData} of ${slo.hoursInPeriod} hours have rolled-up data`}
                    >
                      {Math.round((slo.hoursWithData / Math.max(1, slo.hoursInPeriod)) * 100)} %
                    </Td>
                  </tr>
                );
              })}
            </tbody>
          </Table>
          <div className="report-charts">
            <ReportBarChart
              title="Budget consumed in the period"
              unit="percent"
              reference={{ y: 1, label: "100 %" }}
              bars={slos
                .filter((x) => x.slo.state === "reported" && x.slo.budgetConsumed !== null)
                .map((x) => ({
                  label: x.slo.name,
                  value: x.slo.budgetConsumed!,
                  tone: x.slo.budgetConsumed! > 1 ? "danger" : x.slo.budgetConsumed! > 0.75 ? "warning" : "accent",
                }))}
            />
            {daily.some((x) => x.points.some((p) => p.v !== null)) ? (
              <div>
                <p className="small muted">
                  Remaining budget of each SLO&apos;s window at the end of each day
                  {thresholds.length === 1 ? ` (frozen at or below ${pct(thresholds[0]!, 0)})` : ""}
                </p>
                <TimeSeriesChart
                  title="Remaining budget at the end of each day"
                  series={daily}
                  unit="ratio"
                  height={220}
                  reference={thresholds.length === 1 ? { y: thresholds[0]!, label: "freeze" } : undefined}
                />
              </div>
            ) : (
              <ChartNoData title="Remaining budget at the end of each day" />
            )}
          </div>
        </>
      )}
    </Card>
  );
}
