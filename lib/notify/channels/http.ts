import "server-only";
import { env } from "@/lib/env";
import { createGuardedFetch, OutboundBlockedError } from "@/lib/net/guarded-fetch";
import { truncate } from "../backoff";
import type { DeliveryResult } from "../types";

// Shared HTTP delivery for the chat and webhook channels: a POST through the guarded fetch (the
// outbound address policy is checked on the very addresses connected to, so a webhook URL that
// re-resolves to an internal host is refused), a hard timeout, and the outcome mapping of
// lib/notify/types.ts. The target URL never appears in a result or a log line: it can carry a token.

let guarded: typeof fetch | undefined;
const outboundFetch = () => (guarded ??= createGuardedFetch(env().outboundPolicy));

export function outcomeOfStatus(status: number): DeliveryResult["outcome"] {
  if (status >= 200 && status < 300) return "accepted";
  if (status === 404 || status === 410) return "gone";
  if (status === 429 || status === 408 || status >= 500) return "retry";
  return "failed";
}

/**
 * Every outbound request names its notification: the same id on every retry and on a re-send after a
 * crash (a claim that expired after the provider took the message), so a receiver can drop duplicates.
 */
const DELIVERY_HEADER = "X-SRECP-Delivery";
export const deliveryHeaders = (notificationId: string): Record<string, string> => ({
  [DELIVERY_HEADER]: notificationId,
});

/** Retry-After as seconds (RFC 9110: delay-seconds or an HTTP-date); undefined when absent or unreadable. */
export function retryAfterSeconds(value: string | null, nowMs: number): number | undefined {
  if (!value) return undefined;
  const v = value.trim();
  if (/^\d+$/.test(v)) return Number(v);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - nowMs) / 1000));
}

export async function postJson(
  url: string,
  rawBody: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<DeliveryResult> {
  const started = performance.now();
  const latency = () => Math.round(performance.now() - started);
  try {
    const res = await outboundFetch()(url, {
      method: "POST",
      headers: { "content-type": "application/json", "user-agent": "srecp-notify/1", ...headers },
      body: rawBody,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = truncate(await res.text().catch(() => ""), 200);
    const outcome = outcomeOfStatus(res.status);
    const wait = outcome === "retry" ? retryAfterSeconds(res.headers.get("retry-after"), Date.now()) : undefined;
    return {
      outcome,
      statusCode: res.status,
      detail: `HTTP ${res.status}${text ? `: ${text}` : ""}`,
      latencyMs: latency(),
      ...(wait !== undefined ? { retryAfterSeconds: wait } : {}),
    };
  } catch (err) {
    // Not the address it resolved to: the detail is shown with the page, and internal addresses are not its readers' business.
    if (err instanceof OutboundBlockedError)
      return {
        outcome: "failed",
        detail: "refused by the outbound address policy (the target resolves to an address this server may not call)",
        latencyMs: latency(),
      };
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    // AbortSignal.timeout fired: surfaces as TimeoutError/AbortError, or (guarded fetch) as the cause of "fetch failed"
    const names = [(err as Error).name, cause?.code, (cause as { name?: string } | undefined)?.name];
    const timedOut = names.some((n) => n === "TimeoutError" || n === "AbortError" || n === "ABORT_ERR");
    const why = timedOut
      ? `no answer within ${timeoutMs} ms`
      : (cause?.code ?? cause?.message ?? (err as Error).message);
    return { outcome: "retry", detail: truncate(`request failed: ${why}`), latencyMs: latency() };
  }
}
