import "server-only";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { assertCanRead, type Actor } from "@/lib/auth/permissions";
import { isUpstreamFailure } from "@/lib/prometheus";
import { burndownSeries, formatDuration, pickStep, sliIncreaseQueries, windowBounds } from "@/lib/slo";
import { excludeFromSteps } from "@/lib/slo/corrections";
import type { BurndownView } from "@/lib/validation/views/slo-history";
import { excludedCounts } from "./corrections-counts";
import { prometheusFor } from "./prometheus-source";
import { requireSloDef } from "./read-slos";

/** The burndown's answer: the API view (lib/validation/views/slo-history.ts). */
export type Burndown = BurndownView;

/**
 * Remaining error budget across the window: one range query of per-step increases (step keeps the
 * series well under Prometheus's 11,000-point limit, e.g. 1 h for 30 days), cumulated in lib/slo, with
 * the ideal straight burn line. When Prometheus is down, the hourly rollups stand in (stale: true).
 */
export async function getBurndown(
  actor: Actor,
  id: string,
  opts: { fromMs?: number; toMs?: number; nowMs: number },
): Promise<Burndown> {
  assertCanRead(actor);
  const def = await requireSloDef(id);
  const toMs = opts.toMs ?? opts.nowMs;
  const bounds = windowBounds(def.version.window, toMs);
  const windowEndMs = def.version.window.kind === "calendar" ? bounds.periodEndMs : toMs;
  const fromMs = opts.fromMs ?? bounds.startMs;
  if (!(toMs > fromMs)) throw new AppError("VALIDATION", "to must be after from", { to: "must be after from" });
  const step = pickStep((toMs - fromMs) / 1000);
  const alignedFrom = Math.ceil(fromMs / 1000 / step) * step * 1000;
  let points: { t: number; good: number; total: number }[];
  let stale = false;
  let source: Burndown["source"] = "prometheus";
  try {
    const client = await prometheusFor(def.service.dataSourceId);
    const q = sliIncreaseQueries(def.version.sli, formatDuration(step));
    const [good, total] = await Promise.all([
      client.rangeQuery(q.good, alignedFrom / 1000 + step, toMs / 1000, step),
      client.rangeQuery(q.total, alignedFrom / 1000 + step, toMs / 1000, step),
    ]);
    const goodAt = new Map((good[0]?.values ?? []).map(([t, v]) => [t, v]));
    points = (total[0]?.values ?? []).map(([t, v]) => ({ t: t * 1000, good: goodAt.get(t) ?? 0, total: v }));
  } catch (err) {
    if (!isUpstreamFailure(err)) throw err;
    const rows = await (
      await getDb()
    ).sloRollup.findMany({
      where: { versionId: def.version.id, hour: { gte: new Date(fromMs), lt: new Date(toMs) } },
      orderBy: { hour: "asc" },
    });
    points = rows.map((r) => ({ t: r.hour.getTime() + 3_600_000, good: r.good, total: r.total }));
    stale = true;
    source = "rollups";
  }
  // Corrected hours leave the steps through the one exclusion rule (corrections-counts / lib/slo/corrections).
  const db = await getDb();
  const bands = await db.sloCorrection.findMany({
    where: { sloId: id, status: "approved", startsAt: { lt: new Date(toMs) }, endsAt: { gt: new Date(fromMs) } },
    orderBy: { startsAt: "asc" },
  });
  const ranges = bands.map((b) => ({ startMs: b.startsAt.getTime(), endMs: b.endsAt.getTime() }));
  const stepMs = source === "rollups" ? 3_600_000 : step * 1000;
  const hourCounts =
    ranges.length && stepMs > 3_600_000
      ? (
          await excludedCounts(
            [{ key: "b", sloId: id, versionId: def.version.id, fromMs, untilMs: toMs }],
            new Map([[id, ranges]]),
          )
        ).get("b")!.byHour
      : new Map();
  points = excludeFromSteps(points, stepMs, ranges, hourCounts);
  const series = burndownSeries({ points, objective: def.version.objective, windowStartMs: fromMs, windowEndMs });
  return {
    sloId: id,
    from: new Date(fromMs).toISOString(),
    to: new Date(toMs).toISOString(),
    windowStart: new Date(bounds.startMs).toISOString(),
    windowEnd: new Date(windowEndMs).toISOString(),
    stepSeconds: step,
    points: series.map((p) => ({ t: new Date(p.t).toISOString(), remaining: p.remaining, ideal: p.ideal })),
    corrections: bands.map((b) => ({
      id: b.id,
      startsAt: b.startsAt.toISOString(),
      endsAt: b.endsAt.toISOString(),
      category: b.category,
      reason: b.reason,
    })),
    stale,
    source,
  };
}
