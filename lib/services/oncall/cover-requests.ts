import "server-only";
import { getDb } from "@/lib/db";
import { AppError, notFound, validation } from "@/lib/errors";
import { assertCanRead, atLeast, inTeam, requireScope, type Actor } from "@/lib/auth/permissions";
import { userShifts } from "@/lib/oncall";
import type { CoverRequestInput } from "@/lib/validation/oncall";
import type { CoverRequestView } from "@/lib/validation/views/oncall";
import { recordAudit } from "../audit";
import { loadScheduleModel, refOf, userRefs, type Tx } from "./model";
import { assertCanOverride, futureWindow, insertOverride } from "./overrides";
import { timelineOf } from "./timeline";

// Cover requests: a person on call asks for cover over a window; an editor of the team accepts, which
// creates a replace override (requester → acceptor, source "cover") over the part of the window still
// ahead. Exactly one acceptance wins (the status moves open → covered atomically).
// Asking changes nobody's shift, so any team member on call may ask (viewers too); accepting puts the
// acceptor on call, which is an editor's right like any override (docs/security.md, "On-call").

function assertTeamMember(actor: Actor, teamId: string) {
  requireScope(actor, "write");
  if (!inTeam(actor, teamId))
    throw new AppError("FORBIDDEN", "You are not a member of the team that owns cover requests of this schedule");
}

type Row = Awaited<ReturnType<Awaited<ReturnType<typeof getDb>>["coverRequest"]["findUniqueOrThrow"]>>;

const STATUSES = ["open", "covered", "cancelled"] as const;
const statusOf = (r: Row): CoverRequestView["status"] => {
  const status = STATUSES.find((s) => s === r.status);
  if (!status)
    throw new Error(`CoverRequest ${r.id}: column status holds "${r.status}", not open, covered or cancelled`);
  return status;
};

async function views(rows: Row[]): Promise<CoverRequestView[]> {
  const refs = await userRefs(
    null,
    rows.flatMap((r) => [r.requesterId, r.acceptedById].filter((v): v is string => Boolean(v))),
  );
  return rows.map((r) => ({
    id: r.id,
    scheduleId: r.scheduleId,
    requester: refOf(refs, r.requesterId),
    startAt: r.startAt.toISOString(),
    endAt: r.endAt.toISOString(),
    message: r.message,
    status: statusOf(r),
    acceptedBy: r.acceptedById ? refOf(refs, r.acceptedById) : null,
    overrideId: r.overrideId,
    createdAt: r.createdAt.toISOString(),
  }));
}

export async function createCoverRequest(
  actor: Actor,
  scheduleId: string,
  input: CoverRequestInput,
  nowMs = Date.now(),
): Promise<CoverRequestView> {
  const db = await getDb();
  const model = await loadScheduleModel(db, scheduleId);
  assertTeamMember(actor, model.schedule.teamId);
  const window = futureWindow(input.startAt, input.endAt, nowMs);
  const mine = userShifts(timelineOf(model, window.startAt.getTime(), window.endAt.getTime())).filter(
    (s) => s.userId === actor.userId,
  );
  if (mine.length === 0)
    throw validation({ startAt: "you are not on call in this window, so there is nothing to cover" });
  const row = await db.$transaction(async (tx) => {
    const created = await tx.coverRequest.create({
      data: { scheduleId, requesterId: actor.userId, ...window, message: input.message },
    });
    await recordAudit(tx, actor, {
      action: "coverRequest.create",
      entityType: "coverRequest",
      entityId: created.id,
      after: created,
    });
    return created;
  });
  return (await views([row]))[0]!;
}

export async function listCoverRequests(
  actor: Actor,
  scheduleId: string,
  q: { status?: string },
): Promise<{ items: CoverRequestView[] }> {
  assertCanRead(actor);
  const db = await getDb();
  await loadScheduleModel(db, scheduleId);
  const rows = await db.coverRequest.findMany({
    where: { scheduleId, ...(q.status ? { status: q.status } : {}) },
    orderBy: [{ startAt: "asc" }, { createdAt: "asc" }],
  });
  return { items: await views(rows) };
}

async function openRequest(scheduleId: string, id: string) {
  const db = await getDb();
  const row = await db.coverRequest.findFirst({
    where: { id, scheduleId },
    include: { schedule: { select: { teamId: true } } },
  });
  if (!row) throw notFound(`cover request ${id}`);
  if (row.status !== "open") throw new AppError("INVALID_STATE", `this cover request is ${row.status}`);
  return row;
}

/**
 * Moves an open request on to `data` in one transaction with its audit event. Exactly one mover wins: a
 * request someone else accepted or cancelled meanwhile is refused. `then` runs after the claim and answers
 * the row as it ends up.
 */
async function closeRequest(
  actor: Actor,
  row: Awaited<ReturnType<typeof openRequest>>,
  action: string,
  data: { status: "covered" | "cancelled"; acceptedById?: string },
  then: (tx: Tx) => Promise<Row>,
): Promise<CoverRequestView> {
  const db = await getDb();
  const updated = await db.$transaction(async (tx) => {
    const claimed = await tx.coverRequest.updateMany({ where: { id: row.id, status: "open" }, data });
    if (claimed.count === 0)
      throw new AppError("INVALID_STATE", "this cover request was just accepted or cancelled by someone else");
    const after = await then(tx);
    await recordAudit(tx, actor, { action, entityType: "coverRequest", entityId: row.id, before: row, after });
    return after;
  });
  return (await views([updated]))[0]!;
}

/** Another team member takes the cover: a replace override requester → acceptor is created. */
export async function acceptCoverRequest(
  actor: Actor,
  scheduleId: string,
  id: string,
  nowMs = Date.now(),
): Promise<CoverRequestView> {
  const row = await openRequest(scheduleId, id);
  assertCanOverride(actor, row.schedule.teamId, "cover requests of this schedule");
  if (row.requesterId === actor.userId) throw new AppError("INVALID_STATE", "you cannot cover your own request");
  if (row.endAt.getTime() <= nowMs) throw new AppError("INVALID_STATE", "this cover request's window has passed");
  const startAt = new Date(Math.max(row.startAt.getTime(), nowMs));
  return closeRequest(
    actor,
    row,
    "coverRequest.accept",
    { status: "covered", acceptedById: actor.userId },
    async (tx) => {
      const override = await insertOverride(
        tx,
        actor,
        scheduleId,
        {
          kind: "replace",
          userId: actor.userId,
          replacesUserId: row.requesterId,
          startAt,
          endAt: row.endAt,
          reason: row.message || "cover request",
        },
        "cover",
      );
      return tx.coverRequest.update({ where: { id }, data: { overrideId: override.id } });
    },
  );
}

/** The requester (or an editor of the team) withdraws an open request. */
export async function cancelCoverRequest(actor: Actor, scheduleId: string, id: string): Promise<CoverRequestView> {
  requireScope(actor, "write");
  const row = await openRequest(scheduleId, id);
  const isEditor = atLeast(actor, "editor") && inTeam(actor, row.schedule.teamId);
  if (row.requesterId !== actor.userId && !isEditor)
    throw new AppError("FORBIDDEN", "Only the requester or an editor of the team can cancel this cover request");
  return closeRequest(actor, row, "coverRequest.cancel", { status: "cancelled" }, (tx) =>
    tx.coverRequest.findUniqueOrThrow({ where: { id: row.id } }),
  );
}
