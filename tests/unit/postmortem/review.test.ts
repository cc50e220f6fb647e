import { describe, expect, it } from "vitest";
import {
  checkVersion,
  initialReviewState,
  reviewTransition,
  type ReviewAction,
  type ReviewContext,
  type ReviewState,
} from "@/lib/postmortem";

/** Applies steps in order and fails the test on the first refusal. */
const run = (state: ReviewState, steps: readonly [ReviewAction, ReviewContext][]): ReviewState =>
  steps.reduce((current, [action, context]) => {
    const next = reviewTransition(current, action, context);
    if (!next.ok) throw new Error(`${action} refused: ${next.error}`);
    return next.value;
  }, state);

const owner = (revision?: number): ReviewContext => ({ actorRole: "owner", revision });
const approver = (actorId: string, revision: number): ReviewContext => ({ actorRole: "approver", actorId, revision });

describe("review workflow", () => {
  it("goes draft → in_review → approved → published, binding approval and publication to the revision", () => {
    const published = run(initialReviewState(), [
      ["edit", owner(1)],
      ["submit", owner(2)],
      ["approve", approver("u-bob", 2)],
      ["publish", owner()],
    ]);
    expect(published).toEqual({
      status: "published",
      revision: 2,
      submittedRevision: 2,
      approvedRevision: 2,
      publishedRevision: 2,
      approverIds: ["u-bob"],
      requiredApprovals: 1,
    });
  });

  it("refuses an approval of a revision other than the one under review", () => {
    const inReview = run(initialReviewState(), [["submit", owner(1)]]);
    expect(reviewTransition(inReview, "approve", approver("u-bob", 0))).toMatchObject({
      ok: false,
      error: "stale_revision",
    });
  });

  it("an edit during review clears approvals and moves review to the new revision", () => {
    const partly = run(initialReviewState(2), [
      ["submit", owner(1)],
      ["approve", approver("u-bob", 1)],
      ["edit", { actorRole: "collaborator", revision: 1 }],
    ]);
    expect(partly).toMatchObject({ status: "in_review", revision: 2, submittedRevision: 2, approverIds: [] });
    expect(reviewTransition(partly, "approve", approver("u-bob", 1))).toMatchObject({
      ok: false,
      error: "stale_revision",
    });
  });

  it("an edit after approval returns to review on the new revision", () => {
    const edited = run(initialReviewState(), [
      ["submit", owner(1)],
      ["approve", approver("u-bob", 1)],
      ["edit", owner(1)],
    ]);
    expect(edited).toMatchObject({
      status: "in_review",
      revision: 2,
      submittedRevision: 2,
      approvedRevision: null,
      approverIds: [],
    });
  });

  it("needs the required number of distinct approvers", () => {
    const once = run(initialReviewState(2), [
      ["submit", owner(1)],
      ["approve", approver("u-bob", 1)],
    ]);
    expect(once.status).toBe("in_review");
    expect(reviewTransition(once, "approve", approver("u-bob", 1))).toMatchObject({
      ok: false,
      error: "already_approved",
    });
    expect(reviewTransition(once, "approve", approver("u-carol", 1))).toMatchObject({
      ok: true,
      value: { status: "approved", approvedRevision: 1 },
    });
    expect(reviewTransition(once, "approve", { actorRole: "approver", revision: 1 })).toMatchObject({
      ok: false,
      error: "actor_required",
    });
  });

  it("handles changes requested, then resubmission or withdrawal", () => {
    const inReview = run(initialReviewState(), [["submit", owner(1)]]);
    expect(reviewTransition(inReview, "request_changes", approver("u-bob", 1))).toMatchObject({
      ok: false,
      error: "comment_required",
    });
    const changes = run(inReview, [["request_changes", { ...approver("u-bob", 1), comment: "Impact lacks numbers" }]]);
    expect(changes.status).toBe("changes_requested");
    expect(
      run(changes, [
        ["edit", owner(1)],
        ["submit", owner(2)],
      ]),
    ).toMatchObject({ status: "in_review", submittedRevision: 2 });
    expect(run(changes, [["withdraw", owner()]])).toMatchObject({ status: "draft", submittedRevision: null });
  });

  it("keeps published revisions immutable; amending starts a new draft revision", () => {
    const published = run(initialReviewState(), [
      ["submit", owner(1)],
      ["approve", approver("u-bob", 1)],
      ["publish", owner()],
    ]);
    expect(reviewTransition(published, "edit", owner(1))).toMatchObject({ ok: false, error: "published_immutable" });
    const amended = run(published, [["amend", owner()]]);
    expect(amended).toMatchObject({
      status: "draft",
      revision: 2,
      publishedRevision: 1,
      approvedRevision: null,
      approverIds: [],
    });
    expect(run(amended, [["edit", owner(2)]])).toMatchObject({ revision: 3, publishedRevision: 1 });
  });

  it.each([
    [
      "owner approving their own postmortem",
      "in_review",
      "approve",
      { actorRole: "owner", actorId: "u-ann", revision: 1 },
      "forbidden_role",
    ],
    ["viewer editing", "draft", "edit", { actorRole: "viewer", revision: 1 }, "forbidden_role"],
    ["approver withdrawing", "in_review", "withdraw", { actorRole: "approver" }, "forbidden_role"],
    ["publishing a draft", "draft", "publish", { actorRole: "owner" }, "invalid_for_status"],
    [
      "approving a draft",
      "draft",
      "approve",
      { actorRole: "approver", actorId: "u-bob", revision: 1 },
      "invalid_for_status",
    ],
    ["amending a draft", "draft", "amend", { actorRole: "owner" }, "invalid_for_status"],
    ["editing from a stale tab", "draft", "edit", { actorRole: "owner", revision: 0 }, "stale_revision"],
    ["editing without a base revision", "draft", "edit", { actorRole: "owner" }, "revision_required"],
  ] as const)("refuses %s", (_name, status, action, context, code) => {
    const state: ReviewState = { ...initialReviewState(), status, submittedRevision: status === "draft" ? null : 1 };
    expect(reviewTransition(state, action, context)).toMatchObject({ ok: false, error: code });
  });
});

describe("checkVersion", () => {
  it("accepts the loaded version and reports a conflict otherwise", () => {
    expect(checkVersion(7, 7)).toEqual({ ok: true });
    expect(checkVersion(7, 8)).toMatchObject({ ok: false, error: "version_conflict", expected: 7, actual: 8 });
    expect(checkVersion(Number.NaN, Number.NaN)).toMatchObject({ ok: false, error: "version_conflict" });
  });
});
