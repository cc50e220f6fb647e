// Budget-policy trigger (SRE Workbook, "Error budget policy": an incident that consumed more than 20 % of
// the error budget over four weeks must have a postmortem with at least one P0 action item; we accept P0
// or P1). Pure: shares of budgets in, the trigger out.

/** Default share of an SLO's window budget above which an incident requires a postmortem. */
export const DEFAULT_POSTMORTEM_BUDGET_SHARE = 0.2;
/** Action item priorities that satisfy the trigger's requirement. */
export const BUDGET_TRIGGER_PRIORITIES = ["P0", "P1"] as const;

/** What one incident spent of one SLO's window budget (1 = the whole budget; null = no traffic). */
export type BudgetSpend = { sloId: string; sloName: string; consumed: number | null };

export type BudgetTrigger = {
  /** The policy share it was compared with. */
  threshold: number;
  /** The SLOs whose budget the incident spent more than `threshold` of, worst first. */
  slos: { sloId: string; sloName: string; consumed: number }[];
};

/**
 * The trigger when some SLO's spend is strictly above the threshold (exactly 20 % is not "more than"),
 * else null. Spends without traffic never trigger.
 */
export function budgetTrigger(spends: readonly BudgetSpend[], threshold: number): BudgetTrigger | null {
  if (!Number.isFinite(threshold) || threshold < 0) throw new RangeError("threshold must be a non-negative share");
  const above = spends
    .filter(
      (s): s is BudgetSpend & { consumed: number } =>
        s.consumed !== null && Number.isFinite(s.consumed) && s.consumed > threshold,
    )
    .map((s) => ({ sloId: s.sloId, sloName: s.sloName, consumed: s.consumed }))
    .sort((a, b) => b.consumed - a.consumed || a.sloName.localeCompare(b.sloName));
  return above.length ? { threshold, slos: above } : null;
}

/** Whether the action items satisfy the trigger: at least one P0/P1 item that is not "won't do". */
export const hasBudgetTriggerActionItem = (items: readonly { priority: string; status: string }[]): boolean =>
  items.some((i) => (BUDGET_TRIGGER_PRIORITIES as readonly string[]).includes(i.priority) && i.status !== "wont_do");
