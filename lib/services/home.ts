import "server-only";
import { getDb } from "@/lib/db";
import { unacknowledgedSinceMs } from "@/lib/db/repos/page-events";
import { parseBudgetTriggerColumn } from "@/lib/db/repos/postmortems";
import { assertCanRead, isAdmin, type Actor } from "@/lib/auth/permissions";
import { actionItemDueAtMs, actionItemOverdue } from "@/lib/postmortem";
import { postmortemTimeliness } from "@/lib/readiness";
import type { HomeView } from "@/lib/validation/views/reports";
import { gettingStartedFor } from "./readiness/home-getting-started";
import { oncallNow } from "./readiness/home-oncall";
import { slosNeedingAttention } from "./readiness/home-slos";
import { actionItemDue, incidentHeadline, incidentPostmortemDue } from "./read-fields";

// The home page: what needs attention in my teams (admins: every team). Read-only. Each list is capped at
// LIMIT items, ordered worst/oldest first, with its total; each item links to the page where it is handled.

const LIMIT = 50;
const DAY_MS = 86_400_000;
const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

export async function homeFor(actor: Actor, nowMs = Date.now()): Promise<HomeView> {
  assertCanRead(actor);
  const db = await getDb();
  const all = isAdmin(actor);
  const teams = await db.team.findMany({
    where: all ? {} : { id: { in: actor.teamIds } },
    select: { id: true, slug: true, name: true },
    orderBy: { slug: "asc" },
  });
  const teamIds = teams.map((t) => t.id);
  const inMyTeams = {
    OR: [{ teamId: { in: teamIds } }, { services: { some: { service: { teamId: { in: teamIds } } } } }],
  };
  const openIncidentWhere = { status: { in: ["investigating", "mitigated"] }, ...inMyTeams };
  const openPageWhere = {
    status: { in: ["triggered", "acknowledged"] },
    OR: [
      { service: { teamId: { in: teamIds } } },
      {
        policyId: {
          in: (await db.escalationPolicy.findMany({ where: { teamId: { in: teamIds } }, select: { id: true } })).map(
            (p) => p.id,
          ),
        },
      },
    ],
  };
  // Overdue needs each item's own zone: narrow in SQL (a local date is at most a day after the UTC date).
  const tomorrowUtc = new Date(nowMs + DAY_MS).toISOString().slice(0, 10);

  const [gettingStarted, slos, oncall, incidents, incidentCount, pages, pageCount, unpublished, items] =
    await Promise.all([
      gettingStartedFor(),
      slosNeedingAttention(teamIds),
      oncallNow(teamIds, nowMs),
      db.incident.findMany({
        where: openIncidentWhere,
        select: {
          ...incidentHeadline,
          services: { select: { service: { select: { slug: true } } } },
        },
        orderBy: [{ severity: "asc" }, { createdAt: "asc" }],
        take: LIMIT,
      }),
      db.incident.count({ where: openIncidentWhere }),
      db.page.findMany({
        where: openPageWhere,
        select: {
          id: true,
          title: true,
          severity: true,
          status: true,
          openedAt: true,
          service: { select: { slug: true } },
          events: { where: { kind: "exhausted" }, select: { id: true, at: true, detail: true }, take: 1 },
        },
        orderBy: [{ status: "desc" }, { openedAt: "asc" }],
        take: LIMIT,
      }),
      db.page.count({ where: openPageWhere }),
      db.incident.findMany({
        where: {
          resolvedAt: { not: null },
          AND: [inMyTeams, { OR: [{ postmortem: { is: null } }, { postmortem: { is: { publishedAt: null } } }] }],
        },
        select: {
          ...incidentPostmortemDue,
          postmortem: { select: { id: true, status: true, dueAt: true, budgetTrigger: true } },
        },
      }),
      db.actionItem.findMany({
        where: {
          status: { in: ["open", "in_progress"] },
          dueDate: { not: null, lt: tomorrowUtc },
          OR: [{ service: { teamId: { in: teamIds } } }, { serviceId: null, incident: { teamId: { in: teamIds } } }],
        },
        select: {
          ...actionItemDue,
          incident: { select: { number: true } },
          service: { select: { slug: true } },
        },
        orderBy: [{ priority: "asc" }, { dueDate: "asc" }],
      }),
    ]);

  const dueList = unpublished
    .map((i) => {
      const budgetPolicy =
        !!i.postmortem && parseBudgetTriggerColumn(i.postmortem.id, i.postmortem.budgetTrigger) !== null;
      const t = postmortemTimeliness({
        severity: i.severity,
        resolvedAtMs: i.resolvedAt!.getTime(),
        timezone: i.team.timezone,
        publishedAtMs: null,
        nowMs,
        required: budgetPolicy,
      });
      // A SEV-3 made required by a trigger carries its own stored deadline.
      const dueAtMs = t.dueAtMs ?? i.postmortem?.dueAt?.getTime() ?? null;
      if (dueAtMs === null) return null;
      const status: "pending" | "missing" = nowMs > dueAtMs ? "missing" : "pending";
      return {
        number: i.number,
        key: `INC-${i.number}`,
        title: i.title,
        severity: i.severity,
        status,
        dueAt: new Date(dueAtMs).toISOString(),
        postmortemStatus: i.postmortem?.status ?? null,
        budgetPolicy,
        href: `/incidents/${i.number}/postmortem`,
      };
    })
    .filter((x): x is NonNullable<typeof x> => x !== null)
    .sort((a, b) => a.dueAt.localeCompare(b.dueAt));
  const overdue = items.filter((a) =>
    actionItemOverdue({ status: a.status as "open", dueDate: a.dueDate, dueTimezone: a.dueTimezone }, nowMs),
  );

  return {
    generatedAt: new Date(nowMs).toISOString(),
    scope: all ? "all" : "mine",
    teams: teams.map((t) => ({ slug: t.slug, name: t.name })),
    slos,
    oncall,
    incidents: {
      total: incidentCount,
      items: incidents.map((i) => ({
        number: i.number,
        key: `INC-${i.number}`,
        title: i.title,
        severity: i.severity,
        status: i.status,
        startedAt: (i.impactStartAt ?? i.detectedAt ?? i.createdAt).toISOString(),
        services: i.services.map((s) => s.service.slug).sort(),
        href: `/incidents/${i.number}`,
      })),
    },
    pages: {
      total: pageCount,
      items: pages.map((p) => ({
        id: p.id,
        title: p.title,
        severity: p.severity,
        status: p.status,
        unacknowledged: p.status === "triggered" && p.events.some((e) => unacknowledgedSinceMs(e) <= nowMs),
        service: p.service?.slug ?? null,
        openedAt: iso(p.openedAt)!,
        href: `/oncall/pages/${p.id}`,
      })),
    },
    postmortems: { total: dueList.length, items: dueList.slice(0, LIMIT) },
    actionItems: {
      total: overdue.length,
      items: overdue.slice(0, LIMIT).map((a) => {
        const dueAt = actionItemDueAtMs({ dueDate: a.dueDate, dueTimezone: a.dueTimezone });
        return {
          id: a.id,
          title: a.title,
          priority: a.priority,
          dueDate: a.dueDate!,
          dueTimezone: a.dueTimezone,
          dueAt: dueAt === null ? null : new Date(dueAt).toISOString(),
          incident: a.incident ? `INC-${a.incident.number}` : null,
          service: a.service?.slug ?? null,
          href: a.incident ? `/incidents/${a.incident.number}` : "/action-items?overdue=true",
        };
      }),
    },
    links: {
      actionItems: "/action-items?overdue=true",
      pages: "/oncall/pages?status=open",
      incidents: "/incidents?status=open",
      scorecard: "/scorecard",
    },
    gettingStarted,
  };
}
