import "server-only";
import { getDb } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { assertCanRead, type Actor } from "@/lib/auth/permissions";

/**
 * The budget-policy postmortem shares (BudgetPolicy.postmortemAbove) of a service's own policy and of its
 * team's default, each null when that policy is not set — for the policy editor, so saving a form never
 * resets a stored share to the default.
 */
export async function ownPostmortemShares(
  actor: Actor,
  serviceSlug: string,
): Promise<{ service: number | null; team: number | null }> {
  assertCanRead(actor);
  const db = await getDb();
  const s = await db.service.findUnique({
    where: { slug: serviceSlug },
    select: {
      budgetPolicy: { select: { postmortemAbove: true } },
      team: { select: { budgetPolicy: { select: { postmortemAbove: true } } } },
    },
  });
  if (!s) throw notFound(`service "${serviceSlug}"`);
  return { service: s.budgetPolicy?.postmortemAbove ?? null, team: s.team.budgetPolicy?.postmortemAbove ?? null };
}
