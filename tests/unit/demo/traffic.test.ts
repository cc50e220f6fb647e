import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DEMO_HISTORY_SECONDS,
  DEMO_SERVICE_SLUGS,
  DEMO_TRAFFIC,
  DIURNAL_AMPLITUDE,
  budgetRemaining,
  burnRate,
  failedBetween,
  requestRateAt,
  requestsBetween,
} from "@/lib/demo/traffic";

// The demo's closed-form model (issue 14): diurnal rates, incidents at the offsets demo-extended.ts
// gives them, one service with its budget spent and burning fast (page tier), one slow burn (ticket
// tier), one healthy service; the ongoing phases continue after the end (the live exporter).
const end = 1_796_220_000; // hour-aligned epoch seconds
const HOUR = 3_600;
const DAY = 86_400;

/** Midpoint-rule integral of the rate: checks the closed form against its derivative. */
const numeric = (s: (typeof DEMO_SERVICE_SLUGS)[number], a: number, b: number, steps = 20_000) => {
  const h = (b - a) / steps;
  let sum = 0;
  for (let i = 0; i < steps; i++) sum += requestRateAt(s, a + (i + 0.5) * h) * h;
  return sum;
};

describe("demo traffic model", () => {
  it("has diurnal rates whose closed-form integral matches the rate, a day averaging the mean", () => {
    for (const s of DEMO_SERVICE_SLUGS) {
      const mean = DEMO_TRAFFIC[s].requestsPerSecond;
      expect(requestsBetween(s, end, end - 2 * DAY, end - DAY).total).toBeCloseTo(mean * DAY, 6);
      expect(requestsBetween(s, end, end - 5 * HOUR, end - 2 * HOUR).total).toBeCloseTo(
        numeric(s, end - 5 * HOUR, end - 2 * HOUR),
        3,
      );
      // busiest at 15:00 UTC, quietest at 03:00 UTC
      const day = Math.floor(end / DAY) * DAY;
      expect(requestRateAt(s, day + 15 * HOUR)).toBeCloseTo(mean * (1 + DIURNAL_AMPLITUDE), 9);
      expect(requestRateAt(s, day + 3 * HOUR)).toBeCloseTo(mean * (1 - DIURNAL_AMPLITUDE), 9);
    }
  });

  it("puts the checkout incident's 2 % errors where the demo incident is", () => {
    const from = end - 6 * DAY - 2 * HOUR;
    const to = end - 6 * DAY - 20 * 60; // mitigated 20 min before resolved
    const r = requestsBetween("checkout", end, from, to);
    expect(r.bad / r.total).toBeCloseTo(0.02, 12);
    expect(failedBetween("checkout", end, from, to)).toBe(r.bad);
    // The hour before it is at the 0.01 % base ratio.
    const before = requestsBetween("checkout", end, from - HOUR, from);
    expect(before.bad / before.total).toBeCloseTo(0.0001, 12);
  });

  it("has payments' budget spent and burning fast now (page tier) and search burning slowly (ticket tier only)", () => {
    expect(burnRate("payments", 0.999, end, HOUR)).toBeCloseTo(50, 9);
    expect(burnRate("payments", 0.999, end, 5 * 60)).toBeGreaterThan(14.4);
    expect(budgetRemaining("payments", 0.999, end)).toBeLessThan(0);
    const searchFast = burnRate("search", 0.995, end, HOUR);
    expect(searchFast).toBeCloseTo(1.5, 9);
    expect(burnRate("search", 0.995, end, 6 * HOUR)).toBeLessThan(6); // no page: below both page thresholds
    expect(burnRate("search", 0.995, end, 3 * DAY)).toBeGreaterThan(1); // ticket: > 1 over 3 d
    expect(budgetRemaining("search", 0.995, end)).toBeGreaterThan(0); // spending, not spent
    expect(burnRate("checkout", 0.999, end, DAY)).toBeLessThan(1);
    expect(budgetRemaining("checkout", 0.999, end)).toBeGreaterThan(0.5);
  });

  it("continues the ongoing phases after the end: payments still burns at 50 a day later", () => {
    expect(burnRate("payments", 0.999, end, HOUR, end + DAY)).toBeCloseTo(50, 9);
    expect(burnRate("search", 0.995, end, HOUR, end + DAY)).toBeCloseTo(1.5, 9);
    expect(burnRate("checkout", 0.999, end, HOUR, end + DAY)).toBeCloseTo(0.1, 9);
    expect(requestsBetween("recommendations", end, end, end + DAY).total).toBeCloseTo(2 * DAY, 6);
  });

  it("counts nothing before the history, is the same for the same end, and adds up over any split", () => {
    for (const s of DEMO_SERVICE_SLUGS) {
      expect(requestsBetween(s, end, end - DEMO_HISTORY_SECONDS - DAY, end - DEMO_HISTORY_SECONDS).total).toBe(0);
      expect(requestsBetween(s, end, end - 30 * DAY, end)).toEqual(requestsBetween(s, end, end - 30 * DAY, end));
    }
    // Counters are integrals of the rate: [a, c] = [a, b] + [b, c] for any cut, across phase edges and the end.
    const t = fc.integer({ min: end - DEMO_HISTORY_SECONDS, max: end + 2 * DAY });
    fc.assert(
      fc.property(fc.constantFrom(...DEMO_SERVICE_SLUGS), t, t, t, (s, x, y, z) => {
        const [a, b, c] = [x, y, z].sort((p, q) => p - q) as [number, number, number];
        const whole = requestsBetween(s, end, a, c);
        const left = requestsBetween(s, end, a, b);
        const right = requestsBetween(s, end, b, c);
        expect(left.total + right.total).toBeCloseTo(whole.total, 5);
        expect(left.bad + right.bad).toBeCloseTo(whole.bad, 5);
        expect(whole.bad).toBeGreaterThanOrEqual(0);
        expect(whole.good).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});

describe("srecp demo --explain", () => {
  it("prints the model's figures: the checkout incident's failed count, payments' fast burn and spent budget", async () => {
    const { explainDemo } = await import("@/lib/demo/explain");
    const text = explainDemo(end).join("\n");
    const r = requestsBetween("checkout", end, end - 6 * DAY - 2 * HOUR, end - 6 * DAY - 20 * 60);
    const fmt = (n: number) => n.toLocaleString("en-US", { maximumFractionDigits: 2 });
    expect(text).toContain(`incident: Checkout 5xx after a bad deploy; ${fmt(r.bad)} failed of ${fmt(r.total)} (2 %)`);
    expect(text).toMatch(/payments: .*\n {2}30 d: .* → -\d+(\.\d+)? % left\n {2}burn rate 1 h 50, /);
    expect(text).toContain("busiest at 15:00 UTC");
    expect(explainDemo(end)).toEqual(explainDemo(end));
  });
});
