import "server-only";
import { getDb } from "@/lib/db";
import { AppError, notFound, validation } from "@/lib/errors";
import { assertCanRead, type Actor } from "@/lib/auth/permissions";
import { userShifts } from "@/lib/oncall";
import type { HandoffNoteInput } from "@/lib/validation/oncall";
import type { HandoffNoteView } from "@/lib/validation/views/oncall";
import { recordAudit } from "../audit";
import { loadScheduleModel, refOf, userRefs, type Client } from "./model";
import { onCallAtModel, timelineOf } from "./timeline";

// Handoff notes: at a shift change the outgoing person writes what the next one needs to know (open
// issues, pages, things to watch); the incoming person acknowledges it. One note per shift change and
// author. A handoff is a change of the people on call at `handoffAt`: the author was on call just before
// and is not at it.

const DAY_MS = 86_400_000;

type NoteRow = Awaited<ReturnType<Awaited<ReturnType<typeof getDb>>["handoffNote"]["findUniqueOrThrow"]>>;

async function views(
  client: Client | null,
  rows: (NoteRow & { schedule?: { name: string } })[],
): Promise<HandoffNoteView[]> {
  const refs = await userRefs(
    client,
    rows.flatMap((r) =>
      [r.outgoingUserId, r.incomingUserId, r.acknowledgedById].filter((v): v is string => Boolean(v)),
    ),
  );
  return rows.map((r) => ({
    id: r.id,
    scheduleId: r.scheduleId,
    ...(r.schedule ? { scheduleName: r.schedule.name } : {}),
    handoffAt: r.handoffAt.toISOString(),
    outgoing: refOf(refs, r.outgoingUserId),
    incoming: r.incomingUserId ? refOf(refs, r.incomingUserId) : null,
    body: r.body,
    openIssues: r.openIssues,
    watchItems: r.watchItems,
    pagesSummary: r.pagesSummary,
    createdAt: r.createdAt.toISOString(),
    acknowledgedAt: r.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: r.acknowledgedById ? refOf(refs, r.acknowledgedById) : null,
  }));
}

export async function createHandoffNote(
  actor: Actor,
  scheduleId: string,
  input: HandoffNoteInput,
  nowMs = Date.now(),
): Promise<HandoffNoteView> {
  const db = await getDb();
  const model = await loadScheduleModel(db, scheduleId);
  if (actor.tokenScopes?.length && !actor.tokenScopes.includes("write"))
    throw new AppError("FORBIDDEN", 'This API token lacks the "write" scope');
  let handoffMs: number;
  if (input.handoffAt) {
    handoffMs = input.handoffAt.getTime();
    const before = onCallAtModel(model, handoffMs - 1).userIds;
    const after = onCallAtModel(model, handoffMs).userIds;
    if (!before.includes(actor.userId) || after.includes(actor.userId))
      throw validation({
        handoffAt: "your shift does not end at this time: only the outgoing person writes the handoff",
      });
  } else {
    // The end of the author's current shift, else of their last shift in the past week.
    const shifts = userShifts(timelineOf(model, nowMs - 7 * DAY_MS, nowMs + 31 * DAY_MS)).filter(
      (s) => s.userId === actor.userId && s.startMs <= nowMs,
    );
    const shift = shifts.at(-1);
    if (!shift)
      throw validation({
        handoffAt: "you have not been on call on this schedule in the past week; nothing to hand off",
      });
    handoffMs = shift.endMs;
  }
  const incoming = onCallAtModel(model, handoffMs).userIds.find((u) => u !== actor.userId) ?? null;
  const existing = await db.handoffNote.findFirst({
    where: { scheduleId, handoffAt: new Date(handoffMs), outgoingUserId: actor.userId },
  });
  if (existing)
    throw new AppError("CONFLICT", "you already wrote the handoff note for this shift change", {
      handoffAt: "already has a note",
    });
  const row = await db.$transaction(async (tx) => {
    const created = await tx.handoffNote.create({
      data: {
        scheduleId,
        handoffAt: new Date(handoffMs),
        outgoingUserId: actor.userId,
        incomingUserId: incoming,
        body: input.body,
        openIssues: input.openIssues,
        watchItems: input.watchItems,
        pagesSummary: input.pagesSummary,
      },
    });
    await recordAudit(tx, actor, {
      action: "handoffNote.create",
      entityType: "handoffNote",
      entityId: created.id,
      after: created,
    });
    return created;
  });
  return (await views(db, [row]))[0]!;
}

/** The incoming person (or anyone on call right after the handoff) acknowledges having read it. */
export async function acknowledgeHandoffNote(
  actor: Actor,
  scheduleId: string,
  noteId: string,
): Promise<HandoffNoteView> {
  const db = await getDb();
  const note = await db.handoffNote.findFirst({ where: { id: noteId, scheduleId } });
  if (!note) throw notFound(`handoff note ${noteId}`);
  if (actor.tokenScopes?.length && !actor.tokenScopes.includes("write"))
    throw new AppError("FORBIDDEN", 'This API token lacks the "write" scope');
  const model = await loadScheduleModel(db, scheduleId);
  const incoming =
    note.incomingUserId === actor.userId ||
    onCallAtModel(model, note.handoffAt.getTime()).userIds.includes(actor.userId);
  if (!incoming || actor.userId === note.outgoingUserId)
    throw new AppError("FORBIDDEN", "Only the incoming on-call person acknowledges a handoff note");
  const updated = await db.$transaction(async (tx) => {
    const res = await tx.handoffNote.updateMany({
      where: { id: noteId, acknowledgedAt: null },
      data: { acknowledgedAt: new Date(), acknowledgedById: actor.userId },
    });
    if (res.count === 0) throw new AppError("INVALID_STATE", "this handoff note is already acknowledged");
    const after = await tx.handoffNote.findUniqueOrThrow({ where: { id: noteId } });
    await recordAudit(tx, actor, {
      action: "handoffNote.acknowledge",
      entityType: "handoffNote",
      entityId: noteId,
      before: note,
      after,
    });
    return after;
  });
  return (await views(db, [updated]))[0]!;
}

/** Notes of a schedule, newest shift change first (default: the last 30 days and any ahead). */
export async function listHandoffNotes(
  actor: Actor,
  scheduleId: string,
  q: { from?: Date; to?: Date },
  nowMs = Date.now(),
): Promise<{ items: HandoffNoteView[] }> {
  assertCanRead(actor);
  const db = await getDb();
  await loadScheduleModel(db, scheduleId);
  const rows = await db.handoffNote.findMany({
    where: { scheduleId, handoffAt: { gte: q.from ?? new Date(nowMs - 30 * DAY_MS), ...(q.to ? { lt: q.to } : {}) } },
    orderBy: { handoffAt: "desc" },
    take: 200,
  });
  return { items: await views(db, rows) };
}

/** Notes a person wrote or received in the last 30 days (for their own page). */
export async function handoffNotesForUser(
  actor: Actor,
  userId: string,
  nowMs = Date.now(),
): Promise<{ items: HandoffNoteView[] }> {
  assertCanRead(actor);
  const db = await getDb();
  const rows = await db.handoffNote.findMany({
    where: {
      handoffAt: { gte: new Date(nowMs - 30 * DAY_MS) },
      OR: [{ outgoingUserId: userId }, { incomingUserId: userId }],
    },
    include: { schedule: { select: { name: true } } },
    orderBy: { handoffAt: "desc" },
    take: 100,
  });
  return { items: await views(db, rows) };
}
