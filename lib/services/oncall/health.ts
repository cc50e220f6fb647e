import "server-only";
import { getDb } from "@/lib/db";
import { notificationsThroughSchedule } from "@/lib/db/repos/page-events";
import { rotationHealth, userShifts, type HealthWarning, type Page } from "@/lib/oncall";
import { lineageChains, refOf, userRefs, type ScheduleModel } from "./model";
import { timelineOf } from "./timeline";

// Rotation health of one schedule (lib/oncall rotationHealth): gaps in the next 30 days, team size below 6,
// anyone on call more than 25 % of the next 30 days, more than 2 pages in a shift, pages in sleep hours
// (22:00–07:00 in the schedule's zone) and past shift changes without a handoff note (when the schedule
// requires notes), judged over the last 30 days of pages and notes; people on call whom no page can
// reach (no verified, enabled contact method).

const DAY_MS = 86_400_000;
const HORIZON_DAYS = 30;

export type HealthView = HealthWarning & { severity: "warning" };

/** Distinct people in the layers in force now or later. */
export function rotationMembers(model: ScheduleModel, nowMs: number): string[] {
  const ids = new Set<string>();
  for (const chain of lineageChains(model.rows).values()) {
    const last = chain[chain.length - 1]!;
    if (last.endAt && last.endAt.getTime() <= nowMs) continue;
    for (const p of last.participants) if (p) ids.add(p);
  }
  return [...ids];
}

/** Pages people received through this schedule since `sinceMs` (one per page and person). */
export async function pagesThroughSchedule(scheduleId: string, sinceMs: number): Promise<Page[]> {
  const seen = new Set<string>();
  const pages: Page[] = [];
  for (const n of await notificationsThroughSchedule(scheduleId, { gte: new Date(sinceMs) })) {
    for (const userId of n.userIds) {
      const key = `${n.pageId}:${userId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      pages.push({ atMs: n.atMs, userId });
    }
  }
  return pages;
}

export async function scheduleHealth(model: ScheduleModel, nowMs: number): Promise<HealthView[]> {
  const db = await getDb();
  const sinceMs = nowMs - HORIZON_DAYS * DAY_MS;
  const future = timelineOf(model, nowMs, nowMs + HORIZON_DAYS * DAY_MS);
  const past = timelineOf(model, sinceMs, nowMs);
  const [pages, notes] = await Promise.all([
    pagesThroughSchedule(model.schedule.id, sinceMs),
    db.handoffNote.findMany({
      where: { scheduleId: model.schedule.id, handoffAt: { gte: new Date(sinceMs), lte: new Date(nowMs) } },
      select: { handoffAt: true },
    }),
  ]);
  const onCall = [...new Set(future.flatMap((s) => s.userIds))];
  const reachable = new Set(
    (
      await db.contactMethod.findMany({
        where: { userId: { in: onCall }, verifiedAt: { not: null }, disabledAt: null },
        select: { userId: true },
      })
    ).map((m) => m.userId),
  );
  const warnings = rotationHealth({
    unreachableUserIds: onCall.filter((u) => !reachable.has(u)),
    segments: future,
    teamSize: rotationMembers(model, nowMs).length,
    pages,
    shifts: userShifts([...past, ...future]),
    handoffNotes: notes.map((n) => ({ shiftStartMs: n.handoffAt.getTime() })),
    tz: model.schedule.timezone,
    nowMs,
    thresholds: { horizonDays: HORIZON_DAYS },
  }).filter((w) => w.code !== "MISSING_HANDOFF" || model.schedule.requireHandoffNote);

  // Messages name people, not ids.
  const ids = warnings.flatMap((w) => ("userId" in w.detail ? [w.detail.userId] : []));
  const refs = await userRefs(db, ids);
  return warnings.map((w) => {
    const message =
      "userId" in w.detail ? w.message.replace(w.detail.userId, refOf(refs, w.detail.userId).name) : w.message;
    return { ...w, message, severity: "warning" as const };
  });
}
