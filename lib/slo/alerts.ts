import { parseDuration } from "./duration";
import { roundSignificant } from "./number";
import { SloDefinitionError, type BurnWindow } from "./types";

export type BurnAlertName = "page-fast" | "page-slow" | "ticket-fast" | "ticket-slow";

/**
 * One multi-window burn-rate alert as the rule generator and the backtester read it. Windows are
 * Prometheus durations; a candidate tier (backtester, wizard preview) may use any, the served ones use
 * BURN_WINDOWS. A short window of "5m" is the raw 5 m error ratio; longer ones sum the 5 m records.
 */
export type AlertTier = {
  name: string;
  severity: "page" | "ticket";
  longWindow: string;
  shortWindow: string;
  budgetShare: number;
  factor: number;
  for: string;
};

export type BurnRateAlert = AlertTier & {
  name: BurnAlertName;
  longWindow: BurnWindow;
  shortWindow: BurnWindow;
  /** Share of the whole window's budget spent over longWindow when the alert fires. */
  budgetShare: number;
  /** Burn-rate threshold: budgetShare × windowSeconds / longWindowSeconds. */
  factor: number;
  /** Prometheus `for:` duration. */
  for: string;
};

/**
 * The four tiers of the SRE Workbook (ch. 5): Table 5-8 plus the 1d/2h ticket pair of its code sample.
 * Short window = long / 12. `for` follows Pyrra's 28-day defaults (2m/15m/1h/3h): long enough to ride out
 * a failover blip (Sloth issue #787), short against the time each tier takes to spend its budget share.
 */
const TIERS: readonly Omit<BurnRateAlert, "factor">[] = [
  { name: "page-fast", severity: "page", longWindow: "1h", shortWindow: "5m", budgetShare: 0.02, for: "2m" },
  { name: "page-slow", severity: "page", longWindow: "6h", shortWindow: "30m", budgetShare: 0.05, for: "15m" },
  { name: "ticket-fast", severity: "ticket", longWindow: "1d", shortWindow: "2h", budgetShare: 0.1, for: "1h" },
  { name: "ticket-slow", severity: "ticket", longWindow: "3d", shortWindow: "6h", budgetShare: 0.1, for: "3h" },
];

/** The served tiers' names, fastest first: the `tier` label of generated alerts and /runbooks/{slo}/{tier}. */
export const BURN_ALERT_NAMES: readonly BurnAlertName[] = TIERS.map((t) => t.name as BurnAlertName);

/**
 * Multi-window multi-burn-rate alert tiers for an SLO window of `windowSeconds`.
 * Factors: 14.4 / 6 / 3 / 1 for 30 d, 13.44 / 5.6 / 2.8 / 0.9333… for 28 d (rounded to 12 significant digits).
 */
export function burnRateAlerts(windowSeconds: number): BurnRateAlert[] {
  if (!Number.isFinite(windowSeconds) || windowSeconds <= 0)
    throw new SloDefinitionError("windowSeconds", "window must be positive");
  return TIERS.map((tier) => ({
    ...tier,
    factor: roundSignificant((tier.budgetShare * windowSeconds) / parseDuration(tier.longWindow)),
  }));
}

export type EvaluatedBurnRateAlert = BurnRateAlert & {
  longBurnRate: number | null;
  shortBurnRate: number | null;
  firing: boolean;
};

/**
 * Marks each tier firing when the burn rates over BOTH its long and short window are ≥ factor.
 * A missing/null burn rate (no traffic) never fires. `for:` is not modelled: this is the instant condition.
 */
export function evaluateAlerts(
  alerts: readonly BurnRateAlert[],
  burnRates: Partial<Record<BurnWindow, number | null>>,
): EvaluatedBurnRateAlert[] {
  return alerts.map((alert) => {
    const longBurnRate = burnRates[alert.longWindow] ?? null;
    const shortBurnRate = burnRates[alert.shortWindow] ?? null;
    const firing =
      longBurnRate !== null && shortBurnRate !== null && longBurnRate >= alert.factor && shortBurnRate >= alert.factor;
    return { ...alert, longBurnRate, shortBurnRate, firing };
  });
}
