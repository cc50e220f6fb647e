import { describe, expect, it } from "vitest";
import { burndownSeries, pickStep } from "@/lib/slo";

const HOUR_MS = 3_600_000;
const start = Date.UTC(2027, 2, 1);
const end = start + 4 * HOUR_MS;

describe("burndownSeries", () => {
  const points = [
    { t: start + HOUR_MS, good: 10_000, total: 10_000 }, // clean hour
    { t: start + 2 * HOUR_MS, good: 9_990, total: 10_000 }, // 10 bad
    { t: start + 3 * HOUR_MS, good: 9_970, total: 10_000 }, // 30 bad
  ];

  it("cumulates bad and total from the window start: remaining = 1 − cumBad / (budget × cumTotal)", () => {
    expect(burndownSeries({ points, objective: 0.999, windowStartMs: start, windowEndMs: end })).toEqual([
      { t: start + HOUR_MS, remaining: 1, ideal: 0.75 },
      { t: start + 2 * HOUR_MS, remaining: 0.5, ideal: 0.5 }, // 10 bad of 20 allowed
      { t: start + 3 * HOUR_MS, remaining: -0.333333333333, ideal: 0.25 }, // 40 bad of 30 allowed
    ]);
  });

  it("with totalExpected the denominator is the whole window's budget, so it only goes down", () => {
    const series = burndownSeries({
      points,
      objective: 0.999,
      windowStartMs: start,
      windowEndMs: end,
      totalExpected: 40_000,
    });
    expect(series.map((p) => p.remaining)).toEqual([1, 0.75, 0]);
  });

  it("ignores steps outside the window, sorts by time, and is null until there is traffic", () => {
    const series = burndownSeries({
      points: [
        { t: start + 2 * HOUR_MS, good: 90, total: 100 },
        { t: start, good: 0, total: 1_000_000 }, // ends at the window start: belongs to the previous window
        { t: start + HOUR_MS, good: 0, total: 0 },
        { t: end + HOUR_MS, good: 0, total: 100 },
      ],
      objective: 0.9,
      windowStartMs: start,
      windowEndMs: end,
    });
    expect(series).toEqual([
      { t: start + HOUR_MS, remaining: null, ideal: 0.75 },
      { t: start + 2 * HOUR_MS, remaining: 0, ideal: 0.5 },
    ]);
  });

  it("treats non-finite steps as zero and never emits NaN", () => {
    const series = burndownSeries({
      points: [
        { t: start + HOUR_MS, good: Number.NaN, total: Number.NaN },
        { t: start + 2 * HOUR_MS, good: 100, total: 100 },
      ],
      objective: 0.99,
      windowStartMs: start,
      windowEndMs: end,
    });
    expect(JSON.stringify(series)).not.toMatch(/NaN|Infinity/);
    expect(series.map((p) => p.remaining)).toEqual([null, 1]);
  });

  it("rejects an empty window", () => {
    expect(() => burndownSeries({ points, objective: 0.999, windowStartMs: end, windowEndMs: start })).toThrow(
      /after its start/,
    );
  });
});

describe("pickStep", () => {
  it.each([
    [3600, 1000, 60],
    [86_400, 1000, 300],
    [7 * 86_400, 1000, 900],
    [28 * 86_400, 1000, 3600],
    [30 * 86_400, 1000, 3600],
    [365 * 86_400, 1000, 43_200],
    [30 * 86_400, 11_000, 300],
    [60, 1000, 60],
  ])("%d s at ≤ %d points → %d s", (windowSeconds, maxPoints, step) => {
    expect(pickStep(windowSeconds, maxPoints)).toBe(step);
  });

  it("defaults to ≤ 1000 points and stays under the limit for long windows", () => {
    expect(pickStep(30 * 86_400)).toBe(3600);
    const step = pickStep(100 * 365 * 86_400);
    expect((100 * 365 * 86_400) / step + 1).toBeLessThanOrEqual(1000);
  });

  it.each([
    [0, 1000],
    [3600, 1],
    [3600, 20_000],
  ])("rejects window %d / maxPoints %d", (windowSeconds, maxPoints) => {
    expect(() => pickStep(windowSeconds, maxPoints)).toThrow();
  });
});
