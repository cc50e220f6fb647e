import "server-only";
import { getDb } from "@/lib/db";
import { findPostmortemForChange } from "@/lib/db/repos/postmortems";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/permissions";
import { reviewTransition } from "@/lib/postmortem";
import { POSTMORTEM_SECTIONS, type Approval, type SavePostmortemInput } from "@/lib/validation/incidents";
import { recordAudit } from "../audit";
import { resolveUsers } from "./access";
import { readIncident } from "./incidents";
import { postmortemScope, readPostmortem, type PostmortemRef, type PostmortemView } from "./postmortem-read";
import { reviewError, reviewRoleFor, reviewStateOf } from "./postmortem-state";

/**
 * A save based on a stale version. Carries the document as it is now, so the editor can show both
 * versions side by side and let the author merge; nothing is overwritten. `viaIfMatch`: the version
 * came in an If-Match header (answered 412 Precondition Failed instead of 409).
 */
export class PostmortemConflict extends AppError {
  readonly current: PostmortemView;
  readonly viaIfMatch: boolean;
  constructor(message: string, current: PostmortemView, viaIfMatch: boolean) {
    super("CONFLICT", message, { version: "stale" });
    this.current = current;
    this.viaIfMatch = viaIfMatch;
  }
}

export const isPostmortemConflict = (err: unknown): err is PostmortemConflict => err instanceof PostmortemConflict;

/** `If-Match: "7"` (or W/"7", or 7) → 7; absent → undefined; anything else → 400. */
export function versionFromIfMatch(header: string | null): number | undefined {
  if (header === null || header.trim() === "") return undefined;
  const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!m)
    throw new AppError("BAD_REQUEST", `If-Match must be the ETag of the version you edited, e.g. "3" (got ${header})`);
  return Number(m[1]);
}

/**
 * Saves sections (merged over the stored ones) and/or the named reviewers. The save must carry the
 * version it was based on (body `version` or If-Match); a stale one is refused with PostmortemConflict
 * (the row is only written with `WHERE version = expected`, so of two concurrent saves exactly one wins).
 * A content change is a review-workflow "edit": a new revision; editing during review re-opens review on
 * it and drops the approvals of the old revision; a published postmortem must be amended first (409).
 */
export async function savePostmortem(
  actor: Actor,
  ref: PostmortemRef,
  input: SavePostmortemInput,
  ifMatch?: number,
): Promise<PostmortemView> {
  const expected = ifMatch ?? input.version;
  if (expected === undefined) {
    throw new AppError("VALIDATION", "Send the version your edit is based on (body version or If-Match)", {
      version: "is required: the version your edit is based on",
    });
  }
  if (ifMatch !== undefined && input.version !== undefined && ifMatch !== input.version) {
    throw new AppError("VALIDATION", "If-Match and body version disagree", {
      version: `If-Match says ${ifMatch}, the body ${input.version}`,
    });
  }
  const db = await getDb();
  const conflict = async (message: string) =>
    new PostmortemConflict(
      message,
      await db.$transaction((tx) => readPostmortem(tx, actor, ref)),
      ifMatch !== undefined,
    );

  const outcome = await db.$transaction(async (tx) => {
    const { scope, postmortemId } = await postmortemScope(tx, ref);
    const row = await findPostmortemForChange(tx, postmortemId);
    const incident = await readIncident(tx, scope.id);
    const role = reviewRoleFor(actor, "edit", scope, row, incident.commander?.id ?? null);
    if (row.version !== expected) return { stale: row.version };

    const before = row.sections;
    const sections = { ...before };
    for (const key of POSTMORTEM_SECTIONS)
      if (input.sections?.[key] !== undefined) sections[key] = input.sections[key]!;
    const contentChanged = POSTMORTEM_SECTIONS.some((k) => sections[k] !== before[k]);
    const reviewers = input.reviewers
      ? [...new Set((await resolveUsers(tx, input.reviewers, "reviewers")).map((u) => u.id))]
      : row.reviewerIds;

    let status = row.status;
    let revision = row.revision;
    let approvals: Approval[] = row.approvals;
    if (contentChanged) {
      const state = reviewStateOf(row, incident.severity, row.revisions.at(-1)?.number ?? null);
      const next = reviewTransition(state, "edit", { actorRole: role, revision: row.revision });
      if (!next.ok) throw reviewError(next.error, next.message);
      status = next.value.status;
      revision = next.value.revision;
      if (next.value.approverIds.length === 0) approvals = [];
    }
    const res = await tx.postmortem.updateMany({
      where: { id: postmortemId, version: expected },
      data: { sections, reviewerIds: reviewers, status, revision, approvals, version: { increment: 1 } },
    });
    if (res.count === 0) return { stale: expected + 1 };
    await recordAudit(tx, actor, {
      action: "postmortem.save",
      entityType: "postmortem",
      entityId: postmortemId,
      before: {
        version: row.version,
        revision: row.revision,
        status: row.status,
        sections: before,
        reviewerIds: row.reviewerIds,
      },
      after: { version: row.version + 1, revision, status, sections, reviewerIds: reviewers },
    });
    return { view: await readPostmortem(tx, actor, { id: postmortemId }) };
  });
  if ("stale" in outcome) {
    throw await conflict(
      `The postmortem was changed by someone else since version ${expected}; your text is kept: compare it with the current version and save again`,
    );
  }
  return outcome.view;
}
