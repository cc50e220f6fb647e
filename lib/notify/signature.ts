import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";

// The generic webhook's signature (docs/notifications.md): HMAC-SHA256, keyed by the method's secret,
// over `${timestamp}.${rawBody}` where timestamp is whole Unix seconds sent as X-SRECP-Timestamp. The
// hex digest goes in X-SRECP-Signature as `v1=<hex>`. Binding the timestamp into the MAC lets a
// receiver reject replays: a valid signature older than REPLAY_WINDOW_SECONDS is refused.

export const TIMESTAMP_HEADER = "X-SRECP-Timestamp";
export const SIGNATURE_HEADER = "X-SRECP-Signature";
export const REPLAY_WINDOW_SECONDS = 300;

export const signatureOf = (secret: string, timestampSeconds: number, rawBody: string): string =>
  `v1=${createHmac("sha256", secret).update(`${timestampSeconds}.${rawBody}`).digest("hex")}`;

export type Verdict = { ok: true } | { ok: false; why: "missing" | "stale" | "mismatch" };

/** What a receiver does (our test receiver uses it): constant-time compare, then the replay window. */
export function verifySignature(
  secret: string,
  headers: { timestamp: string | null; signature: string | null },
  rawBody: string,
  nowMs: number,
): Verdict {
  if (!headers.timestamp || !headers.signature || !/^\d+$/.test(headers.timestamp))
    return { ok: false, why: "missing" };
  const expected = Buffer.from(signatureOf(secret, Number(headers.timestamp), rawBody));
  const given = Buffer.from(headers.signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, why: "mismatch" };
  if (Math.abs(nowMs / 1000 - Number(headers.timestamp)) > REPLAY_WINDOW_SECONDS) return { ok: false, why: "stale" };
  return { ok: true };
}
