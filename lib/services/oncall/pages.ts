import "server-only";
import { getDb } from "@/lib/db";
import {
  eventDetail,
  findPageList,
  findPageRow,
  findPageWithEvents,
  pageColumns,
  type PageRow,
} from "@/lib/db/repos/pages";
import { AppError, notFound } from "@/lib/errors";
import { assertCanRead, atLeast, inTeam, isAdmin, requireScope, type Actor } from "@/lib/auth/permissions";
import { PAGE_STATUSES, type ListPagesQuery } from "@/lib/validation/oncall";
import type { PageView, PageWithEventsView } from "@/lib/validation/views/pages";
import type { Page } from "@/lib/validation/common";
import { recordAudit } from "../audit";
import { pageDeliveries } from "../notify/page-deliveries";
import { settlePage } from "../notify/queue";
import { escalatePage } from "./escalation";
import { refOf, userRefs } from "./model";
import { announcePageStatus, kickDelivery } from "./notify";

// Pages: read by everybody; acknowledged and resolved by the people who were paged (any role), editors
// of the service's team, or admins (docs/security.md, "On-call"). Acknowledging stops the escalation; resolving closes the page (a later
// firing delivery of the same alert group opens a new page).

const statusOf = (r: PageRow): PageView["status"] => {
  const status = PAGE_STATUSES.find((s) => s === r.status);
  if (!status) throw new Error(`Page ${r.id}: column status holds "${r.status}", not ${PAGE_STATUSES.join(", ")}`);
  return status;
};

async function views(rows: PageRow[]): Promise<PageView[]> {
  const refs = await userRefs(
    null,
    rows.flatMap((r) => [...r.notifiedUserIds, ...(r.acknowledgedById ? [r.acknowledgedById] : [])]),
  );
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    severity: r.severity,
    status: statusOf(r),
    groupKey: r.groupKey,
    ...pageColumns(r),
    service: r.service ? { slug: r.service.slug, name: r.service.name } : null,
    integration: r.integration,
    deliveries: r.deliveries,
    currentStep: r.currentStep,
    round: r.round,
    nextEscalationAt: r.nextEscalationAt?.toISOString() ?? null,
    notified: r.notifiedUserIds.map((u) => refOf(refs, u)),
    openedAt: r.openedAt.toISOString(),
    acknowledgedAt: r.acknowledgedAt?.toISOString() ?? null,
    acknowledgedBy: r.acknowledgedById ? refOf(refs, r.acknowledgedById) : null,
    resolvedAt: r.resolvedAt?.toISOString() ?? null,
    resolvedBy: r.resolvedBy,
    version: r.version,
  }));
}

export async function listPages(actor: Actor, q: ListPagesQuery): Promise<Page<PageView>> {
  assertCanRead(actor);
  const db = await getDb();
  const statuses = q.status === "open" ? ["triggered", "acknowledged"] : q.status ? [q.status] : undefined;
  const { rows, total } = await findPageList(db, {
    statuses,
    service: q.service,
    skip: (q.page - 1) * q.pageSize,
    take: q.pageSize,
  });
  return { items: await views(rows), page: q.page, pageSize: q.pageSize, total };
}

/** One page with its events (oldest first). */
export async function getPage(actor: Actor, id: string): Promise<PageWithEventsView> {
  assertCanRead(actor);
  const db = await getDb();
  const row = await findPageWithEvents(db, id);
  if (!row) throw notFound(`page ${id}`);
  const [view] = await views([row]);
  const refs = await userRefs(
    db,
    row.events.flatMap((e) => e.userIds),
  );
  return {
    ...view!,
    notifications: await pageDeliveries(db, id),
    events: row.events.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      kind: e.kind,
      step: e.step,
      users: e.userIds.map((u) => refOf(refs, u)),
      detail: eventDetail(e),
    })),
  };
}

/**
 * Responders acknowledge and resolve what they were paged for, whatever their role (GoAlert, PagerDuty);
 * otherwise it takes an editor of the service's team (any editor for a page without a service) or an admin.
 */
function assertCanRespond(actor: Actor, page: PageRow) {
  requireScope(actor, "write");
  if (isAdmin(actor) || page.notifiedUserIds.includes(actor.userId)) return;
  if (atLeast(actor, "editor") && (!page.service || inTeam(actor, page.service.teamId))) return;
  throw new AppError(
    "FORBIDDEN",
    "Only the people paged, editors of the service's team or admins can respond to this page",
  );
}

async function transition(actor: Actor, id: string, to: "acknowledged" | "resolved", nowMs: number) {
  const db = await getDb();
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const page = await findPageRow(db, id);
    if (!page) throw notFound(`page ${id}`);
    assertCanRespond(actor, page);
    if (page.status === "resolved") throw new AppError("INVALID_STATE", "this page is already resolved");
    if (page.status === to) return page.id;
    const now = new Date(nowMs);
    const data =
      to === "acknowledged"
        ? { status: to, acknowledgedAt: now, acknowledgedById: actor.userId, nextEscalationAt: null }
        : {
            status: to,
            resolvedAt: now,
            resolvedBy: actor.email,
            openKey: null,
            nextEscalationAt: null,
            ...(page.acknowledgedAt ? {} : { acknowledgedAt: now, acknowledgedById: actor.userId }),
          };
    const done = await db.$transaction(async (tx) => {
      const res = await tx.page.updateMany({
        where: { id, version: page.version },
        data: { ...data, version: { increment: 1 } },
      });
      if (res.count === 0) return false; // escalated or redelivered meanwhile: read again
      // The response is applied after every event already on the page (a worker may have escalated while
      // this request was in flight): its timeline entry never sorts before them.
      const last = await tx.pageEvent.findFirst({
        where: { pageId: id },
        orderBy: { at: "desc" },
        select: { at: true },
      });
      const at = last && last.at > now ? last.at : now;
      await tx.pageEvent.create({
        data: { pageId: id, at, kind: to, userIds: [actor.userId], detail: { by: actor.email } },
      });
      await recordAudit(tx, actor, {
        action: to === "acknowledged" ? "page.acknowledge" : "page.resolve",
        entityType: "page",
        entityId: id,
        before: { status: page.status },
        after: { status: to },
      });
      // Messages not yet sent that would still page someone are moot now; the people already reached hear the news.
      await settlePage(
        tx,
        {
          pageId: id,
          kind: to,
          step: page.currentStep,
          round: page.round,
          atMs: nowMs,
          payload: { by: actor.name || actor.email },
        },
        actor.userId,
      );
      return true;
    });
    if (done) {
      await kickDelivery();
      await announcePageStatus(
        { id: page.id, title: page.title, severity: page.severity, serviceSlug: page.service?.slug ?? null },
        to,
      );
      return page.id;
    }
  }
  throw new AppError("CONFLICT", "the page kept changing; try again");
}

/** Acknowledge: stops the escalation. Acknowledging an acknowledged page changes nothing. */
export async function acknowledgePage(actor: Actor, id: string, nowMs = Date.now()): Promise<PageWithEventsView> {
  return getPage(actor, await transition(actor, id, "acknowledged", nowMs));
}

/** Resolve: closes the page (acknowledging it too if nobody had). */
export async function resolvePage(actor: Actor, id: string, nowMs = Date.now()): Promise<PageWithEventsView> {
  return getPage(actor, await transition(actor, id, "resolved", nowMs));
}

/**
 * Escalate now: the next step of the policy is notified at once (the same engine as the worker, under
 * the same optimistic concurrency), audited as the actor. A page that is not triggered, or whose policy
 * is exhausted, is left as it is.
 * @throws INVALID_STATE when there is no next step to escalate to.
 */
export async function escalatePageNow(actor: Actor, id: string, nowMs = Date.now()): Promise<PageWithEventsView> {
  const db = await getDb();
  const page = await findPageRow(db, id);
  if (!page) throw notFound(`page ${id}`);
  assertCanRespond(actor, page);
  if (page.status !== "triggered") throw new AppError("INVALID_STATE", `this page is already ${page.status}`);
  for (let attempt = 0; attempt < 5; attempt += 1) {
    try {
      const sent = await escalatePage(id, nowMs, true, async (tx) => {
        await recordAudit(tx, actor, {
          action: "page.escalate",
          entityType: "page",
          entityId: id,
          before: { step: page.currentStep, round: page.round },
          after: { forced: true },
        });
      });
      if (!sent)
        throw new AppError("INVALID_STATE", "this page has no further escalation step (or is no longer triggered)");
      await kickDelivery();
      return getPage(actor, id);
    } catch (err) {
      if (err instanceof AppError && err.code === "CONFLICT") continue;
      throw err;
    }
  }
  throw new AppError("CONFLICT", "the page kept changing; try again");
}
