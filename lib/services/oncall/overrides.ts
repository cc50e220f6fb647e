import "server-only";
import { getDb } from "@/lib/db";
import { overrideKind } from "@/lib/db/repos/schedules";
import { AppError, notFound, validation } from "@/lib/errors";
import { assertCanEditTeam, assertCanRead, type Actor } from "@/lib/auth/permissions";
import { finalTimeline } from "@/lib/oncall";
import type { OverrideInput } from "@/lib/validation/oncall";
import type { OverrideView } from "@/lib/validation/views/oncall";
import { recordAudit } from "../audit";
import {
  loadScheduleModel,
  refOf,
  toDomainOverride,
  userRefs,
  type Client,
  type OverrideRow,
  type ScheduleModel,
  type Tx,
} from "./model";

// Overrides: replace (one person by another, or everyone when no one is named), add, remove; over an
// absolute window; they stack (applied in start order, then creation order). They never change the past:
// a start up to 5 minutes ago is moved to now, earlier starts are refused; cancelling one that is running
// ends it now, so the part that already happened stays.

const PAST_TOLERANCE_MS = 5 * 60_000;

/**
 * Overrides change who is on call, so only editors of the owning team (and admins) make or cancel them —
 * also for themselves: a viewer is a responder, not a scheduler (docs/security.md, "On-call").
 */
export function assertCanOverride(actor: Actor, teamId: string, what = "overrides of this schedule") {
  assertCanEditTeam(actor, teamId, what);
}

export async function assertUsers(client: Client, fields: Record<string, string | null | undefined>): Promise<void> {
  const ids = Object.values(fields).filter((v): v is string => Boolean(v));
  const found = new Set(
    (await client.user.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((u) => u.id),
  );
  const bad = Object.fromEntries(
    Object.entries(fields)
      .filter(([, id]) => id && !found.has(id))
      .map(([field, id]) => [field, `unknown user "${id}"`]),
  );
  if (Object.keys(bad).length) throw validation(bad);
}

/** The override's window with the start moved to now when it lies (slightly) in the past. */
export function futureWindow(startAt: Date, endAt: Date, nowMs: number): { startAt: Date; endAt: Date } {
  if (startAt.getTime() < nowMs - PAST_TOLERANCE_MS)
    throw validation({ startAt: "lies in the past: overrides cannot change who was on call" });
  const start = startAt.getTime() < nowMs ? new Date(nowMs) : startAt;
  if (endAt.getTime() <= start.getTime()) throw validation({ endAt: "must be in the future" });
  return { startAt: start, endAt };
}

/** True when the override changes nobody's on-call time (e.g. replacing someone who is not on call then). */
export function isNoOp(model: ScheduleModel, row: OverrideRow): boolean {
  const win = { fromMs: row.startAt.getTime(), toMs: row.endAt.getTime() };
  const users = (overrides = model.domainOverrides) =>
    finalTimeline({ schedule: model.domain, overrides, ...win })
      .map((s) => `${s.startMs}-${s.endMs}:${[...s.userIds].sort().join(",")}`)
      .join("|");
  const others = model.domainOverrides.filter((o) => o.id !== row.id);
  return users(others) === users([...others, toDomainOverride(row)]);
}

export async function overrideViews(
  client: Client,
  rows: OverrideRow[],
  model?: ScheduleModel,
): Promise<OverrideView[]> {
  const refs = await userRefs(
    client,
    rows.flatMap((r) => [r.userId, r.replacesUserId, r.createdById].filter((v): v is string => Boolean(v))),
  );
  return rows.map((r) => ({
    id: r.id,
    scheduleId: r.scheduleId,
    kind: overrideKind(r),
    user: refOf(refs, r.userId),
    replaces: r.replacesUserId ? refOf(refs, r.replacesUserId) : null,
    startAt: r.startAt.toISOString(),
    endAt: r.endAt.toISOString(),
    reason: r.reason,
    source: r.source,
    createdBy: r.createdById ? refOf(refs, r.createdById) : null,
    createdAt: r.createdAt.toISOString(),
    cancelledAt: r.cancelledAt?.toISOString() ?? null,
    ...(model ? { noOp: isNoOp(model, r) } : {}),
  }));
}

/** Inserts an override (the caller checked permissions and the window) and audits it. */
export async function insertOverride(
  tx: Tx,
  actor: Actor,
  scheduleId: string,
  input: Omit<OverrideInput, "startAt" | "endAt"> & { startAt: Date; endAt: Date },
  source: string,
) {
  const row = await tx.scheduleOverride.create({
    data: {
      scheduleId,
      kind: input.kind,
      userId: input.userId,
      replacesUserId: input.replacesUserId,
      startAt: input.startAt,
      endAt: input.endAt,
      reason: input.reason,
      source,
      createdById: actor.userId === "system" ? null : actor.userId,
    },
  });
  await recordAudit(tx, actor, {
    action: "override.create",
    entityType: "scheduleOverride",
    entityId: row.id,
    after: row,
  });
  return row;
}

export async function createOverride(
  actor: Actor,
  scheduleId: string,
  input: OverrideInput,
  nowMs = Date.now(),
): Promise<OverrideView> {
  const db = await getDb();
  const model = await loadScheduleModel(db, scheduleId);
  assertCanOverride(actor, model.schedule.teamId);
  await assertUsers(db, { userId: input.userId, replacesUserId: input.replacesUserId });
  const window = futureWindow(input.startAt, input.endAt, nowMs);
  const row = await db.$transaction((tx) =>
    insertOverride(tx, actor, scheduleId, { ...input, ...window }, actor.tokenScopes ? "api" : "manual"),
  );
  const [view] = await overrideViews(db, [row], {
    ...model,
    domainOverrides: [...model.domainOverrides, toDomainOverride(row)],
  });
  return view!;
}

export async function listOverrides(
  actor: Actor,
  scheduleId: string,
  q: { from?: Date; to?: Date; includeCancelled: boolean },
): Promise<{ items: OverrideView[] }> {
  assertCanRead(actor);
  const db = await getDb();
  const model = await loadScheduleModel(db, scheduleId);
  const rows = await db.scheduleOverride.findMany({
    where: {
      scheduleId,
      ...(q.includeCancelled ? {} : { cancelledAt: null }),
      ...(q.to ? { startAt: { lt: q.to } } : {}),
      endAt: { gt: q.from ?? new Date() },
    },
    orderBy: [{ startAt: "asc" }, { createdAt: "asc" }],
  });
  return { items: await overrideViews(db, rows, model) };
}

/** Cancels a future override, or ends a running one now; an override that already ended cannot change. */
export async function cancelOverride(
  actor: Actor,
  scheduleId: string,
  overrideId: string,
  nowMs = Date.now(),
): Promise<OverrideView> {
  const db = await getDb();
  const row = await db.scheduleOverride.findFirst({
    where: { id: overrideId, scheduleId },
    include: { schedule: { select: { teamId: true } } },
  });
  if (!row) throw notFound(`override ${overrideId}`);
  assertCanOverride(actor, row.schedule.teamId);
  if (row.cancelledAt) throw new AppError("INVALID_STATE", "this override is already cancelled");
  if (row.endAt.getTime() <= nowMs)
    throw new AppError("INVALID_STATE", "this override has ended; the past cannot change");
  const now = new Date(nowMs);
  const data = row.startAt.getTime() >= nowMs ? { cancelledAt: now } : { endAt: now };
  const updated = await db.$transaction(async (tx) => {
    const res = await tx.scheduleOverride.updateMany({
      where: { id: row.id, cancelledAt: null, endAt: row.endAt },
      data,
    });
    if (res.count === 0)
      throw new AppError("CONFLICT", "this override was changed meanwhile; reload", { override: "stale" });
    const after = await tx.scheduleOverride.findUniqueOrThrow({ where: { id: row.id } });
    await recordAudit(tx, actor, {
      action: "cancelledAt" in data ? "override.cancel" : "override.end",
      entityType: "scheduleOverride",
      entityId: row.id,
      before: row,
      after,
    });
    return after;
  });
  const [view] = await overrideViews(db, [updated]);
  return view!;
}
