import type { Sli, SloWindow } from "./types";

/**
 * Display formatting for SLO numbers, shared by the browser UI and exports. Pure and locale-free
 * (always "." as decimal separator, thin grouping with ","), so server and client render the same text.
 * Missing values (null, NaN, ±Infinity) are rendered as an em dash, never as "NaN".
 */
export const DASH = "—";

const finite = (x: number | null | undefined): x is number => typeof x === "number" && Number.isFinite(x);

/** Strips trailing zeros of a fixed-point string: "99.900" → "99.9", "100.000" → "100". */
const trimZeros = (s: string) => (s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s);

/**
 * A ratio as a percentage: 0.99972 → "99.97 %" (digits = decimals). mode "floor" never rounds up,
 * so an SLI of 0.99999 with 2 digits reads "99.99 %", not "100 %" (a perfect score it does not have).
 */
export function formatPercent(ratio: number | null | undefined, digits = 2, mode: "round" | "floor" = "round"): string {
  if (!finite(ratio)) return DASH;
  const scaled = ratio * 100;
  const factor = 10 ** digits;
  const value = mode === "floor" ? Math.floor(Number((scaled * factor).toFixed(6))) / factor : scaled;
  return `${value.toFixed(digits)} %`;
}

/** An SLI with enough decimals to compare with its objective (two more than the objective has, at least 2). */
export function formatSli(sli: number | null | undefined, objective?: number): string {
  const objectiveDecimals =
    objective === undefined ? 2 : (trimZeros((objective * 100).toFixed(6)).split(".")[1]?.length ?? 0);
  return formatPercent(sli, Math.min(6, Math.max(2, objectiveDecimals + 2)), "floor");
}

/** 0.999 → "99.9 %", 0.9995 → "99.95 %", 0.99 → "99 %". */
export const formatObjective = (objective: number): string => `${objectivePercentText(objective)} %`;

/** 0.999 → "99.9" (for inputs). */
export const objectivePercentText = (objective: number): string => trimZeros((objective * 100).toFixed(8));

/** "99.9" → 0.999 exactly (no 0.9990000000000001); null when not a number. */
export function percentTextToObjective(text: string): number | null {
  const trimmed = text.trim().replace(/\s*%$/, "");
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return null;
  return Number((Number(trimmed) / 100).toFixed(12));
}

/** "rolling 30 d", "calendar month (Europe/Berlin)". */
export function formatWindow(window: SloWindow): string {
  if (window.kind === "rolling") return `rolling ${window.days} d`;
  return `calendar ${window.unit} (${window.timezone})`;
}

/** "ratio" / "latency ≤ 300 ms" / "bool gauge" / "1-min slices: ratio ≥ 99 %". */
export function formatSliKind(sli: Sli): string {
  if (sli.kind === "timeslice")
    return `${sli.sliceMinutes}-min slices: ${formatSliKind(sli.of)} ≥ ${formatObjective(sli.threshold)}`;
  if (sli.kind === "ratio") return "ratio";
  if (sli.kind === "boolGauge") return "bool gauge (samples)";
  return `latency ≤ ${formatThreshold(sli.thresholdSeconds)}`;
}

/** 0.3 → "300 ms", 2.5 → "2.5 s". */
export const formatThreshold = (seconds: number): string =>
  seconds < 1 ? `${trimZeros((seconds * 1000).toFixed(3))} ms` : `${trimZeros(seconds.toFixed(3))} s`;

const UNITS: [string, number][] = [
  ["d", 86_400],
  ["h", 3_600],
  ["min", 60],
  ["s", 1],
];

/**
 * A length of time in its two largest units: 2592 → "43 min 12 s", 25.92 → "26 s", 25 920 → "7 h 12 min",
 * 2 592 000 → "30 d". Sub-second lengths are "< 1 s".
 */
export function formatDurationHuman(seconds: number | null | undefined): string {
  if (!finite(seconds) || seconds < 0) return DASH;
  if (seconds === 0) return "0 s";
  const rest = Math.round(seconds);
  if (rest === 0) return "< 1 s";
  const first = UNITS.findIndex(([, size]) => rest >= size);
  const [unit, size] = UNITS[first]!;
  const n = Math.floor(rest / size);
  const parts = [`${n} ${unit}`];
  const next = UNITS[first + 1];
  if (next) {
    const m = Math.floor((rest - n * size) / next[1]);
    if (m > 0) parts.push(`${m} ${next[0]}`);
  }
  return parts.join(" ");
}

const group = (n: number) =>
  Math.round(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/** Event counts: 7200 → "7,200", 25 920 000 → "25.9 M", 0.4 → "0.4". */
export function formatCount(n: number | null | undefined): string {
  if (!finite(n)) return DASH;
  const abs = Math.abs(n);
  if (abs < 10 && !Number.isInteger(n)) return trimZeros(n.toFixed(1));
  if (abs < 100_000) return group(n);
  for (const [suffix, size] of [
    ["B", 1e9],
    ["M", 1e6],
    ["k", 1e3],
  ] as const) {
    if (abs >= size) return `${trimZeros((n / size).toPrecision(3))} ${suffix}`;
  }
  return group(n);
}

/** Burn rate: null → "—", 0.5 → "0.50×", 14.4 → "14.4×", 1000 → "1000×". */
export function formatBurnRate(rate: number | null | undefined): string {
  if (!finite(rate)) return DASH;
  if (rate >= 100) return `${Math.round(rate)}×`;
  if (rate >= 10) return `${rate.toFixed(1)}×`;
  return `${rate.toFixed(2)}×`;
}

/** Age of a stale value: "less than a minute", "1 minute", "12 minutes", "3 hours". */
export function formatAge(seconds: number | null | undefined): string {
  if (!finite(seconds) || seconds < 60) return "less than a minute";
  const minutes = Math.floor(seconds / 60);
  if (minutes < 120) return minutes === 1 ? "1 minute" : `${minutes} minutes`;
  const hours = Math.floor(minutes / 60);
  return `${hours} hours`;
}

/**
 * Budget exhaustion forecast in words: "exhausted", "in 2 d 1 h (at the current burn rate)", or
 * "not burning" when there is no forecast.
 */
export function formatExhaustion(exhaustsAtIso: string | null, nowMs: number, remaining: number | null): string {
  if (remaining !== null && remaining <= 0) return "exhausted";
  if (!exhaustsAtIso) return remaining === null ? "no data" : "not burning";
  const ms = Date.parse(exhaustsAtIso) - nowMs;
  if (!Number.isFinite(ms)) return DASH;
  if (ms <= 0) return "exhausted";
  return `in ${formatDurationHuman(ms / 1000)}`;
}

export type VersionDefinition = { sli: Sli; objective: number; window: SloWindow };
export type DefinitionChange = { field: string; before: string; after: string };

const sliFields = (sli: Sli): Record<string, string> =>
  sli.kind === "timeslice"
    ? {
        ...sliFields(sli.of),
        "SLI kind": `timeslice (${sliFields(sli.of)["SLI kind"]})`,
        "time slice": `${sli.sliceMinutes} min`,
        "slice threshold": formatObjective(sli.threshold),
      }
    : sli.kind === "ratio"
      ? {
          "SLI kind": "ratio",
          "total events": sli.total,
          ...(sli.good !== undefined ? { "good events": sli.good } : {}),
          ...(sli.bad !== undefined ? { "bad events": sli.bad } : {}),
        }
      : sli.kind === "boolGauge"
        ? { "SLI kind": "bool gauge", "0/1 gauge": sli.metric }
        : {
            "SLI kind": "latency",
            "histogram metric": sli.metric,
            matchers: sli.matchers || "(none)",
            threshold: formatThreshold(sli.thresholdSeconds),
          };

/** What changed from one SLO version to the next, field by field, as display text ("" = absent). */
export function definitionChanges(before: VersionDefinition | null, after: VersionDefinition): DefinitionChange[] {
  const fieldsOf = (v: VersionDefinition): Record<string, string> => ({
    ...sliFields(v.sli),
    objective: formatObjective(v.objective),
    window: formatWindow(v.window),
  });
  const a = fieldsOf(after);
  if (!before) return Object.entries(a).map(([field, value]) => ({ field, before: "", after: value }));
  const b = fieldsOf(before);
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return fields
    .filter((f) => (b[f] ?? "") !== (a[f] ?? ""))
    .map((f) => ({ field: f, before: b[f] ?? "", after: a[f] ?? "" }));
}

/**
 * The window-to-date SLI at each burndown point, recovered from the remaining budget:
 * remaining = 1 − cumBad / (budget × cumTotal) ⇒ SLI = 1 − cumBad / cumTotal = 1 − (1 − remaining) × budget.
 * Lets the detail page chart the SLI from the burndown it already has (no second range query).
 */
export function cumulativeSliSeries(
  points: readonly { t: number; remaining: number | null }[],
  objective: number,
): { t: number; v: number | null }[] {
  const budget = Number((1 - objective).toFixed(12));
  return points.map((p) => ({
    t: p.t,
    v:
      p.remaining === null || !Number.isFinite(p.remaining)
        ? null
        : Number((1 - (1 - p.remaining) * budget).toPrecision(12)),
  }));
}
