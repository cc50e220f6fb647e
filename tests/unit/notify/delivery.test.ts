import { describe, expect, it } from "vitest";
import { MAX_ATTEMPTS, retryDelaySeconds, truncate } from "@/lib/notify/backoff";
import { outcomeOfStatus } from "@/lib/notify/channels/http";
import { deliveryLine, maskLabel } from "@/lib/notify/delivery-line";
import { signatureOf, verifySignature } from "@/lib/notify/signature";

const base = {
  kind: "page",
  channel: "email",
  label: "dana@example.com",
  status: "sent",
  attempts: 1,
  dueAtMs: Date.UTC(2026, 0, 1, 12, 3, 0),
  sentAtMs: Date.UTC(2026, 0, 1, 12, 3, 5),
  lastStatusCode: 250,
  lastError: null,
};

describe("retry schedule", () => {
  it("at least 5 attempts over at least 10 minutes, then none", () => {
    const waits = Array.from({ length: MAX_ATTEMPTS }, (_, i) => retryDelaySeconds(i + 1));
    expect(waits).toEqual([40, 80, 160, 320, null]);
    expect(waits.reduce<number>((a, b) => a + (b ?? 0), 0)).toBeGreaterThanOrEqual(600);
  });
  it("HTTP outcomes: 2xx accepted, 404/410 gone, 408/429/5xx retry, other 4xx failed", () => {
    expect([200, 204, 404, 410, 408, 429, 500, 503, 400, 401, 422].map(outcomeOfStatus)).toEqual([
      "accepted",
      "accepted",
      "gone",
      "gone",
      "retry",
      "retry",
      "retry",
      "retry",
      "failed",
      "failed",
      "failed",
    ]);
  });
  it("provider answers are flattened and truncated", () => {
    expect(truncate(`a\n\n${"b".repeat(400)}`)).toHaveLength(300);
    expect(truncate("x\n y")).toBe("x y");
  });
});

describe("delivery lines on the page timeline", () => {
  it("sent, retrying, failed, cancelled", () => {
    expect(deliveryLine(base, 0)).toBe("e-mail to d…@example.com accepted by SMTP 12:03:05");
    const retry = {
      ...base,
      channel: "webhook",
      label: "hooks.example",
      status: "pending",
      attempts: 1,
      lastStatusCode: 503,
      dueAtMs: 140_000,
      sentAtMs: null,
    };
    expect(deliveryLine(retry, 100_000)).toBe("webhook to hooks.example: 503, retry 2 in 40 s");
    expect(deliveryLine({ ...retry, status: "failed", attempts: 5, lastError: "HTTP 503" }, 0)).toBe(
      "webhook to hooks.example failed after 5 attempts: HTTP 503",
    );
    expect(
      deliveryLine(
        {
          ...base,
          status: "cancelled",
          kind: "escalated",
          lastError: "the page was acknowledged before this was sent",
        },
        0,
      ),
    ).toBe("e-mail to d…@example.com (escalated) not sent: the page was acknowledged before this was sent");
    expect(maskLabel("https://hooks.example")).toBe("https://hooks.example");
  });
});

describe("webhook signature", () => {
  const now = 1_780_000_000_000;
  const ts = Math.floor(now / 1000);
  it("verifies, and rejects tampering and replays older than 5 minutes", () => {
    const sig = signatureOf("s3cret", ts, '{"a":1}');
    expect(sig).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(verifySignature("s3cret", { timestamp: String(ts), signature: sig }, '{"a":1}', now)).toEqual({ ok: true });
    expect(verifySignature("s3cret", { timestamp: String(ts), signature: sig }, '{"a":2}', now)).toEqual({
      ok: false,
      why: "mismatch",
    });
    expect(verifySignature("other", { timestamp: String(ts), signature: sig }, '{"a":1}', now)).toEqual({
      ok: false,
      why: "mismatch",
    });
    expect(verifySignature("s3cret", { timestamp: String(ts), signature: sig }, '{"a":1}', now + 301_000)).toEqual({
      ok: false,
      why: "stale",
    });
    expect(verifySignature("s3cret", { timestamp: null, signature: sig }, '{"a":1}', now)).toEqual({
      ok: false,
      why: "missing",
    });
  });
});
