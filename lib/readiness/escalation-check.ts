import { gaps, type EscalationTarget, type Override, type Schedule } from "@/lib/oncall";
import { formatInstant } from "./format";
import { result, type CheckResult, type ServiceRef } from "./types";

// Check (d): "on-call rotation with documented escalation": the service's escalation policy has at least
// two steps, its steps page at least one on-call schedule, and no such schedule has a gap (nobody on call)
// in the next 30 days.

const DAY_MS = 86_400_000;
export const ESCALATION_HORIZON_DAYS = 30;
export const MIN_ESCALATION_STEPS = 2;

export type EscalationFacts = { id: string; name: string; steps: { targets: EscalationTarget[] }[] };
export type ScheduleFacts = { id: string; name: string; schedule: Schedule; overrides: Override[] };

const hours = (ms: number) => Math.round((ms / 3_600_000) * 10) / 10;

/**
 * @param policy the service's escalation policy, null when it has none
 * @param schedules the schedules the policy's steps target that exist (a deleted one is simply absent)
 */
export function checkEscalation(
  service: ServiceRef,
  policy: EscalationFacts | null,
  schedules: readonly ScheduleFacts[],
  nowMs: number,
): CheckResult {
  if (!policy) {
    return result("escalation", "fail", "The service has no escalation policy: nobody is paged for it.", {
      href: "/oncall/policies/new",
      label: `Create a policy for ${service.slug}`,
    });
  }
  const policyLink = { href: `/oncall/policies/${policy.id}`, label: `Edit ${policy.name}` };
  if (policy.steps.length < MIN_ESCALATION_STEPS) {
    return result(
      "escalation",
      "fail",
      `Escalation policy ${policy.name} has ${policy.steps.length} step(s); at least ${MIN_ESCALATION_STEPS} are needed so an unanswered page reaches someone else.`,
      policyLink,
    );
  }
  const referenced = [
    ...new Set(policy.steps.flatMap((s) => s.targets.flatMap((t) => (t.kind === "schedule" ? [t.scheduleId] : [])))),
  ];
  if (referenced.length === 0) {
    return result(
      "escalation",
      "fail",
      `Escalation policy ${policy.name} pages only named people, no on-call schedule.`,
      policyLink,
    );
  }
  const byId = new Map(schedules.map((s) => [s.id, s]));
  const missing = referenced.filter((id) => !byId.has(id));
  if (missing.length > 0) {
    return result(
      "escalation",
      "fail",
      `Escalation policy ${policy.name} targets ${missing.length} schedule(s) that no longer exist.`,
      policyLink,
      missing.map((id) => `schedule ${id}: deleted`),
    );
  }
  const toMs = nowMs + ESCALATION_HORIZON_DAYS * DAY_MS;
  const problems: { schedule: ScheduleFacts; text: string }[] = [];
  for (const id of referenced) {
    const s = byId.get(id)!;
    let found;
    try {
      found = gaps({ schedule: s.schedule, overrides: s.overrides, fromMs: nowMs, toMs });
    } catch (err) {
      problems.push({ schedule: s, text: `${s.name}: cannot be computed (${(err as Error).message})` });
      continue;
    }
    if (found.length === 0) continue;
    const total = found.reduce((sum, g) => sum + (g.endMs - g.startMs), 0);
    problems.push({
      schedule: s,
      text: `${s.name}: ${found.length} gap(s), ${hours(total)} h with nobody on call, the first from ${formatInstant(found[0]!.startMs, service.timezone)}`,
    });
  }
  if (problems.length > 0) {
    const first = problems[0]!.schedule;
    return result(
      "escalation",
      "fail",
      `${problems.length} on-call schedule(s) of ${policy.name} have gaps in the next ${ESCALATION_HORIZON_DAYS} days.`,
      { href: `/oncall/schedules/${first.id}`, label: `Fill the gaps in ${first.name}` },
      problems.map((p) => p.text),
    );
  }
  return result(
    "escalation",
    "pass",
    `${policy.name}: ${policy.steps.length} steps; ${referenced.length} schedule(s) with someone on call for the next ${ESCALATION_HORIZON_DAYS} days.`,
    { href: `/oncall/policies/${policy.id}`, label: "View the policy" },
    referenced.map((id) => byId.get(id)!.name),
  );
}
