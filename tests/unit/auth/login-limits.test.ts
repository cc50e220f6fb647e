import { describe, expect, it } from "vitest";
import { clientAddress, LOGIN_WINDOW_MS, lockoutMessage, stricter, throttleDecision } from "@/lib/auth/login-limits";

const now = new Date("2026-12-02T10:00:00Z");
const ago = (s: number) => new Date(now.getTime() - s * 1000);

describe("throttleDecision", () => {
  it("allows attempts below the limit", () => {
    expect(throttleDecision([ago(60), ago(30)], 3, now)).toEqual({ locked: false });
  });

  it("locks at the limit until the oldest counted failure leaves the window", () => {
    // 3 failures, limit 3: the one 600 s ago leaves the 900 s window in 300 s.
    expect(throttleDecision([ago(600), ago(300), ago(10)], 3, now)).toEqual({ locked: true, retryAfterSeconds: 300 });
  });

  it("with more failures than the limit, waits until enough of them expired", () => {
    // 4 failures, limit 2: allowed again at 1 counted failure, so three must expire; the third
    // oldest (ago 100) leaves the window in 800 s.
    expect(throttleDecision([ago(800), ago(500), ago(100), ago(5)], 2, now)).toEqual({
      locked: true,
      retryAfterSeconds: 800,
    });
  });

  it("ignores failures outside the window and never answers less than 1 s", () => {
    expect(throttleDecision([ago(LOGIN_WINDOW_MS / 1000 + 1), ago(10)], 2, now)).toEqual({ locked: false });
    const edge = new Date(now.getTime() - LOGIN_WINDOW_MS + 200);
    expect(throttleDecision([edge], 1, now)).toEqual({ locked: true, retryAfterSeconds: 1 });
  });

  it("stricter picks the locked decision with the longer wait", () => {
    const free = { locked: false } as const;
    expect(stricter(free, free)).toEqual(free);
    expect(stricter(free, { locked: true, retryAfterSeconds: 5 })).toEqual({ locked: true, retryAfterSeconds: 5 });
    expect(stricter({ locked: true, retryAfterSeconds: 9 }, { locked: true, retryAfterSeconds: 5 })).toEqual({
      locked: true,
      retryAfterSeconds: 9,
    });
  });

  it("says when to try again", () => {
    expect(lockoutMessage(42)).toBe("Too many failed sign-ins; try again in 42 s");
  });
});

describe("clientAddress", () => {
  it("takes the hop the nearest proxy appended, not what the client claimed first", () => {
    expect(clientAddress("6.6.6.6, 203.0.113.7")).toBe("203.0.113.7");
    expect(clientAddress("198.51.100.2")).toBe("198.51.100.2");
  });

  it("falls back to a fixed key and bounds the length", () => {
    expect(clientAddress(undefined)).toBe("unknown");
    expect(clientAddress(" , ")).toBe("unknown");
    expect(clientAddress("x".repeat(500))).toHaveLength(64);
  });
});
