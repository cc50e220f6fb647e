import { describe, expect, it } from "vitest";
import { incidentImpact, peakErrorRatio, type IncidentImpactInput } from "@/lib/postmortem";

const THIRTY_DAYS_S = 30 * 86_400;
const t0 = Date.parse("2026-11-27T14:00:00Z");

// The source document's example: ~3,200 failed requests, peak 12 %.
const base: IncidentImpactInput = {
  objective: 0.999,
  windowSeconds: THIRTY_DAYS_S,
  incidentCounts: { good: 96_800, total: 100_000 },
  windowTotalEvents: 100_000_000,
};

describe("incidentImpact", () => {
  it("counts failed requests and consumes a share of the whole window's budget", () => {
    const result = incidentImpact(base);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toMatchObject({
      failedRequests: 3200,
      totalRequests: 100_000,
      status: "ok",
      denominator: "window_total",
      windowTotalEvents: 100_000_000,
      peakErrorRatio: null,
      peakAtMs: null,
      peakBurnRate: null,
    });
    expect(result.value.errorRatio).toBeCloseTo(0.032, 12);
    expect(result.value.budgetEvents).toBeCloseTo(100_000, 6);
    expect(result.value.budgetConsumedFraction).toBeCloseTo(0.032, 12);
    // 3,200 of 100M events over 30 days = 82.944 s of complete outage.
    expect(result.value.equivalentFullOutageSeconds).toBeCloseTo(82.944, 9);
  });

  it("can exceed the whole budget", () => {
    const result = incidentImpact({ ...base, incidentCounts: { good: 0, total: 250_000 } });
    expect(result.ok && result.value.budgetConsumedFraction).toBeCloseTo(2.5, 9);
  });

  it("uses the forecast window total only when no measured total is given", () => {
    const forecast = incidentImpact({ ...base, windowTotalEvents: undefined, expectedWindowTotal: 50_000_000 });
    expect(forecast.ok && forecast.value.denominator).toBe("expected_window_total");
    expect(forecast.ok && forecast.value.budgetConsumedFraction).toBeCloseTo(0.064, 12);
    const both = incidentImpact({ ...base, expectedWindowTotal: 50_000_000 });
    expect(both.ok && both.value.denominator).toBe("window_total");
  });

  it("reports no traffic as an undefined error ratio and zero budget consumed", () => {
    expect(incidentImpact({ ...base, incidentCounts: { good: 0, total: 0 } })).toMatchObject({
      ok: true,
      value: {
        status: "no_traffic",
        errorRatio: null,
        failedRequests: 0,
        budgetConsumedFraction: 0,
        equivalentFullOutageSeconds: 0,
      },
    });
  });

  it("finds the peak error ratio and burn rate in a series (earliest step wins a tie)", () => {
    const series = [
      { atMs: t0, good: 950, total: 1000 },
      { atMs: t0 + 60_000, good: 0, total: 0 },
      { atMs: t0 + 120_000, good: 880, total: 1000 },
      { atMs: t0 + 180_000, good: 440, total: 500 },
    ];
    const result = incidentImpact({ ...base, series });
    expect(result).toMatchObject({ ok: true, value: { peakAtMs: t0 + 120_000 } });
    if (!result.ok) return;
    expect(result.value.peakErrorRatio).toBeCloseTo(0.12, 12);
    expect(result.value.peakBurnRate).toBeCloseTo(120, 6);
    expect(peakErrorRatio([{ atMs: t0, good: 0, total: 0 }])).toBeNull();
  });

  it.each([
    ["objective of 1 (no budget)", { objective: 1 }, "invalid_objective"],
    ["objective given as a percentage", { objective: 99.9 }, "invalid_objective"],
    ["a zero-length window", { windowSeconds: 0 }, "invalid_window"],
    ["good above total", { incidentCounts: { good: 11, total: 10 } }, "invalid_counts"],
    ["negative counts", { incidentCounts: { good: -1, total: 10 } }, "invalid_counts"],
    ["an invalid series point", { series: [{ atMs: t0, good: 5, total: 1 }] }, "invalid_counts"],
    ["no window total at all", { windowTotalEvents: undefined }, "missing_window_total"],
    ["a window smaller than the incident", { windowTotalEvents: 99_999 }, "window_total_too_small"],
    [
      "failures against an empty forecast",
      { windowTotalEvents: undefined, expectedWindowTotal: 0 },
      "window_total_too_small",
    ],
  ] as const)("refuses %s", (_name, overrides, code) => {
    expect(incidentImpact({ ...base, ...overrides })).toMatchObject({ ok: false, error: code });
  });
});
