import type { FiringInterval } from "./backtest";

// What a replay means to people: Alertmanager groups an SLO's alerts by name and service, so firing
// tiers of one severity that overlap or touch are ONE notification episode ("a page"). Precision is the
// share of episodes that overlapped an incident of the SLO's service; an incident no alert of either
// severity overlapped is "missed". Ranges are half-open [start, end); an open end is the range's end.

export type BacktestIncident = { id: string; key: string; title: string; startMs: number; endMs: number | null };

export type AlertEpisode = {
  severity: FiringInterval["severity"];
  startMs: number;
  /** null: still firing at the end of the replay. */
  endMs: number | null;
  tiers: string[];
  /** Keys of the incidents it overlapped. */
  incidents: string[];
};

export type SeverityCounts = { count: number; duringIncident: number; precision: number | null };

export type BacktestSummary = {
  fromMs: number;
  toMs: number;
  episodes: AlertEpisode[];
  pages: SeverityCounts;
  tickets: SeverityCounts;
  /** Per incident in range: how many pages and tickets overlapped it. */
  incidents: {
    id: string;
    key: string;
    title: string;
    startMs: number;
    endMs: number | null;
    pages: number;
    tickets: number;
  }[];
  missed: string[];
};

const overlaps = (aStart: number, aEnd: number, bStart: number, bEnd: number) => aStart < bEnd && bStart < aEnd;

/** Merges one severity's intervals into episodes, keeping those that reach into [fromMs, toMs). */
function episodesOf(
  intervals: readonly FiringInterval[],
  severity: FiringInterval["severity"],
  fromMs: number,
  toMs: number,
): Omit<AlertEpisode, "incidents">[] {
  const own = intervals.filter((i) => i.severity === severity).sort((a, b) => a.firedAtMs - b.firedAtMs);
  const out: Omit<AlertEpisode, "incidents">[] = [];
  for (const i of own) {
    const last = out.at(-1);
    if (last && (last.endMs === null || i.firedAtMs <= last.endMs)) {
      last.endMs = last.endMs === null || i.resolvedAtMs === null ? null : Math.max(last.endMs, i.resolvedAtMs);
      if (!last.tiers.includes(i.tier)) last.tiers.push(i.tier);
    } else {
      out.push({ severity, startMs: i.firedAtMs, endMs: i.resolvedAtMs, tiers: [i.tier] });
    }
  }
  return out.filter((e) => overlaps(e.startMs, e.endMs ?? Infinity, fromMs, toMs));
}

const counts = (episodes: readonly AlertEpisode[]): SeverityCounts => {
  const during = episodes.filter((e) => e.incidents.length > 0).length;
  return {
    count: episodes.length,
    duringIncident: during,
    precision: episodes.length === 0 ? null : during / episodes.length,
  };
};

/** Episodes, counts, precision and missed incidents of a replay over [fromMs, toMs). */
export function summarizeBacktest(
  intervals: readonly FiringInterval[],
  incidents: readonly BacktestIncident[],
  fromMs: number,
  toMs: number,
): BacktestSummary {
  const inRange = incidents
    .filter((i) => overlaps(i.startMs, i.endMs ?? toMs, fromMs, toMs))
    .sort((a, b) => a.startMs - b.startMs);
  const episodes: AlertEpisode[] = (["page", "ticket"] as const)
    .flatMap((s) => episodesOf(intervals, s, fromMs, toMs))
    .map((e) => ({
      ...e,
      incidents: inRange
        .filter((i) => overlaps(e.startMs, e.endMs ?? toMs, i.startMs, i.endMs ?? toMs))
        .map((i) => i.key),
    }))
    .sort((a, b) => a.startMs - b.startMs || (a.severity === b.severity ? 0 : a.severity === "page" ? -1 : 1));
  const perIncident = inRange.map((i) => ({
    ...i,
    pages: episodes.filter((e) => e.severity === "page" && e.incidents.includes(i.key)).length,
    tickets: episodes.filter((e) => e.severity === "ticket" && e.incidents.includes(i.key)).length,
  }));
  return {
    fromMs,
    toMs,
    episodes,
    pages: counts(episodes.filter((e) => e.severity === "page")),
    tickets: counts(episodes.filter((e) => e.severity === "ticket")),
    incidents: perIncident,
    missed: perIncident.filter((i) => i.pages + i.tickets === 0).map((i) => i.key),
  };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** "3 pages and 1 ticket in 30 days, 2 during INC-12; missed INC-13" — the wizard's one-line answer. */
export function backtestHeadline(s: BacktestSummary, days: number): string {
  const head = `${plural(s.pages.count, "page")} and ${plural(s.tickets.count, "ticket")} in ${plural(days, "day")}`;
  const during = s.incidents.filter((i) => i.pages > 0).map((i) => `${i.pages} during ${i.key}`);
  const missed = s.missed.length ? `; no alert during ${s.missed.join(", ")}` : "";
  return `${head}${during.length ? `, ${during.join(", ")}` : ""}${missed}`;
}
