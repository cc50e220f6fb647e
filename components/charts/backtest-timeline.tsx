"use client";
import { CartesianGrid, Line, LineChart, ReferenceArea, Tooltip, XAxis, YAxis } from "recharts";
import { timeLabel } from "./chart-format";
import { AXIS_TEXT, CHART_MARGIN, ChartBox, GRID, spanOf, timeAxis, TOOLTIP_BOX } from "./chart-frame";

export type TimelineBand = { startMs: number; endMs: number; label: string };
type Props = {
  /** Hourly burn rate (error ratio ÷ budget), computed by the API; null = no traffic that hour. */
  burn: { t: number; burnRate: number | null }[];
  pages: TimelineBand[];
  tickets: TimelineBand[];
  incidents: TimelineBand[];
  height?: number;
  title?: string;
};

/**
 * An alert backtest on one time axis: the hourly burn rate , incidents as grey bands
 * across the plot, and pages (top strip, red) and tickets (strip below, amber) where the replayed
 * rules fired. Everything is computed by the API (lib/slo/backtest); nothing is derived here.
 */
export function BacktestTimeline({
  burn,
  pages,
  tickets,
  incidents,
  height = 240,
  title = "Alert backtest timeline",
}: Props) {
  const span = spanOf(burn);
  const max = Math.max(1, ...burn.map((p) => p.burnRate ?? 0));
  // Strips above the burn line: pages at the top eighth, tickets just below.
  const top = max * 1.3;
  const strip = (max * 0.3) / 2;
  return (
    <figure
      className="chart"
      aria-label={title}
      data-pages={pages.length}
      data-tickets={tickets.length}
      data-incidents={incidents.length}
    >
      <ChartBox height={height} width={600}>
        <LineChart data={burn} margin={CHART_MARGIN}>
          <CartesianGrid {...GRID} />
          <XAxis {...timeAxis(span)} />
          <YAxis
            domain={[0, top]}
            tickFormatter={(v: number) => (v <= max ? `${Math.round(v * 10) / 10}×` : "")}
            {...AXIS_TEXT}
            width={48}
          />
          <Tooltip
            labelFormatter={(t) => timeLabel(Number(t))}
            formatter={(v) => [
              typeof v === "number" ? `${Number(v.toPrecision(3))}× budget` : "no traffic",
              "Burn rate (1 h)",
            ]}
            contentStyle={TOOLTIP_BOX}
          />
          {incidents.map((b) => (
            <ReferenceArea
              key={`i${b.startMs}${b.label}`}
              x1={b.startMs}
              x2={b.endMs}
              y1={0}
              y2={top}
              fill="var(--text-muted)"
              fillOpacity={0.15}
              stroke="none"
              label={{ value: b.label, position: "insideBottomLeft", fontSize: 10, fill: "var(--text-muted)" }}
              ifOverflow="hidden"
            />
          ))}
          {pages.map((b) => (
            <ReferenceArea
              key={`p${b.startMs}`}
              x1={b.startMs}
              x2={b.endMs}
              y1={top - strip}
              y2={top}
              fill="var(--danger)"
              fillOpacity={0.85}
              stroke="var(--danger)"
              ifOverflow="hidden"
            />
          ))}
          {tickets.map((b) => (
            <ReferenceArea
              key={`t${b.startMs}`}
              x1={b.startMs}
              x2={b.endMs}
              y1={top - 2 * strip}
              y2={top - strip}
              fill="var(--warning)"
              fillOpacity={0.85}
              stroke="var(--warning)"
              ifOverflow="hidden"
            />
          ))}
          <Line
            type="monotone"
            dataKey="burnRate"
            name="burnRate"
            stroke="var(--accent)"
            dot={false}
            isAnimationActive={false}
            strokeWidth={1.5}
            connectNulls={false}
          />
        </LineChart>
      </ChartBox>
      <figcaption className="chart-legend small muted">
        <span className="legend-swatch legend-band legend-band-page" aria-hidden="true" /> Page firing
        <span className="legend-swatch legend-band legend-band-ticket" aria-hidden="true" /> Ticket firing
        <span className="legend-swatch legend-band legend-band-incident" aria-hidden="true" /> Incident
        <span className="legend-swatch" aria-hidden="true" /> Burn rate over 1 h
      </figcaption>
    </figure>
  );
}
