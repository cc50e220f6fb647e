import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  allowedBadSlices,
  generateRuleGroups,
  rulesToYaml,
  sliceBudget,
  sliceBudgetText,
  sliIncreaseQueries,
  sliSelectors,
  slicesBetween,
  SloDefinitionError,
  tallySlices,
  type TimesliceSli,
} from "@/lib/slo";

const MIN = 60_000;
const ratioSlices: TimesliceSli = {
  kind: "timeslice",
  sliceMinutes: 1,
  threshold: 0.99,
  of: { kind: "ratio", total: 'http_requests_total{job="api"}', bad: 'http_requests_total{job="api",code=~"5.."}' },
};

const fieldOf = (fn: () => unknown): string | null => {
  try {
    fn();
    return null;
  } catch (err) {
    if (err instanceof SloDefinitionError) return err.field;
    throw err;
  }
};

describe("slicesBetween", () => {
  it("counts 43 200 one-minute and 8 640 five-minute slices in 30 aligned days", () => {
    const end = Date.UTC(2026, 10, 30);
    expect(slicesBetween(end - 30 * 86_400_000, end, 1)).toBe(43_200);
    expect(slicesBetween(end - 30 * 86_400_000, end, 5)).toBe(8_640);
  });

  it("counts slice ends in (start, end]: an hour from an unaligned instant still holds 60 minutes", () => {
    const start = Date.UTC(2026, 0, 1, 10, 0, 30);
    expect(slicesBetween(start, start + 60 * MIN, 1)).toBe(60);
    expect(slicesBetween(start, start + 30_000, 1)).toBe(1); // 10:01:00 is in (10:00:30, 10:01:00]
    expect(slicesBetween(start, start + 29_999, 1)).toBe(0);
  });

  it("adds up over adjacent ranges (each slice counted once)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc.integer({ min: 0, max: 1e8 }),
        fc.integer({ min: 0, max: 1e8 }),
        fc.constantFrom(1, 5),
        (a, d1, d2, m) => {
          expect(slicesBetween(a, a + d1, m) + slicesBetween(a + d1, a + d1 + d2, m)).toBe(
            slicesBetween(a, a + d1 + d2, m),
          );
        },
      ),
    );
  });

  it("refuses a slice length other than 1 or 5 minutes", () => {
    expect(fieldOf(() => slicesBetween(0, MIN, 2))).toBe("sli.sliceMinutes");
  });
});

describe("tallySlices", () => {
  it("judges by hand: 990/1000 good at 0.99, 989/1000 bad, a quiet minute and a gap unmeasured", () => {
    const t = tallySlices(
      [{ good: 990, total: 1000 }, { good: 989, total: 1000 }, { good: 0, total: 0 }, null, { good: 5, total: 5 }],
      0.99,
    );
    expect(t).toEqual({ good: 2, bad: 1, measured: 3, unmeasured: 2 });
  });

  it("good + bad = measured and measured + unmeasured = all slices, for any slices and threshold", () => {
    const slice = fc.option(
      fc
        .record({ good: fc.nat(1000), total: fc.nat(1000) })
        .map((s) => ({ good: Math.min(s.good, s.total), total: s.total })),
    );
    fc.assert(
      fc.property(
        fc.array(slice, { maxLength: 300 }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        (slices, threshold) => {
          const t = tallySlices(slices, threshold);
          expect(t.good + t.bad).toBe(t.measured);
          expect(t.measured + t.unmeasured).toBe(slices.length);
        },
      ),
    );
  });
});

describe("sliceBudget", () => {
  it("99.9 % over 30 d of one-minute slices allows 43 bad minutes: 12 bad is '12 bad minutes of 43 allowed'", () => {
    const b = sliceBudget({ objective: 0.999, tally: { good: 43_188, measured: 43_200 }, windowSeconds: 30 * 86_400 });
    expect(b.badEvents).toBe(12);
    expect(b.allowedBadEvents).toBe(43.2);
    expect(b.consumed).toBeCloseTo(12 / 43.2, 10);
    expect(sliceBudgetText(b, 1)).toBe("12 bad minutes of 43 allowed");
  });

  it("the OpenSLO example: 2 weeks of 1-minute slices at 95 % allow 1008 bad slices", () => {
    const b = sliceBudget({ objective: 0.95, tally: { good: 20_160, measured: 20_160 }, windowSeconds: 14 * 86_400 });
    expect(allowedBadSlices(b.allowedBadEvents!)).toBe(1008);
    expect(sliceBudgetText(b, 5)).toBe("0 bad 5-minute slices of 1,008 allowed");
  });

  it("budget spent + left = 1, and bad slices never exceed measured ones", () => {
    fc.assert(
      fc.property(
        fc.nat(50_000),
        fc.nat(50_000),
        fc.constantFrom(0.9, 0.99, 0.999, 0.9995),
        (good, extra, objective) => {
          const measured = good + extra;
          const b = sliceBudget({ objective, tally: { good, measured }, windowSeconds: 30 * 86_400 });
          if (measured === 0) return expect(b.consumed).toBeNull();
          expect(b.badEvents).toBe(extra);
          expect(b.consumed! + b.remaining!).toBeCloseTo(1, 9);
          expect(b.allowedBadEvents!).toBeCloseTo((1 - objective) * measured, 6);
        },
      ),
    );
  });

  it("no measured slice is no data (null), never a healthy budget", () => {
    const b = sliceBudget({ objective: 0.999, tally: { good: 0, measured: 0 }, windowSeconds: 86_400 });
    expect(b.remaining).toBeNull();
    expect(sliceBudgetText(b, 1)).toBeNull();
  });
});

describe("timeslice PromQL", () => {
  it("counts measured slices (events > 0) and sums good ones (share >= bool threshold) with subqueries stepping by the slice", () => {
    const q = sliIncreaseQueries(ratioSlices, "1h");
    const measured = 'sum(increase(http_requests_total{job="api"}[1m])) > 0';
    const share = `1 - (sum(increase(http_requests_total{job="api",code=~"5.."}[1m])) or vector(0)) / (${measured})`;
    expect(q.total).toBe(`sum(count_over_time((${measured})[3599999ms:1m]))`);
    expect(q.good).toBe(`(sum(sum_over_time(((${share}) >= bool 0.99)[3599999ms:1m])) or vector(0))`);
    const good = sliSelectors({ ...ratioSlices, of: { kind: "ratio", total: "t_total", good: "g_total" } });
    expect(good.good).toBe(
      "((sum(increase(g_total[1m])) or vector(0)) / (sum(increase(t_total[1m])) > 0)) >= bool 0.99",
    );
  });

  it("names the inner SLI's fields under sli.of, and the slice fields themselves", () => {
    expect(fieldOf(() => sliSelectors({ ...ratioSlices, of: { kind: "ratio", total: "", good: "x" } }))).toBe(
      "sli.of.total",
    );
    expect(
      fieldOf(() =>
        sliSelectors({
          ...ratioSlices,
          of: { kind: "latency", metric: "bad name", matchers: "", thresholdSeconds: 0.3 },
        }),
      ),
    ).toBe("sli.of.metric");
    expect(fieldOf(() => sliSelectors({ ...ratioSlices, threshold: 0 }))).toBe("sli.threshold");
    expect(fieldOf(() => sliSelectors({ ...ratioSlices, threshold: 1.5 }))).toBe("sli.threshold");
    expect(fieldOf(() => sliSelectors({ ...ratioSlices, sliceMinutes: 3 as 1 }))).toBe("sli.sliceMinutes");
  });

  it("judges a latency slice by its bucket share: p99 ≤ 300 ms ⇔ ≥ 0.99 of requests in le=0.3", () => {
    const s = sliSelectors({
      kind: "timeslice",
      sliceMinutes: 5,
      threshold: 0.99,
      of: { kind: "latency", metric: "rpc_seconds", matchers: 'svc="a"', thresholdSeconds: 0.3 },
    });
    expect(s.good).toContain('rpc_seconds_bucket{svc="a",le="0.3"}[5m]');
    expect(s.good).toContain(">= bool 0.99");
    expect(s.slices).toBe("5m");
  });

  it("rules record slices in 5 m and burn rates over slices (same records as any SLI)", () => {
    const yaml = rulesToYaml(
      generateRuleGroups([
        {
          id: "s1",
          name: "api-minutes",
          service: "api",
          objective: 0.999,
          window: { kind: "rolling", days: 30 },
          sli: ratioSlices,
          alerting: true,
          runbookUrl: "https://r",
        },
      ]),
    );
    expect(yaml).toContain("record: slo:sli_total:increase5m");
    expect(yaml).toContain("[299999ms:1m]");
    expect(yaml).toContain("alert: ");
  });
});
