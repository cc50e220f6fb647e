import { describe, expect, it } from "vitest";
import { burnRate, computeBudget, errorBudgetRatio, exhaustsAt, SloDefinitionError } from "@/lib/slo";

const DAY = 86_400;

describe("errorBudgetRatio", () => {
  it.each([
    [0.999, 0.001],
    [0.99, 0.01],
    [0.9995, 0.0005],
    [0.99999, 0.00001],
    [0.9, 0.1],
  ])("objective %d has budget exactly %d (no float residue)", (objective, budget) => {
    expect(errorBudgetRatio(objective)).toBe(budget);
  });

  it.each([0, 1, 1.5, -0.1, Number.NaN])("rejects objective %d with field 'objective'", (objective) => {
    expect(() => errorBudgetRatio(objective)).toThrow(SloDefinitionError);
    try {
      errorBudgetRatio(objective);
    } catch (error) {
      expect((error as SloDefinitionError).field).toBe("objective");
    }
  });
});

describe("computeBudget", () => {
  it("gives 2592 s (43.2 min) of downtime for 99.9 % over 30 days", () => {
    const result = computeBudget({ objective: 0.999, counts: { good: 1, total: 1 }, windowSeconds: 30 * DAY });
    expect(result.downtimeEquivalentSeconds).toBe(2592);
    expect(result.downtimeEquivalentSeconds / 60).toBeCloseTo(43.2, 10);
  });

  it.each([
    [0.99, 7.2 * 3600],
    [0.995, 3.6 * 3600],
    [0.9995, 21.6 * 60],
    [0.9999, 4.32 * 60],
    [0.99999, 25.92],
  ])("downtime equivalent for %d over 30 d is %d s (Workbook table)", (objective, seconds) => {
    expect(
      computeBudget({ objective, counts: { good: 0, total: 0 }, windowSeconds: 30 * DAY }).downtimeEquivalentSeconds,
    ).toBeCloseTo(seconds, 9);
  });

  it("derives SLI, error ratio, allowed and consumed budget from counts (traffic-weighted)", () => {
    const result = computeBudget({
      objective: 0.999,
      counts: { good: 999_500, total: 1_000_000 },
      windowSeconds: 30 * DAY,
    });
    expect(result).toEqual({
      sli: 0.9995,
      errorRatio: 0.0005,
      budget: 0.001,
      consumed: 0.5,
      remaining: 0.5,
      allowedBadEvents: 1000,
      badEvents: 500,
      downtimeEquivalentSeconds: 2592,
    });
  });

  it.each([
    // Pyrra's examples: 99 % with 1,000,000 requests.
    [5_000, 0.5, 0.5],
    [10_000, 1, 0],
    [20_000, 2, -1],
  ])(
    "99 %% with 1e6 requests and %d errors consumed %d, remaining %d (below zero when overspent)",
    (bad, consumed, remaining) => {
      const result = computeBudget({
        objective: 0.99,
        counts: { good: 1_000_000 - bad, total: 1_000_000 },
        windowSeconds: 28 * DAY,
      });
      expect(result.consumed).toBe(consumed);
      expect(result.remaining).toBe(remaining);
      expect(result.allowedBadEvents).toBe(10_000);
    },
  );

  it("a low-traffic service: one failure in 7200 requests is 13.9 % of a 99.9 % budget", () => {
    const result = computeBudget({ objective: 0.999, counts: { good: 7199, total: 7200 }, windowSeconds: 30 * DAY });
    expect(result.allowedBadEvents).toBeCloseTo(7.2, 12);
    expect(result.consumed).toBeCloseTo(0.1389, 4);
  });

  it.each([
    ["zero traffic", { good: 0, total: 0 }],
    ["NaN counts", { good: Number.NaN, total: Number.NaN }],
    ["infinite total", { good: 1, total: Number.POSITIVE_INFINITY }],
  ])("%s gives nulls and JSON without NaN/Infinity", (_label, counts) => {
    const result = computeBudget({ objective: 0.999, counts, windowSeconds: 30 * DAY });
    expect(result).toMatchObject({
      sli: null,
      errorRatio: null,
      consumed: null,
      remaining: null,
      allowedBadEvents: null,
      badEvents: 0,
      budget: 0.001,
    });
    const json = JSON.stringify(result);
    expect(json).not.toMatch(/NaN|Infinity/);
    expect(JSON.parse(json)).toEqual(result);
  });

  it("clamps good above total (extrapolated counts) to zero bad events", () => {
    const result = computeBudget({ objective: 0.999, counts: { good: 1000.4, total: 1000 }, windowSeconds: DAY });
    expect(result.badEvents).toBe(0);
    expect(result.sli).toBe(1);
    expect(result.remaining).toBe(1);
  });
});

describe("burnRate", () => {
  it.each([
    [0.0144, 0.999, 14.4],
    [0.006, 0.999, 6],
    [0.001, 0.999, 1],
    [1, 0.999, 1000],
    [0.0005, 0.999, 0.5],
    [0.02, 0.99, 2],
  ])("error ratio %d at objective %d burns at %d", (errorRatio, objective, expected) => {
    expect(burnRate(errorRatio, objective)).toBe(expected);
  });

  it("null (no data) stays null", () => {
    expect(burnRate(null, 0.999)).toBeNull();
  });
});

describe("exhaustsAt", () => {
  const nowMs = Date.UTC(2027, 0, 1);
  const window = 30 * DAY;

  it.each([
    [1, 30 * DAY],
    [2, 15 * DAY],
    [10, 3 * DAY],
    [14.4, 50 * 3600],
    [1000, 43.2 * 60],
    [35, (720 / 35) * 3600],
  ])("a full budget at burn rate %d lasts %d s over 30 d (Workbook)", (rate, seconds) => {
    expect(exhaustsAt({ remaining: 1, burnRate: rate, windowSeconds: window, nowMs })).toBe(
      nowMs + Math.round(seconds * 1000),
    );
  });

  it("half the budget left at burn 2 lasts 7.5 days", () => {
    expect(exhaustsAt({ remaining: 0.5, burnRate: 2, windowSeconds: window, nowMs })).toBe(nowMs + 7.5 * DAY * 1000);
  });

  it.each([
    ["already exhausted", { remaining: 0, burnRate: 3 }, nowMs],
    ["overspent, even without burn", { remaining: -0.4, burnRate: 0 }, nowMs],
    ["not burning", { remaining: 0.7, burnRate: 0 }, null],
    ["no burn data", { remaining: 0.7, burnRate: null }, null],
    ["no budget data", { remaining: null, burnRate: 5 }, null],
  ])("%s", (_label, input, expected) => {
    expect(exhaustsAt({ ...input, windowSeconds: window, nowMs })).toBe(expected);
  });
});
