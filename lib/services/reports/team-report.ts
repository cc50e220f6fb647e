import "server-only";
import { getDb } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { assertCanRead, type Actor } from "@/lib/auth/permissions";
import {
  actionItemPeriodStats,
  parsePeriod,
  REPORT_DEFINITIONS,
  reportToCsv,
  reportToMarkdown,
  summarizeSlos,
  type TeamReport,
} from "@/lib/readiness";
import type { TeamReportQuery } from "@/lib/validation/reports";
import type { TeamReportView } from "@/lib/validation/views/team-report";
import { periodIncidents } from "./incidents";
import { periodOncallLoad } from "./oncall-load";
import { sloFigures } from "./slo-figures";
import { actionItemDue } from "../read-fields";

// The manager report of one team over a calendar month or quarter in a time zone (default: the team's).
// Read-only; every viewer may read any team's report. Figures are computed up to min(period end, now).

export async function teamReport(
  actor: Actor,
  slug: string,
  q: Pick<TeamReportQuery, "period" | "tz">,
  nowMs = Date.now(),
): Promise<TeamReport> {
  assertCanRead(actor);
  const db = await getDb();
  const team = await db.team.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      name: true,
      timezone: true,
      services: { select: { id: true, slug: true, name: true, tier: true }, orderBy: { slug: "asc" } },
    },
  });
  if (!team) throw notFound(`team "${slug}"`);
  let period;
  try {
    period = parsePeriod(q.period, q.tz ?? team.timezone);
  } catch (err) {
    // parsePeriod throws an Error saying which (an unknown time zone or a malformed period)
    if (!(err instanceof Error)) throw err;
    const field = /time zone/.test(err.message) ? "tz" : "period";
    throw new AppError("VALIDATION", err.message, { [field]: err.message });
  }
  if (period.startMs > nowMs)
    throw new AppError("VALIDATION", `period ${q.period} has not started yet`, { period: "has not started yet" });
  const untilMs = Math.min(period.endMs, nowMs);
  const serviceIds = team.services.map((s) => s.id);

  const [services, incidentPart, oncall, items] = await Promise.all([
    sloFigures(team.services, period, untilMs),
    periodIncidents(team.id, serviceIds, period, untilMs, nowMs),
    periodOncallLoad(team.id, serviceIds, period, untilMs),
    db.actionItem.findMany({
      where: {
        OR: [{ serviceId: { in: serviceIds } }, { serviceId: null, incident: { teamId: team.id } }],
        createdAt: { lt: new Date(untilMs) },
      },
      select: {
        ...actionItemDue,
        createdAt: true,
        completedAt: true,
        updatedAt: true,
      },
    }),
  ]);
  // Each SLO's share of the budget consumed by the period's incidents (from the postmortems' snapshots).
  for (const s of services) {
    for (const slo of s.slos) {
      slo.incidentBudgetConsumed = incidentPart.incidents.items.reduce(
        (sum, i) => sum + i.impacts.filter((x) => x.sloId === slo.id).reduce((n, x) => n + (x.budgetConsumed ?? 0), 0),
        0,
      );
    }
  }
  const stats = actionItemPeriodStats(
    items.map((i) => ({
      id: i.id,
      title: i.title,
      priority: i.priority,
      status: i.status,
      dueDate: i.dueDate,
      dueTimezone: i.dueTimezone,
      createdAtMs: i.createdAt.getTime(),
      completedAtMs: i.completedAt?.getTime() ?? null,
      updatedAtMs: i.updatedAt.getTime(),
    })),
    period.startMs,
    untilMs,
  );
  return {
    team: { slug: team.slug, name: team.name, timezone: team.timezone },
    period: {
      key: period.key,
      kind: period.kind,
      timezone: period.timezone,
      start: new Date(period.startMs).toISOString(),
      end: new Date(period.endMs).toISOString(),
      firstDay: period.days[0]!.date,
      lastDay: period.days[period.days.length - 1]!.date,
      evaluatedUntil: new Date(untilMs).toISOString(),
      partial: untilMs < period.endMs,
      days: period.days.length,
    },
    generatedAt: new Date(nowMs).toISOString(),
    services,
    sloSummary: summarizeSlos(services),
    ...incidentPart,
    actionItems: {
      ...stats,
      overdueItems: stats.overdueItems.map(({ dueAtMs, ...o }) => ({ ...o, dueAt: new Date(dueAtMs).toISOString() })),
    },
    oncall,
    definitions: REPORT_DEFINITIONS,
  };
}

export type RenderedReport = { contentType: string; filename: string; body: string } | { json: TeamReportView };

/** The report in the requested format: JSON (the object), CSV or Markdown (text with a file name). */
export async function renderTeamReport(
  actor: Actor,
  slug: string,
  q: TeamReportQuery,
  nowMs = Date.now(),
): Promise<RenderedReport> {
  const report = await teamReport(actor, slug, q, nowMs);
  const base = `reliability-${report.team.slug}-${report.period.key}`;
  if (q.format === "csv")
    return { contentType: "text/csv; charset=utf-8", filename: `${base}.csv`, body: reportToCsv(report) };
  if (q.format === "md")
    return { contentType: "text/markdown; charset=utf-8", filename: `${base}.md`, body: reportToMarkdown(report) };
  return { json: report };
}
