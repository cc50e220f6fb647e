import "server-only";
import {
  backtestHeadline,
  roundSignificant,
  type AlertTier,
  type BacktestSummary,
  type FiringInterval,
  type IncreaseSeries,
  type SeverityCounts,
} from "@/lib/slo";

// JSON shape of one backtest run (one set of tiers): instants as ISO strings, thresholds as in the rule file.

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export type BacktestRun = {
  /** "3 pages and 1 ticket in 30 days, 2 during INC-12; no alert during INC-13". */
  headline: string;
  tiers: {
    name: string;
    severity: "page" | "ticket";
    factor: number;
    threshold: number;
    longWindow: string;
    shortWindow: string;
    for: string;
  }[];
  /** Per tier: pending from activeAt, firing from firedAt until resolvedAt (null: still firing at `to`). */
  intervals: {
    tier: string;
    severity: "page" | "ticket";
    activeAt: string;
    firedAt: string;
    resolvedAt: string | null;
  }[];
  /** A severity's overlapping tiers merged: what Alertmanager notifies once. */
  episodes: { severity: "page" | "ticket"; start: string; end: string | null; tiers: string[]; incidents: string[] }[];
  pages: SeverityCounts;
  tickets: SeverityCounts;
  /** Per incident in range: pages and tickets that overlapped it. */
  incidents: { key: string; pages: number; tickets: number }[];
  /** Incidents (keys) no alert overlapped. */
  missed: string[];
};

export function backtestRun(
  tiers: readonly AlertTier[],
  budget: number,
  intervals: readonly FiringInterval[],
  s: BacktestSummary,
  days: number,
): BacktestRun {
  const inRange = intervals.filter((i) => i.firedAtMs < s.toMs && (i.resolvedAtMs ?? Infinity) > s.fromMs);
  return {
    headline: backtestHeadline(s, days),
    tiers: tiers.map((t) => ({
      name: t.name,
      severity: t.severity,
      factor: t.factor,
      threshold: roundSignificant(t.factor * budget),
      longWindow: t.longWindow,
      shortWindow: t.shortWindow,
      for: t.for,
    })),
    intervals: inRange.map((i) => ({
      tier: i.tier,
      severity: i.severity,
      activeAt: iso(i.activeAtMs)!,
      firedAt: iso(i.firedAtMs)!,
      resolvedAt: iso(i.resolvedAtMs),
    })),
    episodes: s.episodes.map((e) => ({
      severity: e.severity,
      start: iso(e.startMs)!,
      end: iso(e.endMs),
      tiers: e.tiers,
      incidents: e.incidents,
    })),
    pages: s.pages,
    tickets: s.tickets,
    incidents: s.incidents.map((i) => ({ key: i.key, pages: i.pages, tickets: i.tickets })),
    missed: s.missed,
  };
}

const HOUR_MS = 3_600_000;

/** Burn rate over each hour ending in (fromMs, toMs]: Σbad / Σtotal of its twelve 5 m increases, over the budget. */
export function burnSeries(
  series: IncreaseSeries,
  budget: number,
  fromMs: number,
  toMs: number,
): { t: string; burnRate: number | null }[] {
  const out: { t: string; burnRate: number | null }[] = [];
  for (let h = Math.ceil((fromMs + 1) / HOUR_MS) * HOUR_MS; h <= toMs; h += HOUR_MS) {
    let total = 0,
      good = 0;
    for (let t = h - HOUR_MS + series.stepMs; t <= h; t += series.stepMs) {
      const i = (t - series.startMs) / series.stepMs;
      total += series.total[i] ?? 0;
      good += series.good[i] ?? 0;
    }
    out.push({
      t: new Date(h).toISOString(),
      burnRate: total > 0 ? roundSignificant((total - good) / total / budget, 6) : null,
    });
  }
  return out;
}
