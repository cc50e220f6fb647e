import "server-only";
import { getDb, type Prisma } from "@/lib/db";
import { notificationKindOf, notificationPayload } from "@/lib/db/repos/notifications";
import { findPageForMessage } from "@/lib/db/repos/pages";
import { renderMessage, type PageFacts } from "@/lib/notify/render";
import type { Message, NotificationKind } from "@/lib/notify/types";
import type { LinkAction } from "@/lib/validation/views/notify";
import { createActionLinks, pageUrl } from "./action-links";

// Builds the Message of one notification row at send time, from the page as it is now (who else was
// notified so far, the latest alert annotations), plus fresh one-time action links for a person's page.

type Row = Prisma.NotificationModel;
const PAGING: NotificationKind[] = ["page", "escalated", "fallback"];

export async function messageFor(row: Row, nowMs: number): Promise<Message> {
  const db = await getDb();
  const kind = notificationKindOf(row);
  const payload = notificationPayload(row);
  if (!row.pageId) return renderMessage({ kind, page: null, others: [], pageUrl: null, actions: [], payload });
  const page = await findPageForMessage(db, row.pageId);
  if (!page) return renderMessage({ kind, page: null, others: [], pageUrl: null, actions: [], payload });
  const last = page.lastPayload;
  const annotations = { ...last?.alerts[0]?.annotations, ...last?.commonAnnotations };
  const facts: PageFacts = {
    id: page.id,
    title: page.title,
    severity: page.severity,
    status: page.status,
    service: page.service,
    labels: page.labels,
    annotations,
    openedAt: page.openedAt.toISOString(),
    step: row.step,
    round: row.round,
  };
  const others = page.notifiedUserIds.filter((u) => u !== row.userId);
  const names = others.length
    ? await db.user.findMany({ where: { id: { in: others } }, select: { name: true, email: true } })
    : [];
  let actions: { action: LinkAction; url: string }[] = [];
  if (row.userId && PAGING.includes(kind) && page.status !== "resolved") {
    const wanted: LinkAction[] = page.status === "triggered" ? ["acknowledge", "resolve", "escalate"] : ["resolve"];
    actions = await createActionLinks(db, page.id, row.userId!, wanted, nowMs); // one INSERT: atomic without a transaction
  }
  return renderMessage({
    kind,
    page: facts,
    others: names.map((u) => u.name || u.email),
    pageUrl: pageUrl(page.id),
    actions,
    payload,
  });
}
