import type { Override } from "./types";

/**
 * Overrides in application order: startMs ascending, then createdAtMs ascending, then input order
 * (Array.prototype.sort is stable). Each one acts on the result of the earlier ones, so where two
 * overlap the later one in this order wins ("override an override").
 */
export function orderOverrides(overrides: Override[]): Override[] {
  return [...overrides].sort((a, b) => a.startMs - b.startMs || (a.createdAtMs ?? 0) - (b.createdAtMs ?? 0));
}

/**
 * Apply one override to the set of users on call for an interval fully inside its window. Returns the
 * same array when nothing changes (so callers can tell a no-op apart).
 * - replace with replacesUserId: only where that user is on call, swap in userId at the same position
 *   (no effect otherwise; never adds the replacement on its own).
 * - replace without replacesUserId: the set becomes [userId], gaps included.
 * - add: append userId if absent. remove: delete userId if present.
 */
export function applyOverride(userIds: string[], override: Override): string[] {
  switch (override.kind) {
    case "add":
      return userIds.includes(override.userId) ? userIds : [...userIds, override.userId];
    case "remove":
      return userIds.includes(override.userId) ? userIds.filter((id) => id !== override.userId) : userIds;
    case "replace": {
      if (override.replacesUserId === undefined) {
        return userIds.length === 1 && userIds[0] === override.userId ? userIds : [override.userId];
      }
      const index = userIds.indexOf(override.replacesUserId);
      if (index < 0 || override.replacesUserId === override.userId) return userIds;
      const swapped = userIds.filter((id, i) => i === index || id !== override.userId);
      swapped[swapped.indexOf(override.replacesUserId)] = override.userId;
      return swapped;
    }
  }
}
