import { formatLocalDay } from "./format";
import { result, type CheckResult, type ServiceRef } from "./types";

// Check (c): an error-budget policy is agreed ("error budget visible on the team dashboard" only means
// something when people agreed what happens when it runs out).

export type PolicyFacts = { agreedBy: string; agreedAtMs: number | null };

/**
 * Passes when the policy in force for the service is agreed: the service's own policy if it has one
 * (it overrides the team's), else the team's default; agreed = `agreedBy` is not blank. No policy row at
 * all means the built-in default applies, which nobody agreed to.
 */
export function checkBudgetPolicy(service: ServiceRef, own: PolicyFacts | null, team: PolicyFacts | null): CheckResult {
  const link = { href: `/services/${encodeURIComponent(service.slug)}/policy`, label: "Agree a budget policy" };
  const effective = own ?? team;
  const scope = own ? "service's own" : "team's";
  if (!effective)
    return result(
      "budget_policy",
      "fail",
      "No error-budget policy: the built-in default applies and nobody agreed to it.",
      link,
    );
  if (effective.agreedBy.trim() === "") {
    return result(
      "budget_policy",
      "fail",
      `The ${scope} error-budget policy names nobody who agreed to it.`,
      link,
      own && team?.agreedBy.trim() ? ["The team's policy is agreed, but the service's own policy overrides it."] : [],
    );
  }
  const when = effective.agreedAtMs !== null ? ` on ${formatLocalDay(effective.agreedAtMs, service.timezone)}` : "";
  return result("budget_policy", "pass", `The ${scope} policy was agreed by ${effective.agreedBy.trim()}${when}.`, {
    ...link,
    label: "View the policy",
  });
}
