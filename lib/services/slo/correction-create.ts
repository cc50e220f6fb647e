import "server-only";
import { getDb } from "@/lib/db";
import { findLiveVersion } from "@/lib/db/repos/slos";
import { AppError } from "@/lib/errors";
import { assertCanEditTeam, type Actor } from "@/lib/auth/permissions";
import { nominalWindowSeconds } from "@/lib/slo";
import { correctionProblems } from "@/lib/slo/corrections";
import type { CreateCorrectionInput } from "@/lib/validation/corrections";
import { recordAudit } from "../audit";
import { toCorrectionView, sloWithTeam, type CorrectionView } from "./corrections-read";

/**
 * An editor of the owning team proposes a correction; it is pending (changes no figure) until an
 * approver other than its author signs it off (correction-review.ts). Range problems are 422s naming
 * startsAt/endsAt. Audited on the SLO, like its versions.
 */
export async function createCorrection(
  actor: Actor,
  sloId: string,
  input: CreateCorrectionInput,
  nowMs = Date.now(),
): Promise<CorrectionView> {
  const slo = await sloWithTeam(sloId);
  assertCanEditTeam(actor, slo.service.teamId, `SLO "${slo.name}"`);
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const version = await findLiveVersion(tx, sloId);
    const live = await tx.sloCorrection.findMany({
      where: { sloId, status: { in: ["pending", "approved"] } },
      select: { id: true, startsAt: true, endsAt: true, category: true },
    });
    const problems = correctionProblems({
      startMs: input.startsAt.getTime(),
      endMs: input.endsAt.getTime(),
      nowMs,
      windowSeconds: version ? nominalWindowSeconds(version.window) : 0,
      others: live.map((c) => ({
        startMs: c.startsAt.getTime(),
        endMs: c.endsAt.getTime(),
        label: `${c.category} ${c.startsAt.toISOString()}–${c.endsAt.toISOString()}`,
      })),
    });
    if (Object.keys(problems).length)
      throw new AppError(
        "VALIDATION",
        Object.entries(problems)
          .map(([f, m]) => `${f} ${m}`)
          .join("; "),
        problems,
      );
    const row = await tx.sloCorrection.create({
      data: {
        sloId,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        category: input.category,
        reason: input.reason,
        authorId: actor.userId === "system" ? null : actor.userId,
        authorLabel: actor.email,
      },
    });
    await recordAudit(tx, actor, {
      action: "slo.correction.create",
      entityType: "slo",
      entityId: sloId,
      after: toCorrectionView(row),
    });
    return toCorrectionView(row);
  });
}
