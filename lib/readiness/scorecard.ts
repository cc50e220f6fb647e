import { checkEscalation, type EscalationFacts, type ScheduleFacts } from "./escalation-check";
import { checkActionItems, checkPostmortems, type ActionItemFacts, type IncidentFacts } from "./incident-checks";
import { checkBudgetPolicy, type PolicyFacts } from "./policy-check";
import { checkRunbooks, checkSlosSignedOff, type SloFacts } from "./slo-checks";
import { CHECK_KEYS, type CheckKey, type CheckResult } from "./types";

// A service's readiness = the six checks over its facts; a team's = the roll-up of its services.

export type ServiceFacts = {
  service: { slug: string; name: string; tier: number };
  /** `timezone`: the team's IANA zone; instants in the check details are written in it. */
  team: { slug: string; name: string; timezone: string };
  slos: SloFacts[];
  ownPolicy: PolicyFacts | null;
  teamPolicy: PolicyFacts | null;
  escalation: EscalationFacts | null;
  schedules: ScheduleFacts[];
  incidents: IncidentFacts[];
  actionItems: ActionItemFacts[];
};

export type ServiceScore = {
  service: { slug: string; name: string; tier: number };
  team: { slug: string; name: string };
  checks: CheckResult[];
  passed: number;
  total: number;
  /** Every check passes. */
  ready: boolean;
};

/** All six checks in checklist order. */
export function evaluateService(f: ServiceFacts, nowMs: number): ServiceScore {
  const ref = { slug: f.service.slug, timezone: f.team.timezone };
  const checks = [
    checkSlosSignedOff(ref, f.slos),
    checkRunbooks(ref, f.slos),
    checkBudgetPolicy(ref, f.ownPolicy, f.teamPolicy),
    checkEscalation(ref, f.escalation, f.schedules, nowMs),
    checkPostmortems(ref, f.incidents, nowMs),
    checkActionItems(ref, f.actionItems, nowMs),
  ];
  const passed = checks.filter((c) => c.status === "pass").length;
  return { service: f.service, team: f.team, checks, passed, total: checks.length, ready: passed === checks.length };
}

export type TeamRollup = {
  team: { slug: string; name: string };
  services: number;
  readyServices: number;
  passedChecks: number;
  totalChecks: number;
  /** passedChecks / totalChecks, null for a team without services. */
  score: number | null;
  /** Per check: how many of the team's services pass, fail or cannot be judged (no data), and which fail. */
  byCheck: Record<CheckKey, { pass: number; fail: number; noData: number; failing: string[]; withoutData: string[] }>;
};

export function rollUpTeam(team: { slug: string; name: string }, scores: readonly ServiceScore[]): TeamRollup {
  const byCheck = Object.fromEntries(
    CHECK_KEYS.map((k) => [k, { pass: 0, fail: 0, noData: 0, failing: [] as string[], withoutData: [] as string[] }]),
  ) as TeamRollup["byCheck"];
  for (const s of scores) {
    for (const c of s.checks) {
      const slot = byCheck[c.key];
      if (c.status === "pass") slot.pass += 1;
      else if (c.status === "no_data") {
        slot.noData += 1;
        slot.withoutData.push(s.service.slug);
      } else {
        slot.fail += 1;
        slot.failing.push(s.service.slug);
      }
    }
  }
  const passedChecks = scores.reduce((n, s) => n + s.passed, 0);
  const totalChecks = scores.reduce((n, s) => n + s.total, 0);
  return {
    team,
    services: scores.length,
    readyServices: scores.filter((s) => s.ready).length,
    passedChecks,
    totalChecks,
    score: totalChecks === 0 ? null : passedChecks / totalChecks,
    byCheck,
  };
}
