import "server-only";
import { getDb } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { assertCanRead, type Actor } from "@/lib/auth/permissions";
import type { CorrectionView } from "@/lib/validation/views/slo-history";

// Reading SLO corrections (time ranges excluded from the budget). Writing: correction-create.ts,
// correction-review.ts. How they change the figures: corrections-counts.ts.

export type { CorrectionView };
export type CorrectionRow = {
  id: string;
  sloId: string;
  startsAt: Date;
  endsAt: Date;
  category: CorrectionView["category"];
  reason: string;
  authorId: string | null;
  authorLabel: string;
  status: CorrectionView["status"];
  reviewedById: string | null;
  reviewedByLabel: string | null;
  reviewedAt: Date | null;
  reviewComment: string | null;
  version: number;
  createdAt: Date;
};

export const toCorrectionView = (r: CorrectionRow): CorrectionView => ({
  id: r.id,
  sloId: r.sloId,
  startsAt: r.startsAt.toISOString(),
  endsAt: r.endsAt.toISOString(),
  category: r.category,
  reason: r.reason,
  author: r.authorLabel,
  authorId: r.authorId,
  status: r.status,
  reviewedBy: r.reviewedByLabel,
  reviewedAt: r.reviewedAt?.toISOString() ?? null,
  reviewComment: r.reviewComment,
  version: r.version,
  createdAt: r.createdAt.toISOString(),
});

/** The SLO a correction belongs to, with its owning team; NOT_FOUND when absent. */
export async function sloWithTeam(sloId: string) {
  const slo = await (
    await getDb()
  ).slo.findUnique({ where: { id: sloId }, select: { id: true, name: true, service: { select: { teamId: true } } } });
  if (!slo) throw notFound(`SLO ${sloId}`);
  return slo;
}

/** Corrections of one SLO, newest range first (at most 500: a year of weekly maintenance fits many times). */
export async function listCorrections(
  actor: Actor,
  sloId: string,
  q: { status?: "pending" | "approved" | "rejected" } = {},
): Promise<{ items: CorrectionView[] }> {
  assertCanRead(actor);
  await sloWithTeam(sloId);
  const rows = await (
    await getDb()
  ).sloCorrection.findMany({
    where: { sloId, ...(q.status ? { status: q.status } : {}) },
    orderBy: { startsAt: "desc" },
    take: 500,
  });
  return { items: rows.map(toCorrectionView) };
}
