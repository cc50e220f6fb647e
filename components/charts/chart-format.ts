/** Axis and tooltip formatters shared by the chart wrappers (plain numbers in, text out). */
export const pctTick = (v: number) => `${Math.round(v * 1000) / 10}%`;
export const pctTooltip = (v: number, digits = 2) => `${(v * 100).toFixed(digits)} %`;

const pad = (n: number) => String(n).padStart(2, "0");
/** "Mar 3" for spans over 2 days, "14:05" otherwise (viewer's local time). */
export const timeTick = (spanMs: number) => (t: number) => {
  const d = new Date(t);
  return spanMs > 2 * 86_400_000
    ? d.toLocaleDateString(undefined, { month: "short", day: "numeric" })
    : `${pad(d.getHours())}:${pad(d.getMinutes())}`;
};
export const timeLabel = (t: number) =>
  new Date(t).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });

export type ValueUnit = "seconds" | "perSecond" | "ratio" | "sli" | "ratioOrValue" | "plain";

/** Compact value text for a unit: 0.123 s → "123 ms", 12.3/s → "12.3/s", 0.0012 ratio → "0.12%". */
export function formatValue(v: number | null | undefined, unit: ValueUnit): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return "—";
  const sig = (x: number) => (Math.abs(x) >= 100 ? Math.round(x).toString() : Number(x.toPrecision(3)).toString());
  switch (unit) {
    case "seconds":
      return v < 1 ? `${sig(v * 1000)} ms` : `${sig(v)} s`;
    case "perSecond":
      return `${sig(v)}/s`;
    case "ratio":
      return `${sig(v * 100)}%`;
    case "sli":
      // SLIs live just under 100 %: three decimals tell 99.972 % from 99.975 %.
      return `${(v * 100).toFixed(3)}%`;
    case "ratioOrValue":
      return v >= 0 && v <= 1 ? `${sig(v * 100)}%` : sig(v);
    default:
      return sig(v);
  }
}
