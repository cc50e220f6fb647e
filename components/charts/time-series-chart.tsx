"use client";
import { CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { formatValue, timeLabel, type ValueUnit } from "./chart-format";
import { AXIS_TEXT, CHART_MARGIN, ChartBox, GRID, timeAxis, TOOLTIP_BOX } from "./chart-frame";

export type ChartSeries = { name: string; points: { t: number; v: number | null }[] };
type Props = {
  series: ChartSeries[];
  unit: ValueUnit;
  height?: number;
  title: string;
  /** Horizontal reference, e.g. the objective on an SLI chart. */
  reference?: { y: number; label: string };
  /** Y domain; default fits the data (and the reference). */
  domain?: [number | "auto", number | "auto" | ((dataMax: number) => number)];
};

const COLORS = ["var(--accent)", "var(--success)", "var(--warning)", "var(--danger)", "var(--text-muted)"];

/** Merges series sampled at the same instants into rows {t, s0, s1, …} as Recharts wants them. */
export function mergeSeries(series: ChartSeries[]): Record<string, number | null>[] {
  const rows = new Map<number, Record<string, number | null>>();
  series.forEach((s, i) => {
    for (const p of s.points) {
      const row = rows.get(p.t) ?? { t: p.t };
      row[`s${i}`] = p.v;
      rows.set(p.t, row);
    }
  });
  return [...rows.values()].sort((a, b) => (a.t as number) - (b.t as number));
}

/** A line chart of one or more time series (golden signals, SLI), computed elsewhere. */
/** Ratios start at 0; an all-zero error ratio gets a 0–1 % axis instead of Recharts' 0–4. */
const defaultDomain = (unit: ValueUnit): NonNullable<Props["domain"]> =>
  unit === "ratio" ? [0, "auto"] : ["auto", "auto"];

export function TimeSeriesChart({ series, unit, height = 180, title, reference, domain = defaultDomain(unit) }: Props) {
  const data = mergeSeries(series);
  const span = data.length > 1 ? (data[data.length - 1]!.t as number) - (data[0]!.t as number) : 0;
  return (
    <figure className="chart" aria-label={title} data-points={data.length}>
      <ChartBox height={height} width={400}>
        <LineChart data={data} margin={CHART_MARGIN}>
          <CartesianGrid {...GRID} />
          <XAxis {...timeAxis(span)} />
          <YAxis
            domain={
              unit === "ratio" && domain[1] === "auto" ? [domain[0], (max: number) => (max > 0 ? max : 0.01)] : domain
            }
            tickFormatter={(v: number) => formatValue(v, unit)}
            {...AXIS_TEXT}
            width={unit === "sli" ? 64 : 56}
          />
          <Tooltip
            labelFormatter={(t) => timeLabel(Number(t))}
            formatter={(v, key) => [
              formatValue(typeof v === "number" ? v : null, unit),
              series[Number(String(key).slice(1))]?.name ?? "",
            ]}
            contentStyle={TOOLTIP_BOX}
          />
          {reference ? (
            <ReferenceLine
              y={reference.y}
              stroke="var(--danger)"
              strokeDasharray="4 2"
              label={{ value: reference.label, position: "insideBottomRight", fill: "var(--text-muted)", fontSize: 11 }}
            />
          ) : null}
          {series.map((s, i) => (
            <Line
              key={i}
              type="monotone"
              dataKey={`s${i}`}
              name={s.name}
              stroke={COLORS[i % COLORS.length]}
              dot={data.length < 40}
              isAnimationActive={false}
              strokeWidth={1.8}
              connectNulls={false}
            />
          ))}
        </LineChart>
      </ChartBox>
    </figure>
  );
}
