import Link from "next/link";
import { Card } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import type { TeamReport } from "@/lib/readiness";
import { ReportBarChart } from "./bar-chart";
import { day } from "./report-format";

/** The on-call load of the team's schedules: pages per shift against the limit, per person, in sleep hours. */
export function ReportOncall({ oncall }: { oncall: TeamReport["oncall"] }) {
  return (
    <Card title="On-call load" id="report-oncall">
      <p className="small muted">
        {oncall.pagesForTeamServices} page(s) opened for the team&apos;s services. Per schedule: shifts from the final
        timeline; a page counts for the person it reached through that schedule; sleep hours 22:00–07:00 on the
        schedule&apos;s clock.
      </p>
      {oncall.schedules.length === 0 ? (
        <p className="muted">
          The team has no on-call schedule. <Link href="/oncall/schedules/new">Create one</Link>.
        </p>
      ) : (
        oncall.schedules.map((s) => (
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
  );
}
