"use client";
import { CartesianGrid, Line, LineChart, ReferenceArea, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { pctTick, pctTooltip, timeLabel } from "./chart-format";
import { AXIS_TEXT, CHART_MARGIN, ChartBox, GRID, spanOf, timeAxis, TOOLTIP_BOX } from "./chart-frame";

export type BurndownChartPoint = { t: number; remaining: number | null; ideal: number };
/** A shaded time range on the chart: an incident's impact window, a deployment's range, a correction. */
export type BurndownBand = { from: number; to: number; kind: "incident" | "deploy" | "correction"; label: string };

const BAND_STYLE: Record<BurndownBand["kind"], { fill: string; opacity: number; legend: string }> = {
  incident: { fill: "var(--danger)", opacity: 0.18, legend: "Incident" },
  deploy: { fill: "var(--accent)", opacity: 0.1, legend: "After a deploy" },
  correction: { fill: "var(--text-muted)", opacity: 0.2, legend: "Corrected (excluded)" },
};

/**
 * Remaining error budget over the window (solid) against the ideal even burn (dashed), with the
 * exhaustion line at 0, and optional bands (incidents, deploys, corrections: the budget ledger's ranges).
 * Points are computed by the API (lib/slo burndownSeries); nothing is derived here.
 */
export function BurndownChart({
  points,
  bands = [],
  height = 260,
  title = "Error budget burndown",
}: {
  points: BurndownChartPoint[];
  bands?: BurndownBand[];
  height?: number;
  title?: string;
}) {
  const span = spanOf(points);
  const values = points.flatMap((p) => (p.remaining === null ? [] : [p.remaining]));
  const lo = Math.min(0, ...values);
  return (
    <figure className="chart" aria-label={title} data-points={points.length} data-bands={bands.length}>
      <ChartBox height={height} width={600}>
        <LineChart data={points} margin={CHART_MARGIN}>
          <CartesianGrid {...GRID} />
          <XAxis {...timeAxis(span)} />
          <YAxis domain={[Math.floor(lo * 10) / 10, 1]} tickFormatter={pctTick} {...AXIS_TEXT} width={48} />
          <Tooltip
            labelFormatter={(t) => timeLabel(Number(t))}
            formatter={(v, name) => [
              typeof v === "number" ? pctTooltip(v, 1) : "—",
              name === "remaining" ? "Remaining budget" : "Ideal burn",
            ]}
            contentStyle={TOOLTIP_BOX}
          />
          {/* deploys first so incident bands (which take precedence in the ledger) draw on top */}
          {[...bands]
            .sort((a, b) => (a.kind === "deploy" ? -1 : 0) - (b.kind === "deploy" ? -1 : 0))
            .map((b) => (
              <ReferenceArea
                key={`${b.kind}-${b.from}-${b.label}`}
                x1={b.from}
                x2={b.to}
                fill={BAND_STYLE[b.kind].fill}
                fillOpacity={BAND_STYLE[b.kind].opacity}
                stroke="none"
                ifOverflow="hidden"
                label={
                  b.kind === "incident"
                    ? { value: b.label.split(" ")[0], position: "insideTop", fontSize: 10, fill: "var(--text-muted)" }
                    : undefined
                }
              />
            ))}
          <ReferenceLine y={0} stroke="var(--danger)" strokeDasharray="4 2" />
          <Line
            type="monotone"
            dataKey="ideal"
            name="ideal"
            stroke="var(--text-muted)"
            strokeDasharray="5 4"
            dot={false}
            isAnimationActive={false}
            strokeWidth={1.2}
          />
          <Line
            type="monotone"
            dataKey="remaining"
            name="remaining"
            stroke="var(--accent)"
            dot={false}
            isAnimationActive={false}
            strokeWidth={2}
            connectNulls={false}
          />
        </LineChart>
      </ChartBox>
      <figcaption className="chart-legend small muted">
        <span className="legend-swatch legend-accent" aria-hidden="true" /> Remaining budget
        <span className="legend-swatch legend-dashed" aria-hidden="true" /> Ideal (even) burn
        <span className="legend-swatch legend-danger" aria-hidden="true" /> Exhausted
        {(["incident", "deploy", "correction"] as const)
          .filter((k) => bands.some((b) => b.kind === k))
          .map((k) => (
            <span key={k} data-band-kind={k}>
              <span
                aria-hidden="true"
                style={{
                  display: "inline-block",
                  width: 14,
                  height: 8,
                  margin: "0 4px 0 8px",
                  borderRadius: 2,
                  background: BAND_STYLE[k].fill,
                  opacity: BAND_STYLE[k].opacity * 2.5,
                }}
              />
              {BAND_STYLE[k].legend}
            </span>
          ))}
      </figcaption>
    </figure>
  );
}
