"use client";
import dynamic from "next/dynamic";

/**
 * The chart wrappers, loaded on demand: Recharts is the largest library of the app, so pages render
 * (and become interactive) first and the charts follow. A skeleton of the same height holds the place.
 */
const placeholder = (height: number) => {
  function ChartPlaceholder() {
    return <div className="skeleton" style={{ height }} role="status" aria-label="Loading chart" />;
  }
  return ChartPlaceholder;
};

export const LazyBurndownChart = dynamic(() => import("./burndown-chart").then((m) => m.BurndownChart), {
  ssr: false,
  loading: placeholder(260),
});
export const LazyTimeSeriesChart = dynamic(() => import("./time-series-chart").then((m) => m.TimeSeriesChart), {
  ssr: false,
  loading: placeholder(170),
});
export const LazyBacktestTimeline = dynamic(() => import("./backtest-timeline").then((m) => m.BacktestTimeline), {
  ssr: false,
  loading: placeholder(240),
});
