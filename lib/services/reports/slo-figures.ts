import "server-only";
import { getDb } from "@/lib/db";
import {
  dailyBudget,
  earliestWindowStart,
  periodCounts,
  RollupIndex,
  sloState,
  type ReportPeriod,
  type ReportService,
  type SignedVersion,
} from "@/lib/readiness";
import { parseVersionRow } from "@/lib/db/repos/slos";
import { formatWindow } from "@/lib/slo";
import { splitByCorrections } from "@/lib/slo/corrections";
import { effectivePolicy } from "../policy";
import { approvedCorrectionRanges } from "../slo/corrections-counts";

// SLO figures of a report from the hourly rollup table (SloRollup: exact good/total per SLO version and
// UTC hour), never from Prometheus: a past period's numbers do not change when Prometheus forgets them.
// Per SLO one query reads the rollup rows of its signed versions over the period plus the lookback its
// window needs for the end-of-day budgets; lib/readiness sums them per hour from the version in force.

type ServiceRow = { id: string; slug: string; name: string; tier: number };

/** Signed-off versions: "active" (in force now) and "superseded" (in force before); only they have figures. */
const SIGNED: string[] = ["active", "superseded"];
/** A first version awaiting sign-off: its proposed objective is shown, marked pending (never as 0 %). */
const PENDING = "pending";

export async function sloFigures(
  services: ServiceRow[],
  period: ReportPeriod,
  untilMs: number,
): Promise<ReportService[]> {
  const db = await getDb();
  const slos = await db.slo.findMany({
    where: { serviceId: { in: services.map((s) => s.id) } },
    select: { id: true, name: true, serviceId: true, versions: { where: { status: { in: [...SIGNED, PENDING] } } } },
    orderBy: { name: "asc" },
  });
  const policies = new Map(await Promise.all(services.map(async (s) => [s.id, await effectivePolicy(s.id)] as const)));
  const evaluatedDays = period.days.filter((d) => d.startMs < untilMs);
  const corrections = await approvedCorrectionRanges(slos.map((s) => s.id));

  const figures = await Promise.all(
    slos.map(async (slo) => {
      const stored = slo.versions.map(parseVersionRow);
      const versions: SignedVersion[] = stored
        .filter((v) => SIGNED.includes(v.status))
        .map((v) => ({
          id: v.id,
          number: v.number,
          objective: v.objective,
          window: v.window,
          effectiveFromMs: v.effectiveFrom.getTime(),
        }));
      const fromMs = Math.min(period.startMs, earliestWindowStart(versions, evaluatedDays));
      const rows = versions.length
        ? await db.sloRollup.findMany({
            where: {
              versionId: { in: versions.map((v) => v.id) },
              hour: { gte: new Date(fromMs), lt: new Date(untilMs) },
            },
            select: { versionId: true, hour: true, good: true, total: true },
          })
        : [];
      // Hours inside approved corrections are out of every figure (period, daily budgets).
      const hourly = rows.map((r) => ({
        versionId: r.versionId,
        hourMs: r.hour.getTime(),
        good: r.good,
        total: r.total,
      }));
      const index = new RollupIndex(splitByCorrections(hourly, corrections.get(slo.id) ?? []).kept);
      const counts = periodCounts(versions, index, period.startMs, Math.min(period.endMs, untilMs));
      const policy = policies.get(slo.serviceId)!;
      const daily = dailyBudget(versions, index, period.days, untilMs, policy.freezeAtOrBelow);
      const current = [...versions].sort((a, b) => b.number - a.number)[0];
      const proposed = current ? undefined : [...stored].sort((a, b) => b.number - a.number)[0];
      const shown = current ?? proposed;
      return {
        serviceId: slo.serviceId,
        slo: {
          id: slo.id,
          name: slo.name,
          state: sloState(current !== undefined, counts.total),
          objective: shown?.objective ?? 0,
          window: shown ? formatWindow(shown.window) : "no version",
          versions: counts.versions,
          good: counts.good,
          total: counts.total,
          bad: counts.bad,
          sli: counts.sli,
          allowedBad: counts.allowedBad,
          budgetConsumed: counts.budgetConsumed,
          hoursWithData: counts.hoursWithData,
          hoursInPeriod: counts.hoursInRange,
          freezeAtOrBelow: policy.freezeAtOrBelow,
          policyScope: policy.scope,
          daysFrozen: daily.filter((d) => d.frozen).length,
          daysEvaluated: daily.filter((d) => d.evaluated).length,
          incidentBudgetConsumed: 0,
          daily,
        },
      };
    }),
  );
  return services.map((s) => ({
    slug: s.slug,
    name: s.name,
    tier: s.tier,
    slos: figures.filter((f) => f.serviceId === s.id).map((f) => f.slo),
  }));
}
