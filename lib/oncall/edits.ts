import { turnClock } from "./rotation";
import type { Layer, Participant } from "./types";

const mod = (a: number, n: number): number => ((a % n) + n) % n;

// Edits never rewrite the past: the service layer stores layer versions (and the on-call history); the
// domain only computes from the definitions it is given. An edit at instant T becomes two versions with
// the same id, priority, anchor and cadence: the old one with endMs = T, the new one with
// effectiveFromMs = T, the new participant list and the startPosition computed here.

/**
 * Slot index of turn 0 for a new participant list taking effect at `atMs` (IMMEDIATE rollout), chosen so
 * that the handoff phase is unchanged and:
 * - whoever is on call at `atMs` stays on call if they are still in the list (removing someone else never
 *   moves the current turn);
 * - if they were removed, the next remaining participant in the old order takes over for the rest of the
 *   current turn, and the new order continues from there;
 * - if nobody from the old list remains, the new list starts at its first slot with the current turn.
 */
export function startPositionForEdit(layer: Layer, tz: string, atMs: number, newParticipants: Participant[]): number {
  const n = newParticipants.length;
  if (n === 0) return 0;
  const k = turnClock(layer, layer.timezone ?? tz).turnIndexAt(atMs);
  const old = layer.participants;
  if (old.length === 0) return mod(-k, n);
  const current = mod((layer.startPosition ?? 0) + k, old.length);
  for (let step = 0; step < old.length; step += 1) {
    const index = newParticipants.indexOf(old[mod(current + step, old.length)] ?? null);
    if (index >= 0) return mod(index - k, n);
  }
  return mod(-k, n);
}

/**
 * Split `layer` at `atMs` into the old version (ending at atMs) and a new version with `participants`
 * (effective from atMs, same anchor and cadence, startPosition from `startPositionForEdit`).
 */
export function editParticipants(layer: Layer, tz: string, atMs: number, participants: Participant[]): [Layer, Layer] {
  const startPosition = startPositionForEdit(layer, tz, atMs, participants);
  return [
    { ...layer, endMs: Math.min(layer.endMs ?? Infinity, atMs) },
    { ...layer, participants, startPosition, effectiveFromMs: Math.max(layer.effectiveFromMs ?? -Infinity, atMs) },
  ];
}

/**
 * Slot index of turn 0 for a layer version whose clock differs from the old one (new handoff time, cadence,
 * zone or start date), taking effect at `atMs`: whoever is on call in `oldLayer` at `atMs` stays on call in
 * `newLayer` for the rest of the new turn if they are still in its list (else the next remaining one in the
 * old order, as in `startPositionForEdit`), and the new order continues from there.
 */
export function startPositionAcrossClocks(oldLayer: Layer, newLayer: Layer, tz: string, atMs: number): number {
  const n = newLayer.participants.length;
  if (n === 0) return 0;
  const samePhase = startPositionForEdit(oldLayer, tz, atMs, newLayer.participants);
  const kOld = turnClock(oldLayer, oldLayer.timezone ?? tz).turnIndexAt(atMs);
  const kNew = turnClock(newLayer, newLayer.timezone ?? tz).turnIndexAt(atMs);
  return mod(samePhase + kOld - kNew, n);
}
