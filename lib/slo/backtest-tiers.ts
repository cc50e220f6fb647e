import { normalAlertSettings, type AlertSettingsInput } from "./alert-settings";
import { burnRateAlerts, type AlertTier, type BurnAlertName } from "./alerts";
import { formatDuration, parseDuration } from "./duration";
import { roundSignificant } from "./number";
import { SloDefinitionError } from "./types";

/**
 * The alert tiers a backtest replays: the SLO's current ones (the Workbook's four, minus a disabled
 * severity — exactly what the served rule file contains) or candidates that change a tier's factor,
 * windows, `for`, or switch it off. Candidates are what-ifs: they are never written to a rule file.
 */
export type TierCandidate = {
  enabled?: boolean;
  factor?: number;
  longWindow?: string;
  shortWindow?: string;
  for?: string;
};
export type TierCandidates = Partial<Record<BurnAlertName, TierCandidate>>;

/** Shortest window a tier may use: the 5 m increase every record is built from. */
const MIN_WINDOW_SECONDS = 300;
/** `for` longer than a day would make a tier that can never page in time; refuse it as a typo. */
const MAX_FOR_SECONDS = 86_400;

/** The tiers the served rules hold for an SLO with this window and these alert settings. */
export function currentTiers(windowSeconds: number, alertSettings?: AlertSettingsInput | null): AlertTier[] {
  const settings = normalAlertSettings(alertSettings);
  return burnRateAlerts(windowSeconds).filter((t) => settings[t.severity].enabled);
}

const window = (text: string, field: string, sloWindowSeconds: number): string => {
  const seconds = parseDuration(text, field);
  if (seconds < MIN_WINDOW_SECONDS) throw new SloDefinitionError(field, "window must be at least 5m");
  if (seconds % 60 !== 0) throw new SloDefinitionError(field, "window must be whole minutes");
  if (seconds > sloWindowSeconds) throw new SloDefinitionError(field, "window must not be longer than the SLO window");
  return formatDuration(seconds);
};

/**
 * Current tiers with the candidates applied, validated. Field names in errors are
 * `tiers.<tier>.<setting>`, as in the API body. budgetShare is recomputed from the factor (what the
 * tier spends of the whole budget over its long window when it fires).
 * @throws SloDefinitionError naming the field.
 */
export function candidateTiers(
  windowSeconds: number,
  candidates: TierCandidates,
  alertSettings?: AlertSettingsInput | null,
): AlertTier[] {
  const settings = normalAlertSettings(alertSettings);
  const out: AlertTier[] = [];
  for (const base of burnRateAlerts(windowSeconds)) {
    const c = candidates[base.name];
    const field = `tiers.${base.name}`;
    if (!(c?.enabled ?? settings[base.severity].enabled)) continue;
    if (!c) {
      out.push(base);
      continue;
    }
    const factor = c.factor ?? base.factor;
    if (!Number.isFinite(factor) || factor <= 0)
      throw new SloDefinitionError(`${field}.factor`, "factor must be a positive number");
    const longWindow = window(c.longWindow ?? base.longWindow, `${field}.longWindow`, windowSeconds);
    const shortWindow = window(c.shortWindow ?? base.shortWindow, `${field}.shortWindow`, windowSeconds);
    if (parseDuration(shortWindow) >= parseDuration(longWindow))
      throw new SloDefinitionError(`${field}.shortWindow`, "short window must be shorter than the long window");
    const forSeconds = parseDuration(c.for ?? base.for, `${field}.for`);
    if (forSeconds % 60 !== 0) throw new SloDefinitionError(`${field}.for`, "for must be whole minutes");
    if (forSeconds > MAX_FOR_SECONDS) throw new SloDefinitionError(`${field}.for`, "for must be at most 1d");
    const budgetShare = roundSignificant((factor * parseDuration(longWindow)) / windowSeconds);
    out.push({
      ...base,
      factor: roundSignificant(factor),
      longWindow,
      shortWindow,
      for: formatDuration(forSeconds),
      budgetShare,
    });
  }
  return out;
}
