/**
 * Error-budget policy: what the remaining budget of a service's SLOs means for releases.
 * - frozen: some SLO's remaining budget is at or below `freezeAtOrBelow` (0 = exhausted), or a
 *   page-severity burn-rate alert fires and `freezeOnPageAlert` is set;
 * - at_risk: some SLO's remaining budget is below `atRiskBelow`;
 * - no_data: none of the above, but some SLO has no data in its window, or there is no SLO at all —
 *   "no data" is never reported as healthy (issue 11 item 5); the SLOs without data are the reasons;
 * - healthy: every SLO has data and none of the above holds.
 * Remaining budgets are fractions of the window's budget (1 = untouched, may be negative).
 */
export type PolicyThresholds = { atRiskBelow: number; freezeAtOrBelow: number; freezeOnPageAlert: boolean };
export type PolicyState = "healthy" | "at_risk" | "frozen" | "no_data";
export type SloBudgetState = { sloId: string; name: string; remaining: number | null; pageAlertFiring: boolean };

export const DEFAULT_POLICY: PolicyThresholds = { atRiskBelow: 0.25, freezeAtOrBelow: 0, freezeOnPageAlert: true };

const pct = (x: number) => `${Math.round(x * 1000) / 10} %`;

export function evaluatePolicy(
  policy: PolicyThresholds,
  slos: readonly SloBudgetState[],
): { state: PolicyState; reasons: string[] } {
  const frozen: string[] = [];
  const atRisk: string[] = [];
  const noData: string[] = [];
  for (const s of slos) {
    if (s.remaining === null) noData.push(`${s.name}: no data in the window`);
    else if (s.remaining <= policy.freezeAtOrBelow)
      frozen.push(`${s.name}: ${pct(s.remaining)} of the error budget left (freeze at ${pct(policy.freezeAtOrBelow)})`);
    else if (s.remaining < policy.atRiskBelow)
      atRisk.push(`${s.name}: ${pct(s.remaining)} of the error budget left (at risk below ${pct(policy.atRiskBelow)})`);
    if (policy.freezeOnPageAlert && s.pageAlertFiring) frozen.push(`${s.name}: a page-level burn-rate alert is firing`);
  }
  if (frozen.length) return { state: "frozen", reasons: [...frozen, ...atRisk, ...noData] };
  if (atRisk.length) return { state: "at_risk", reasons: [...atRisk, ...noData] };
  if (noData.length) return { state: "no_data", reasons: noData };
  if (!slos.length) return { state: "no_data", reasons: ["no SLO to judge the error budget by"] };
  return { state: "healthy", reasons: [] };
}
