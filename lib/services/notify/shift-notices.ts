import "server-only";
import { getDb, type Prisma } from "@/lib/db";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { effectiveRules } from "@/lib/notify/rules";
import { dueShiftNotices, type ShiftNotice } from "@/lib/oncall/shift-notices";
import { loadScheduleModels, type ScheduleModel } from "../oncall/model";
import { timelineOf } from "../oncall/timeline";

// The job "shift-notices" (every minute): reminders before shifts and handoff notices at shift start,
// as Notification rows the delivery worker sends. Reminders and handoffs are not urgent: they go to the
// methods of each person's first (lowest-delay) rules, all at once.

/** A run up to this late still sends what became due (the dedupe key keeps it to once). */
const LOOKBACK_MS = 10 * 60_000;
/** Reminders are looked for this far ahead at most (a longer per-user lead is capped). */
const MAX_LEAD_MINUTES = 24 * 60;

/** Where a shift ends is looked for this far after it starts (the short window above may cut it). */
const MAX_SHIFT_MS = 35 * 86_400_000;

/** The end of `userId`'s shift starting at startMs (rarely needed: only for notices found). */
function shiftEnd(model: ScheduleModel, userId: string, startMs: number): number {
  const segments = timelineOf(model, startMs, startMs + MAX_SHIFT_MS);
  let end = startMs;
  for (const seg of segments) {
    if (seg.startMs !== end || !seg.userIds.includes(userId)) break;
    end = seg.endMs;
  }
  return end;
}

const when = (ms: number, tz: string) =>
  new Date(ms).toLocaleString("en-GB", { timeZone: tz, dateStyle: "medium", timeStyle: "short" });

export async function queueShiftNotices(nowMs = Date.now()): Promise<{ notices: number; rows: number }> {
  const db = await getDb();
  const models = await loadScheduleModels(null);
  const users = new Map(
    (
      await db.user.findMany({
        where: { deactivatedAt: null },
        select: { id: true, name: true, shiftReminderMinutes: true },
      })
    ).map((u) => [u.id, u]),
  );
  const lead = (id: string) => Math.min(users.get(id)?.shiftReminderMinutes ?? 0, MAX_LEAD_MINUTES);
  const found: { model: ScheduleModel; notice: ShiftNotice }[] = [];
  for (const model of models) {
    const segments = timelineOf(model, nowMs - LOOKBACK_MS - 60_000, nowMs + (MAX_LEAD_MINUTES + 1) * 60_000);
    for (const notice of dueShiftNotices({ segments, nowMs, lookbackMs: LOOKBACK_MS, leadMinutesOf: lead })) {
      if (users.has(notice.userId))
        found.push({ model, notice: { ...notice, shiftEndMs: shiftEnd(model, notice.userId, notice.shiftStartMs) } });
    }
  }
  if (!found.length) return { notices: 0, rows: 0 };
  const ids = [...new Set(found.map((f) => f.notice.userId))];
  const [methods, rules, notes] = await Promise.all([
    db.contactMethod.findMany({
      where: { userId: { in: ids } },
      select: { id: true, userId: true, verifiedAt: true, disabledAt: true },
    }),
    db.notificationRule.findMany({
      where: { userId: { in: ids } },
      select: { userId: true, contactMethodId: true, delayMinutes: true },
    }),
    db.handoffNote.findMany({
      where: {
        scheduleId: { in: [...new Set(found.map((f) => f.model.schedule.id))] },
        handoffAt: { gte: new Date(nowMs - LOOKBACK_MS - 86_400_000) },
      },
      orderBy: { createdAt: "desc" },
    }),
  ]);
  const rulesOf = effectiveRules(methods, rules);
  const data: Prisma.NotificationCreateManyInput[] = [];
  for (const { model, notice } of found) {
    const mine = rulesOf.filter((r) => r.userId === notice.userId);
    const first = Math.min(...mine.map((r) => r.delayMinutes));
    const tz = model.schedule.timezone;
    const note =
      notice.kind === "handoff"
        ? notes.find(
            (n) =>
              n.scheduleId === model.schedule.id &&
              n.handoffAt.getTime() === notice.shiftStartMs &&
              notice.outgoingUserIds.includes(n.outgoingUserId),
          )
        : undefined;
    const outgoing = notice.outgoingUserIds.map((u) => users.get(u)?.name ?? "someone").join(", ");
    const text =
      notice.kind === "shift_reminder"
        ? `Your on-call shift on "${model.schedule.name}" starts ${when(notice.shiftStartMs, tz)} and ends ${when(notice.shiftEndMs, tz)} (${tz}).`
        : `You are now on call on "${model.schedule.name}" until ${when(notice.shiftEndMs, tz)} (${tz})${outgoing ? `, taking over from ${outgoing}` : ""}.`;
    const noteText = note
      ? [
          note.body,
          note.openIssues && `Open issues: ${note.openIssues}`,
          note.watchItems && `Watch: ${note.watchItems}`,
        ]
          .filter(Boolean)
          .join("\n")
      : undefined;
    for (const r of mine.filter((x) => x.delayMinutes === first)) {
      data.push({
        dedupeKey: `shift:${notice.kind}:${model.schedule.id}:${notice.userId}:${notice.shiftStartMs}:${r.methodId}`,
        userId: notice.userId,
        contactMethodId: r.methodId,
        kind: notice.kind,
        dueAt: new Date(nowMs),
        payload: {
          text,
          scheduleId: model.schedule.id,
          scheduleName: model.schedule.name,
          shiftStart: new Date(notice.shiftStartMs).toISOString(),
          shiftEnd: new Date(notice.shiftEndMs).toISOString(),
          ...(noteText ? { note: noteText } : {}),
        },
      });
    }
  }
  const rows = data.length ? (await db.notification.createMany({ data, skipDuplicates: true })).count : 0;
  if (rows) await enqueueJob("notifications-deliver");
  return { notices: found.length, rows };
}
