import Link from "next/link";
import { TimeSeriesChart, type ChartSeries } from "@/components/charts/time-series-chart";
import { PriorityBadge, SeverityBadge } from "@/components/incidents/badges";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { sloCells, sloSummaryText, type TeamReport, type Timeliness } from "@/lib/readiness";
import { ChartNoData, ReportBarChart } from "./bar-chart";

const pct = (v: number | null, digits = 1) => (v === null ? "—" : `${(v * 100).toFixed(digits)} %`);
const count = (n: number) => n.toLocaleString("en-US");
const day = (iso: string) => iso.slice(0, 10);
const TIMELINESS: Record<Timeliness, { label: string; tone: BadgeTone }> = {
  on_time: { label: "on time", tone: "success" },
  late: { label: "late", tone: "warning" },
  missing: { label: "missing", tone: "danger" },
  pending: { label: "due later", tone: "info" },
  unresolved: { label: "unresolved", tone: "neutral" },
  not_required: { label: "not required", tone: "neutral" },
};
const MAX_DAILY_SERIES = 6;

function Stat({
  label,
  value,
  hint,
  tone,
}: {
  label: string;
  value: string | number;
  hint?: string;
  tone?: "danger" | "warning";
}) {
  return (
    <div className={`report-stat${tone ? ` report-stat-${tone}` : ""}`}>
      <div className="report-stat-value">{value}</div>
      <div className="report-stat-label">{label}</div>
      {hint ? <div className="small muted">{hint}</div> : null}
    </div>
  );
}

export function ReportView({ report: r }: { report: TeamReport }) {
  const slos = r.services.flatMap((s) => s.slos.map((o) => ({ service: s, slo: o })));
  const frozenDays = slos.reduce((n, x) => n + x.slo.daysFrozen, 0);
  const shifts = r.oncall.schedules.reduce((n, s) => n + s.shifts.length, 0);
  const sleep = r.oncall.schedules.reduce((n, s) => n + s.sleepHourPages, 0);
  const summary = r.sloSummary;
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
    <div className="report stack">
      <section className="report-stats" aria-label="Summary">
        <Stat
          label="SLOs"
          value={slos.length}
          hint={sloSummaryText(summary)}
          tone={
            summary.overspent > 0
              ? "danger"
              : summary.noData + summary.pendingSignOff > 0 || (summary.slos > 0 && summary.reported === 0)
                ? "warning"
                : undefined
          }
        />
        <Stat
          label="Frozen SLO-days"
          value={frozenDays}
          hint={`over ${r.period.days} days`}
          tone={frozenDays > 0 ? "warning" : undefined}
        />
        <Stat
          label="Incidents"
          value={r.incidents.total}
          hint={
            r.incidents.bySeverity
              .filter((s) => s.count)
              .map((s) => `${s.count} ${s.severity}`)
              .join(", ") || "none"
          }
        />
        <Stat
          label="Postmortems on time"
          value={`${r.postmortems.on_time} / ${r.postmortems.required}`}
          hint={`${r.postmortems.late} late, ${r.postmortems.missing} missing`}
          tone={r.postmortems.missing + r.postmortems.late > 0 ? "danger" : undefined}
        />
        <Stat
          label="Action items overdue"
          value={r.actionItems.overdue}
          hint={`${r.actionItems.opened} opened, ${r.actionItems.closed} closed`}
          tone={r.actionItems.overdueHighPriority > 0 ? "danger" : undefined}
        />
        <Stat
          label="Pages through on-call"
          value={r.oncall.schedules.reduce((n, s) => n + s.pages, 0)}
          hint={`${shifts} shifts, ${sleep} in sleep hours`}
          tone={sleep > 0 ? "warning" : undefined}
        />
      </section>

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

      <Card title="Incidents" id="report-incidents">
        {r.incidents.total === 0 ? (
          <p className="muted">No incident started in this period.</p>
        ) : (
          <div className="report-split">
            <ReportBarChart
              title="Incidents by severity"
              unit="count"
              height={160}
              bars={r.incidents.bySeverity.map((s) => ({
                label: s.severity,
                value: s.count,
                tone: s.severity === "SEV-1" ? "danger" : s.severity === "SEV-2" ? "warning" : "accent",
              }))}
            />
            <Table caption="Incidents of the period">
              <thead>
                <tr>
                  <Th>Incident</Th>
                  <Th>Severity</Th>
                  <Th>Started</Th>
                  <Th>Services</Th>
                  <Th className="num">Budget impact</Th>
                  <Th>Postmortem</Th>
                </tr>
              </thead>
              <tbody>
                {r.incidents.items.map((i) => (
                  <tr key={i.number}>
                    <Td>
                      <Link href={`/incidents/${i.number}`} className="mono">
                        INC-{i.number}
                      </Link>{" "}
                      {i.title}
                    </Td>
                    <Td>
                      <SeverityBadge severity={i.severity} />
                    </Td>
                    <Td className="nowrap">{day(i.startedAt)}</Td>
                    <Td className="mono small">{i.services.join(", ") || "—"}</Td>
                    <Td
                      className="num"
                      title={i.impacts.map((x) => `${x.serviceSlug}/${x.sloName}: ${pct(x.budgetConsumed)}`).join("\n")}
                    >
                      {i.impacts.length ? pct(i.budgetConsumed) : "—"}
                    </Td>
                    <Td>
                      <Badge tone={TIMELINESS[i.postmortem.timeliness].tone}>
                        {TIMELINESS[i.postmortem.timeliness].label}
                      </Badge>
                      {i.postmortem.dueAt ? <div className="small muted">due {day(i.postmortem.dueAt)}</div> : null}
                    </Td>
                  </tr>
                ))}
              </tbody>
            </Table>
          </div>
        )}
      </Card>

      <div className="grid-2 report-pair">
        <Card title="Postmortems" id="report-postmortems">
          <p className="small muted">
            SEV-1/2 postmortems are due 5 business days after resolution in the owning team&apos;s zone.
          </p>
          <dl className="report-counts">
            {(["required", "on_time", "late", "missing", "pending", "unresolved"] as const).map((k) => (
              <div key={k}>
                <dt>{k === "required" ? "required" : TIMELINESS[k].label}</dt>
                <dd>{r.postmortems[k]}</dd>
              </div>
            ))}
          </dl>
        </Card>
        <Card title="Action items" id="report-action-items">
          <dl className="report-counts">
            <div>
              <dt>opened</dt>
              <dd>{r.actionItems.opened}</dd>
            </div>
            <div>
              <dt>closed</dt>
              <dd>{r.actionItems.closed}</dd>
            </div>
            <div>
              <dt>won&apos;t do</dt>
              <dd>{r.actionItems.wontDo}</dd>
            </div>
            <div>
              <dt>overdue at the end</dt>
              <dd>{r.actionItems.overdue}</dd>
            </div>
          </dl>
          {r.actionItems.overdueItems.length ? (
            <ul className="report-list" aria-label="Overdue action items">
              {r.actionItems.overdueItems.map((a) => (
                <li key={a.id}>
                  <PriorityBadge priority={a.priority} /> {a.title}{" "}
                  <span className="small muted">
                    due {a.dueDate} ({a.dueTimezone})
                  </span>
                </li>
              ))}
            </ul>
          ) : null}
        </Card>
      </div>

      <Card title="On-call load" id="report-oncall">
        <p className="small muted">
          {r.oncall.pagesForTeamServices} page(s) opened for the team&apos;s services. Per schedule: shifts from the
          final timeline; a page counts for the person it reached through that schedule; sleep hours 22:00–07:00 on the
          schedule&apos;s clock.
        </p>
        {r.oncall.schedules.length === 0 ? (
          <p className="muted">
            The team has no on-call schedule. <Link href="/oncall/schedules/new">Create one</Link>.
          </p>
        ) : (
          r.oncall.schedules.map((s) => (
            <div key={s.id} className="report-schedule">
              <h3>
                <Link href={`/oncall/schedules/${s.id}`}>{s.name}</Link>{" "}
                <span className="small muted">({s.timezone})</span>
              </h3>
              <div className="report-split">
                <ReportBarChart
                  title={`Pages per shift (limit ${s.limitPerShift})`}
                  unit="count"
                  height={160}
                  reference={{ y: s.limitPerShift, label: "limit" }}
                  bars={s.shifts.map((x) => ({
                    label: `${x.user.name.split(" ")[0]} ${day(x.start).slice(5)}`,
                    value: x.pages,
                    tone: x.pages > s.limitPerShift ? "danger" : x.sleepHourPages ? "warning" : "accent",
                  }))}
                />
                <Table caption={`On-call load of ${s.name} per person`}>
                  <thead>
                    <tr>
                      <Th>Person</Th>
                      <Th className="num">Shifts</Th>
                      <Th className="num">Hours</Th>
                      <Th className="num">Pages</Th>
                      <Th className="num">Sleep-hour pages</Th>
                    </tr>
                  </thead>
                  <tbody>
                    {s.people.map((p) => (
                      <tr key={p.user.id}>
                        <Td>{p.user.name}</Td>
                        <Td className="num">{p.shifts}</Td>
                        <Td className="num">{Math.round(p.hoursOnCall)}</Td>
                        <Td className="num">{p.pages}</Td>
                        <Td className="num">{p.sleepHourPages}</Td>
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr className="scorecard-rollup">
                      <Td>All</Td>
                      <Td className="num">{s.shifts.length}</Td>
                      <Td />
                      <Td className="num">
                        {s.pages} ({s.pagesPerShift === null ? "—" : s.pagesPerShift.toFixed(2)}/shift)
                      </Td>
                      <Td className="num">{s.sleepHourPages}</Td>
                    </tr>
                  </tfoot>
                </Table>
              </div>
            </div>
          ))
        )}
      </Card>

      <Card title="How these numbers are computed" id="report-definitions">
        <dl className="details small">
          {Object.entries(r.definitions).map(([k, v]) => (
            <div key={k} className="details-row">
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      </Card>
    </div>
  );
}
