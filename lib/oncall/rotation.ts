import { DAY_MS, assertZone, naiveLocalDateMs, parseWallClock, resolveLocalMs } from "./local-time";
import { OncallDefinitionError, type Layer } from "./types";

const HOUR_MS = 3_600_000;
const UNIT_MS = { hour: HOUR_MS, day: DAY_MS, week: 7 * DAY_MS } as const;

/** Turn boundaries of one layer: turn k is [boundaryMs(k), boundaryMs(k + 1)). */
export type TurnClock = {
  anchorMs: number;
  boundaryMs: (k: number) => number;
  /** Index k of the turn containing `ms` (may be negative before the anchor). */
  turnIndexAt: (ms: number) => number;
};

/**
 * Build the turn clock of a layer in zone `tz` (see `Layer` and `Rotation` for the anchor and clock rules).
 * Wall-clock boundaries are anchor + k × every units on the naive local calendar (local days and weeks;
 * local clock hours), resolved with `resolveLocalMs`, so consecutive turns always tile. A turn can have
 * zero length (an hourly boundary inside a spring-forward gap); callers skip those, but the turn still uses
 * up a participant position.
 * @throws OncallDefinitionError on a bad zone, handoff time or cadence.
 */
export function turnClock(layer: Pick<Layer, "rotation" | "handoffTime" | "startMs">, tz: string): TurnClock {
  assertZone(tz);
  const { unit, every } = layer.rotation;
  if (!Number.isInteger(every) || every <= 0)
    throw new OncallDefinitionError("rotation.every", "every must be a positive integer");
  if (!(unit in UNIT_MS)) throw new OncallDefinitionError("rotation.unit", `unknown unit "${String(unit)}"`);
  if (!Number.isFinite(layer.startMs)) throw new OncallDefinitionError("startMs", "startMs must be a finite epoch ms");
  const naiveAnchorMs =
    naiveLocalDateMs(layer.startMs, tz) + parseWallClock(layer.handoffTime, "handoffTime").minutes * 60_000;
  const anchorMs = resolveLocalMs(naiveAnchorMs, tz);
  const turnMs = every * UNIT_MS[unit];

  const boundaryMs =
    layer.rotation.clock === "elapsed"
      ? (k: number) => anchorMs + k * turnMs
      : (k: number) => resolveLocalMs(naiveAnchorMs + k * turnMs, tz);

  const turnIndexAt = (ms: number): number => {
    // The nominal length is within the DST delta of the real one, so the estimate is off by a turn or two.
    let k = Math.floor((ms - anchorMs) / turnMs);
    while (boundaryMs(k) > ms) k -= 1;
    while (boundaryMs(k + 1) <= ms) k += 1;
    return k;
  };

  return { anchorMs, boundaryMs, turnIndexAt };
}
