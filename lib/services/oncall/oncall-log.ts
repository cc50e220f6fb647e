import "server-only";
import { getDb } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { assertCanRead, type Actor } from "@/lib/auth/permissions";
import { userShifts } from "@/lib/oncall";
import type { HistoryEntryView } from "@/lib/validation/views/oncall";
import { loadScheduleModels, refOf, userRefs, type ScheduleModel, type Tx } from "./model";
import { timelineOf } from "./timeline";

// OnCallLog is the append-only record of who actually was on call, written as it happens: the worker's
// tick and every read of "who is on call now" call recordOnCall. Each (schedule, user) has at most one
// open row. Boundaries are taken from the computed timeline when they fall within the look-back (the
// worker runs every 15 s, so that is always the case while it runs); after a longer outage the rows start
// or end at the moment they are recorded, never earlier: the log never claims what it did not see.

const LOOKBACK_MS = 15 * 60_000;

/** Opens and closes OnCallLog rows of one schedule for the instant nowMs (in the caller's transaction). */
async function recordSchedule(
  tx: Tx,
  model: ScheduleModel,
  nowMs: number,
): Promise<{ opened: number; closed: number }> {
  // Serialize concurrent recorders of the same schedule (worker tick vs. a page read).
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`oncall-log:${model.schedule.id}`}))`;
  const fromMs = nowMs - LOOKBACK_MS;
  const segments = timelineOf(model, fromMs, nowMs + 1);
  const current = segments[segments.length - 1]!;
  const shifts = userShifts(segments);
  const open = await tx.onCallLog.findMany({ where: { scheduleId: model.schedule.id, endAt: null } });
  let opened = 0;
  let closed = 0;
  for (const row of open) {
    if (current.userIds.includes(row.userId)) continue;
    const last = shifts.filter((s) => s.userId === row.userId && s.endMs <= nowMs).at(-1);
    const endMs = Math.max(row.startAt.getTime(), last ? last.endMs : nowMs);
    await tx.onCallLog.update({ where: { id: row.id }, data: { endAt: new Date(endMs) } });
    closed += 1;
  }
  const source = current.source.kind === "override" ? "override" : "layer";
  for (const userId of current.userIds) {
    if (open.some((r) => r.userId === userId)) continue;
    const shift = shifts.find((s) => s.userId === userId && s.endMs > nowMs);
    const startMs = shift ? Math.max(shift.startMs, fromMs) : nowMs;
    const lastClosed = await tx.onCallLog.findFirst({
      where: { scheduleId: model.schedule.id, userId },
      orderBy: { startAt: "desc" },
    });
    // Never overlap the previous row of the same person.
    const safeStart = lastClosed?.endAt && lastClosed.endAt.getTime() > startMs ? lastClosed.endAt.getTime() : startMs;
    await tx.onCallLog.create({
      data: { scheduleId: model.schedule.id, userId, startAt: new Date(safeStart), source },
    });
    opened += 1;
  }
  return { opened, closed };
}

/**
 * Records who is on call at nowMs in every schedule (or in `scheduleIds`): closes rows of people no longer
 * on call and opens rows for people newly on call. Idempotent: calling it twice at the same instant
 * changes nothing the second time.
 */
export async function recordOnCall(
  nowMs: number,
  scheduleIds?: string[],
): Promise<{ schedules: number; opened: number; closed: number }> {
  const db = await getDb();
  const models = await loadScheduleModels(null, scheduleIds);
  let opened = 0;
  let closed = 0;
  for (const model of models) {
    const result = await db.$transaction((tx) => recordSchedule(tx, model, nowMs));
    opened += result.opened;
    closed += result.closed;
  }
  return { schedules: models.length, opened, closed };
}

/** The recorded history of a schedule overlapping [from, to), oldest first; open rows have end null. */
export async function onCallHistory(
  actor: Actor,
  scheduleId: string,
  window: { from: Date; to: Date },
): Promise<HistoryEntryView[]> {
  assertCanRead(actor);
  const db = await getDb();
  if (!(await db.schedule.findUnique({ where: { id: scheduleId }, select: { id: true } })))
    throw notFound(`schedule ${scheduleId}`);
  const rows = await db.onCallLog.findMany({
    where: { scheduleId, startAt: { lt: window.to }, OR: [{ endAt: null }, { endAt: { gt: window.from } }] },
    orderBy: [{ startAt: "asc" }, { userId: "asc" }],
  });
  const refs = await userRefs(
    db,
    rows.map((r) => r.userId),
  );
  return rows.map((r) => ({
    id: r.id,
    user: refOf(refs, r.userId),
    start: r.startAt.toISOString(),
    end: r.endAt?.toISOString() ?? null,
    source: r.source,
  }));
}
