import "server-only";
import { getDb } from "@/lib/db";
import { postmortemTimeliness, type ReportIncident, type ReportPeriod, type TimelinessCounts } from "@/lib/readiness";
import { SEVERITIES } from "@/lib/postmortem";
import { incidentHeadline } from "../read-fields";

// Incidents of a report: the team's own, or any affecting one of its services, whose impact started in
// the period (else detection, else declaration), with their postmortem's timeliness and budget impact.

type Snapshot = {
  sloId: string;
  sloName: string;
  serviceSlug: string;
  budgetConsumed: number | null;
  computedAt: Date;
  frozen: boolean;
};

/** The snapshots that stand for the postmortem: the frozen (published) set if any, else the latest computation. */
export function standingSnapshots(rows: Snapshot[]): Snapshot[] {
  if (rows.length === 0) return [];
  const frozen = rows.filter((r) => r.frozen);
  const pool = frozen.length ? frozen : rows;
  const latest = Math.max(...pool.map((r) => r.computedAt.getTime()));
  return pool
    .filter((r) => r.computedAt.getTime() === latest)
    .sort((a, b) => a.serviceSlug.localeCompare(b.serviceSlug) || a.sloName.localeCompare(b.sloName));
}

/** Timeliness is judged as of `nowMs` (the report's generation), so a postmortem due after the period still counts. */
export async function periodIncidents(
  teamId: string,
  serviceIds: string[],
  period: ReportPeriod,
  untilMs: number,
  nowMs: number,
) {
  const db = await getDb();
  const range = { gte: new Date(period.startMs), lt: new Date(Math.min(period.endMs, untilMs)) };
  const rows = await db.incident.findMany({
    where: {
      AND: [
        { OR: [{ teamId }, { services: { some: { serviceId: { in: serviceIds } } } }] },
        {
          OR: [
            { impactStartAt: range },
            { impactStartAt: null, detectedAt: range },
            { impactStartAt: null, detectedAt: null, createdAt: range },
          ],
        },
      ],
    },
    select: {
      ...incidentHeadline,
      resolvedAt: true,
      team: { select: { timezone: true } },
      services: { select: { service: { select: { slug: true } } } },
      postmortem: {
        select: {
          publishedAt: true,
          impacts: {
            select: {
              sloId: true,
              sloName: true,
              serviceSlug: true,
              budgetConsumed: true,
              computedAt: true,
              frozen: true,
            },
          },
        },
      },
    },
    orderBy: { number: "asc" },
  });
  const items: ReportIncident[] = rows.map((i) => {
    const started = i.impactStartAt ?? i.detectedAt ?? i.createdAt;
    const t = postmortemTimeliness({
      severity: i.severity,
      resolvedAtMs: i.resolvedAt?.getTime() ?? null,
      timezone: i.team.timezone,
      publishedAtMs: i.postmortem?.publishedAt?.getTime() ?? null,
      nowMs,
    });
    const impacts = standingSnapshots(i.postmortem?.impacts ?? []).map((s) => ({
      sloId: s.sloId,
      sloName: s.sloName,
      serviceSlug: s.serviceSlug,
      budgetConsumed: s.budgetConsumed,
    }));
    return {
      number: i.number,
      title: i.title,
      severity: i.severity,
      status: i.status,
      startedAt: started.toISOString(),
      resolvedAt: i.resolvedAt?.toISOString() ?? null,
      services: i.services.map((s) => s.service.slug).sort(),
      impacts,
      budgetConsumed: impacts.reduce((sum, x) => sum + (x.budgetConsumed ?? 0), 0),
      postmortem: {
        timeliness: t.status,
        dueAt: t.dueAtMs === null ? null : new Date(t.dueAtMs).toISOString(),
        publishedAt: i.postmortem?.publishedAt?.toISOString() ?? null,
      },
    };
  });
  const bySeverity = [...new Set([...SEVERITIES, ...items.map((i) => i.severity)])].map((severity) => {
    const mine = items.filter((i) => i.severity === severity);
    return { severity, count: mine.length, budgetConsumed: mine.reduce((sum, i) => sum + i.budgetConsumed, 0) };
  });
  const postmortems: TimelinessCounts = { required: 0, on_time: 0, late: 0, missing: 0, pending: 0, unresolved: 0 };
  for (const i of items) {
    const s = i.postmortem.timeliness;
    if (s === "not_required") continue;
    postmortems.required += 1;
    postmortems[s] += 1;
  }
  return { incidents: { total: items.length, bySeverity, items }, postmortems };
}
