import "server-only";
import { assertCanRead, type Actor } from "@/lib/auth/permissions";
import { formatPlan, hasErrors, loadFiles, makePlan, MANAGED_BY, planCounts } from "@/lib/slo-as-code";
import type { ConfigPlanRequest, ConfigPlanResponse } from "@/lib/validation/slo-as-code";
import { configState } from "./state";

/**
 * POST /api/v1/config/plan: what `srecp plan` computes, done on the server for clients without the CLI
 * (a CI step posting its files, the UI). Read-only, so `read` suffices; applying stays the REST calls
 * `srecp apply` makes, with their own permission checks. Files with errors give a plan with `issues`
 * and no changes (like the CLI's exit 1), not a 4xx: the request itself was well formed.
 */
export async function planFiles(actor: Actor, input: ConfigPlanRequest): Promise<ConfigPlanResponse> {
  assertCanRead(actor);
  const { desired, issues, warnings } = loadFiles(input.files, {
    defaultTeam: input.team,
    defaultService: input.service,
  });
  if (hasErrors(issues)) {
    const plan = { changes: [], issues, warnings, notes: [], managedBy: input.managedBy ?? MANAGED_BY };
    return { ...plan, counts: planCounts(plan), text: formatPlan(plan) };
  }
  const plan = makePlan(desired, await configState(actor), { managedBy: input.managedBy ?? undefined });
  plan.issues.unshift(...issues);
  return {
    changes: plan.changes,
    issues: plan.issues,
    warnings: plan.warnings,
    notes: plan.notes,
    counts: planCounts(plan),
    text: formatPlan(plan),
  };
}
