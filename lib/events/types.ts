// Live events pushed to open browsers over Server-Sent Events (GET /api/v1/events). They travel between
// processes through Postgres NOTIFY on one channel, so any replica's change reaches every replica's
// viewers. Payloads stay small (NOTIFY allows 8,000 bytes): ids and a summary, never secrets.

export const EVENT_CHANNEL = "srecp_events";

export type LiveEvent =
  /** statuses of these SLOs changed in the read model: refetch what shows them */
  | { topic: "slo-status"; sloIds: string[] }
  /** a page opened, escalated, was acknowledged or resolved; `userIds`: who it is addressed to now */
  | { topic: "page"; pageId: string; userIds: string[]; title: string; severity: string; status: string; service: string | null };

export const isLiveEvent = (v: unknown): v is LiveEvent => {
  const e = v as Partial<LiveEvent> | null;
  if (!e || typeof e !== "object") return false;
  if (e.topic === "slo-status") return Array.isArray((e as { sloIds?: unknown }).sloIds);
  if (e.topic === "page") return typeof (e as { pageId?: unknown }).pageId === "string" && Array.isArray((e as { userIds?: unknown }).userIds);
  return false;
};
