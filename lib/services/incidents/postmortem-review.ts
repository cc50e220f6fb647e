import "server-only";
import { getDb } from "@/lib/db";
import { findPostmortemForChange } from "@/lib/db/repos/postmortems";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/permissions";
import { reviewTransition, SEVERITY_DEFINITIONS } from "@/lib/postmortem";
import type { Approval, ReviewActionInput } from "@/lib/validation/incidents";
import { reviewProblems } from "@/lib/validation/postmortem-review";
import { recordAudit } from "../audit";
import { actorLabel, actorUserId, resolveUsers, type Tx } from "./access";
import { readIncident } from "./incidents";
import { postmortemScope, readPostmortem, type PostmortemRef, type PostmortemView } from "./postmortem-read";
import { reviewError, reviewRoleFor, reviewStateOf } from "./postmortem-state";
import type { IncidentView } from "./view";

// Review workflow over lib/postmortem reviewTransition: submit (named reviewers) → approve a specific
// revision / request changes (comment) → publish (immutable PostmortemRevision row, impact frozen) →
// amend (new revision in draft). Every action writes a ReviewEvent and an audit entry.

/** The submit checklist (anchors C.2, reduced): resolved incident, core sections written, SEV-1/2 with an action item, a budget-policy trigger with a P0/P1 one. */
async function assertReadyForReview(
  tx: Tx,
  incident: IncidentView,
  sections: Record<string, string>,
  reviewerIds: string[],
) {
  if (incident.status !== "resolved")
    throw new AppError("INVALID_STATE", `Resolve ${incident.key} before submitting its postmortem for review`);
  const fields: Record<string, string> = {};
  for (const key of ["summary", "rootCause", "impact"] as const)
    if (!sections[key]?.trim()) fields[`sections.${key}`] = "write this section before review";
  if (reviewerIds.length === 0) fields.reviewers = "name at least one reviewer";
  if (SEVERITY_DEFINITIONS[incident.severity].postmortem === "required") {
    const committed = await tx.actionItem.count({ where: { incidentId: incident.id, status: { not: "wont_do" } } });
    if (committed === 0) fields.actionItems = `a ${incident.severity} postmortem needs at least one action item`;
  }
  const policy = incident.postmortem?.budgetPolicy;
  if (policy && !policy.actionItemMet) {
    const worst = policy.slos[0]!;
    fields.actionItems = `the budget policy needs at least one P0/P1 action item (${worst.sloName}: ${Math.round(worst.consumed * 1000) / 10} % of its budget spent, above ${Math.round(policy.threshold * 1000) / 10} %)`;
  }
  if (Object.keys(fields).length)
    throw new AppError("VALIDATION", `Not ready for review: ${reviewProblems(fields).join("; ")}`, fields);
}

export async function reviewPostmortem(
  actor: Actor,
  ref: PostmortemRef,
  input: ReviewActionInput,
  nowMs = Date.now(),
): Promise<PostmortemView> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const { scope, postmortemId } = await postmortemScope(tx, ref);
    const row = await findPostmortemForChange(tx, postmortemId);
    const incident = await readIncident(tx, scope.id, nowMs);
    const role = reviewRoleFor(actor, input.action, scope, row, incident.commander?.id ?? null);
    const state = reviewStateOf(row, incident.severity, row.revisions.at(-1)?.number ?? null);
    const comment = input.comment ?? "";
    const next = reviewTransition(state, input.action, {
      actorRole: role,
      revision: "revision" in input ? input.revision : undefined,
      actorId: actor.userId,
      comment,
    });
    if (!next.ok) throw reviewError(next.error, next.message);

    const now = new Date(nowMs);
    let reviewerIds = row.reviewerIds;
    if (input.action === "submit") {
      if (input.reviewers)
        reviewerIds = [...new Set((await resolveUsers(tx, input.reviewers, "reviewers")).map((u) => u.id))];
      await assertReadyForReview(tx, incident, row.sections, reviewerIds);
    }
    const previous = row.approvals.filter((a) => a.revision === row.revision);
    const approvals: Approval[] = next.value.approverIds.map(
      (id) =>
        previous.find((a) => a.userId === id) ?? {
          userId: id,
          label: actorLabel(actor),
          revision: row.revision,
          at: now.toISOString(),
        },
    );
    const res = await tx.postmortem.updateMany({
      where: { id: postmortemId, version: row.version },
      data: {
        status: next.value.status,
        revision: next.value.revision,
        approvals,
        reviewerIds,
        ...(input.action === "publish" ? { publishedAt: now } : {}),
        version: { increment: 1 },
      },
    });
    if (res.count === 0)
      throw new AppError("CONFLICT", "The postmortem changed while you acted on it; reload and try again", {
        version: "stale",
      });

    if (input.action === "publish") {
      const lastApproval = previous.at(-1);
      await tx.postmortemRevision.create({
        data: {
          postmortemId,
          number: row.revision,
          sections: row.sections,
          approvedById: lastApproval?.userId ?? null,
          approvedAt: lastApproval ? new Date(lastApproval.at) : null,
          publishedAt: now,
        },
      });
      // The impact shown in the published revision can no longer be recomputed.
      await tx.impactSnapshot.updateMany({ where: { postmortemId, frozen: false }, data: { frozen: true } });
    }
    await tx.reviewEvent.create({
      data: {
        postmortemId,
        revision: row.revision,
        action: input.action,
        actorId: actorUserId(actor),
        actorLabel: actorLabel(actor),
        comment,
        at: now,
      },
    });
    await recordAudit(tx, actor, {
      action: `postmortem.${input.action}`,
      entityType: "postmortem",
      entityId: postmortemId,
      before: { status: row.status, revision: row.revision, approvals: previous, reviewerIds: row.reviewerIds },
      after: { status: next.value.status, revision: next.value.revision, approvals, reviewerIds, comment },
    });
    return readPostmortem(tx, actor, { id: postmortemId }, nowMs);
  });
}
