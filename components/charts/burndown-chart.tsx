"use client";
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { pctTick, pctTooltip, timeLabel, timeTick } from "./chart-format";

export type BurndownChartPoint = { t: number; remaining: number | null; ideal: number };

/**
 * Remaining error budget over the window (solid) against the ideal even burn (dashed), with the
 * exhaustion line at 0. Points are computed by the API (lib/slo burndownSeries); nothing is derived here.
 */
export function BurndownChart({ points, height = 260, title = "Error budget burndown" }: { points: BurndownChartPoint[]; height?: number; title?: string }) {
  const span = points.length > 1 ? points[points.length - 1]!.t - points[0]!.t : 0;
  const values = points.flatMap((p) => (p.remaining === null ? [] : [p.remaining]));
  const lo = Math.min(0, ...values);
  return (
    <figure className="chart" aria-label={title} data-points={points.length}>
      <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 600, height }}>
        <LineChart data={points} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="t" type="number" scale="time" domain={["dataMin", "dataMax"]} tickFormatter={timeTick(span)} stroke="var(--text-muted)" fontSize={11} minTickGap={40} />
          <YAxis domain={[Math.floor(lo * 10) / 10, 1]} tickFormatter={pctTick} stroke="var(--text-muted)" fontSize={11} width={48} />
          <Tooltip
            labelFormatter={(t) => timeLabel(Number(t))}
            formatter={(v, name) => [typeof v === "number" ? pctTooltip(v, 1) : "—", name === "remaining" ? "Remaining budget" : "Ideal burn"]}
            contentStyle={{ background: "var(--surface)", border: "1px solid var(--border)", color: "var(--text)" }}
          />
          <ReferenceLine y={0} stroke="var(--danger)" strokeDasharray="4 2" />
          <Line type="monotone" dataKey="ideal" name="ideal" stroke="var(--text-muted)" strokeDasharray="5 4" dot={false} isAnimationActive={false} strokeWidth={1.2} />
          <Line type="monotone" dataKey="remaining" name="remaining" stroke="var(--accent)" dot={false} isAnimationActive={false} strokeWidth={2} connectNulls={false} />
        </LineChart>
      </ResponsiveContainer>
      <figcaption className="chart-legend small muted">
        <span className="legend-swatch legend-accent" aria-hidden="true" /> Remaining budget
        <span className="legend-swatch legend-dashed" aria-hidden="true" /> Ideal (even) burn
        <span className="legend-swatch legend-danger" aria-hidden="true" /> Exhausted
      </figcaption>
    </figure>
  );
}
