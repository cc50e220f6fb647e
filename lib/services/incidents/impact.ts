import "server-only";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { assertCanRead, type Actor } from "@/lib/auth/permissions";
import { upstreamError, type PrometheusClient } from "@/lib/prometheus";
import { incidentImpact, type CountsPoint } from "@/lib/postmortem";
import { formatDuration, pickStep, sliIncreaseQueries, windowBounds, windowLengthSeconds } from "@/lib/slo";
import { findImpactSnapshots, replaceDraftSnapshots } from "@/lib/db/repos/postmortems";
import type { ImpactListView, ImpactRecomputeView } from "@/lib/validation/views/postmortems";
import { recordAudit } from "../audit";
import { prometheusFor } from "../slo/prometheus-source";
import { loadSloDefs, type SloDef } from "../slo/store";
import { assertCanEditIncident } from "./access";
import { latestSnapshots, postmortemScope, snapshotView, type PostmortemRef } from "./postmortem-read";

// Impact of an incident on each SLO of its affected services, computed from Prometheus with the SLO
// engine's PromQL (lib/slo sliIncreaseQueries) and lib/postmortem incidentImpact:
// - window: impact start (else detection) → mitigation (else resolution, else now while ongoing);
// - failed/total: increase() of the SLI's counters over exactly that window, evaluated at its end;
// - peak error ratio: the worst step of per-step increases (step ≥ 5 min, ≤ 1000 points);
// - budget consumed = failed / ((1 − objective) × window total), where window total is the number of
//   events in the SLO window that ends at the incident's end (30 d rolling → increase over [30d]; a
//   calendar window → since its start), measured with one instant query, so it does not depend on the
//   hourly rollups having been filled for that past window.
// Stored as ImpactSnapshot rows with the PromQL, window and computation time; recomputable until the
// postmortem is published, frozen after (409 INVALID_STATE).

const MIN_STEP_SECONDS = 300;

export type ImpactWindow = { fromMs: number; toMs: number; ongoing: boolean };

export function impactWindow(
  i: { impactStartAt: Date | null; detectedAt: Date | null; mitigatedAt: Date | null; resolvedAt: Date | null },
  nowMs: number,
): ImpactWindow {
  const from = i.impactStartAt ?? i.detectedAt;
  if (!from)
    throw new AppError("VALIDATION", "Set the impact start (or detection) instant before computing the impact", {
      impactStartAt: "is needed to compute the impact",
    });
  const end = i.mitigatedAt ?? i.resolvedAt;
  const toMs = end ? end.getTime() : nowMs;
  if (!(toMs > from.getTime()))
    throw new AppError("VALIDATION", "The impact window is empty: its end is not after its start", {
      mitigatedAt: "must be after the impact start",
    });
  return { fromMs: from.getTime(), toMs, ongoing: !end };
}

const first = async (client: PrometheusClient, expr: string, timeSec: number) => {
  const v = (await client.instantVector(expr, timeSec))[0]?.value;
  return v !== undefined && Number.isFinite(v) ? v : 0;
};

/** One SLO's impact over the window: counts, peak, budget consumption and the queries that produced them. */
export async function sloImpact(def: SloDef, win: ImpactWindow) {
  const client = await prometheusFor(def.service.dataSourceId);
  const { sli, objective, window } = def.version;
  const toSec = win.toMs / 1000;
  const rangeSec = Math.round((win.toMs - win.fromMs) / 1000);
  const incident = sliIncreaseQueries(sli, formatDuration(rangeSec));
  const sloRangeSec =
    window.kind === "rolling"
      ? window.days * 86_400
      : Math.max(rangeSec, Math.round((win.toMs - windowBounds(window, win.toMs).startMs) / 1000));
  const sloWindow = sliIncreaseQueries(sli, formatDuration(sloRangeSec));
  const stepSec = rangeSec <= MIN_STEP_SECONDS ? rangeSec : Math.max(MIN_STEP_SECONDS, pickStep(rangeSec));
  const perStep = sliIncreaseQueries(sli, formatDuration(stepSec));
  const firstStepSec = win.fromMs / 1000 + stepSec;

  const [good, total, windowTotal, stepGood, stepTotal] = await Promise.all([
    first(client, incident.good, toSec),
    first(client, incident.total, toSec),
    first(client, sloWindow.total, toSec),
    firstStepSec <= toSec ? client.rangeQuery(perStep.good, firstStepSec, toSec, stepSec) : Promise.resolve([]),
    firstStepSec <= toSec ? client.rangeQuery(perStep.total, firstStepSec, toSec, stepSec) : Promise.resolve([]),
  ]);
  const goodAt = new Map((stepGood[0]?.values ?? []).map(([t, v]) => [t, v]));
  const series: CountsPoint[] = (stepTotal[0]?.values ?? [])
    .filter(([, v]) => Number.isFinite(v) && v >= 0)
    .map(([t, v]) => ({ atMs: t * 1000, total: v, good: Math.min(v, Math.max(0, goodAt.get(t) ?? 0)) }));
  // increase() results are floats: keep good ≤ total and the window total ≥ the incident's total.
  const counts = { good: Math.min(Math.max(0, good), total), total: Math.max(0, total) };
  const result = incidentImpact({
    objective,
    windowSeconds: windowLengthSeconds(window, win.toMs),
    incidentCounts: counts,
    windowTotalEvents: Math.max(windowTotal, counts.total),
    series,
  });
  if (!result.ok)
    throw new AppError("UPSTREAM_BAD_RESPONSE", `Impact of SLO "${def.name}" could not be computed: ${result.message}`);
  const r = result.value;
  return {
    failed: r.failedRequests,
    total: r.totalRequests,
    peakErrorRatio: r.peakErrorRatio,
    budgetConsumed: r.budgetConsumedFraction,
    details: {
      status: r.status,
      dataSource: def.service.dataSourceId ?? "default",
      evaluatedAt: new Date(win.toMs).toISOString(),
      ongoing: win.ongoing,
      promql: {
        good: incident.good,
        total: incident.total,
        windowTotal: sloWindow.total,
        stepGood: perStep.good,
        stepTotal: perStep.total,
      },
      stepSeconds: stepSec,
      sloVersion: def.version.number,
      objective,
      sloWindow: window,
      sloWindowSeconds: sloRangeSec,
      windowTotalEvents: r.windowTotalEvents,
      budgetEvents: r.budgetEvents,
      errorRatio: r.errorRatio,
      peakAt: r.peakAtMs === null ? null : new Date(r.peakAtMs).toISOString(),
      peakBurnRate: r.peakBurnRate,
      equivalentFullOutageSeconds: r.equivalentFullOutageSeconds,
    },
  };
}

export async function getImpact(actor: Actor, ref: PostmortemRef): Promise<ImpactListView> {
  assertCanRead(actor);
  const db = await getDb();
  const { postmortemId } = await postmortemScope(db, ref);
  const rows = await findImpactSnapshots(db, postmortemId);
  return { items: latestSnapshots(rows).map(snapshotView) };
}

/** Recomputes every affected SLO's impact and replaces the draft snapshots; refused once published. */
export async function recomputeImpact(
  actor: Actor,
  ref: PostmortemRef,
  nowMs = Date.now(),
): Promise<ImpactRecomputeView> {
  const db = await getDb();
  const { scope, postmortemId } = await postmortemScope(db, ref);
  assertCanEditIncident(actor, scope, "the impact of this incident");
  const pm = await db.postmortem.findUniqueOrThrow({ where: { id: postmortemId }, select: { status: true } });
  if (pm.status === "published")
    throw new AppError("INVALID_STATE", "The postmortem is published: its impact is frozen. Amend it to recompute.");
  const incident = await db.incident.findUniqueOrThrow({
    where: { id: scope.id },
    select: {
      impactStartAt: true,
      detectedAt: true,
      mitigatedAt: true,
      resolvedAt: true,
      services: { select: { serviceId: true } },
    },
  });
  const win = impactWindow(incident, nowMs);
  const serviceIds = new Set(incident.services.map((s) => s.serviceId));
  const defs = (await loadSloDefs()).filter((d) => serviceIds.has(d.service.id));
  let computed;
  try {
    computed = await Promise.all(defs.map(async (def) => ({ def, impact: await sloImpact(def, win) })));
  } catch (err) {
    throw upstreamError(err, "the impact");
  }
  const computedAt = new Date(nowMs);
  return db.$transaction(async (tx) => {
    // Locks the row: a concurrent publish either froze the old snapshots first (then this is refused) or waits.
    const open = await tx.postmortem.updateMany({
      where: { id: postmortemId, status: { not: "published" } },
      data: { updatedAt: computedAt },
    });
    if (open.count === 0)
      throw new AppError("INVALID_STATE", "The postmortem was published meanwhile: its impact is frozen");
    const before = await findImpactSnapshots(tx, postmortemId, true);
    await replaceDraftSnapshots(
      tx,
      postmortemId,
      computed.map(({ def, impact }) => ({
        sloId: def.id,
        sloName: def.name,
        serviceSlug: def.service.slug,
        fromAt: new Date(win.fromMs),
        toAt: new Date(win.toMs),
        failed: impact.failed,
        total: impact.total,
        peakErrorRatio: impact.peakErrorRatio,
        budgetConsumed: impact.budgetConsumed,
        queries: impact.details,
        computedAt,
      })),
    );
    const rows = await findImpactSnapshots(tx, postmortemId, true);
    const items = latestSnapshots(rows).map(snapshotView);
    await recordAudit(tx, actor, {
      action: "postmortem.impact",
      entityType: "postmortem",
      entityId: postmortemId,
      before: before.map(snapshotView),
      after: items,
    });
    return {
      window: { from: new Date(win.fromMs).toISOString(), to: new Date(win.toMs).toISOString(), ongoing: win.ongoing },
      items,
    };
  });
}
