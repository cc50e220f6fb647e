import "server-only";
import { AppError } from "@/lib/errors";
import { isAdmin, type Actor } from "@/lib/auth/permissions";
import type { ReviewStatus } from "@/lib/postmortem";
import type { Approval } from "@/lib/validation/incidents";
import {
  SEVERITY_DEFINITIONS,
  type ReviewAction,
  type ReviewError,
  type ReviewRole,
  type ReviewState,
} from "@/lib/postmortem";
import {
  assertCanApproveIncident,
  assertCanEditIncident,
  canApproveIncident,
  canEditIncident,
  type IncidentScope,
} from "./access";
import { asSeverity } from "./view";

// Bridges the Postmortem row and lib/postmortem's review state machine, and decides which review role
// an actor plays for an action.
//
// Stored: status, revision (content revision, +1 per content save and per amendment), approvals (JSON:
// the approvals of the revision under review, [{userId,label,revision,at}]), published revisions as
// immutable PostmortemRevision rows. Derived: the revision under review is the current revision while
// in review / approved (an edit during review re-opens review on the new revision and clears approvals).

export type PostmortemRowState = {
  id: string;
  status: ReviewStatus;
  revision: number;
  approvals: Approval[];
  authorId: string | null;
};

export function reviewStateOf(
  row: PostmortemRowState,
  severity: string,
  publishedRevision: number | null,
): ReviewState {
  const status = row.status;
  const underReview = status === "in_review" || status === "approved" || status === "changes_requested";
  return {
    status,
    revision: row.revision,
    submittedRevision: underReview ? row.revision : null,
    approvedRevision: status === "approved" ? row.revision : null,
    publishedRevision,
    approverIds: row.approvals.filter((a) => a.revision === row.revision).map((a) => a.userId),
    requiredApprovals: SEVERITY_DEFINITIONS[asSeverity(severity)].requiredApprovals,
  };
}

/** The author, the incident commander and admins own the postmortem (withdraw, amend, publish). */
const isOwner = (actor: Actor, row: PostmortemRowState, commanderId: string | null) =>
  actor.userId === row.authorId || (commanderId !== null && actor.userId === commanderId) || isAdmin(actor);

/**
 * The review role of `actor` for `action`, after the permission check that applies (403 otherwise):
 * editing actions need edit rights on the incident; approve/request_changes need the approver role of
 * one of its teams, and the postmortem's author never reviews their own document.
 */
export function reviewRoleFor(
  actor: Actor,
  action: ReviewAction,
  scope: IncidentScope,
  row: PostmortemRowState,
  commanderId: string | null,
): ReviewRole {
  if (action === "approve" || action === "request_changes") {
    assertCanApproveIncident(actor, scope);
    if (actor.userId === row.authorId)
      throw new AppError("FORBIDDEN", "You wrote this postmortem; another approver has to review it");
    return "approver";
  }
  if (action === "publish") {
    if (canEditIncident(actor, scope) && isOwner(actor, row, commanderId)) return "owner";
    if (canApproveIncident(actor, scope) && actor.userId !== row.authorId) return "approver";
    assertCanEditIncident(actor, scope);
    return "collaborator";
  }
  assertCanEditIncident(actor, scope);
  return isOwner(actor, row, commanderId) ? "owner" : "collaborator";
}

/** Maps a refusal of the review state machine to the API's error codes. */
export function reviewError(error: ReviewError, message: string): AppError {
  switch (error) {
    case "forbidden_role":
      return new AppError("FORBIDDEN", message);
    case "stale_revision":
      return new AppError("CONFLICT", message, { revision: "stale" });
    case "revision_required":
      return new AppError("VALIDATION", message, { revision: message });
    case "comment_required":
      return new AppError("VALIDATION", message, { comment: message });
    case "actor_required":
      return new AppError("VALIDATION", message, { actor: message });
    default:
      return new AppError("INVALID_STATE", message);
  }
}
