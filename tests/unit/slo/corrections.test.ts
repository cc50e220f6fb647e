import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  correctedHours,
  correctionProblems,
  excludeFromSteps,
  HOUR_MS,
  isCorrectedHour,
  mergeRanges,
  splitByCorrections,
  subtractCounts,
} from "@/lib/slo/corrections";

const T0 = Date.UTC(2026, 10, 1);
const h = (n: number) => T0 + n * HOUR_MS;

describe("mergeRanges / correctedHours", () => {
  it("merges overlapping and touching ranges and drops empty ones", () => {
    expect(
      mergeRanges([
        { startMs: h(5), endMs: h(7) },
        { startMs: h(1), endMs: h(3) },
        { startMs: h(3), endMs: h(4) },
        { startMs: h(9), endMs: h(9) },
      ]),
    ).toEqual([
      { startMs: h(1), endMs: h(4) },
      { startMs: h(5), endMs: h(7) },
    ]);
  });

  it("lists each covered hour once, clipped to the asked range", () => {
    const ranges = [
      { startMs: h(2), endMs: h(5) },
      { startMs: h(3), endMs: h(6) },
    ];
    expect(correctedHours(ranges, h(0), h(10))).toEqual([h(2), h(3), h(4), h(5)]);
    expect(correctedHours(ranges, h(3), h(5))).toEqual([h(3), h(4)]);
    // A range starting mid-hour only counts hours it wholly covers.
    expect(correctedHours(ranges, h(3) + 1, h(10))).toEqual([h(4), h(5)]);
  });

  it("property: an hour is listed iff it is wholly covered and inside the range", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 48 }), fc.integer({ min: 0, max: 12 })), { maxLength: 6 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        (rs, a, b) => {
          const ranges = rs.map(([s, len]) => ({ startMs: h(s), endMs: h(s + len) }));
          const [from, to] = [h(Math.min(a, b)), h(Math.max(a, b))];
          const listed = new Set(correctedHours(ranges, from, to));
          for (let x = from; x < to; x += HOUR_MS) expect(listed.has(x)).toBe(isCorrectedHour(ranges, x));
          expect([...listed].every((x) => x >= from && x < to)).toBe(true);
        },
      ),
    );
  });
});

describe("splitByCorrections", () => {
  it("keeps uncorrected hours and sums the excluded ones exactly", () => {
    const rows = [0, 1, 2, 3].map((n) => ({ hourMs: h(n), good: 100 - n, total: 100 }));
    const { kept, excludedCounts } = splitByCorrections(rows, [{ startMs: h(1), endMs: h(3) }]);
    expect(kept.map((r) => r.hourMs)).toEqual([h(0), h(3)]);
    expect(excludedCounts).toEqual({ good: 99 + 98, total: 200 });
  });

  it("property: kept + excluded = all rows, counts add up", () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(1000), { maxLength: 30 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 30 }),
        (bads, s, len) => {
          const rows = bads.map((b, i) => ({ hourMs: h(i), good: 1000 - b, total: 1000 }));
          const { kept, excludedCounts } = splitByCorrections(rows, [{ startMs: h(s), endMs: h(s + len) }]);
          const keptTotal = kept.reduce((x, r) => x + r.total, 0);
          expect(keptTotal + excludedCounts.total).toBe(rows.length * 1000);
        },
      ),
    );
  });

  it("subtractCounts clamps at zero and keeps good ≤ total", () => {
    expect(subtractCounts({ good: 90, total: 100 }, { good: 40, total: 50 })).toEqual({ good: 50, total: 50 });
    expect(subtractCounts({ good: 10, total: 10 }, { good: 10.000001, total: 10.000001 })).toEqual({
      good: 0,
      total: 0,
    });
  });
});

describe("correctionProblems", () => {
  const base = { nowMs: h(100), windowSeconds: 30 * 86_400, others: [] };
  it("accepts a whole-hour range in the past", () => {
    expect(correctionProblems({ ...base, startMs: h(10), endMs: h(12) })).toEqual({});
  });
  it("names the field: off-hour edges, end before start, future end, longer than the window, overlap", () => {
    expect(correctionProblems({ ...base, startMs: h(10) + 60_000, endMs: h(12) })).toEqual({
      startsAt: expect.stringMatching(/whole UTC hour/),
    });
    expect(correctionProblems({ ...base, startMs: h(12), endMs: h(10) })).toEqual({
      endsAt: "must be after the start",
    });
    expect(correctionProblems({ ...base, startMs: h(99), endMs: h(101) })).toEqual({
      endsAt: expect.stringMatching(/future/),
    });
    expect(correctionProblems({ ...base, windowSeconds: 3600, startMs: h(10), endMs: h(12) })).toEqual({
      endsAt: expect.stringMatching(/window/),
    });
    expect(
      correctionProblems({
        ...base,
        startMs: h(10),
        endMs: h(12),
        others: [{ startMs: h(11), endMs: h(13), label: "X" }],
      }),
    ).toEqual({ startsAt: expect.stringMatching(/overlaps the correction X/) });
    expect(
      correctionProblems({
        ...base,
        startMs: h(10),
        endMs: h(12),
        others: [{ startMs: h(12), endMs: h(13), label: "X" }],
      }),
    ).toEqual({});
  });
});

describe("excludeFromSteps", () => {
  const ranges = [{ startMs: h(2), endMs: h(4) }];
  it("drops sub-hour steps inside a corrected hour, keeps the others", () => {
    const step = 15 * 60_000;
    const points = Array.from({ length: 24 }, (_, i) => ({ t: h(0) + (i + 1) * step, good: 90, total: 100 }));
    const out = excludeFromSteps(points, step, ranges, new Map());
    // steps ending in (h2, h4] lie inside the corrected hours 2 and 3
    expect(out.filter((p) => p.total === 0).map((p) => p.t)).toEqual(
      points.filter((p) => p.t > h(2) && p.t <= h(4)).map((p) => p.t),
    );
    expect(out.filter((p) => p.total === 100)).toHaveLength(16);
  });
  it("subtracts the corrected hours' rollups from longer steps", () => {
    const step = 6 * HOUR_MS;
    const hourCounts = new Map([
      [h(2), { good: 95, total: 100 }],
      [h(3), { good: 80, total: 100 }],
    ]);
    const out = excludeFromSteps(
      [
        { t: h(6), good: 560, total: 600 },
        { t: h(12), good: 600, total: 600 },
      ],
      step,
      ranges,
      hourCounts,
    );
    expect(out).toEqual([
      { t: h(6), good: 385, total: 400 },
      { t: h(12), good: 600, total: 600 },
    ]);
  });
});
