import "server-only";
import { getDb } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { assertCanRead, type Actor } from "@/lib/auth/permissions";
import { findIncidentActionItemRows } from "@/lib/db/repos/action-items";
import { usersById } from "@/lib/db/repos/incidents";
import { findPostmortemDocument, findPublishedRevision, type ImpactSnapshotRow } from "@/lib/db/repos/postmortems";
import { isOverdue, REVIEW_ACTIONS, reviewTransition, type ReviewAction } from "@/lib/postmortem";
import type { ImpactSnapshotView, PostmortemView, PublishedRevisionView } from "@/lib/validation/views/postmortems";
import { canEditIncident, incidentScope, type IncidentScope, type Tx } from "./access";
import { actionItemViews } from "./action-items";
import { readIncident } from "./incidents";
import { reviewRoleFor, reviewStateOf } from "./postmortem-state";
import { timelineOf } from "./timeline";

// The postmortem document as the API returns it: sections, review state, due date and overdue flag
// (computed now), impact snapshots, starred timeline, action items, review history, and what the
// caller may do next.

/** A postmortem by its own id or by its incident (id, number or INC-n). */
export type PostmortemRef = { id: string } | { incident: string };

export async function postmortemScope(
  tx: Tx,
  ref: PostmortemRef,
): Promise<{ scope: IncidentScope; postmortemId: string }> {
  if ("incident" in ref) {
    const scope = await incidentScope(tx, ref.incident);
    const pm = await tx.postmortem.findUnique({ where: { incidentId: scope.id }, select: { id: true } });
    // Incidents always get a draft at creation; one deleted by hand is recreated on first access.
    const id = pm?.id ?? (await tx.postmortem.create({ data: { incidentId: scope.id }, select: { id: true } })).id;
    return { scope, postmortemId: id };
  }
  const pm = await tx.postmortem.findUnique({ where: { id: ref.id }, select: { id: true, incidentId: true } });
  if (!pm) throw notFound(`postmortem ${ref.id}`);
  return { scope: await incidentScope(tx, pm.incidentId), postmortemId: pm.id };
}

export const snapshotView = (s: ImpactSnapshotRow): ImpactSnapshotView => ({
  id: s.id,
  sloId: s.sloId,
  sloName: s.sloName,
  service: s.serviceSlug,
  from: s.fromAt.toISOString(),
  to: s.toAt.toISOString(),
  failed: s.failed,
  total: s.total,
  errorRatio: s.total > 0 ? s.failed / s.total : null,
  peakErrorRatio: s.peakErrorRatio,
  budgetConsumed: s.budgetConsumed,
  computedAt: s.computedAt.toISOString(),
  frozen: s.frozen,
  details: s.queries,
});
export type { ImpactSnapshotView, PostmortemView };

/** The latest computation (one row per SLO, same computedAt): a draft's recompute, else the frozen published one. */
export function latestSnapshots(rows: ImpactSnapshotRow[]): ImpactSnapshotRow[] {
  if (rows.length === 0) return [];
  const live = rows.filter((r) => !r.frozen);
  const pool = live.length ? live : rows;
  const latest = Math.max(...pool.map((r) => r.computedAt.getTime()));
  return pool
    .filter((r) => r.computedAt.getTime() === latest)
    .sort((a, b) => a.serviceSlug.localeCompare(b.serviceSlug) || a.sloName.localeCompare(b.sloName));
}

export async function readPostmortem(
  tx: Tx,
  actor: Actor,
  ref: PostmortemRef,
  nowMs = Date.now(),
): Promise<PostmortemView> {
  const { scope, postmortemId } = await postmortemScope(tx, ref);
  const row = await findPostmortemDocument(tx, postmortemId);
  const incident = await readIncident(tx, scope.id, nowMs);
  const approvals = row.approvals;
  const users = await usersById(tx, [
    ...(row.authorId ? [row.authorId] : []),
    ...row.reviewerIds,
    ...approvals.map((a) => a.userId),
  ]);
  const user = (id: string) => users.get(id) ?? { id, name: "(deleted user)", email: "" };
  const publishedRevision = row.revisions.filter((r) => r.publishedAt).at(-1)?.number ?? null;
  const state = reviewStateOf(row, incident.severity, publishedRevision);
  const itemRows = await findIncidentActionItemRows(tx, scope.id);

  const commanderId = incident.commander?.id ?? null;
  const allowed = Object.fromEntries(
    REVIEW_ACTIONS.map((action: ReviewAction) => {
      try {
        const role = reviewRoleFor(actor, action, scope, row, commanderId);
        const revision =
          action === "approve" || action === "request_changes"
            ? (state.submittedRevision ?? undefined)
            : state.revision;
        return [
          action,
          reviewTransition(state, action, { actorRole: role, revision, actorId: actor.userId, comment: "-" }).ok,
        ];
      } catch {
        return [action, false];
      }
    }),
  ) as Record<ReviewAction, boolean>;

  return {
    id: row.id,
    incidentId: scope.id,
    incident,
    status: row.status,
    revision: row.revision,
    version: row.version,
    sections: row.sections,
    author: row.authorId ? user(row.authorId) : null,
    reviewers: row.reviewerIds.map(user),
    approvals: approvals
      .filter((a) => a.revision === row.revision)
      .map((a) => ({ user: user(a.userId), revision: a.revision, at: a.at })),
    requiredApprovals: state.requiredApprovals,
    submittedRevision: state.submittedRevision,
    publishedRevision,
    dueAt: row.dueAt?.toISOString() ?? null,
    overdue: isOverdue(row.dueAt?.getTime() ?? null, row.publishedAt?.getTime() ?? null, nowMs),
    publishedAt: row.publishedAt?.toISOString() ?? null,
    impacts: latestSnapshots(row.impacts).map(snapshotView),
    timeline: await timelineOf(tx, scope.id, { starredOnly: true }),
    actionItems: await actionItemViews(tx, itemRows, nowMs),
    reviewEvents: row.reviewEvents.map((e) => ({
      id: e.id,
      action: e.action,
      revision: e.revision,
      actor: { id: e.actorId, label: e.actorLabel },
      comment: e.comment,
      at: e.at.toISOString(),
    })),
    revisions: row.revisions.map((r) => ({
      number: r.number,
      approvedById: r.approvedById,
      approvedAt: r.approvedAt?.toISOString() ?? null,
      publishedAt: r.publishedAt?.toISOString() ?? null,
    })),
    can: { ...allowed, recomputeImpact: row.status !== "published" && canEditIncident(actor, scope) },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export async function getPostmortem(actor: Actor, ref: PostmortemRef, nowMs = Date.now()): Promise<PostmortemView> {
  assertCanRead(actor);
  const db = await getDb();
  return db.$transaction((tx) => readPostmortem(tx, actor, ref, nowMs));
}

/** A published revision's sections exactly as published (immutable). */
export async function getPublishedRevision(
  actor: Actor,
  ref: PostmortemRef,
  number: number,
): Promise<PublishedRevisionView> {
  assertCanRead(actor);
  const db = await getDb();
  const { postmortemId } = await postmortemScope(db, ref);
  const rev = await findPublishedRevision(db, postmortemId, number);
  if (!rev) throw notFound(`published revision ${number}`);
  return {
    number: rev.number,
    sections: rev.sections,
    approvedById: rev.approvedById,
    approvedAt: rev.approvedAt?.toISOString() ?? null,
    publishedAt: rev.publishedAt?.toISOString() ?? null,
  };
}
