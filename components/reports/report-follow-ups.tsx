import { PriorityBadge } from "@/components/incidents/badges";
import { Card } from "@/components/ui/card";
import type { TeamReport } from "@/lib/readiness";
import { TIMELINESS } from "./report-format";

/** Label/number pairs of a card. */
function Counts({ counts }: { counts: [string, number][] }) {
  return (
    <dl className="report-counts">
      {counts.map(([label, n]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{n}</dd>
        </div>
      ))}
    </dl>
  );
}

/** What followed the incidents: postmortems against their due dates, and action items. */
export function ReportFollowUps({ report: r }: { report: TeamReport }) {
  return (
    <div className="grid-2 report-pair">
      <Card title="Postmortems" id="report-postmortems">
        <p className="small muted">
          SEV-1/2 postmortems are due 5 business days after resolution in the owning team&apos;s zone.
        </p>
        <Counts
          counts={(["required", "on_time", "late", "missing", "pending", "unresolved"] as const).map((k) => [
            k === "required" ? "required" : TIMELINESS[k].label,
            r.postmortems[k],
          ])}
        />
      </Card>
      <Card title="Action items" id="report-action-items">
        <Counts
          counts={[
            ["opened", r.actionItems.opened],
            ["closed", r.actionItems.closed],
            ["won't do", r.actionItems.wontDo],
            ["overdue at the end", r.actionItems.overdue],
          ]}
        />
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
  );
}
