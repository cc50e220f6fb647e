import "server-only";
import type { Prisma } from "@/lib/db";
import { effectiveRules } from "@/lib/notify/rules";
import type { NotificationKind } from "@/lib/notify/types";
import type { NotificationPayload } from "@/lib/validation/notify";
import type { Tx } from "../oncall/model";

// Writers of Notification rows, always inside the caller's transaction (the escalation, the
// acknowledgement…), so a page that escalated has its notifications committed with it or not at all.
// dedupeKey makes each (page, step, round, user, method, rule delay, kind) one row however often the
// writer runs: createMany skipDuplicates. The worker (deliver.ts) sends them when due.

export type PageNotice = {
  pageId: string;
  kind: NotificationKind;
  step: number | null;
  round: number | null;
  atMs: number;
  payload?: NotificationPayload;
};

export const dedupeKeyOf = (n: {
  pageId: string;
  step: number | null;
  round: number | null;
  userId: string | null;
  methodId: string;
  delayMinutes: number;
  kind: string;
}) => `${n.pageId}:${n.step ?? "-"}:${n.round ?? "-"}:${n.userId ?? "team"}:${n.methodId}:${n.delayMinutes}:${n.kind}`;

const rowOf = (
  notice: PageNotice,
  userId: string | null,
  methodId: string,
  delayMinutes: number,
): Prisma.NotificationCreateManyInput => ({
  dedupeKey: dedupeKeyOf({ ...notice, userId, methodId, delayMinutes }),
  pageId: notice.pageId,
  userId,
  contactMethodId: methodId,
  kind: notice.kind,
  step: notice.step,
  round: notice.round,
  dueAt: new Date(notice.atMs + delayMinutes * 60_000),
  payload: notice.payload ?? {},
});

/** One row per effective rule of each user (dueAt = the paged instant + the rule's delay). Returns rows written. */
export async function queueForUsers(tx: Tx, notice: PageNotice, userIds: readonly string[]): Promise<number> {
  if (!userIds.length) return 0;
  const users = { in: [...new Set(userIds)] };
  const [methods, rules] = await Promise.all([
    tx.contactMethod.findMany({
      where: { userId: users, user: { deactivatedAt: null } },
      select: { id: true, userId: true, verifiedAt: true, disabledAt: true },
    }),
    tx.notificationRule.findMany({
      where: { userId: users },
      select: { userId: true, contactMethodId: true, delayMinutes: true },
    }),
  ]);
  const data = effectiveRules(methods, rules).map((r) => rowOf(notice, r.userId, r.methodId, r.delayMinutes));
  if (!data.length) return 0;
  return (await tx.notification.createMany({ data, skipDuplicates: true })).count;
}

/** A team channel (a ContactMethod owned by a team): one row at delay 0, if it is usable. */
export async function queueForMethod(tx: Tx, notice: PageNotice, methodId: string): Promise<number> {
  const m = await tx.contactMethod.findUnique({
    where: { id: methodId },
    select: { id: true, verifiedAt: true, disabledAt: true, userId: true },
  });
  if (!m || !m.verifiedAt || m.disabledAt) return 0;
  return (await tx.notification.createMany({ data: [rowOf(notice, m.userId, m.id, 0)], skipDuplicates: true })).count;
}

/**
 * Status follow-ups (acknowledged, escalated, resolved): to every (recipient, method) the page already
 * reached or is reaching right now — its page/fallback rows sent or being sent; not the ones still
 * waiting for a rule's delay — except the person who acted (they know). Delay 0.
 */
export async function queueFollowUps(tx: Tx, notice: PageNotice, exceptUserId: string | null): Promise<number> {
  const reached = await tx.notification.findMany({
    where: {
      pageId: notice.pageId,
      kind: { in: ["page", "fallback"] },
      status: { in: ["sent", "sending"] },
      contactMethodId: { not: null },
    },
    select: { userId: true, contactMethodId: true },
    distinct: ["userId", "contactMethodId"],
  });
  const data = reached
    .filter((r) => !exceptUserId || r.userId !== exceptUserId)
    .map((r) => rowOf(notice, r.userId, r.contactMethodId!, 0));
  if (!data.length) return 0;
  return (await tx.notification.createMany({ data, skipDuplicates: true })).count;
}

/**
 * A page was acknowledged or resolved (by a person or by Alertmanager): its messages not yet sent that
 * would still page someone are moot (cancelled with the reason), and the people already reached hear
 * the news (queueFollowUps). In the caller's transaction.
 */
export async function settlePage(
  tx: Tx,
  notice: PageNotice & { kind: "acknowledged" | "resolved" },
  exceptUserId: string | null,
): Promise<void> {
  await tx.notification.updateMany({
    where: { pageId: notice.pageId, status: "pending", kind: { in: ["page", "escalated", "fallback"] } },
    data: { status: "cancelled", lastError: `the page was ${notice.kind} before this was sent` },
  });
  await queueFollowUps(tx, notice, exceptUserId);
}
