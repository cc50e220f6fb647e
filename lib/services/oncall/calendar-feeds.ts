import "server-only";
import { randomBytes } from "node:crypto";
import { getDb } from "@/lib/db";
import { AppError, notFound, validation } from "@/lib/errors";
import { hashToken } from "@/lib/auth/tokens";
import { assertCanRead, atLeast, inTeam, isAdmin, type Actor } from "@/lib/auth/permissions";
import { feedSegments, toICalendarMulti, type Segment } from "@/lib/oncall";
import type { CalendarFeedCreatedView, CalendarFeedView } from "@/lib/validation/views/oncall";
import { recordAudit } from "../audit";
import { loadScheduleModel, loadScheduleModels, refOf, userRefs } from "./model";
import { timelineOf } from "./timeline";

// iCal feeds (RFC 5545, lib/oncall toICalendarMulti) that Google Calendar and Outlook subscribe to: a secret
// URL per schedule (everyone's shifts in it) or per person (their shifts in every schedule). The URL holds
// a random token ("srecp_cal_…"); only its sha256 is stored, the URL is shown once, and a revoked feed
// answers 404. Feeds show the final schedule (overrides applied) from 30 days back to 1 year ahead, in whole
// shifts (lib/oncall feedSegments) so an event's start and UID do not move between syncs.

export const FEED_TOKEN_PREFIX = "srecp_cal_";

function newToken() {
  const token = FEED_TOKEN_PREFIX + randomBytes(32).toString("base64url");
  return { token, hash: hashToken(token), prefix: token.slice(0, FEED_TOKEN_PREFIX.length + 6) };
}

/** Public base URL for feed links: NEXTAUTH_URL when configured, else the origin the request came to. */
const feedUrl = (origin: string, token: string) =>
  `${(process.env.NEXTAUTH_URL?.trim() || origin).replace(/\/$/, "")}/api/v1/calendar/${token}.ics`;

function assertWrite(actor: Actor) {
  if (actor.tokenScopes?.length && !actor.tokenScopes.includes("write"))
    throw new AppError("FORBIDDEN", 'This API token lacks the "write" scope');
}

async function insertFeed(
  actor: Actor,
  data: { scheduleId?: string; userId?: string },
  origin: string,
): Promise<CalendarFeedCreatedView> {
  const db = await getDb();
  const { token, hash, prefix } = newToken();
  const row = await db.$transaction(async (tx) => {
    const created = await tx.calendarFeed.create({
      data: { ...data, tokenHash: hash, prefix, createdById: actor.userId === "system" ? null : actor.userId },
    });
    await recordAudit(tx, actor, {
      action: "calendarFeed.create",
      entityType: "calendarFeed",
      entityId: created.id,
      after: { ...data, prefix },
    });
    return created;
  });
  return {
    id: row.id,
    prefix,
    scheduleId: row.scheduleId,
    userId: row.userId,
    createdAt: row.createdAt.toISOString(),
    url: feedUrl(origin, token),
  };
}

/** A secret feed of a schedule (anyone who can read schedules may create one). */
export async function createScheduleFeed(
  actor: Actor,
  scheduleId: string,
  origin: string,
): Promise<CalendarFeedCreatedView> {
  assertCanRead(actor);
  assertWrite(actor);
  await loadScheduleModel(null, scheduleId);
  return insertFeed(actor, { scheduleId }, origin);
}

/** A secret feed of a person's shifts in all schedules: your own, or anyone's for admins. */
export async function createPersonFeed(
  actor: Actor,
  userId: string | undefined,
  origin: string,
): Promise<CalendarFeedCreatedView> {
  assertWrite(actor);
  const target = userId ?? actor.userId;
  if (target !== actor.userId && !isAdmin(actor))
    throw new AppError("FORBIDDEN", "You can only create a calendar feed of your own shifts");
  const db = await getDb();
  if (!(await db.user.findUnique({ where: { id: target }, select: { id: true } })))
    throw validation({ userId: `unknown user "${target}"` });
  return insertFeed(actor, { userId: target }, origin);
}

/** Feeds the actor created or that are of the actor (admins: all), optionally of one schedule. */
export async function listFeeds(actor: Actor, q: { scheduleId?: string }): Promise<{ items: CalendarFeedView[] }> {
  assertCanRead(actor);
  const db = await getDb();
  const rows = await db.calendarFeed.findMany({
    where: {
      ...(q.scheduleId ? { scheduleId: q.scheduleId } : {}),
      ...(isAdmin(actor) ? {} : { OR: [{ createdById: actor.userId }, { userId: actor.userId }] }),
    },
    include: { schedule: { select: { id: true, name: true } } },
    orderBy: { createdAt: "desc" },
  });
  const refs = await userRefs(
    db,
    rows.flatMap((r) => [r.userId, r.createdById].filter((v): v is string => Boolean(v))),
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.scheduleId ? ("schedule" as const) : ("person" as const),
      schedule: r.schedule,
      user: r.userId ? refOf(refs, r.userId) : null,
      prefix: r.prefix,
      createdBy: r.createdById ? refOf(refs, r.createdById) : null,
      createdAt: r.createdAt.toISOString(),
      revokedAt: r.revokedAt?.toISOString() ?? null,
      lastAccessAt: r.lastAccessAt?.toISOString() ?? null,
    })),
  };
}

/** Revokes a feed: by its creator, its person, an editor of the schedule's team, or an admin. */
export async function revokeFeed(actor: Actor, id: string): Promise<{ id: string; revokedAt: string }> {
  assertWrite(actor);
  const db = await getDb();
  const row = await db.calendarFeed.findUnique({ where: { id }, include: { schedule: { select: { teamId: true } } } });
  if (!row) throw notFound(`calendar feed ${id}`);
  const allowed =
    isAdmin(actor) ||
    row.createdById === actor.userId ||
    row.userId === actor.userId ||
    (row.schedule && atLeast(actor, "editor") && inTeam(actor, row.schedule.teamId));
  if (!allowed) throw new AppError("FORBIDDEN", "You cannot revoke this calendar feed");
  if (row.revokedAt) return { id, revokedAt: row.revokedAt.toISOString() };
  const revokedAt = new Date();
  await db.$transaction(async (tx) => {
    await tx.calendarFeed.update({ where: { id }, data: { revokedAt } });
    await recordAudit(tx, actor, {
      action: "calendarFeed.revoke",
      entityType: "calendarFeed",
      entityId: id,
      before: { prefix: row.prefix, scheduleId: row.scheduleId, userId: row.userId },
    });
  });
  return { id, revokedAt: revokedAt.toISOString() };
}

/** The calendar behind a feed token ("<token>" or "<token>.ics"); null when unknown or revoked (→ 404). */
export async function renderFeed(
  tokenParam: string,
  nowMs = Date.now(),
): Promise<{ filename: string; body: string } | null> {
  const token = tokenParam.replace(/\.ics$/i, "");
  if (!token.startsWith(FEED_TOKEN_PREFIX)) return null;
  const db = await getDb();
  const feed = await db.calendarFeed.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!feed || feed.revokedAt) return null;
  await db.calendarFeed.update({ where: { id: feed.id }, data: { lastAccessAt: new Date(nowMs) } });

  if (feed.scheduleId) {
    const model = await loadScheduleModel(db, feed.scheduleId);
    const segments = feedSegments(nowMs, (fromMs, toMs) => timelineOf(model, fromMs, toMs));
    const refs = await userRefs(
      db,
      segments.flatMap((s) => s.userIds),
    );
    const userNames = Object.fromEntries([...refs].map(([id, r]) => [id, r.name]));
    const name = `${model.schedule.name} (${model.schedule.team.name})`;
    return {
      filename: `${model.schedule.name}.ics`,
      body: toICalendarMulti({ name, nowMs, parts: [{ name, segments, uidSeed: model.schedule.id, userNames }] }),
    };
  }
  const userId = feed.userId!;
  const person = refOf(await userRefs(db, [userId]), userId);
  const parts = (await loadScheduleModels(db)).flatMap((model) => {
    // The person's own shifts: adjacent pieces (e.g. rotation then an override of the same person) are one event.
    const mine = feedSegments(nowMs, (fromMs, toMs) => {
      const pieces: Segment[] = [];
      for (const s of timelineOf(model, fromMs, toMs)) {
        if (!s.userIds.includes(userId)) continue;
        const last = pieces[pieces.length - 1];
        if (last && last.endMs === s.startMs) last.endMs = s.endMs;
        else pieces.push({ ...s, userIds: [userId] });
      }
      return pieces;
    });
    return mine.length
      ? [
          {
            name: model.schedule.name,
            segments: mine,
            uidSeed: `${model.schedule.id}:${userId}`,
            userNames: { [userId]: person.name },
          },
        ]
      : [];
  });
  return { filename: "on-call.ics", body: toICalendarMulti({ name: `On-call: ${person.name}`, nowMs, parts }) };
}
