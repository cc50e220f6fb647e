import { OncallDefinitionError } from "./types";

export type EscalationTarget = { kind: "user"; userId: string } | { kind: "schedule"; scheduleId: string };

/** delayMinutes: how long to wait after notifying this step before the next step fires. */
export type EscalationStep = { delayMinutes: number; targets: EscalationTarget[] };

/** repeat: how many extra passes after the first (repeat 2 → 3 passes in total). */
export type EscalationPolicy = { steps: EscalationStep[]; repeat: number };

/** One planned notification: step `stepIndex` of pass `round` (0-based) fires at `atMs`. */
export type EscalationEntry = { stepIndex: number; round: number; atMs: number };

const MINUTE_MS = 60_000;

function validate(policy: EscalationPolicy): void {
  if (!Number.isInteger(policy.repeat) || policy.repeat < 0)
    throw new OncallDefinitionError("repeat", "repeat must be an integer ≥ 0");
  policy.steps.forEach((step, i) => {
    if (!Number.isFinite(step.delayMinutes) || step.delayMinutes < 0) {
      throw new OncallDefinitionError(`steps[${i}].delayMinutes`, "delayMinutes must be ≥ 0");
    }
  });
}

/**
 * The full notification plan if nobody acknowledges: step 0 at openedAtMs, each next step after the
 * previous step's delay, and after the last step's delay the policy starts over, `repeat` more times.
 * Delays 5/10/15 min with repeat 2 → +0, +5, +15, +30, +35, +45, +60, +65, +75 min.
 * @throws OncallDefinitionError on a negative delay or repeat.
 */
export function escalationPlan(policy: EscalationPolicy, openedAtMs: number): EscalationEntry[] {
  validate(policy);
  const plan: EscalationEntry[] = [];
  let atMs = openedAtMs;
  for (let round = 0; round <= policy.repeat; round += 1) {
    policy.steps.forEach((step, stepIndex) => {
      plan.push({ stepIndex, round, atMs });
      atMs += step.delayMinutes * MINUTE_MS;
    });
  }
  return plan;
}

/**
 * When step `stepIndex` of pass `round` is due, or null if the policy has no such step or pass.
 */
export function stepDueAt(policy: EscalationPolicy, openedAtMs: number, stepIndex: number, round = 0): number | null {
  validate(policy);
  if (stepIndex < 0 || stepIndex >= policy.steps.length || round < 0 || round > policy.repeat) return null;
  const roundMinutes = policy.steps.reduce((sum, s) => sum + s.delayMinutes, 0);
  const before = policy.steps.slice(0, stepIndex).reduce((sum, s) => sum + s.delayMinutes, 0);
  return openedAtMs + (round * roundMinutes + before) * MINUTE_MS;
}

export type NextEscalation =
  | { kind: "notify"; stepIndex: number; round: number; atMs: number }
  | { kind: "wait"; stepIndex: number; round: number; atMs: number }
  | { kind: "none"; reason: "acknowledged" | "exhausted" | "no_steps" };

/**
 * What the escalation worker should do at `nowMs`. `lastStep` is the last entry already notified (null
 * before the first). Returns the entry right after it: "notify" when it is due, "wait" with its due time
 * otherwise; "none" once acknowledged or after the last pass. A late worker gets overdue steps one call at
 * a time in order, so no step's targets are skipped.
 */
export function nextEscalation(input: {
  policy: EscalationPolicy;
  openedAtMs: number;
  acknowledged: boolean;
  lastStep: { stepIndex: number; round: number } | null;
  nowMs: number;
}): NextEscalation {
  const { policy, openedAtMs, acknowledged, lastStep, nowMs } = input;
  if (acknowledged) return { kind: "none", reason: "acknowledged" };
  if (policy.steps.length === 0) return { kind: "none", reason: "no_steps" };
  let stepIndex = 0;
  let round = 0;
  if (lastStep) {
    stepIndex = lastStep.stepIndex + 1;
    round = lastStep.round;
    if (stepIndex >= policy.steps.length) {
      stepIndex = 0;
      round += 1;
    }
  }
  const atMs = stepDueAt(policy, openedAtMs, stepIndex, round);
  if (atMs === null) return { kind: "none", reason: "exhausted" };
  return { kind: atMs <= nowMs ? "notify" : "wait", stepIndex, round, atMs };
}
