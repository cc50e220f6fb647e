import type { Metadata } from "next";
import { Forbidden } from "@/components/forbidden";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { isAdmin } from "@/lib/auth/permissions";
import { listJobQueues, type JobQueueView } from "@/lib/services/jobs-admin";
import { load } from "../../_lib/load";
import { pageActor } from "../../_lib/page-actor";

export const metadata: Metadata = { title: "Background jobs" };
export const dynamic = "force-dynamic";

const every = (s: number | null) =>
  s === null
    ? "on demand"
    : s % 3600 === 0
      ? `every ${s / 3600} h`
      : s % 60 === 0
        ? `every ${s / 60} min`
        : `every ${s} s`;
const when = (iso: string | null) => (iso ? <LocalTime iso={iso} /> : <span className="muted">—</span>);

function health(j: JobQueueView) {
  if (j.failed24h > 0 && (!j.lastCompletedAt || (j.lastFailedAt ?? "") > j.lastCompletedAt))
    return <Badge tone="danger">failing</Badge>;
  if (j.failed24h > 0) return <Badge tone="warning">{`${j.failed24h} failed in 24 h`}</Badge>;
  if (!j.lastCompletedAt) return <Badge tone="neutral">not run yet</Badge>;
  return <Badge tone="success">ok</Badge>;
}

export default async function JobsPage() {
  const actor = await pageActor();
  if (!isAdmin(actor)) return <Forbidden title="Background jobs" message="Only admins can see the background jobs." />;
  const res = await load(() => listJobQueues(actor));
  if (!res.ok) return <Forbidden title="Background jobs" message={res.forbidden} />;
  return (
    <>
      <PageHeader
        title="Background jobs"
        crumbs={[{ href: "/admin", label: "Admin" }]}
        description="Work that runs on the Postgres job queue, once per interval across every app process with SRECP_ROLE worker or both. Runs of the last 24 hours; /api/metrics has srecp_job_* metrics."
      />
      <Card title={`Jobs (${res.data.items.length})`}>
        <Table caption="Background jobs">
          <thead>
            <tr>
              <Th>Job</Th>
              <Th>Schedule</Th>
              <Th>Health</Th>
              <Th>Queued</Th>
              <Th>Running</Th>
              <Th>Runs (24 h)</Th>
              <Th>Last run</Th>
              <Th>Took</Th>
              <Th>Next run</Th>
              <Th>Last failure</Th>
            </tr>
          </thead>
          <tbody>
            {res.data.items.map((j) => (
              <tr key={j.name}>
                <Td>
                  <strong>{j.name}</strong>
                  <div className="muted">{j.description}</div>
                </Td>
                <Td className="nowrap">{every(j.everySeconds)}</Td>
                <Td>{health(j)}</Td>
                <Td>{j.queued}</Td>
                <Td>{j.active}</Td>
                <Td>{j.completed24h}</Td>
                <Td className="nowrap">{when(j.lastCompletedAt)}</Td>
                <Td className="nowrap">{j.lastDurationMs === null ? "—" : `${j.lastDurationMs} ms`}</Td>
                <Td className="nowrap">{when(j.nextRunAt)}</Td>
                <Td>
                  {j.lastFailedAt ? (
                    <>
                      {when(j.lastFailedAt)}
                      <div className="muted">{j.lastError ?? "no message"}</div>
                    </>
                  ) : (
                    <span className="muted">none</span>
                  )}
                </Td>
              </tr>
            ))}
          </tbody>
        </Table>
      </Card>
    </>
  );
}
