// Corrections: time ranges excluded from an SLO's error budget (planned maintenance, bad data, a load
// test). Edges are whole UTC hours, so "the events of a correction" are exactly the hourly rollups of
// the hours it covers (docs/corrections.md explains why whole hours rather than sub-hour increases).
// Pure: ranges are [startMs, endMs) in epoch ms, `now` is passed in.

export const HOUR_MS = 3_600_000;
export const CORRECTION_CATEGORIES = ["maintenance", "bad_data", "load_test", "other"] as const;
export type CorrectionCategory = (typeof CORRECTION_CATEGORIES)[number];
export type CorrectionRange = { startMs: number; endMs: number };
export type Counts = { good: number; total: number };

/** Sorted, non-overlapping union of ranges (touching ranges merge); empty ranges are dropped. */
export function mergeRanges(ranges: readonly CorrectionRange[]): CorrectionRange[] {
  const sorted = ranges.filter((r) => r.endMs > r.startMs).sort((a, b) => a.startMs - b.startMs);
  const out: CorrectionRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.startMs <= last.endMs) last.endMs = Math.max(last.endMs, r.endMs);
    else out.push({ ...r });
  }
  return out;
}

/** Start instants of the UTC hours inside [fromMs, toMs) covered by a correction, ascending, each once. */
export function correctedHours(ranges: readonly CorrectionRange[], fromMs: number, toMs: number): number[] {
  const out: number[] = [];
  for (const r of mergeRanges(ranges)) {
    const first = Math.max(Math.ceil(r.startMs / HOUR_MS) * HOUR_MS, Math.ceil(fromMs / HOUR_MS) * HOUR_MS);
    for (let h = first; h + HOUR_MS <= r.endMs && h < toMs; h += HOUR_MS) out.push(h);
  }
  return out;
}

/** Whether the whole UTC hour starting at hourMs lies inside a correction. */
export const isCorrectedHour = (ranges: readonly CorrectionRange[], hourMs: number) =>
  ranges.some((r) => r.startMs <= hourMs && hourMs + HOUR_MS <= r.endMs);

/** a − b, never below 0 and good never above total (float sums can leave a hair either way). */
export function subtractCounts(a: Counts, b: Counts): Counts {
  const total = Math.max(0, a.total - b.total);
  return { total, good: Math.min(total, Math.max(0, a.good - b.good)) };
}

/**
 * Splits hourly rows into those that count and those a correction excludes, with the excluded sums.
 * The one rule every consumer (status, burndown, report, gate, ledger) applies to exact hourly counts.
 */
export function splitByCorrections<T extends { hourMs: number; good: number; total: number }>(
  rows: readonly T[],
  ranges: readonly CorrectionRange[],
) {
  const kept: T[] = [];
  const excluded: T[] = [];
  for (const r of rows) (isCorrectedHour(ranges, r.hourMs) ? excluded : kept).push(r);
  const sum = excluded.reduce((s, r) => ({ good: s.good + r.good, total: s.total + r.total }), { good: 0, total: 0 });
  return { kept, excluded, excludedCounts: sum };
}

export type CorrectionProblems = Partial<Record<"startsAt" | "endsAt", string>>;

/**
 * Field problems of a proposed range, in the user's words: whole UTC hours, end after start, not in the
 * future (a correction excludes what was measured), no longer than the SLO's window, and not overlapping
 * another live (pending or approved) correction of the same SLO. Empty = valid.
 */
export function correctionProblems(input: {
  startMs: number;
  endMs: number;
  nowMs: number;
  windowSeconds: number;
  others: readonly (CorrectionRange & { label: string })[];
}): CorrectionProblems {
  const { startMs, endMs, nowMs, windowSeconds } = input;
  const p: CorrectionProblems = {};
  if (startMs % HOUR_MS !== 0) p.startsAt = "must be on a whole UTC hour (minutes and seconds 0)";
  if (endMs % HOUR_MS !== 0) p.endsAt = "must be on a whole UTC hour (minutes and seconds 0)";
  if (!p.endsAt && endMs <= startMs) p.endsAt = "must be after the start";
  if (!p.endsAt && endMs > nowMs)
    p.endsAt = "must not be in the future (a correction excludes what was already measured)";
  if (!p.endsAt && endMs - startMs > windowSeconds * 1000)
    p.endsAt = `must be at most the SLO's window (${Math.round(windowSeconds / 86_400)} days) after the start`;
  const clash = input.others.find((o) => o.startMs < endMs && startMs < o.endMs);
  if (!p.startsAt && !p.endsAt && clash)
    p.startsAt = `overlaps the correction ${clash.label}; edit or delete that one instead`;
  return p;
}

/**
 * Burndown steps (`t` = end of a step of stepMs, steps aligned to the epoch) with corrected time taken
 * out: a step of an hour or less lies inside one UTC hour and is dropped to 0 when that hour is
 * corrected; a longer step (whole hours) loses the rollup counts of its corrected hours (`hourCounts`).
 */
export function excludeFromSteps<T extends { t: number; good: number; total: number }>(
  points: readonly T[],
  stepMs: number,
  ranges: readonly CorrectionRange[],
  hourCounts: ReadonlyMap<number, Counts>,
): T[] {
  if (!ranges.length) return [...points];
  return points.map((p) => {
    if (stepMs <= HOUR_MS)
      return isCorrectedHour(ranges, Math.floor((p.t - stepMs) / HOUR_MS) * HOUR_MS) ? { ...p, good: 0, total: 0 } : p;
    const excluded = correctedHours(ranges, p.t - stepMs, p.t).reduce(
      (s, hr) => ({
        good: s.good + (hourCounts.get(hr)?.good ?? 0),
        total: s.total + (hourCounts.get(hr)?.total ?? 0),
      }),
      { good: 0, total: 0 },
    );
    return { ...p, ...subtractCounts(p, excluded) };
  });
}
