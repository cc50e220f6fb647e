import { SloDefinitionError } from "./types";

/** Seconds per Prometheus duration unit (a Prometheus "y" is 365 days, "w" 7 days). */
const UNIT_SECONDS: Record<string, number> = { y: 31_536_000, w: 604_800, d: 86_400, h: 3_600, m: 60, s: 1, ms: 0.001 };
const UNIT_ORDER = ["y", "w", "d", "h", "m", "s", "ms"] as const;
const PART = /(\d+)(ms|y|w|d|h|m|s)/y;

/**
 * Parses a Prometheus duration ("5m", "1h30m", "30d", "2w", "500ms") into seconds.
 * Units must appear in descending order and at most once, as Prometheus requires.
 * @throws SloDefinitionError (field = `field`) on anything else, including "" and "1.5h".
 */
export function parseDuration(text: string, field = "duration"): number {
  if (typeof text !== "string" || text.length === 0) throw new SloDefinitionError(field, "empty duration");
  PART.lastIndex = 0;
  let seconds = 0;
  let lastUnitIndex = -1;
  while (PART.lastIndex < text.length) {
    const match = PART.exec(text);
    if (!match) throw new SloDefinitionError(field, `invalid Prometheus duration "${text}"`);
    const unit = match[2] as (typeof UNIT_ORDER)[number];
    const unitIndex = UNIT_ORDER.indexOf(unit);
    if (unitIndex <= lastUnitIndex) throw new SloDefinitionError(field, `units out of order in "${text}"`);
    lastUnitIndex = unitIndex;
    seconds += Number(match[1]) * (UNIT_SECONDS[unit] ?? 0);
  }
  return Math.round(seconds * 1000) / 1000;
}

/**
 * Formats seconds as a Prometheus duration using d/h/m/s (and ms for fractions): 300 → "5m",
 * 5400 → "1h30m", 2_592_000 → "30d", 2_419_200 → "28d" (days, not weeks, so names read like the config).
 * @throws SloDefinitionError when seconds is negative or not finite.
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) throw new SloDefinitionError("duration", `invalid seconds ${seconds}`);
  let restMs = Math.round(seconds * 1000);
  if (restMs === 0) return "0s";
  let out = "";
  for (const [unit, unitMs] of [
    ["d", 86_400_000],
    ["h", 3_600_000],
    ["m", 60_000],
    ["s", 1000],
    ["ms", 1],
  ] as const) {
    const count = Math.floor(restMs / unitMs);
    if (count > 0) out += `${count}${unit}`;
    restMs -= count * unitMs;
  }
  return out;
}
