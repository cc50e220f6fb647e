import type { Interval } from "./types";

/** Sort and merge overlapping or touching intervals; drops empty ones. */
export function mergeIntervals(intervals: Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.endMs > i.startMs).sort((a, b) => a.startMs - b.startMs);
  const merged: Interval[] = [];
  for (const interval of sorted) {
    const last = merged[merged.length - 1];
    if (last && interval.startMs <= last.endMs) last.endMs = Math.max(last.endMs, interval.endMs);
    else merged.push({ startMs: interval.startMs, endMs: interval.endMs });
  }
  return merged;
}

/** Index of the first interval in sorted, disjoint `windows` whose end is after `ms`. */
function firstEndingAfter(windows: Interval[], ms: number): number {
  let lo = 0;
  let hi = windows.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((windows[mid] as Interval).endMs <= ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Parts of [startMs, endMs) inside sorted, disjoint `windows` (binary search, then a short walk). */
export function intersectWith(startMs: number, endMs: number, windows: Interval[]): Interval[] {
  const parts: Interval[] = [];
  for (let i = firstEndingAfter(windows, startMs); i < windows.length; i += 1) {
    const window = windows[i] as Interval;
    if (window.startMs >= endMs) break;
    const s = Math.max(startMs, window.startMs);
    const e = Math.min(endMs, window.endMs);
    if (e > s) parts.push({ startMs: s, endMs: e });
  }
  return parts;
}
