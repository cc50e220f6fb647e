import "server-only";
import type { Client } from "../oncall/model";
import { deliveryLine } from "@/lib/notify/delivery-line";
import type { PageDeliveryView } from "@/lib/validation/views/pages";

// Delivery state of a page's notifications for GET /api/v1/pages/{id} and the page's timeline: each row
// with its recipient (masked address), state, every attempt, and the sentence the timeline shows.
// Never the target itself nor a provider body beyond the truncated detail recorded per attempt.

export async function pageDeliveries(db: Client, pageId: string, nowMs = Date.now()): Promise<PageDeliveryView[]> {
  const rows = await db.notification.findMany({
    where: { pageId },
    include: {
      contactMethod: { select: { kind: true, targetLabel: true, name: true } },
      attemptLog: { orderBy: { at: "asc" } },
    },
    orderBy: [{ createdAt: "asc" }, { dueAt: "asc" }, { id: "asc" }],
  });
  return rows.map((r) => {
    const last = r.attemptLog[r.attemptLog.length - 1];
    const channel = r.contactMethod?.kind ?? "deleted";
    const facts = {
      kind: r.kind,
      channel,
      label: r.contactMethod?.targetLabel ?? "a deleted contact method",
      status: r.status,
      attempts: r.attempts,
      dueAtMs: r.dueAt.getTime(),
      sentAtMs: r.sentAt?.getTime() ?? null,
      lastStatusCode: last?.statusCode ?? null,
      lastError: r.lastError,
    };
    return {
      id: r.id,
      kind: r.kind,
      userId: r.userId,
      step: r.step,
      round: r.round,
      channel,
      method: r.contactMethod?.name ?? null,
      status: r.status,
      dueAt: r.dueAt.toISOString(),
      sentAt: r.sentAt?.toISOString() ?? null,
      attempts: r.attemptLog.map((a) => ({
        at: a.at.toISOString(),
        outcome: a.outcome,
        statusCode: a.statusCode,
        detail: a.detail,
        latencyMs: a.latencyMs,
      })),
      line: deliveryLine(facts, nowMs),
      at: (r.sentAt ?? last?.at ?? r.dueAt).toISOString(),
    };
  });
}
