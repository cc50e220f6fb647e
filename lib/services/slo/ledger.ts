import "server-only";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { assertCanRead, type Actor } from "@/lib/auth/permissions";
import { windowBounds } from "@/lib/slo";
import { attributeLedger, deployRanges, ledgerCuts, type Ledger, type LedgerKeyedRange } from "@/lib/slo/ledger";
import type { SloLedgerView } from "@/lib/validation/views/slo-history";
import { impactWindow } from "../incidents/impact";
import { approvedCorrectionRanges } from "./corrections-counts";
import { exactSegments } from "./range-counts";
import { requireSloDef } from "./read-slos";
import type { SloDef } from "./store";

// The budget ledger of one SLO over [from, to): who spent the budget — each incident of the SLO's service
// (its impact window: impact start or detection → mitigation, resolution, or now), each production
// deployment of the service (until the next one, at most `horizonHours`), the rest unattributed, and
// what approved corrections took out. Exact counts (range-counts.ts); attribution rules in lib/slo/ledger.

export const DEFAULT_DEPLOY_HORIZON_HOURS = 24;
const HOUR_MS = 3_600_000;

type IncidentRow = {
  id: string;
  number: number;
  title: string;
  severity: string;
  impactStartAt: Date | null;
  detectedAt: Date | null;
  mitigatedAt: Date | null;
  resolvedAt: Date | null;
};

/** Incidents of a service whose impact window overlaps [fromMs, toMs), with that window. */
export async function incidentRanges(serviceId: string, fromMs: number, toMs: number, nowMs: number) {
  const db = await getDb();
  const rows: IncidentRow[] = await db.incident.findMany({
    where: {
      services: { some: { serviceId } },
      OR: [{ impactStartAt: { lt: new Date(toMs) } }, { impactStartAt: null, detectedAt: { lt: new Date(toMs) } }],
    },
    select: {
      id: true,
      number: true,
      title: true,
      severity: true,
      impactStartAt: true,
      detectedAt: true,
      mitigatedAt: true,
      resolvedAt: true,
    },
  });
  return rows.flatMap((r) => {
    if (!(r.impactStartAt ?? r.detectedAt)) return [];
    const end = r.mitigatedAt ?? r.resolvedAt;
    if (end && end.getTime() <= (r.impactStartAt ?? r.detectedAt)!.getTime()) return [];
    const w = impactWindow(r, nowMs);
    return w.toMs > fromMs && w.fromMs < toMs
      ? [{ row: r, range: { key: r.id, startMs: w.fromMs, endMs: w.toMs } }]
      : [];
  });
}

/** Exact attribution of [fromMs, toMs) of `def` to the given incident and deploy ranges (corrections applied). */
export async function computeLedger(
  def: SloDef,
  opts: { fromMs: number; toMs: number; incidents: LedgerKeyedRange[]; deploys: LedgerKeyedRange[]; realNowMs: number },
): Promise<Ledger & { corrections: number }> {
  const excluded = (await approvedCorrectionRanges([def.id])).get(def.id) ?? [];
  const cuts = ledgerCuts(opts.fromMs, opts.toMs, [...opts.incidents, ...opts.deploys, ...excluded]);
  const segments = await exactSegments(def, cuts, opts.realNowMs);
  const ledger = attributeLedger({
    fromMs: opts.fromMs,
    toMs: opts.toMs,
    objective: def.version.objective,
    segments,
    excluded,
    incidents: opts.incidents,
    deploys: opts.deploys,
  });
  const corrections = excluded.filter((r) => r.endMs > opts.fromMs && r.startMs < opts.toMs).length;
  return { ...ledger, corrections };
}

const iso = (ms: number) => new Date(ms).toISOString();

export async function getSloLedger(
  actor: Actor,
  id: string,
  q: { fromMs?: number; toMs?: number; horizonHours?: number },
  nowMs = Date.now(),
): Promise<SloLedgerView> {
  assertCanRead(actor);
  const def = await requireSloDef(id);
  const toMs = Math.min(q.toMs ?? nowMs, nowMs);
  const windowStartMs = windowBounds(def.version.window, toMs).startMs;
  const fromMs = q.fromMs ?? windowStartMs;
  if (!(toMs > fromMs)) throw new AppError("VALIDATION", "to must be after from", { to: "must be after from" });
  if (fromMs < windowStartMs) {
    throw new AppError(
      "VALIDATION",
      `from must not be before the start of the SLO window ending at to (${iso(windowStartMs)})`,
      { from: `must not be before ${iso(windowStartMs)}, the start of the SLO window ending at to` },
    );
  }
  const horizonHours = q.horizonHours ?? DEFAULT_DEPLOY_HORIZON_HOURS;
  const horizonMs = horizonHours * HOUR_MS;
  const db = await getDb();
  const [incidents, deployRows] = await Promise.all([
    incidentRanges(def.service.id, fromMs, toMs, nowMs),
    db.deployment.findMany({
      where: {
        serviceId: def.service.id,
        environment: "production",
        at: { gte: new Date(fromMs - horizonMs), lt: new Date(toMs) },
      },
      select: { id: true, version: true, at: true, status: true },
      orderBy: { at: "asc" },
    }),
  ]);
  const deploys = deployRanges(
    deployRows.map((d) => ({ key: d.id, atMs: d.at.getTime() })),
    horizonMs,
  );
  const ledger = await computeLedger(def, {
    fromMs,
    toMs,
    incidents: incidents.map((i) => i.range),
    deploys,
    realNowMs: nowMs,
  });
  const incidentById = new Map(incidents.map((i) => [i.row.id, i.row]));
  const deployById = new Map(deployRows.map((d) => [d.id, d]));
  return {
    sloId: def.id,
    sloName: def.name,
    service: def.service.slug,
    objective: def.version.objective,
    window: def.version.window,
    from: iso(fromMs),
    to: iso(toMs),
    deployHorizonHours: horizonHours,
    bad: ledger.bad,
    total: ledger.total,
    allowedBadEvents: ledger.allowedBadEvents,
    consumed: ledger.consumed,
    excluded: ledger.corrections > 0 ? { ...ledger.excluded, corrections: ledger.corrections } : null,
    parts: ledger.parts.map((p) => {
      const inc = p.kind === "incident" ? incidentById.get(p.key) : undefined;
      const dep = p.kind === "deploy" ? deployById.get(p.key) : undefined;
      return {
        kind: p.kind,
        id: p.kind === "unattributed" ? null : p.key,
        label: inc ? `INC-${inc.number} ${inc.title}` : dep ? `Deploy ${dep.version}` : "Unattributed",
        href: inc ? `/incidents/${inc.number}` : null,
        severity: inc?.severity ?? null,
        deployStatus: dep?.status ?? null,
        from: iso(p.startMs),
        to: iso(p.endMs),
        bad: p.bad,
        total: p.total,
        consumed: p.consumed,
      };
    }),
  };
}
export type { SloLedgerView };
