import "server-only";
import type { Db } from "@/lib/db";
import { localDateOf } from "@/lib/postmortem";
import { MITIGATED_BEFORE_RESOLVED } from "@/lib/demo/traffic";

// The rows the readiness demo (demo-extended.ts) writes, each found by its natural key before it is created,
// so that loading the demo twice changes nothing.

export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
export const DAY = 86_400_000;
export const HOUR = 3_600_000;
export const ratio = (service: string) => ({
  kind: "ratio",
  total: `http_requests_total{service="${service}"}`,
  bad: `http_requests_total{service="${service}",code=~"5.."}`,
});
const rolling30 = { kind: "rolling", days: 30 };

/** The demo organisation's teams, services and people (lib/services/demo.ts creates them). */
export async function ids(tx: Tx) {
  const teams = await tx.team.findMany({ where: { slug: { in: ["commerce", "discovery"] } } });
  const services = await tx.service.findMany({
    where: { slug: { in: ["checkout", "payments", "search", "recommendations"] } },
  });
  const users = await tx.user.findMany({
    where: { email: { in: ["alice@example.com", "bob@example.com", "dana@example.com"] } },
  });
  const team = (slug: string) => teams.find((t) => t.slug === slug)!;
  const service = (slug: string) => services.find((s) => s.slug === slug)!;
  const user = (email: string) => users.find((u) => u.email === email)!;
  return {
    commerce: team("commerce"),
    discovery: team("discovery"),
    checkout: service("checkout"),
    payments: service("payments"),
    search: service("search"),
    recommendations: service("recommendations"),
    alice: user("alice@example.com"),
    bob: user("bob@example.com"),
    dana: user("dana@example.com"),
  };
}

/** An SLO with version 1 in force since 45 days, signed off the next day by `signedBy` (null: awaiting sign-off). */
export async function slo(
  tx: Tx,
  serviceId: string,
  name: string,
  opts: { runbookUrl: string | null; objective: number; sli: object; signedBy: string | null; nowMs: number },
) {
  const existing = await tx.slo.findUnique({ where: { serviceId_name: { serviceId, name } } });
  if (existing) return existing;
  const signed = opts.signedBy !== null;
  return tx.slo.create({
    data: {
      serviceId,
      name,
      runbookUrl: opts.runbookUrl,
      alerting: true,
      versions: {
        create: {
          number: 1,
          sliKind: "ratio",
          sli: opts.sli,
          objective: opts.objective,
          window: rolling30,
          status: signed ? "active" : "pending",
          effectiveFrom: new Date(opts.nowMs - 45 * DAY),
          createdByLabel: "demo",
          reviewedById: opts.signedBy,
          reviewedAt: signed ? new Date(opts.nowMs - 44 * DAY) : null,
          reviewComment: signed ? "Agreed in the quarterly review" : null,
        },
      },
    },
  });
}

/** An incident found by title and team, else declared with its detection, acknowledgement and mitigation times. */
export async function incident(
  tx: Tx,
  data: {
    title: string;
    severity: string;
    teamId: string;
    serviceId: string;
    impactStartMs: number;
    resolvedMs: number | null;
    summary: string;
  },
) {
  const found = await tx.incident.findFirst({ where: { title: data.title, teamId: data.teamId } });
  if (found) return { row: found, created: false };
  const row = await tx.incident.create({
    data: {
      title: data.title,
      severity: data.severity,
      teamId: data.teamId,
      summary: data.summary,
      status: data.resolvedMs ? "resolved" : "investigating",
      impactStartAt: new Date(data.impactStartMs),
      detectedAt: new Date(data.impactStartMs + 5 * 60_000),
      acknowledgedAt: new Date(data.impactStartMs + 9 * 60_000),
      mitigatedAt: data.resolvedMs ? new Date(data.resolvedMs - MITIGATED_BEFORE_RESOLVED * 1000) : null,
      resolvedAt: data.resolvedMs ? new Date(data.resolvedMs) : null,
      services: { create: [{ serviceId: data.serviceId }] },
      timeline: {
        create: [
          {
            at: new Date(data.impactStartMs + 5 * 60_000),
            kind: "note",
            text: "Alert fired; on-call acknowledged",
            authorLabel: "demo",
          },
        ],
      },
    },
  });
  return { row, created: true };
}

/** An action item of a demo incident, due on the local date of `dueMs` in `timezone`. */
export function actionItem(
  tx: Tx,
  item: {
    incidentId: string;
    serviceId: string;
    ownerId: string;
    timezone: string;
    title: string;
    priority: string;
    type: string;
    dueMs: number;
    status?: string;
    completedAt?: Date;
  },
) {
  return tx.actionItem.create({
    data: {
      incidentId: item.incidentId,
      serviceId: item.serviceId,
      title: item.title,
      priority: item.priority,
      type: item.type,
      ownerId: item.ownerId,
      dueDate: localDateOf(item.dueMs, item.timezone),
      dueTimezone: item.timezone,
      status: item.status,
      completedAt: item.completedAt,
    },
  });
}

/**
 * A page of `service` (alert `title`) opened at `atMs` and sent to `userId` by step 0 (`notified`: the
 * schedules it reached); a resolved one was acknowledged by that user 4 minutes later and resolved by
 * Alertmanager an hour after opening. Looked up by `groupKey`; answers whether it was created.
 */
export async function page(
  tx: Tx,
  p: {
    groupKey: string;
    service: { id: string; slug: string };
    policyId: string;
    title: string;
    atMs: number;
    userId: string;
    notified: { scheduleIds: string[]; bySchedule: Record<string, string[]> };
    resolved: boolean;
  },
): Promise<boolean> {
  if (await tx.page.findFirst({ where: { groupKey: p.groupKey } })) return false;
  const at = new Date(p.atMs);
  const acknowledgedAt = new Date(p.atMs + 4 * 60_000);
  const resolvedAt = new Date(p.atMs + HOUR);
  const row = await tx.page.create({
    data: {
      groupKey: p.groupKey,
      ...(p.resolved
        ? {
            status: "resolved",
            acknowledgedAt,
            acknowledgedById: p.userId,
            resolvedAt,
            resolvedBy: "alertmanager",
          }
        : { status: "triggered", openKey: `demo:${p.groupKey}` }),
      serviceId: p.service.id,
      policyId: p.policyId,
      title: p.title,
      severity: "page",
      openedAt: at,
      notifiedUserIds: [p.userId],
      labels: { alertname: p.title, service: p.service.slug, severity: "page" },
    },
  });
  await tx.pageEvent.createMany({
    data: [
      { pageId: row.id, at, kind: "opened" },
      { pageId: row.id, at, kind: "notified", userIds: [p.userId], step: 0, detail: p.notified },
      ...(p.resolved
        ? [
            { pageId: row.id, at: acknowledgedAt, kind: "acknowledged", userIds: [p.userId] },
            { pageId: row.id, at: resolvedAt, kind: "resolved" },
          ]
        : []),
    ],
  });
  return true;
}
