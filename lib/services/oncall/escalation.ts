import "server-only";
import { getDb, type Prisma } from "@/lib/db";
import { stepTargets } from "@/lib/db/repos/escalation-policies";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/observability/logger";
import { nextEscalation, type EscalationPolicy } from "@/lib/oncall";
import type { Tx } from "./model";
import { queueFollowUps, queueForMethod, queueForUsers } from "../notify/queue";
import { announcePages, type Notification } from "./notify";
import { resolveTargets } from "./targets";

// The escalation engine. A page notifies step 1 of its policy when it opens; while nobody acknowledges it,
// lib/oncall nextEscalation says when the next step is due (each step's delay after the previous one,
// `repeat` extra passes). Targets are resolved at the moment a step fires. A step whose targets resolve to
// nobody is recorded and the next step follows at once. Every step is recorded as PageEvents "escalated"
// (from the second step on) and "notified"; the end of the policy as "exhausted". In the same transaction
// each notified person's notification rules become Notification rows (lib/services/notify/queue.ts),
// the people notified at earlier steps get an "escalated" follow-up, and an exhausted policy notifies
// its fallback (a user and/or a team channel); the delivery worker sends them after commit.

type PageRow = Prisma.PageModel;
type PolicyWithSteps = Prisma.EscalationPolicyModel & { steps: Prisma.EscalationStepModel[] };

export type Advance = {
  data: { currentStep: number; round: number; nextEscalationAt: Date | null; notifiedUserIds: string[] };
  notifications: Notification[];
};

export const domainPolicy = (policy: PolicyWithSteps): EscalationPolicy => ({
  repeat: policy.repeat,
  steps: [...policy.steps]
    .sort((a, b) => a.position - b.position)
    .map((s) => ({ delayMinutes: s.delayMinutes, targets: stepTargets(s) })),
});

/**
 * Notifies every step due at nowMs, in order, recording events in `tx`; returns the page fields to store
 * and the notifications to deliver after commit. `lastStep` null = nothing notified yet (a new page).
 */
export async function advance(
  tx: Tx,
  page: Pick<PageRow, "id" | "title" | "severity" | "openedAt" | "notifiedUserIds">,
  policy: PolicyWithSteps,
  lastStep: { stepIndex: number; round: number } | null,
  nowMs: number,
  serviceSlug: string | null,
  /** "escalate now": the next step fires at nowMs even though its delay has not passed */
  forceNext = false,
): Promise<Advance> {
  const plan = domainPolicy(policy);
  const notified = new Set(page.notifiedUserIds);
  const notifications: Notification[] = [];
  let last = lastStep;
  let effectiveNow = nowMs;
  let nextAt: Date | null = null;
  for (let guard = 0; guard < 200; guard += 1) {
    const decideAt = guard === 0 && forceNext ? Number.POSITIVE_INFINITY : effectiveNow;
    const next = nextEscalation({
      policy: plan,
      openedAtMs: page.openedAt.getTime(),
      acknowledged: false,
      lastStep: last,
      nowMs: decideAt,
    });
    if (next.kind === "wait") {
      nextAt = new Date(next.atMs);
      break;
    }
    if (next.kind === "none") {
      if (next.reason === "exhausted") {
        // The last step gets its delay to be acknowledged too; only then is the page "unacknowledged"
        // (home page) and the fallback told. An acknowledgement meanwhile cancels the fallback.
        const lastDelay = last ? plan.steps[last.stepIndex]!.delayMinutes * 60_000 : 0;
        const unacknowledgedAt = new Date(nowMs + lastDelay).toISOString();
        await tx.pageEvent.create({
          data: {
            pageId: page.id,
            at: new Date(nowMs),
            kind: "exhausted",
            detail: {
              steps: plan.steps.length,
              passes: plan.repeat + 1,
              unacknowledgedAt,
              fallbackUser: policy.fallbackUserId,
              fallbackChannel: policy.fallbackContactMethodId,
            },
          },
        });
        const notice = {
          pageId: page.id,
          kind: "fallback" as const,
          step: last?.stepIndex ?? null,
          round: last?.round ?? null,
          atMs: nowMs + lastDelay,
        };
        if (policy.fallbackUserId) await queueForUsers(tx, notice, [policy.fallbackUserId]);
        if (policy.fallbackContactMethodId) await queueForMethod(tx, notice, policy.fallbackContactMethodId);
      }
      break;
    }
    const step = plan.steps[next.stepIndex]!;
    const resolved = await resolveTargets(tx, step.targets, nowMs);
    if (last) {
      await tx.pageEvent.create({
        data: {
          pageId: page.id,
          at: new Date(nowMs),
          kind: "escalated",
          step: next.stepIndex,
          detail: {
            fromStep: last.stepIndex,
            fromRound: last.round,
            round: next.round,
            dueAt: new Date(next.atMs).toISOString(),
          },
        },
      });
    }
    const reason = last ? "escalated" : "opened";
    await tx.pageEvent.create({
      data: {
        pageId: page.id,
        at: new Date(nowMs),
        kind: "notified",
        userIds: resolved.userIds,
        step: next.stepIndex,
        detail: {
          round: next.round,
          reason,
          targets: step.targets,
          bySchedule: resolved.bySchedule,
          scheduleIds: resolved.scheduleIds,
          ...(resolved.userIds.length ? {} : { nobody: "no one to notify at this step; moving on to the next step" }),
        },
      },
    });
    if (last)
      await queueFollowUps(
        tx,
        { pageId: page.id, kind: "escalated", step: next.stepIndex, round: next.round, atMs: nowMs },
        null,
      );
    await queueForUsers(
      tx,
      { pageId: page.id, kind: "page", step: next.stepIndex, round: next.round, atMs: nowMs },
      resolved.userIds,
    );
    resolved.userIds.forEach((u) => notified.add(u));
    if (resolved.userIds.length) {
      notifications.push({
        pageId: page.id,
        title: page.title,
        severity: page.severity,
        serviceSlug,
        userIds: resolved.userIds,
        stepIndex: next.stepIndex,
        round: next.round,
        reason,
        atMs: nowMs,
      });
    }
    last = { stepIndex: next.stepIndex, round: next.round };
    effectiveNow = resolved.userIds.length ? nowMs : Number.POSITIVE_INFINITY;
  }
  return {
    data: {
      currentStep: last?.stepIndex ?? 0,
      round: last?.round ?? 0,
      nextEscalationAt: nextAt,
      notifiedUserIds: [...notified],
    },
    notifications,
  };
}

/**
 * Advances one due page in a transaction; null when it is no longer due. With `force` (escalate now)
 * the next step fires at once; `inTx` runs in the same transaction (the caller's audit record).
 * @throws CONFLICT when it changed meanwhile.
 */
export async function escalatePage(
  id: string,
  nowMs: number,
  force = false,
  inTx?: (tx: Tx) => Promise<void>,
): Promise<Notification[] | null> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const page = await tx.page.findUnique({ where: { id }, include: { service: { select: { slug: true } } } });
    if (
      !page ||
      page.status !== "triggered" ||
      !page.nextEscalationAt ||
      (!force && page.nextEscalationAt.getTime() > nowMs)
    )
      return null;
    const policy = page.policyId
      ? await tx.escalationPolicy.findUnique({ where: { id: page.policyId }, include: { steps: true } })
      : null;
    if (!policy) {
      await tx.page.update({ where: { id }, data: { nextEscalationAt: null } });
      return null;
    }
    const result = await advance(
      tx,
      page,
      policy,
      { stepIndex: page.currentStep, round: page.round },
      nowMs,
      page.service?.slug ?? null,
      force,
    );
    const res = await tx.page.updateMany({
      where: { id, version: page.version, status: "triggered" },
      data: { ...result.data, version: { increment: 1 } },
    });
    if (res.count === 0) throw new AppError("CONFLICT", "page changed during escalation");
    if (inTx) await inTx(tx);
    return result.notifications;
  });
}

/**
 * The worker's job: escalate every triggered (unacknowledged) page whose next step is due at nowMs.
 * Each page is advanced in its own transaction under optimistic concurrency (page.version), so an
 * acknowledgement racing with the worker wins or loses as a whole, and two workers never notify twice.
 * A page changed meanwhile (e.g. by a redelivery) is tried again on fresh data, up to 3 times.
 */
export async function escalateDuePages(nowMs = Date.now()): Promise<{ pages: number; notifications: Notification[] }> {
  const db = await getDb();
  const due = await db.page.findMany({
    where: { status: "triggered", nextEscalationAt: { lte: new Date(nowMs) } },
    select: { id: true },
    orderBy: { nextEscalationAt: "asc" },
    take: 500,
  });
  const notifications: Notification[] = [];
  let pages = 0;
  for (const { id } of due) {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      try {
        const sent = await escalatePage(id, nowMs);
        if (sent) {
          pages += 1;
          notifications.push(...sent);
        }
        break;
      } catch (err) {
        if (err instanceof AppError && err.code === "CONFLICT") continue;
        logger().error({ pageId: id, err: err instanceof Error ? err.message : String(err) }, "escalation failed");
        break;
      }
    }
  }
  await announcePages(notifications);
  return { pages, notifications };
}
