import "server-only";
// One sentence per notification for the page timeline: "e-mail to d…@example.com accepted by SMTP
// 12:03:05", "webhook 503, retry 2 in 40 s", "failed after 5 attempts". Pure; times in UTC.

export type DeliveryFacts = {
  kind: string;
  channel: string;
  label: string;
  status: string;
  attempts: number;
  dueAtMs: number;
  sentAtMs: number | null;
  lastStatusCode: number | null;
  lastError: string | null;
};

const CHANNEL_WORD: Record<string, string> = {
  email: "e-mail",
  slack: "chat message",
  teams: "Teams message",
  webhook: "webhook",
};
const hms = (ms: number) => new Date(ms).toISOString().slice(11, 19);

/** dana@example.com → d…@example.com; a URL label (scheme and host) is shown as it is. */
export const maskLabel = (label: string) =>
  /^[^@\s]+@[^@\s]+$/.test(label) ? `${label[0]}…@${label.split("@")[1]}` : label;

export function deliveryLine(d: DeliveryFacts, nowMs: number): string {
  const what = `${CHANNEL_WORD[d.channel] ?? d.channel} to ${maskLabel(d.label)}${d.kind === "page" ? "" : ` (${d.kind})`}`;
  const answer = d.lastStatusCode ? String(d.lastStatusCode) : d.lastError ? "error" : "";
  switch (d.status) {
    case "sent":
      return `${what} accepted by ${d.channel === "email" ? "SMTP" : "the receiver"} ${hms(d.sentAtMs ?? d.dueAtMs)}${d.attempts > 1 ? ` (attempt ${d.attempts})` : ""}`;
    case "failed":
      return `${what} failed after ${d.attempts} attempt${d.attempts === 1 ? "" : "s"}${d.lastError ? `: ${d.lastError}` : ""}`;
    case "cancelled":
      return `${what} not sent: ${d.lastError ?? "cancelled"}`;
    case "sending":
      return `${what} being sent (attempt ${d.attempts + 1})`;
    default: {
      if (d.attempts === 0) return d.dueAtMs > nowMs ? `${what} due ${hms(d.dueAtMs)}` : `${what} queued`;
      const wait = Math.max(0, Math.round((d.dueAtMs - nowMs) / 1000));
      return `${what}: ${answer || "no answer"}, retry ${d.attempts + 1} in ${wait} s`;
    }
  }
}
