"use client";
import type { ReactElement } from "react";
import { ResponsiveContainer, type CartesianGridProps, type XAxisProps } from "recharts";
import { timeTick } from "./chart-format";

/**
 * What every chart shares, so they read alike: the margins, the horizontal grid, the muted axis text, the
 * tooltip box and (for time series) the time axis. Props to spread on Recharts' own elements, which must
 * stay its direct children.
 */
export const CHART_MARGIN = { top: 8, right: 12, bottom: 0, left: 0 };
export const GRID: CartesianGridProps = { stroke: "var(--border)", strokeDasharray: "3 3", vertical: false };
export const AXIS_TEXT = { stroke: "var(--text-muted)", fontSize: 11 };
export const TOOLTIP_BOX = { background: "var(--surface)", border: "1px solid var(--border)", color: "var(--text)" };

/** Time from the first to the last point, which picks the tick format (dates over two days, else hours). */
export const spanOf = (points: { t: number }[]) =>
  points.length > 1 ? points[points.length - 1]!.t - points[0]!.t : 0;

/** An x axis of instants (`t`, ms) from the first point to the last. */
export const timeAxis = (span: number): XAxisProps => ({
  dataKey: "t",
  type: "number",
  scale: "time",
  domain: ["dataMin", "dataMax"],
  tickFormatter: timeTick(span),
  ...AXIS_TEXT,
  minTickGap: 40,
});

/** The chart at the container's width; `width` is the size drawn before the container is measured. */
export function ChartBox({ height, width, children }: { height: number; width: number; children: ReactElement }) {
  return (
    <ResponsiveContainer width="100%" height={height} initialDimension={{ width, height }}>
      {children}
    </ResponsiveContainer>
  );
}
