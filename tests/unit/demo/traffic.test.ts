import { describe, expect, it } from "vitest";
import { DEMO_HISTORY_SECONDS, DEMO_SERVICE_SLUGS, burnRate, failedBetween, requestsBetween } from "@/lib/demo/traffic";

// The demo's closed-form model (issue 14): incidents at the offsets demo-extended.ts gives them,
// one fast burn (page tier), one slow burn (ticket tier), one healthy service.
const end = 1_796_220_000; // hour-aligned epoch seconds
const HOUR = 3_600;
const DAY = 86_400;

describe("demo traffic model", () => {
  it("puts the checkout incident's 2 880 failed of 144 000 requests where the demo incident is", () => {
    const from = end - 6 * DAY - 2 * HOUR;
    const to = end - 6 * DAY;
    const r = requestsBetween("checkout", end, from, to);
    expect(r.total).toBe(144_000);
    expect(r.bad).toBeCloseTo(2_880, 9);
    expect(failedBetween("checkout", end, from, to)).toBe(r.bad);
    // The hour before it is at the 0.01 % base ratio.
    expect(failedBetween("checkout", end, from - HOUR, from)).toBeCloseTo(7.2, 9);
  });

  it("has payments burning fast now (page tier) and search burning slowly (ticket tier only)", () => {
    expect(burnRate("payments", 0.999, end, HOUR)).toBeCloseTo(50, 9);
    expect(burnRate("payments", 0.999, end, 5 * 60)).toBeGreaterThan(14.4);
    const searchFast = burnRate("search", 0.995, end, HOUR);
    expect(searchFast).toBeCloseTo(1.5, 9);
    expect(searchFast).toBeLessThan(6); // no page: below both page thresholds (14.4 over 1 h, 6 over 6 h)
    expect(burnRate("search", 0.995, end, 3 * DAY)).toBeGreaterThan(1); // ticket: > 1 over 3 d
    expect(burnRate("checkout", 0.999, end, DAY)).toBeLessThan(1);
  });

  it("counts nothing outside the history and is the same for the same end", () => {
    for (const s of DEMO_SERVICE_SLUGS) {
      expect(requestsBetween(s, end, end - DEMO_HISTORY_SECONDS - DAY, end - DEMO_HISTORY_SECONDS).total).toBe(0);
      expect(requestsBetween(s, end, end, end + DAY).total).toBe(0);
      expect(requestsBetween(s, end, end - 30 * DAY, end)).toEqual(requestsBetween(s, end, end - 30 * DAY, end));
    }
    // Splitting an interval adds up (counters are integrals of the rate).
    const whole = requestsBetween("search", end, end - 20 * DAY, end);
    const a = requestsBetween("search", end, end - 20 * DAY, end - 12 * DAY - HOUR);
    const b = requestsBetween("search", end, end - 12 * DAY - HOUR, end);
    expect(a.bad + b.bad).toBeCloseTo(whole.bad, 6);
    expect(a.total + b.total).toBe(whole.total);
  });
});

describe("srecp demo --explain", () => {
  it("prints the model's figures: the checkout incident's failed count, payments' fast burn", async () => {
    const { explainDemo } = await import("@/lib/demo/explain");
    const text = explainDemo(end).join("\n");
    expect(text).toContain("incident: Checkout 5xx after a bad deploy; 2,880 failed of 144,000 (2 %)");
    expect(text).toMatch(/payments: .*\n {2}30 d: .*\n {2}burn rate 1 h 50, /);
    expect(explainDemo(end)).toEqual(explainDemo(end));
  });
});
