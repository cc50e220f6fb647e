"use client";
import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { AXIS_TEXT, CHART_MARGIN, ChartBox, GRID, TOOLTIP_BOX } from "@/components/charts/chart-frame";

export type Bar = { label: string; value: number; tone?: "accent" | "warning" | "danger" | "success" | "muted" };
type Props = {
  bars: Bar[];
  title: string;
  height?: number;
  unit: "percent" | "count";
  reference?: { y: number; label: string };
};

const FORMAT = {
  percent: (v: number) => `${Math.round(v * 1000) / 10}%`,
  count: (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1)),
};

const COLOR = {
  accent: "var(--accent)",
  warning: "var(--warning)",
  danger: "var(--danger)",
  success: "var(--success)",
  muted: "var(--text-muted)",
};

/** Said in place of a chart with nothing to draw: bare axes would read as "all zero". */
export const NO_DATA_TEXT = "No data for this period";

export function ChartNoData({ title }: { title: string }) {
  return (
    <figure className="chart report-chart report-chart-empty" aria-label={title} data-points={0}>
      <figcaption className="small muted">{title}</figcaption>
      <p className="muted" role="note">
        {NO_DATA_TEXT}
      </p>
    </figure>
  );
}

/** A labelled bar chart of values computed by the API (nothing is derived here). */
export function ReportBarChart({ bars, title, height = 200, unit, reference }: Props) {
  const format = FORMAT[unit];
  if (bars.length === 0) return <ChartNoData title={title} />;
  return (
    <figure className="chart report-chart" aria-label={title} data-points={bars.length}>
      <figcaption className="small muted">{title}</figcaption>
      <ChartBox height={height} width={480}>
        <BarChart data={bars} margin={CHART_MARGIN}>
          <CartesianGrid {...GRID} />
          <XAxis
            dataKey="label"
            {...AXIS_TEXT}
            interval={0}
            tickFormatter={(l: string) => (l.length > 18 ? `${l.slice(0, 17)}…` : l)}
          />
          <YAxis tickFormatter={format} {...AXIS_TEXT} width={52} allowDecimals={unit !== "count"} />
          <Tooltip
            formatter={(v) => [typeof v === "number" ? format(v) : "—", title]}
            contentStyle={TOOLTIP_BOX}
            cursor={{ fill: "var(--surface-2)" }}
          />
          {reference ? (
            <ReferenceLine
              y={reference.y}
              stroke="var(--danger)"
              strokeDasharray="4 2"
              label={{ value: reference.label, position: "insideTopRight", fill: "var(--text-muted)", fontSize: 11 }}
            />
          ) : null}
          <Bar dataKey="value" isAnimationActive={false} radius={[3, 3, 0, 0]}>
            {bars.map((b, i) => (
              <Cell key={i} fill={COLOR[b.tone ?? "accent"]} />
            ))}
          </Bar>
        </BarChart>
      </ChartBox>
    </figure>
  );
}
