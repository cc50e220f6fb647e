import { intersectWith } from "./intervals";
import { restrictionIntervals } from "./restrictions";
import { turnClock } from "./rotation";
import type { Layer, LayerShift } from "./types";

const mod = (a: number, n: number): number => ((a % n) + n) % n;

/**
 * The shifts of one layer in [fromMs, toMs), in the layer's own zone if set, else schedule zone `tz`.
 * - Nothing before max(anchor, startMs, effectiveFromMs) or after endMs (a future start leaves the window
 *   empty until then; nothing is extrapolated backwards).
 * - A layer without participants yields nothing.
 * - Restricted parts of a turn are left out (gaps for this layer); explicit empty slots (null) are kept
 *   with userId null so callers can report them, and never cover anyone.
 * - Back-to-back turns of the same participant are joined into one shift.
 * Cost: O(turns in window + restriction windows in window), no iteration from the anchor.
 */
export function layerShifts(layer: Layer, scheduleTz: string, fromMs: number, toMs: number): LayerShift[] {
  const tz = layer.timezone ?? scheduleTz;
  const clock = turnClock(layer, tz);
  const n = layer.participants.length;
  const lo = Math.max(fromMs, clock.anchorMs, layer.startMs, layer.effectiveFromMs ?? -Infinity);
  const hi = Math.min(toMs, layer.endMs ?? Infinity);
  if (n === 0 || lo >= hi) return [];
  const windows = layer.restrictions ? restrictionIntervals(layer.restrictions, tz, lo, hi) : null;
  const startPosition = layer.startPosition ?? 0;

  const shifts: LayerShift[] = [];
  const push = (userId: string | null, startMs: number, endMs: number): void => {
    const last = shifts[shifts.length - 1];
    if (last && last.userId === userId && last.endMs === startMs) last.endMs = endMs;
    else shifts.push({ userId, startMs, endMs, layerId: layer.id });
  };

  let k = clock.turnIndexAt(lo);
  let turnStart = clock.boundaryMs(k);
  while (turnStart < hi) {
    const turnEnd = clock.boundaryMs(k + 1);
    const s = Math.max(turnStart, lo);
    const e = Math.min(turnEnd, hi);
    if (e > s) {
      const userId = layer.participants[mod(startPosition + k, n)] ?? null;
      if (windows) for (const part of intersectWith(s, e, windows)) push(userId, part.startMs, part.endMs);
      else push(userId, s, e);
    }
    k += 1;
    turnStart = turnEnd;
  }
  return shifts;
}
