import { Card } from "@/components/ui/card";
import { sloSummaryText, type TeamReport } from "@/lib/readiness";
import { ReportFollowUps } from "./report-follow-ups";
import { ReportIncidents } from "./report-incidents";
import { ReportOncall } from "./report-oncall";
import { ReportSlos } from "./report-slos";

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

/** A team's readiness report for a period: the summary figures, then one card per area. */
export function ReportView({ report: r }: { report: TeamReport }) {
  const slos = r.services.flatMap((s) => s.slos.map((o) => ({ service: s, slo: o })));
  const frozenDays = slos.reduce((n, x) => n + x.slo.daysFrozen, 0);
  const shifts = r.oncall.schedules.reduce((n, s) => n + s.shifts.length, 0);
  const sleep = r.oncall.schedules.reduce((n, s) => n + s.sleepHourPages, 0);
  const summary = r.sloSummary;

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
      <ReportSlos report={r} />
      <ReportIncidents incidents={r.incidents} />
      <ReportFollowUps report={r} />
      <ReportOncall oncall={r.oncall} />

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
