/**
 * A tiny inline trend line as plain SVG (no chart library: the SLO overview may show dozens at once).
 * `values` are plotted left to right; nulls break the line. `zero` draws the 0 baseline when in range.
 */
type Props = {
  values: readonly (number | null)[];
  width?: number;
  height?: number;
  label: string;
  min?: number;
  max?: number;
  zero?: boolean;
  tone?: "accent" | "danger" | "warning";
};

export function Sparkline({ values, width = 96, height = 24, label, min, max, zero = true, tone = "accent" }: Props) {
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (finite.length < 2)
    return (
      <span className="sparkline-empty muted small" aria-label={label}>
        —
      </span>
    );
  const lo = Math.min(min ?? Infinity, ...finite);
  const hi = Math.max(max ?? -Infinity, ...finite);
  const span = hi - lo || 1;
  const x = (i: number) => (values.length === 1 ? 0 : (i / (values.length - 1)) * (width - 2) + 1);
  const y = (v: number) => height - 1 - ((v - lo) / span) * (height - 2);
  const segments: string[] = [];
  let current = "";
  values.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      if (current) segments.push(current);
      current = "";
      return;
    }
    current += `${current ? "L" : "M"}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
  });
  if (current) segments.push(current);
  return (
    <svg
      className={`sparkline sparkline-${tone}`}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={label}
    >
      {zero && lo < 0 && hi > 0 ? <line className="sparkline-zero" x1={0} x2={width} y1={y(0)} y2={y(0)} /> : null}
      <path d={segments.join("")} fill="none" />
    </svg>
  );
}

/** Keeps at most n points, evenly spaced, always including the last (the current value). */
export function downsample<T>(points: readonly T[], n: number): T[] {
  if (points.length <= n) return [...points];
  const out: T[] = [];
  const step = (points.length - 1) / (n - 1);
  for (let i = 0; i < n; i++) out.push(points[Math.round(i * step)]!);
  return out;
}
