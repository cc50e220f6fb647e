import "server-only";
import { getDb } from "@/lib/db";
import { notFound } from "@/lib/errors";
import { assertCanRead, isAdmin, type Actor } from "@/lib/auth/permissions";
import { CHECK_KEYS, CHECK_TITLES, evaluateService, rollUpTeam, type ServiceFacts } from "@/lib/readiness";
import type { ScorecardQuery } from "@/lib/validation/reports";
import type { ScorecardView } from "@/lib/validation/views/reports";
import { loadSloDefs } from "../slo/store";
import { storedOrComputed } from "../slo/status-read";
import { loadServiceFacts } from "./facts";
import { platformChecks } from "./platform";

// The readiness scorecard: the six checklist checks per service, rolled up per team. Read-only.
// Scope: ?team= one team (anyone may read any team's scorecard); without it the actor's own teams, or
// every team for admins and for people in no team.

export async function readinessScorecard(actor: Actor, q: ScorecardQuery, nowMs = Date.now()): Promise<ScorecardView> {
  assertCanRead(actor);
  const db = await getDb();
  let scope: ScorecardView["scope"];
  let teams;
  if (q.team) {
    const team = await db.team.findUnique({
      where: { slug: q.team },
      select: { id: true, slug: true, name: true, timezone: true },
    });
    if (!team) throw notFound(`team "${q.team}"`);
    teams = [team];
    scope = "team";
  } else if (isAdmin(actor) || actor.teamIds.length === 0) {
    teams = await db.team.findMany({
      select: { id: true, slug: true, name: true, timezone: true },
      orderBy: { slug: "asc" },
    });
    scope = "all";
  } else {
    teams = await db.team.findMany({
      where: { id: { in: actor.teamIds } },
      select: { id: true, slug: true, name: true, timezone: true },
      orderBy: { slug: "asc" },
    });
    scope = "mine";
  }
  const facts = await withDataInWindow(await loadServiceFacts({ teamIds: teams.map((t) => t.id) }, nowMs));
  const scores = facts.map((f) => evaluateService(f, nowMs));
  return {
    generatedAt: new Date(nowMs).toISOString(),
    scope,
    checks: CHECK_KEYS.map((key) => ({ key, title: CHECK_TITLES[key] })),
    platform: await platformChecks(nowMs),
    teams: teams.map((t) => {
      const mine = scores.filter((s) => s.team.slug === t.slug);
      return {
        ...rollUpTeam({ slug: t.slug, name: t.name }, mine),
        team: { slug: t.slug, name: t.name, timezone: t.timezone },
        serviceScores: mine,
      };
    }),
  };
}

/**
 * Whether each SLO has data in its window, from the shared status cache (the same numbers the SLO pages
 * show; stale values when Prometheus is unreachable). SLOs without a signed-off version get no status and
 * stay null: the sign-off check fails them anyway.
 */
async function withDataInWindow(facts: ServiceFacts[]): Promise<ServiceFacts[]> {
  const ids = new Set(facts.flatMap((f) => f.slos.map((s) => s.id)));
  if (ids.size === 0) return facts;
  const defs = await loadSloDefs({ ids: [...ids] });
  const statuses = defs.length ? await storedOrComputed(defs) : new Map();
  return facts.map((f) => ({
    ...f,
    slos: f.slos.map((s) => {
      const status = statuses.get(s.id);
      return { ...s, dataInWindow: status ? status.errorBudget.remaining !== null : null };
    }),
  }));
}
