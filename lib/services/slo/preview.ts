import "server-only";
import { getDb } from "@/lib/db";
import { findServiceRef } from "@/lib/db/repos/catalog";
import { AppError } from "@/lib/errors";
import { assertCanRead, type Actor } from "@/lib/auth/permissions";
import { upstreamError } from "@/lib/prometheus";
import { computeBudget, formatDuration, sliIncreaseQueries, windowBounds, windowLengthSeconds } from "@/lib/slo";
import type { SliInput, WindowInput } from "@/lib/validation/slo";
import type { SloPreviewView } from "@/lib/validation/views/slo-history";
import { prometheusFor } from "./prometheus-source";
import { validateSli } from "./validate-sli";

/** Fewer allowed bad events than this over the window makes every single failure a big share of the budget. */
export const LOW_TRAFFIC_ALLOWED_BAD_EVENTS = 100;

/** The preview's answer: the API view (lib/validation/views/slo-history.ts). */
export type SloPreview = SloPreviewView;

/**
 * What an SLO definition would report, before it is saved (the wizard's live preview): the SLI over
 * the window, events per day, the budget the objective leaves, and what one bad event costs.
 * Invalid PromQL → 422 naming the field; Prometheus down → 503 with the reason.
 */
export async function previewSlo(
  actor: Actor,
  input: { service: string; sli: SliInput; objective: number; window: WindowInput },
  nowMs: number,
): Promise<SloPreview> {
  assertCanRead(actor);
  const db = await getDb();
  const service = await findServiceRef(db, input.service);
  if (!service)
    throw new AppError("VALIDATION", `service "${input.service}" does not exist`, {
      service: `unknown service "${input.service}"`,
    });
  await validateSli(input.sli, service.dataSourceId);
  const bounds = windowBounds(input.window, nowMs);
  const elapsed = Math.max(60, Math.round((bounds.endMs - bounds.startMs) / 1000));
  try {
    const client = await prometheusFor(service.dataSourceId);
    const q = sliIncreaseQueries(input.sli, formatDuration(elapsed));
    const daily = sliIncreaseQueries(input.sli, "1d");
    const startSec = Math.ceil(bounds.startMs / 1000 / 86_400) * 86_400 + 86_400;
    const [good, total, goodDaily, totalDaily] = await Promise.all([
      client.instantVector(q.good, nowMs / 1000),
      client.instantVector(q.total, nowMs / 1000),
      startSec <= nowMs / 1000 ? client.rangeQuery(daily.good, startSec, nowMs / 1000, 86_400) : Promise.resolve([]),
      startSec <= nowMs / 1000 ? client.rangeQuery(daily.total, startSec, nowMs / 1000, 86_400) : Promise.resolve([]),
    ]);
    const counts = { good: good[0]?.value ?? 0, total: total[0]?.value ?? 0 };
    const b = computeBudget({
      objective: input.objective,
      counts,
      windowSeconds: windowLengthSeconds(input.window, nowMs),
    });
    const goodAt = new Map((goodDaily[0]?.values ?? []).map(([t, v]) => [t, v]));
    const series = (totalDaily[0]?.values ?? []).map(([t, v]) => ({
      t: new Date(t * 1000).toISOString(),
      total: v,
      sli: v > 0 ? Math.min(1, (goodAt.get(t) ?? 0) / v) : null,
    }));
    const lowTraffic = b.allowedBadEvents !== null && b.allowedBadEvents < LOW_TRAFFIC_ALLOWED_BAD_EVENTS;
    const warnings: string[] = [];
    if (b.sli === null) warnings.push("No traffic in the window: check the selectors, or the service is idle.");
    if (lowTraffic)
      warnings.push(
        `Low traffic: the objective allows only ${Math.floor(b.allowedBadEvents!)} bad events over the window, so each failure costs ${((1 / b.allowedBadEvents!) * 100).toFixed(2)} % of the budget.`,
      );
    if (b.remaining !== null && b.remaining < 0)
      warnings.push("With this objective the budget of the current window is already exhausted.");
    return {
      sli: b.sli,
      events: { good: counts.total - b.badEvents, bad: b.badEvents, total: counts.total },
      eventsPerDay: counts.total / (elapsed / 86_400),
      budget: {
        ratio: b.budget,
        allowedBadEvents: b.allowedBadEvents,
        downtimeEquivalentSeconds: b.downtimeEquivalentSeconds,
        remaining: b.remaining,
      },
      oneBadEventShare: b.allowedBadEvents ? 1 / b.allowedBadEvents : null,
      lowTraffic,
      warnings,
      series,
      windowStart: new Date(bounds.startMs).toISOString(),
      windowEnd: new Date(bounds.endMs).toISOString(),
    };
  } catch (err) {
    throw upstreamError(err, "the preview");
  }
}
