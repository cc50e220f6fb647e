/** One changed top-level field of an audited entity; `undefined` = absent on that side. */
export type DiffRow = { key: string; before: unknown; after: unknown };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Top-level fields that differ between two JSON snapshots (deep equality via canonical JSON).
 * Non-object snapshots compare as a single "value" row. Timestamps that always change on update
 * (updatedAt, version) are kept: they show when and how often a record moved.
 */
export function diffSnapshots(before: unknown, after: unknown): DiffRow[] {
  if (!isRecord(before) && !isRecord(after)) {
    return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ key: "value", before, after }];
  }
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort();
  return keys
    .filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]))
    .map((k) => ({ key: k, before: b[k], after: a[k] }));
}

/** Compact display: strings as-is, everything else as indented JSON. */
export const showValue = (v: unknown): string =>
  v === undefined ? "—" : typeof v === "string" ? v : JSON.stringify(v, null, 2);
