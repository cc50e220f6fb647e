import "server-only";
import { getDb } from "@/lib/db";
import { stepTargets } from "@/lib/db/repos/escalation-policies";
import { parseBudgetTriggerColumn } from "@/lib/db/repos/postmortems";
import { hasBudgetTriggerActionItem } from "@/lib/postmortem";
import { HIGH_PRIORITIES, POSTMORTEM_LOOKBACK_DAYS, type ServiceFacts } from "@/lib/readiness";
import { runbookCoverage, type RunbookHead } from "@/lib/slo/runbook";
import { loadScheduleModels } from "../oncall/model";
import { actionItemDue, incidentPostmortemDue } from "../read-fields";

// Reads (never writes) everything the readiness checks look at, for many services at once: five queries
// whatever the number of services. The on-call rows become lib/oncall inputs through the on-call
// services' own mapper (lib/services/oncall/model.ts), so the scorecard sees the schedule exactly as
// the on-call pages do.

const DAY_MS = 86_400_000;
const SEVERE = ["SEV-1", "SEV-2"];

// The newest version of each (tier) runbook of an SLO: an in-app runbook counts when one has text.
const RUNBOOK_HEADS = {
  orderBy: { version: "desc" as const },
  distinct: ["tier"] as "tier"[],
  select: { tier: true, body: true },
};
/** Whether the budget policy made the incident's postmortem required (Postmortem.budgetTrigger, parsed). */
const triggered = (pm: { id: string; budgetTrigger: unknown } | null) =>
  pm !== null && parseBudgetTriggerColumn(pm.id, pm.budgetTrigger) !== null;
const hasInAppRunbook = (heads: RunbookHead[]) => runbookCoverage(heads) === "all" || runbookCoverage(heads).length > 0;

export async function loadServiceFacts(
  filter: { teamIds?: string[]; serviceIds?: string[] },
  nowMs: number,
): Promise<ServiceFacts[]> {
  const db = await getDb();
  const services = await db.service.findMany({
    where: {
      ...(filter.teamIds ? { teamId: { in: filter.teamIds } } : {}),
      ...(filter.serviceIds ? { id: { in: filter.serviceIds } } : {}),
    },
    select: {
      id: true,
      slug: true,
      name: true,
      tier: true,
      team: {
        select: {
          slug: true,
          name: true,
          timezone: true,
          budgetPolicy: { select: { agreedBy: true, agreedAt: true } },
        },
      },
      budgetPolicy: { select: { agreedBy: true, agreedAt: true } },
      escalationPolicy: {
        select: { id: true, name: true, steps: { orderBy: { position: "asc" }, select: { id: true, targets: true } } },
      },
      slos: {
        orderBy: { name: "asc" },
        select: {
          id: true,
          name: true,
          alerting: true,
          runbookUrl: true,
          versions: { orderBy: { number: "desc" }, select: { number: true, status: true, reviewedAt: true } },
          runbooks: RUNBOOK_HEADS,
        },
      },
    },
    orderBy: [{ team: { slug: "asc" } }, { slug: "asc" }],
  });
  const ids = services.map((s) => s.id);
  const stepsOf = new Map(
    services.map((s) => [s.id, s.escalationPolicy?.steps.map((st) => ({ targets: stepTargets(st) })) ?? []]),
  );
  const scheduleIds = [
    ...new Set(
      [...stepsOf.values()]
        .flat()
        .flatMap((st) => st.targets.flatMap((t) => (t.kind === "schedule" ? [t.scheduleId] : []))),
    ),
  ];
  const [models, incidentLinks, items] = await Promise.all([
    scheduleIds.length ? loadScheduleModels(db, scheduleIds) : Promise.resolve([]),
    db.incidentService.findMany({
      // SEV-1/2, and any severity the budget policy made postmortem-worthy (checked below: JSON column).
      where: {
        serviceId: { in: ids },
        incident: { resolvedAt: { gte: new Date(nowMs - POSTMORTEM_LOOKBACK_DAYS * DAY_MS) } },
      },
      select: {
        serviceId: true,
        incident: {
          select: {
            ...incidentPostmortemDue,
            postmortem: { select: { id: true, publishedAt: true, budgetTrigger: true } },
            actionItems: { select: { priority: true, status: true } },
          },
        },
      },
    }),
    db.actionItem.findMany({
      where: {
        priority: { in: [...HIGH_PRIORITIES] },
        status: { in: ["open", "in_progress"] },
        OR: [
          { serviceId: { in: ids } },
          { serviceId: null, incident: { services: { some: { serviceId: { in: ids } } } } },
        ],
      },
      select: {
        ...actionItemDue,
        serviceId: true,
        incident: { select: { number: true, services: { select: { serviceId: true } } } },
      },
      orderBy: [{ dueDate: "asc" }, { id: "asc" }],
    }),
  ]);
  const schedules = models.map((m) => ({
    id: m.schedule.id,
    name: m.schedule.name,
    schedule: m.domain,
    overrides: m.domainOverrides,
  }));
  const policyFacts = (p: { agreedBy: string; agreedAt: Date | null } | null) =>
    p ? { agreedBy: p.agreedBy, agreedAtMs: p.agreedAt?.getTime() ?? null } : null;

  return services.map((s) => {
    const steps = stepsOf.get(s.id)!;
    const mine = new Set(
      steps.flatMap((st) => st.targets.flatMap((t) => (t.kind === "schedule" ? [t.scheduleId] : []))),
    );
    return {
      service: { slug: s.slug, name: s.name, tier: s.tier },
      team: { slug: s.team.slug, name: s.team.name, timezone: s.team.timezone },
      slos: s.slos.map((o) => ({
        id: o.id,
        name: o.name,
        alerting: o.alerting,
        runbookUrl: o.runbookUrl,
        inAppRunbook: hasInAppRunbook(o.runbooks),
        versions: o.versions.map((v) => ({
          number: v.number,
          status: v.status,
          reviewedAtMs: v.reviewedAt?.getTime() ?? null,
        })),
        dataInWindow: null,
      })),
      ownPolicy: policyFacts(s.budgetPolicy),
      teamPolicy: policyFacts(s.team.budgetPolicy),
      escalation: s.escalationPolicy ? { id: s.escalationPolicy.id, name: s.escalationPolicy.name, steps } : null,
      schedules: schedules.filter((x) => mine.has(x.id)),
      incidents: incidentLinks
        .filter(
          (l) => l.serviceId === s.id && (SEVERE.includes(l.incident.severity) || triggered(l.incident.postmortem)),
        )
        .map(({ incident: i }) => ({
          number: i.number,
          title: i.title,
          severity: i.severity,
          resolvedAtMs: i.resolvedAt?.getTime() ?? null,
          timezone: i.team.timezone,
          publishedAtMs: i.postmortem?.publishedAt?.getTime() ?? null,
          ...(triggered(i.postmortem)
            ? { budgetPolicy: { actionItemMet: hasBudgetTriggerActionItem(i.actionItems) } }
            : {}),
        }))
        .sort((a, b) => a.number - b.number),
      actionItems: items
        .filter(
          (a) =>
            a.serviceId === s.id || (a.serviceId === null && a.incident?.services.some((x) => x.serviceId === s.id)),
        )
        .map((a) => ({
          id: a.id,
          title: a.title,
          priority: a.priority,
          status: a.status,
          dueDate: a.dueDate,
          dueTimezone: a.dueTimezone,
          incidentNumber: a.incident?.number ?? null,
        })),
    };
  });
}
