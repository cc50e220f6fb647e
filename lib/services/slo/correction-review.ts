import "server-only";
import { getDb } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { assertCanApprove, assertCanEditTeam, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "../audit";
import type { DeletedView } from "@/lib/validation/views/slos";
import { toCorrectionView, sloWithTeam, type CorrectionView } from "./corrections-read";
import { invalidateStatusCache } from "./status-cache";

// Sign-off of corrections, the pattern of SLO version sign-off (sign-off.ts): approvers of the owning
// team decide, a rejection needs a comment, every decision is audited on the SLO. In addition the
// author never signs off their own correction (four eyes), and the caller names the version it saw
// (409 when another decision or delete came first).

async function load(sloId: string, correctionId: string) {
  const slo = await sloWithTeam(sloId);
  const row = await (await getDb()).sloCorrection.findFirst({ where: { id: correctionId, sloId } });
  if (!row) throw notFound(`correction ${correctionId} of SLO "${slo.name}"`);
  return { slo, row };
}

const stale = (version: number) =>
  new AppError(
    "CONFLICT",
    `the correction changed since you read it (version ${version} is no longer current); reload and decide again`,
    { version: "is stale" },
  );

export async function reviewCorrection(
  actor: Actor,
  sloId: string,
  correctionId: string,
  decision: { approve: boolean; version: number; comment: string },
): Promise<CorrectionView> {
  const { slo, row } = await load(sloId, correctionId);
  assertCanApprove(actor, slo.service.teamId, `corrections of SLO "${slo.name}"`);
  if ((row.authorId !== null && row.authorId === actor.userId) || row.authorLabel === actor.email) {
    throw new AppError("FORBIDDEN", "You proposed this correction; another approver of the team must sign it off");
  }
  if (!decision.approve && !decision.comment.trim())
    throw new AppError("VALIDATION", "A rejection needs a comment", { comment: "is required when rejecting" });
  if (row.status !== "pending") throw new AppError("INVALID_STATE", `the correction is ${row.status}, not pending`);
  const db = await getDb();
  const after = await db.$transaction(async (tx) => {
    const { count } = await tx.sloCorrection.updateMany({
      where: { id: row.id, version: decision.version, status: "pending" },
      data: {
        status: decision.approve ? "approved" : "rejected",
        reviewedById: actor.userId === "system" ? null : actor.userId,
        reviewedByLabel: actor.email,
        reviewedAt: new Date(),
        reviewComment: decision.comment || (decision.approve ? "Signed off" : null),
        version: { increment: 1 },
      },
    });
    if (!count) throw stale(decision.version);
    const updated = await tx.sloCorrection.findUniqueOrThrow({ where: { id: row.id } });
    await recordAudit(tx, actor, {
      action: decision.approve ? "slo.correction.approve" : "slo.correction.reject",
      entityType: "slo",
      entityId: sloId,
      before: toCorrectionView(row),
      after: toCorrectionView(updated),
    });
    return updated;
  });
  // Budgets, the gate and the stored statuses recompute with the approved range.
  if (decision.approve) invalidateStatusCache();
  return toCorrectionView(after);
}

/**
 * Deletes a correction. A pending or rejected one: any editor of the team. An approved one changes the
 * figures back, so it takes an approver, like signing it off did. Audited with the deleted row.
 */
export async function deleteCorrection(
  actor: Actor,
  sloId: string,
  correctionId: string,
  version?: number,
): Promise<DeletedView> {
  const { slo, row } = await load(sloId, correctionId);
  if (row.status === "approved") assertCanApprove(actor, slo.service.teamId, `corrections of SLO "${slo.name}"`);
  else assertCanEditTeam(actor, slo.service.teamId, `SLO "${slo.name}"`);
  const db = await getDb();
  await db.$transaction(async (tx) => {
    const { count } = await tx.sloCorrection.deleteMany({
      where: { id: row.id, ...(version !== undefined ? { version } : {}) },
    });
    if (!count) throw version !== undefined ? stale(version) : notFound(`correction ${correctionId}`);
    await recordAudit(tx, actor, {
      action: "slo.correction.delete",
      entityType: "slo",
      entityId: sloId,
      before: toCorrectionView(row),
    });
  });
  if (row.status === "approved") invalidateStatusCache();
  return { deleted: row.id };
}
