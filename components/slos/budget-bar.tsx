import { formatPercent } from "@/lib/slo/format";

/**
 * Remaining error budget as a bar with its number (the number carries the meaning; colour only
 * repeats it). Negative budgets show an empty red bar and the negative number.
 */
export function BudgetBar({
  remaining,
  atRiskBelow = 0.25,
  freezeAtOrBelow = 0,
  compact = false,
}: {
  remaining: number | null | undefined;
  atRiskBelow?: number;
  freezeAtOrBelow?: number;
  compact?: boolean;
}) {
  if (remaining === null || remaining === undefined || !Number.isFinite(remaining))
    return <span className="muted">no data</span>;
  const tone = remaining <= freezeAtOrBelow ? "danger" : remaining < atRiskBelow ? "warning" : "success";
  const width = `${Math.max(0, Math.min(1, remaining)) * 100}%`;
  return (
    <span className={compact ? "budget budget-compact" : "budget"}>
      <span className="budget-track" aria-hidden="true">
        <span className={`budget-fill budget-${tone}`} style={{ width }} />
      </span>
      <span className={`budget-text budget-text-${tone}`}>{formatPercent(remaining, 1)}</span>
    </span>
  );
}
