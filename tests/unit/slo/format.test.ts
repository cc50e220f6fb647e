import { describe, expect, it } from "vitest";
import {
  definitionChanges,
  formatAge,
  formatBurnRate,
  formatCount,
  formatDurationHuman,
  formatExhaustion,
  formatObjective,
  formatPercent,
  formatSli,
  formatSliKind,
  formatWindow,
  cumulativeSliSeries,
  percentTextToObjective,
} from "@/lib/slo/format";

describe("percentages", () => {
  it("formats ratios with fixed decimals and a dash for missing values", () => {
    expect(formatPercent(0.99972)).toBe("99.97 %");
    expect(formatPercent(-0.5, 1)).toBe("-50.0 %");
    expect(formatPercent(null)).toBe("—");
    expect(formatPercent(Number.NaN)).toBe("—");
  });

  it("never rounds an imperfect SLI up to 100 %", () => {
    expect(formatPercent(0.99999, 2, "floor")).toBe("99.99 %");
    expect(formatSli(0.99999, 0.999)).toBe("99.999 %");
    expect(formatSli(1, 0.999)).toBe("100.000 %");
  });

  it("shows two decimals more than the objective has", () => {
    // search: 7200 bad of 25 920 000 over 30 d → 0.99972222…
    expect(formatSli(1 - 7200 / 25_920_000, 0.999)).toBe("99.972 %");
    expect(formatSli(0.99951234, 0.9995)).toBe("99.9512 %");
    expect(formatSli(0.991, 0.99)).toBe("99.10 %");
  });

  it("round-trips objectives without float residue", () => {
    expect(formatObjective(0.999)).toBe("99.9 %");
    expect(formatObjective(0.9995)).toBe("99.95 %");
    expect(formatObjective(0.99)).toBe("99 %");
    expect(percentTextToObjective("99.9")).toBe(0.999);
    expect(percentTextToObjective("99.95 %")).toBe(0.9995);
    expect(percentTextToObjective("99.99")).toBe(0.9999);
    expect(percentTextToObjective("abc")).toBeNull();
    expect(percentTextToObjective("")).toBeNull();
  });
});

describe("durations (Workbook: budget as downtime over 30 days)", () => {
  it.each([
    [2592, "43 min 12 s"], // 99.9 %
    [25.92, "26 s"], // 99.999 %
    [25_920, "7 h 12 min"], // 99 %
    [1296, "21 min 36 s"], // 99.95 %
    [2_592_000, "30 d"],
    [180_000, "2 d 2 h"],
    [0, "0 s"],
    [0.2, "< 1 s"],
  ])("%d s → %s", (seconds, text) => {
    expect(formatDurationHuman(seconds)).toBe(text);
  });
  it("rejects negative and missing values", () => {
    expect(formatDurationHuman(-1)).toBe("—");
    expect(formatDurationHuman(null)).toBe("—");
  });
});

describe("counts, burn rates, ages", () => {
  it("formats counts compactly", () => {
    expect(formatCount(7200)).toBe("7,200");
    expect(formatCount(25_920_000)).toBe("25.9 M");
    expect(formatCount(864_000)).toBe("864 k");
    expect(formatCount(0.4)).toBe("0.4");
    expect(formatCount(null)).toBe("—");
  });
  it("formats burn rates", () => {
    expect(formatBurnRate(0.5)).toBe("0.50×");
    expect(formatBurnRate(14.4)).toBe("14.4×");
    expect(formatBurnRate(1000)).toBe("1000×");
    expect(formatBurnRate(null)).toBe("—");
  });
  it("says how old a stale value is", () => {
    expect(formatAge(30)).toBe("less than a minute");
    expect(formatAge(60)).toBe("1 minute");
    expect(formatAge(12 * 60 + 5)).toBe("12 minutes");
    expect(formatAge(5 * 3600)).toBe("5 hours");
  });
  it("forecasts exhaustion in words", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(formatExhaustion(null, now, -0.2)).toBe("exhausted");
    expect(formatExhaustion(null, now, 0.5)).toBe("not burning");
    expect(formatExhaustion(null, now, null)).toBe("no data");
    expect(formatExhaustion("2026-01-03T02:00:00Z", now, 0.5)).toBe("in 2 d 2 h");
  });
});

describe("windows and SLI kinds", () => {
  it("describes windows", () => {
    expect(formatWindow({ kind: "rolling", days: 28 })).toBe("rolling 28 d");
    expect(formatWindow({ kind: "calendar", unit: "month", timezone: "Europe/Berlin" })).toBe(
      "calendar month (Europe/Berlin)",
    );
  });
  it("describes SLI kinds", () => {
    expect(formatSliKind({ kind: "ratio", total: "a", bad: "b" })).toBe("ratio");
    expect(formatSliKind({ kind: "latency", metric: "m", matchers: "", thresholdSeconds: 0.3 })).toBe(
      "latency ≤ 300 ms",
    );
    expect(formatSliKind({ kind: "latency", metric: "m", matchers: "", thresholdSeconds: 2.5 })).toBe(
      "latency ≤ 2.5 s",
    );
  });
});

describe("definitionChanges", () => {
  const v1 = {
    sli: { kind: "ratio" as const, total: "t", bad: "b" },
    objective: 0.999,
    window: { kind: "rolling" as const, days: 30 },
  };
  it("lists only the fields that changed", () => {
    expect(definitionChanges(v1, { ...v1, objective: 0.9995 })).toEqual([
      { field: "objective", before: "99.9 %", after: "99.95 %" },
    ]);
    expect(definitionChanges(v1, { ...v1, sli: { kind: "ratio", total: "t", good: "g" } })).toEqual([
      { field: "bad events", before: "b", after: "" },
      { field: "good events", before: "", after: "g" },
    ]);
    expect(definitionChanges(v1, v1)).toEqual([]);
  });
  it("names a change to time slices: the kind, the slice length and the slice threshold", () => {
    const slices = {
      ...v1,
      sli: { kind: "timeslice" as const, sliceMinutes: 5 as const, threshold: 0.99, of: v1.sli },
    };
    expect(definitionChanges(v1, slices)).toEqual([
      { field: "SLI kind", before: "ratio", after: "timeslice (ratio)" },
      { field: "time slice", before: "", after: "5 min" },
      { field: "slice threshold", before: "", after: "99 %" },
    ]);
    expect(formatSliKind(slices.sli)).toBe("5-min slices: ratio ≥ 99 %");
  });
  it("lists every field of a first version", () => {
    expect(definitionChanges(null, v1).map((c) => c.field)).toEqual([
      "SLI kind",
      "total events",
      "bad events",
      "objective",
      "window",
    ]);
  });
});

describe("cumulativeSliSeries", () => {
  it("inverts the burndown's remaining budget into the window-to-date SLI", () => {
    // 99.9 %: half the budget left ⇒ 0.05 % errors so far ⇒ SLI 99.95 %; overspent ×10 ⇒ 99 %.
    const out = cumulativeSliSeries(
      [
        { t: 1, remaining: 0.5 },
        { t: 2, remaining: -9 },
        { t: 3, remaining: null },
        { t: 4, remaining: 1 },
      ],
      0.999,
    );
    expect(out).toEqual([
      { t: 1, v: 0.9995 },
      { t: 2, v: 0.99 },
      { t: 3, v: null },
      { t: 4, v: 1 },
    ]);
  });
});
