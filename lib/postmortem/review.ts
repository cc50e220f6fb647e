import { err, ok, type Result } from "./result";

// Postmortem review workflow, bound to revisions (anchors C.2):
//   draft → in_review → approved → published;  in_review → changes_requested → draft | in_review;
//   in_review → draft (withdraw);  published → draft (amend: a new revision, the published one stays).
// Every content save ("edit") creates a new revision. Approvals bind to the exact revision under review:
// an edit while in review or approved clears them (they would be stale) and re-opens review on the new
// revision. Published revisions are immutable: editing a published postmortem is refused, amend first.
// Who may act is decided by `actorRole`; callers pass "owner" for the owner even when that person also
// holds approver rights, so nobody approves their own postmortem.

export const REVIEW_STATUSES = ["draft", "in_review", "changes_requested", "approved", "published"] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export const REVIEW_ACTIONS = ["edit", "submit", "withdraw", "request_changes", "approve", "publish", "amend"] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

export type ReviewRole = "owner" | "collaborator" | "approver" | "viewer";

export type ReviewState = {
  status: ReviewStatus;
  /** Latest content revision (1-based, incremented by each edit and by amend). */
  revision: number;
  /** Revision under review; null in draft. */
  submittedRevision: number | null;
  /** Revision that reached the required approvals; null until approved. */
  approvedRevision: number | null;
  /** Last published revision (immutable); kept while an amendment is in progress. */
  publishedRevision: number | null;
  /** Distinct approvers who approved `submittedRevision`. */
  approverIds: readonly string[];
  requiredApprovals: number;
};

export type ReviewContext = {
  actorRole: ReviewRole;
  /** The revision the actor saw: base revision of an edit, revision approved/submitted/published. */
  revision?: number;
  /** Needed for approve (distinct approvers are counted). */
  actorId?: string;
  /** Needed for request_changes. */
  comment?: string;
};

export type ReviewError =
  | "forbidden_role"
  | "invalid_for_status"
  | "revision_required"
  | "stale_revision"
  | "published_immutable"
  | "actor_required"
  | "already_approved"
  | "comment_required";

const ROLES: Readonly<Record<ReviewAction, readonly ReviewRole[]>> = {
  edit: ["owner", "collaborator"],
  submit: ["owner", "collaborator"],
  withdraw: ["owner"],
  request_changes: ["approver"],
  approve: ["approver"],
  publish: ["owner", "approver"],
  amend: ["owner"],
};

const FROM: Readonly<Record<ReviewAction, readonly ReviewStatus[]>> = {
  edit: ["draft", "in_review", "changes_requested", "approved"],
  submit: ["draft", "changes_requested"],
  withdraw: ["in_review", "changes_requested"],
  request_changes: ["in_review"],
  approve: ["in_review"],
  publish: ["approved"],
  amend: ["published"],
};

/** Which revision the context must name for each action (undefined: the check is skipped). */
const expectedRevision = (state: ReviewState, action: ReviewAction): number | null | undefined => {
  if (action === "edit" || action === "submit") return state.revision;
  if (action === "approve" || action === "request_changes") return state.submittedRevision;
  if (action === "publish") return state.approvedRevision;
  return undefined;
};

/** A fresh postmortem: draft, revision 1. */
export const initialReviewState = (requiredApprovals = 1): ReviewState => ({
  status: "draft",
  revision: 1,
  submittedRevision: null,
  approvedRevision: null,
  publishedRevision: null,
  approverIds: [],
  requiredApprovals,
});

/**
 * Applies `action` by an actor to the review state and returns the next state, or a stable error code.
 * Pure: recording audit entries, notifying approvers and running the submit checklist are the caller's job.
 */
export function reviewTransition(
  state: ReviewState,
  action: ReviewAction,
  context: ReviewContext,
): Result<ReviewState, ReviewError> {
  if (action === "edit" && state.status === "published") {
    return err(
      "published_immutable",
      `Revision ${state.revision} is published and cannot change; amend it to start a new revision.`,
    );
  }
  if (!FROM[action].includes(state.status))
    return err("invalid_for_status", `Cannot ${action} a postmortem that is ${state.status}.`);
  if (!ROLES[action].includes(context.actorRole))
    return err("forbidden_role", `A ${context.actorRole} cannot ${action}.`);

  const expected = expectedRevision(state, action);
  const needsRevision =
    action === "edit" || action === "submit" || action === "approve" || action === "request_changes";
  if (needsRevision && context.revision === undefined)
    return err("revision_required", `Say which revision to ${action}.`);
  if (expected !== undefined && context.revision !== undefined && context.revision !== expected) {
    return err(
      "stale_revision",
      `Revision ${context.revision} is not the current one (${String(expected)}); reload and try again.`,
    );
  }

  switch (action) {
    case "edit": {
      const revision = state.revision + 1;
      const reviewing = state.status === "in_review" || state.status === "approved";
      return ok({
        ...state,
        revision,
        status: reviewing ? "in_review" : state.status,
        submittedRevision: reviewing ? revision : state.submittedRevision,
        approvedRevision: null,
        approverIds: reviewing ? [] : state.approverIds,
      });
    }
    case "submit":
      return ok({
        ...state,
        status: "in_review",
        submittedRevision: state.revision,
        approvedRevision: null,
        approverIds: [],
      });
    case "withdraw":
      return ok({ ...state, status: "draft", submittedRevision: null, approverIds: [] });
    case "request_changes":
      if ((context.comment ?? "").trim() === "") return err("comment_required", "Explain which changes are needed.");
      return ok({ ...state, status: "changes_requested", approverIds: [] });
    case "approve": {
      if (!context.actorId) return err("actor_required", "An approval needs the approver's id.");
      if (state.approverIds.includes(context.actorId))
        return err("already_approved", "You already approved this revision.");
      const approverIds = [...state.approverIds, context.actorId];
      const approved = approverIds.length >= state.requiredApprovals;
      return ok({
        ...state,
        approverIds,
        status: approved ? "approved" : "in_review",
        approvedRevision: approved ? state.submittedRevision : null,
      });
    }
    case "publish":
      return ok({ ...state, status: "published", publishedRevision: state.approvedRevision });
    case "amend":
      return ok({
        ...state,
        status: "draft",
        revision: state.revision + 1,
        submittedRevision: null,
        approvedRevision: null,
        approverIds: [],
      });
  }
}
