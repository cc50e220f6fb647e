import "server-only";
import { getDb } from "@/lib/db";
import { findSloVersion, parseVersionRow } from "@/lib/db/repos/slos";
import { AppError, notFound } from "@/lib/errors";
import { assertCanApprove, type Actor } from "@/lib/auth/permissions";
import type { SloVersionReviewView } from "@/lib/validation/views/slos";
import { recordAudit } from "../audit";
import { sliPromqlProblems } from "./sli-promql";
import { invalidateStatusCache } from "./status-cache";

/**
 * An approver of the owning team signs off (or rejects, with a comment) a pending SLO version. Signing
 * makes it the version in force from now and supersedes the previous one; rejecting leaves the version
 * in force untouched. Both are audited. Editors cannot sign off (403).
 */
export async function reviewSloVersion(
  actor: Actor,
  sloId: string,
  number: number,
  decision: { approve: boolean; comment: string },
): Promise<SloVersionReviewView> {
  const db = await getDb();
  const slo = await db.slo.findUnique({
    where: { id: sloId },
    select: { name: true, service: { select: { teamId: true, slug: true } } },
  });
  if (!slo) throw notFound(`SLO ${sloId}`);
  assertCanApprove(actor, slo.service.teamId, `SLO "${slo.name}"`);
  if (!decision.approve && !decision.comment.trim())
    throw new AppError("VALIDATION", "A rejection needs a comment", { comment: "is required when rejecting" });
  const result = await db.$transaction(async (tx) => {
    const version = await findSloVersion(tx, sloId, number);
    if (!version) throw notFound(`version ${number} of SLO "${slo.name}"`);
    if (version.status !== "pending")
      throw new AppError("INVALID_STATE", `version ${number} is ${version.status}, not pending`);
    // A version proposed before PromQL was parsed on save may be invalid: signing it would put it in force
    // with no rules served for it. Rejecting it stays possible.
    const problems = decision.approve ? sliPromqlProblems(version.sli) : {};
    if (Object.keys(problems).length) {
      throw new AppError(
        "VALIDATION",
        `version ${number} cannot be signed off: its SLI is not valid PromQL (${Object.entries(problems)
          .map(([f, m]) => `${f}: ${m}`)
          .join("; ")}); reject it or edit the SLO`,
        problems,
      );
    }
    const now = new Date();
    if (decision.approve)
      await tx.sloVersion.updateMany({ where: { sloId, status: "active" }, data: { status: "superseded" } });
    const updated = await tx.sloVersion.update({
      where: { id: version.id },
      data: {
        status: decision.approve ? "active" : "rejected",
        ...(decision.approve ? { effectiveFrom: now } : {}),
        reviewedById: actor.userId === "system" ? null : actor.userId,
        reviewedAt: now,
        reviewComment: decision.comment || (decision.approve ? "Signed off" : null),
      },
    });
    const after = parseVersionRow(updated);
    await tx.slo.update({ where: { id: sloId }, data: { revision: { increment: 1 } } });
    await recordAudit(tx, actor, {
      action: decision.approve ? "slo.version.approve" : "slo.version.reject",
      entityType: "slo",
      entityId: sloId,
      before: version,
      after,
    });
    return after;
  });
  invalidateStatusCache();
  return {
    sloId,
    number,
    status: result.status,
    reviewedAt: result.reviewedAt?.toISOString() ?? null,
    reviewedBy: actor.email,
    comment: result.reviewComment,
  };
}
