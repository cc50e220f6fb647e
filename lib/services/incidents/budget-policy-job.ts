import "server-only";
import { getDb } from "@/lib/db";
import { evaluateIncidentBudget } from "./budget-spend";

// Background evaluation of the budget-policy trigger (job "budget-policy"), so the home page and the
// scorecard see a triggered postmortem even when nobody opened the incident. Incidents whose postmortem
// is not published and that are ongoing or ended within LOOKBACK_DAYS, newest first, at most MAX_PER_RUN.

const LOOKBACK_DAYS = 35;
const MAX_PER_RUN = 200;

/**
 * `teamId` narrows the run to one owning team (tests).
 * @returns how many incidents were evaluated and how many could not be (Prometheus down, …).
 */
export async function evaluateRecentIncidentBudgets(
  nowMs = Date.now(),
  scope: { teamId?: string } = {},
): Promise<{ evaluated: number; failed: number }> {
  const db = await getDb();
  const since = new Date(nowMs - LOOKBACK_DAYS * 86_400_000);
  const rows = await db.incident.findMany({
    where: {
      postmortem: { is: { publishedAt: null } },
      ...(scope.teamId ? { teamId: scope.teamId } : {}),
      OR: [{ impactStartAt: { not: null } }, { detectedAt: { not: null } }],
      AND: [{ OR: [{ resolvedAt: null }, { resolvedAt: { gte: since } }] }],
    },
    select: { id: true },
    orderBy: { createdAt: "desc" },
    take: MAX_PER_RUN,
  });
  let failed = 0;
  for (const r of rows) {
    try {
      await evaluateIncidentBudget(r.id, nowMs);
    } catch {
      // one incident's bad instants or an SLO error must not stop the others; the next run retries
      failed += 1;
    }
  }
  return { evaluated: rows.length - failed, failed };
}
