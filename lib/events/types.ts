// Live events pushed to open browsers over Server-Sent Events (GET /api/v1/events). They travel between
// processes through Postgres NOTIFY on one channel, so any replica's change reaches every replica's
// viewers. Payloads stay small (NOTIFY allows 8,000 bytes): ids and a summary, never secrets.

export const EVENT_CHANNEL = "srecp_events";

export type LiveEvent =
  /** statuses of these SLOs changed in the read model: refetch what shows them */
  | { topic: "slo-status"; sloIds: string[] }
  /** a page opened, escalated, was acknowledged or resolved; `userIds`: who it is addressed to now */
  | {
      topic: "page";
      pageId: string;
      userIds: string[];
      title: string;
      severity: string;
      status: string;
      service: string | null;
    };

/**
 * Caches of database rows kept for seconds in each process (lib/cache/shared-cache.ts). Database triggers
 * (migration 20261202180000_cache_invalidation) NOTIFY `{"topic":"invalidate","kind":…}` on the same
 * channel when the rows behind a kind change, whoever wrote them; these never reach browsers. `ids`, when
 * present, names the only keys that changed (the stored statuses' SLO ids, in chunks that fit a NOTIFY).
 */
export const CACHE_KINDS = ["actors", "slos", "statuses", "slo-ranks", "policies"] as const;
export type CacheKind = (typeof CACHE_KINDS)[number];
export type InvalidateEvent = { topic: "invalidate"; kind: CacheKind; ids?: string[] };

/**
 * What an invalidation covers: `ids` only those keys (else all). `hard`: drop outright, never serve as stale —
 * this process's own writes, and a change of its LISTEN connection (notifications may have been missed).
 */
export type InvalidateScope = { ids?: string[]; hard?: boolean };

export const isInvalidateEvent = (v: unknown): v is InvalidateEvent => {
  const e = v as Partial<InvalidateEvent> | null;
  return (
    !!e &&
    typeof e === "object" &&
    e.topic === "invalidate" &&
    CACHE_KINDS.includes(e.kind as CacheKind) &&
    (e.ids === undefined || (Array.isArray(e.ids) && e.ids.every((id) => typeof id === "string")))
  );
};
export const isLiveEvent = (v: unknown): v is LiveEvent => {
  const e = v as Partial<LiveEvent> | null;
  if (!e || typeof e !== "object") return false;
  if (e.topic === "slo-status") return Array.isArray((e as { sloIds?: unknown }).sloIds);
  if (e.topic === "page")
    return (
      typeof (e as { pageId?: unknown }).pageId === "string" && Array.isArray((e as { userIds?: unknown }).userIds)
    );
  return false;
};
