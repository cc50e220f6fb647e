import "server-only";
// The contract between notification producers (escalation, verification, shift reminders), the
// delivery worker and the channels (issue 13). A channel is one file in lib/notify/channels/ that
// implements Channel; adding SMS or voice later is one more file plus its kind in CHANNEL_KINDS.

export const CHANNEL_KINDS = ["email", "slack", "teams", "webhook"] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** What a notification is about; the worker renders a Message from the row's kind and payload. */
export const NOTIFICATION_KINDS = [
  "page",
  "acknowledged",
  "resolved",
  "escalated",
  "fallback",
  "shift_reminder",
  "handoff",
  "verify",
  "test",
  "method_disabled",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** A rendered message, channel-neutral. Links are absolute URLs (one-time action links included). */
export type Message = {
  kind: NotificationKind;
  subject: string;
  /** plain-text body (e-mail text part, chat fallback text) */
  text: string;
  /** key facts shown as fields in chat cards and as a table in e-mail: severity, service, SLO, burn rate… */
  fields: { label: string; value: string }[];
  links: { label: string; url: string }[];
  /** machine-readable body for the generic webhook (documented in docs/notifications.md) */
  data: Record<string, unknown>;
};

/** A contact method with its sealed columns opened (only inside the worker, never logged). */
export type Destination = { kind: ChannelKind; target: string; secret?: string | null };

/**
 * accepted: the receiver took it (SMTP 250, HTTP 2xx). retry: transient (timeout, 5xx, 429, SMTP 4xx).
 * gone: the receiver says the destination no longer exists (HTTP 404/410) → method disabled.
 * failed: permanent (other 4xx, SMTP 5xx) → no retry.
 */
export type DeliveryResult = {
  outcome: "accepted" | "retry" | "gone" | "failed";
  statusCode?: number;
  /** provider response or error, truncated to 300 chars, no secrets */
  detail: string;
  latencyMs: number;
  /** a retry answer's Retry-After (HTTP 429/503), in seconds: the next try waits at least this long */
  retryAfterSeconds?: number;
};

export interface Channel {
  kind: ChannelKind;
  /** Never throws: every failure is a DeliveryResult. */
  deliver(
    to: Destination,
    message: Message,
    ctx: { notificationId: string; attempt: number; timeoutMs: number },
  ): Promise<DeliveryResult>;
}
