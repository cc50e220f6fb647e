import { describe, expect, it } from "vitest";
import { BURN_WINDOWS, burnRateAlerts, evaluateAlerts, type BurnWindow } from "@/lib/slo";

const DAY = 86_400;

describe("burnRateAlerts", () => {
  it("30 d: the Workbook's tiers with factors 14.4 / 6 / 3 / 1", () => {
    expect(burnRateAlerts(30 * DAY)).toEqual([
      {
        name: "page-fast",
        severity: "page",
        longWindow: "1h",
        shortWindow: "5m",
        budgetShare: 0.02,
        factor: 14.4,
        for: "2m",
      },
      {
        name: "page-slow",
        severity: "page",
        longWindow: "6h",
        shortWindow: "30m",
        budgetShare: 0.05,
        factor: 6,
        for: "15m",
      },
      {
        name: "ticket-fast",
        severity: "ticket",
        longWindow: "1d",
        shortWindow: "2h",
        budgetShare: 0.1,
        factor: 3,
        for: "1h",
      },
      {
        name: "ticket-slow",
        severity: "ticket",
        longWindow: "3d",
        shortWindow: "6h",
        budgetShare: 0.1,
        factor: 1,
        for: "3h",
      },
    ]);
  });

  it.each([
    [30, [14.4, 6, 3, 1]],
    [28, [13.44, 5.6, 2.8, 0.9333333333333333]],
  ])("%d d factors equal %j within 1e-9", (days, factors) => {
    const actual = burnRateAlerts(days * DAY).map((a) => a.factor);
    actual.forEach((factor, i) => expect(Math.abs(factor - (factors[i] ?? Number.NaN))).toBeLessThan(1e-9));
  });

  it("exact decimal factors for 30 d and 28 d (no 14.399999)", () => {
    expect(burnRateAlerts(30 * DAY).map((a) => a.factor)).toEqual([14.4, 6, 3, 1]);
    expect(
      burnRateAlerts(28 * DAY)
        .map((a) => a.factor)
        .slice(0, 3),
    ).toEqual([13.44, 5.6, 2.8]);
  });

  it("short window is long / 12 and only burn windows are used", () => {
    const seconds: Record<string, number> = {
      "5m": 300,
      "30m": 1800,
      "1h": 3600,
      "2h": 7200,
      "6h": 21_600,
      "1d": 86_400,
      "3d": 259_200,
    };
    for (const alert of burnRateAlerts(30 * DAY)) {
      expect(BURN_WINDOWS).toContain(alert.longWindow);
      expect(seconds[alert.shortWindow]! * 12).toBe(seconds[alert.longWindow]);
    }
  });

  it("budget spent when a tier fires = factor × long / window = its budget share", () => {
    for (const alert of burnRateAlerts(30 * DAY)) {
      const long = { "1h": 3600, "6h": 21_600, "1d": 86_400, "3d": 259_200 }[alert.longWindow as "1h"]!;
      expect((alert.factor * long) / (30 * DAY)).toBeCloseTo(alert.budgetShare, 12);
    }
  });

  it("rejects a non-positive window", () => {
    expect(() => burnRateAlerts(0)).toThrow(/window/);
  });
});

describe("evaluateAlerts", () => {
  const alerts = burnRateAlerts(30 * DAY);
  const rates = (values: Partial<Record<BurnWindow, number | null>>) => values;
  const firing = (values: Partial<Record<BurnWindow, number | null>>) =>
    evaluateAlerts(alerts, rates(values))
      .filter((a) => a.firing)
      .map((a) => a.name);

  it.each([
    [
      "all windows at 14.4 (Workbook page)",
      { "5m": 14.4, "30m": 14.4, "1h": 14.4, "2h": 14.4, "6h": 14.4, "1d": 14.4, "3d": 14.4 },
      ["page-fast", "page-slow", "ticket-fast", "ticket-slow"],
    ],
    [
      "10x for an hour after a quiet day",
      { "5m": 10, "30m": 10, "1h": 10, "2h": 5, "6h": 1.67, "1d": 0.42, "3d": 0.14 },
      [],
    ],
    [
      "spike over: long window high, short window recovered",
      { "5m": 0, "30m": 2, "1h": 15, "2h": 8, "6h": 4, "1d": 1.2, "3d": 0.5 },
      [],
    ],
    [
      "fresh spike: short high, long still low",
      { "5m": 100, "30m": 20, "1h": 10, "2h": 5, "6h": 2, "1d": 0.5, "3d": 0.2 },
      [],
    ],
    [
      "sustained 6x",
      { "5m": 6, "30m": 6, "1h": 6, "2h": 6, "6h": 6, "1d": 6, "3d": 6 },
      ["page-slow", "ticket-fast", "ticket-slow"],
    ],
    [
      "sustained 3x",
      { "5m": 3, "30m": 3, "1h": 3, "2h": 3, "6h": 3, "1d": 3, "3d": 3 },
      ["ticket-fast", "ticket-slow"],
    ],
    [
      "sustained 2.9x",
      { "5m": 2.9, "30m": 2.9, "1h": 2.9, "2h": 2.9, "6h": 2.9, "1d": 2.9, "3d": 2.9 },
      ["ticket-slow"],
    ],
    [
      "sustained 1x (exactly the budget)",
      { "5m": 1, "30m": 1, "1h": 1, "2h": 1, "6h": 1, "1d": 1, "3d": 1 },
      ["ticket-slow"],
    ],
    ["sustained 0.9x", { "5m": 0.9, "30m": 0.9, "1h": 0.9, "2h": 0.9, "6h": 0.9, "1d": 0.9, "3d": 0.9 }, []],
    ["no data anywhere", { "5m": null, "30m": null, "1h": null, "2h": null, "6h": null, "1d": null, "3d": null }, []],
    ["short window without data", { "5m": null, "1h": 50 }, []],
  ])("%s → %j", (_label, values, expected) => {
    expect(firing(values)).toEqual(expected);
  });

  it("reports the burn rates it compared", () => {
    const [fast] = evaluateAlerts(alerts, { "5m": 20, "1h": 15 });
    expect(fast).toMatchObject({ name: "page-fast", longBurnRate: 15, shortBurnRate: 20, firing: true });
  });
});
