import "server-only";
import { getDb, Prisma } from "@/lib/db";
import { notificationKindOf, notificationPayload } from "@/lib/db/repos/notifications";
import { retryDelaySeconds, truncate } from "@/lib/notify/backoff";
import { CHANNELS } from "@/lib/notify/channels";
import type { DeliveryResult, NotificationKind } from "@/lib/notify/types";
import { logger } from "@/lib/observability/logger";
import { openDestination } from "./contact-secrets";
import type { Tx } from "../oncall/model";
import { messageFor } from "./message";

// The delivery worker (job "notifications-deliver"). Claims due rows with FOR UPDATE SKIP LOCKED in one
// statement (pending and due, or a claim that expired because its process died), so concurrent
// workers in any number of processes never take the same row. Each claimed row is delivered in
// parallel under its own timeout — a hung channel never delays another row — and every try is a
// NotificationAttempt. A row's result is written only while this worker still holds its claim.

export const DELIVERY_TIMEOUT_MS = 10_000;
// Longer than a delivery can take (timeout + rendering), so a live worker's claim never expires.
const CLAIM_MS = 60_000;
const BATCH = 200;
const MAX_RETRY_AFTER_SECONDS = 3600;
// Deliveries in flight per process: enough that a hung receiver (one slot for DELIVERY_TIMEOUT_MS) delays
// nobody, few enough that the database pool is not starved by 200 bookkeeping transactions at once.
const CONCURRENCY = 32;
const PAGING: NotificationKind[] = ["page", "escalated", "fallback"];

type Row = Prisma.NotificationModel & { contactMethod: Prisma.ContactMethodModel | null };
type Outcome = "sent" | "retried" | "failed" | "cancelled";

/**
 * Restricts a pass to the notifications of these recipients. The job never sets it (a pass takes every
 * due row); tests sharing one database with other files do, so a pass at a simulated future instant
 * neither delivers nor counts rows another file left behind.
 */
export type DeliveryScope = { userIds: string[] };

async function claim(nowMs: number, scope?: DeliveryScope): Promise<{ ids: string[]; claimedUntil: Date }> {
  const db = await getDb();
  const now = new Date(nowMs);
  const claimedUntil = new Date(nowMs + CLAIM_MS);
  const only = scope
    ? scope.userIds.length
      ? Prisma.sql`AND "userId" IN (${Prisma.join(scope.userIds)})`
      : Prisma.sql`AND false`
    : Prisma.empty;
  const rows = await db.$queryRaw<{ id: string }[]>`
    UPDATE "Notification" SET status = 'sending', "claimedUntil" = ${claimedUntil}
    WHERE id IN (
      SELECT id FROM "Notification"
      WHERE ((status = 'pending' AND "dueAt" <= ${now}) OR (status = 'sending' AND "claimedUntil" < ${now})) ${only}
      ORDER BY "dueAt" LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
    RETURNING id`;
  return { ids: rows.map((r) => r.id), claimedUntil };
}

/** Why a claimed row must not be sent any more, or null. */
async function moot(row: Row): Promise<string | null> {
  const m = row.contactMethod;
  if (!m) return "the contact method was deleted";
  if (m.disabledAt) return "the contact method is disabled";
  const proving = row.kind === "verify" || row.kind === "test";
  if (!m.verifiedAt && !proving) return "the contact method is not verified";
  const db = await getDb();
  if (row.userId) {
    const user = await db.user.findUnique({ where: { id: row.userId }, select: { deactivatedAt: true } });
    if (!user || user.deactivatedAt) return "the user was deactivated or deleted";
  }
  if (row.pageId && PAGING.includes(notificationKindOf(row))) {
    const page = await db.page.findUnique({ where: { id: row.pageId }, select: { status: true } });
    if (!page || page.status !== "triggered") return `the page was ${page?.status ?? "deleted"} before this was sent`;
  }
  return null;
}

async function attempt(row: Row, nowMs: number): Promise<DeliveryResult> {
  const message = await messageFor(row, nowMs);
  const to = openDestination(row.contactMethod!);
  const channel = CHANNELS[to.kind];
  if (!channel) return { outcome: "failed", detail: `no channel for kind ${to.kind}`, latencyMs: 0 };
  return channel.deliver(to, message, {
    notificationId: row.id,
    attempt: row.attempts + 1,
    timeoutMs: DELIVERY_TIMEOUT_MS,
  });
}

/** The row's next state after a try; the verification code is blanked once it cannot be sent again. */
function nextState(
  row: Row,
  result: DeliveryResult,
  atMs: number,
): { outcome: Outcome; data: Prisma.NotificationUpdateManyMutationInput } {
  const attempts = row.attempts + 1;
  const base = { attempts, claimedUntil: null, lastError: result.outcome === "accepted" ? null : result.detail };
  const blank = row.kind === "verify" ? { payload: { ...notificationPayload(row), code: "" } } : {};
  if (result.outcome === "accepted")
    return { outcome: "sent", data: { ...base, ...blank, status: "sent", sentAt: new Date(atMs) } };
  const backoff = result.outcome === "retry" ? retryDelaySeconds(attempts) : null;
  // A Retry-After (429, 503) is honoured: the next try waits at least that long (capped, so one odd header cannot park a page for days).
  const wait =
    backoff === null ? null : Math.max(backoff, Math.min(result.retryAfterSeconds ?? 0, MAX_RETRY_AFTER_SECONDS));
  if (wait !== null)
    return { outcome: "retried", data: { ...base, status: "pending", dueAt: new Date(atMs + wait * 1000) } };
  return { outcome: "failed", data: { ...base, ...blank, status: "failed" } };
}

/** The owner of a method a receiver called gone hears it on their other usable methods (and on their profile). */
async function tellOwner(tx: Tx, method: Prisma.ContactMethodModel, reason: string, atMs: number) {
  const others = await tx.contactMethod.findMany({
    where: { userId: method.userId, id: { not: method.id }, verifiedAt: { not: null }, disabledAt: null },
    select: { id: true },
  });
  if (!others.length) return;
  const text = `Your contact method "${method.name}" (${method.targetLabel}) was disabled: ${reason}.`;
  await tx.notification.createMany({
    data: others.map((o) => ({
      dedupeKey: `method_disabled:${method.id}:${atMs}:${o.id}`,
      userId: method.userId,
      contactMethodId: o.id,
      kind: "method_disabled",
      dueAt: new Date(atMs),
      payload: { text },
    })),
    skipDuplicates: true,
  });
}

async function deliverOne(id: string, claimedUntil: Date, nowMs: number): Promise<Outcome | null> {
  const db = await getDb();
  const row = await db.notification.findUnique({ where: { id }, include: { contactMethod: true } });
  if (!row || row.status !== "sending") return null;
  const owned = { id, status: "sending", claimedUntil };
  const why = await moot(row);
  if (why) {
    await db.notification.updateMany({
      where: owned,
      data: { status: "cancelled", claimedUntil: null, lastError: why },
    });
    return "cancelled";
  }
  const started = performance.now();
  let result: DeliveryResult;
  try {
    result = await attempt(row, nowMs);
  } catch (err) {
    // rendering or opening the sealed target failed: a defect or a rotated key, worth a retry. The
    // attempt's detail is shown with the page; what failed stays in the log.
    logger().error(
      { notificationId: id, err: err instanceof Error ? { message: err.message, stack: err.stack } : String(err) },
      "could not prepare a notification",
    );
    result = {
      outcome: "retry",
      detail: "could not prepare the message; see the server log",
      latencyMs: Math.round(performance.now() - started),
    };
  }
  const atMs = nowMs + Math.round(performance.now() - started);
  const next = nextState(row, result, atMs);
  await db.$transaction(
    async (tx) => {
      const res = await tx.notification.updateMany({ where: owned, data: next.data });
      if (res.count === 0) return; // claim lost (this process stalled past CLAIM_MS): the other worker records it
      await tx.notificationAttempt.create({
        data: {
          notificationId: id,
          at: new Date(atMs),
          outcome: result.outcome,
          statusCode: result.statusCode ?? null,
          detail: truncate(result.detail),
          latencyMs: Math.round(result.latencyMs),
        },
      });
      if (result.outcome === "gone" && row.contactMethodId) {
        // The receiver says the destination no longer exists: stop using it; the owner sees why on their profile.
        const reason = `the receiver answered ${result.statusCode ?? "gone"} (no such destination); re-add or re-verify it`;
        const disabled = await tx.contactMethod.updateMany({
          where: { id: row.contactMethodId, disabledAt: null },
          data: { disabledAt: new Date(atMs), disabledReason: reason },
        });
        if (disabled.count && row.contactMethod?.userId) await tellOwner(tx, row.contactMethod, reason, atMs);
      }
    },
    { maxWait: 30_000, timeout: 30_000 },
  );
  return next.outcome;
}

/** One pass: claims every due row (up to a batch) and delivers them, CONCURRENCY at a time. */
export async function deliverDueNotifications(
  nowMs = Date.now(),
  scope?: DeliveryScope,
): Promise<{ sent: number; retried: number; failed: number }> {
  const { ids, claimedUntil } = await claim(nowMs, scope);
  const counts = { sent: 0, retried: 0, failed: 0 };
  const results: PromiseSettledResult<Outcome | null>[] = [];
  let next = 0;
  const lane = async () => {
    while (next < ids.length) {
      const id = ids[next++]!;
      results.push(...(await Promise.allSettled([deliverOne(id, claimedUntil, nowMs)])));
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, ids.length) }, lane));
  for (const r of results) {
    if (r.status === "rejected")
      logger().error(
        { err: r.reason instanceof Error ? r.reason.message : String(r.reason) },
        "notification delivery bookkeeping failed",
      );
    else if (r.value === "sent" || r.value === "retried" || r.value === "failed") counts[r.value] += 1;
  }
  if (ids.length) logger().info({ claimed: ids.length, ...counts }, "notifications delivered");
  return counts;
}
