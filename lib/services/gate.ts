import "server-only";
import { getDb } from "@/lib/db";
import { findServiceRef } from "@/lib/db/repos/catalog";
import {
  createException,
  findActiveException,
  findRevocable,
  listExceptions,
  revokeException,
  type GateExceptionRow,
} from "@/lib/db/repos/gate-exceptions";
import { AppError, notFound } from "@/lib/errors";
import { holdsScope, assertCanApprove, type Actor } from "@/lib/auth/permissions";
import type { GrantGateExceptionInput } from "@/lib/validation/deployments";
import type {
  GateExceptionList,
  GateExceptionView,
  GateSloView,
  ReleaseGateView,
  RevokedExceptionsView,
} from "@/lib/validation/views/release";
import { recordAudit } from "./audit";
import { effectivePolicy, stateFromStatuses } from "./policy";
import { loadSloDefs } from "./slo/store";
import { statusesAt } from "./slo/status-cache";
import { storedOrComputed } from "./slo/status-read";
import type { SloStatus } from "./slo/status-types";

/**
 * The release gate a CI/CD pipeline asks before deploying: the service's error-budget policy applied to
 * the status of its SLOs (now, or at `at`). Frozen → not allowed, unless an approver granted a
 * time-boxed exception that is active at that instant.
 *
 * Token scopes: a CI token with only "gate" (or "read") may ask; lib/auth's assertCanRead would
 * demand "read", so the scope is checked here explicitly.
 */
export function requireAnyScope(actor: Actor, scopes: readonly string[]) {
  if (!scopes.some((s) => holdsScope(actor, s))) {
    throw new AppError(
      "FORBIDDEN",
      `This API token needs one of the scopes: ${scopes.map((s) => `"${s}"`).join(", ")}`,
    );
  }
}

const exceptionView = (e: GateExceptionRow): GateExceptionView => ({
  id: e.id,
  reason: e.reason,
  grantedBy: e.grantedBy,
  startsAt: e.startsAt.toISOString(),
  endsAt: e.endsAt.toISOString(),
  revokedAt: e.revokedAt?.toISOString() ?? null,
  createdAt: e.createdAt.toISOString(),
});

const gateSlo = (s: SloStatus): GateSloView => ({
  id: s.sloId,
  name: s.name,
  objective: s.objective,
  remaining: s.errorBudget.remaining,
  burnRates: s.burnRates,
  firing: s.alerts.filter((a) => a.firing).map((a) => a.name),
  pageAlertFiring: s.alerts.some((a) => a.severity === "page" && a.firing),
  alerts: s.alerts.map((a) => ({ name: a.name, severity: a.severity, factor: a.factor, firing: a.firing })),
  noData: s.noData,
  stale: s.stale,
});

async function serviceBySlug(slug: string) {
  const service = await findServiceRef(await getDb(), slug);
  if (!service) throw notFound(`service "${slug}"`);
  return service;
}

export async function releaseGate(actor: Actor, slug: string, atMs?: number): Promise<ReleaseGateView> {
  requireAnyScope(actor, ["gate", "read"]);
  const service = await serviceBySlug(slug);
  const mine = await loadSloDefs({ serviceSlug: slug });
  // Now: the read model (what the job last computed); at an instant: computed for this service's SLOs.
  const statuses = atMs === undefined ? await storedOrComputed(mine) : await statusesAt(mine, atMs);
  const slos = mine.map((d) => statuses.get(d.id)).filter((s): s is SloStatus => s !== undefined);
  const policy = await effectivePolicy(service.id);
  const { state, reasons } = stateFromStatuses(policy, slos);
  const at = new Date(atMs ?? Date.now());
  const exception = await findActiveException(service.id, at);
  const notes = [...reasons];
  if (!slos.length) notes.push("the service has no SLOs: the gate has nothing to check");
  for (const s of slos.filter((x) => x.stale))
    notes.push(`${s.name}: status is stale (${s.error ?? "Prometheus unavailable"})`);
  const frozen = state === "frozen";
  if (frozen && exception)
    notes.push(
      `frozen, but ${exception.grantedBy} granted an exception until ${exception.endsAt.toISOString()}: ${exception.reason}`,
    );
  return {
    service: slug,
    allowed: !frozen || exception !== null,
    state,
    reasons: notes,
    evaluatedAt: at.toISOString(),
    policy: {
      scope: policy.scope,
      atRiskBelow: policy.atRiskBelow,
      freezeAtOrBelow: policy.freezeAtOrBelow,
      freezeOnPageAlert: policy.freezeOnPageAlert,
    },
    slos: slos.map(gateSlo),
    ...(exception ? { exception: exceptionView(exception) } : {}),
  };
}

export async function listGateExceptions(
  actor: Actor,
  slug: string,
  include: "active" | "all",
): Promise<GateExceptionList> {
  requireAnyScope(actor, ["gate", "read"]);
  const service = await serviceBySlug(slug);
  const rows = await listExceptions(service.id, include === "active" ? new Date() : null);
  return { items: rows.map(exceptionView) };
}

/** Approvers of the owning team let releases through a frozen gate for a bounded time (at most 7 days). */
export async function grantGateException(
  actor: Actor,
  slug: string,
  input: GrantGateExceptionInput,
): Promise<GateExceptionView> {
  const service = await serviceBySlug(slug);
  assertCanApprove(actor, service.teamId, `release-gate exceptions of service "${slug}"`);
  const now = Date.now();
  const startsAt = input.startsAt ?? new Date(now);
  const endsAt = input.endsAt ?? new Date(startsAt.getTime() + input.durationMinutes! * 60_000);
  if (endsAt.getTime() <= Math.max(startsAt.getTime(), now))
    throw new AppError("VALIDATION", "endsAt must be after startsAt and in the future", {
      endsAt: "must be after startsAt and in the future",
    });
  if (endsAt.getTime() - startsAt.getTime() > 7 * 86_400_000)
    throw new AppError("VALIDATION", "an exception lasts at most 7 days", {
      endsAt: "must be at most 7 days after startsAt",
    });
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const row = await createException(tx, {
      serviceId: service.id,
      reason: input.reason,
      grantedById: actor.userId === "system" ? null : actor.userId,
      grantedBy: actor.email,
      startsAt,
      endsAt,
    });
    await recordAudit(tx, actor, {
      action: "gate.exception.grant",
      entityType: "gateException",
      entityId: row.id,
      after: { ...exceptionView(row), service: slug },
    });
    return exceptionView(row);
  });
}

/** Ends one exception (`id`) or every exception active now; audited. Revoking twice is a no-op. */
export async function revokeGateExceptions(actor: Actor, slug: string, id?: string): Promise<RevokedExceptionsView> {
  const service = await serviceBySlug(slug);
  assertCanApprove(actor, service.teamId, `release-gate exceptions of service "${slug}"`);
  const db = await getDb();
  const now = new Date();
  const rows = await findRevocable(service.id, now, id);
  if (id && !rows.length) throw notFound(`gate exception ${id} of service "${slug}"`);
  const open = rows.filter((r) => r.revokedAt === null);
  await db.$transaction(async (tx) => {
    for (const r of open) {
      await revokeException(tx, r.id, now);
      await recordAudit(tx, actor, {
        action: "gate.exception.revoke",
        entityType: "gateException",
        entityId: r.id,
        before: { ...exceptionView(r), service: slug },
        after: { id: r.id, revokedAt: now.toISOString() },
      });
    }
  });
  return { revoked: open.map((r) => r.id) };
}
