import Link from "next/link";
import { SeverityBadge } from "@/components/incidents/badges";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import type { TeamReport } from "@/lib/readiness";
import { ReportBarChart } from "./bar-chart";
import { day, pct, TIMELINESS } from "./report-format";

/** The incidents started in the period: by severity, each with its budget impact and postmortem timeliness. */
export function ReportIncidents({ incidents }: { incidents: TeamReport["incidents"] }) {
  return (
    <Card title="Incidents" id="report-incidents">
      {incidents.total === 0 ? (
        <p className="muted">No incident started in this period.</p>
      ) : (
        <div className="report-split">
          <ReportBarChart
            title="Incidents by severity"
            unit="count"
            height={160}
            bars={incidents.bySeverity.map((s) => ({
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
              {incidents.items.map((i) => (
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
  );
}
