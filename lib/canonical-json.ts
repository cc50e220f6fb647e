/**
 * One canonical comparison of JSON values, used wherever a stored definition is compared with an edit
 * (SLO versions, on-call layer versions, SLOs-as-code plans). PostgreSQL's jsonb does not keep key order
 * (it sorts keys by length, then bytes), so `JSON.stringify` of a stored value and of the same value as a
 * client sent it differ; sorting keys at every level makes equal values give equal strings.
 * Members whose value is undefined are dropped (as JSON.stringify and jsonb drop them); array order counts.
 */
export function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object" && !(value instanceof Date)) {
    const record = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(record)
        .filter((k) => record[k] !== undefined)
        .sort()
        .map((k) => [k, sortKeys(record[k])]),
    );
  }
  return value;
}

/** JSON with object keys sorted at every level: equal values give equal strings. */
export const canonicalJson = (value: unknown): string => JSON.stringify(sortKeys(value)) ?? "undefined";

/** Whether two JSON values are equal, whatever the order of their keys. */
export const sameJson = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);
