import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  attributeLedger,
  deployRanges,
  ledgerCuts,
  LEDGER_HOUR_MS as H,
  type LedgerKeyedRange,
  type LedgerRange,
} from "@/lib/slo/ledger";

const T0 = Date.UTC(2026, 10, 1);
const at = (hours: number) => T0 + hours * H;
const MIN = 60_000;

/** Segments over the cuts with bad events from a per-minute function (closed form: total 100 per minute). */
function segmentsFor(cuts: number[], badPerMinute: (minuteMs: number) => number) {
  return cuts.slice(1).map((end, i) => {
    const start = cuts[i]!;
    let bad = 0;
    for (let m = start; m < end; m += MIN) bad += badPerMinute(m);
    const total = ((end - start) / MIN) * 100;
    return { startMs: start, endMs: end, good: total - bad, total };
  });
}

describe("deployRanges", () => {
  it("runs each deploy until the next one or the horizon", () => {
    expect(
      deployRanges(
        [
          { key: "b", atMs: at(10) },
          { key: "a", atMs: at(2) },
        ],
        4 * H,
      ),
    ).toEqual([
      { key: "a", startMs: at(2), endMs: at(6) },
      { key: "b", startMs: at(10), endMs: at(14) },
    ]);
    expect(
      deployRanges(
        [
          { key: "a", atMs: at(2) },
          { key: "b", atMs: at(3) },
        ],
        4 * H,
      )[0]!.endMs,
    ).toBe(at(3));
  });
});

describe("ledgerCuts", () => {
  it("cuts at whole hours and at range edges inside the ledger", () => {
    expect(ledgerCuts(at(0) + 30 * MIN, at(3), [{ startMs: at(1) + 10 * MIN, endMs: at(9) }])).toEqual([
      at(0) + 30 * MIN,
      at(1),
      at(1) + 10 * MIN,
      at(2),
      at(3),
    ]);
  });
});

describe("attributeLedger", () => {
  it("gives each range its own bad events: incident before deploy before the rest", () => {
    const fromMs = at(0);
    const toMs = at(24);
    const incidents = [
      { key: "inc-1", startMs: at(3) + 20 * MIN, endMs: at(4) + 5 * MIN },
      { key: "inc-2", startMs: at(12), endMs: at(13) },
    ];
    const deploys = deployRanges([{ key: "dep-1", atMs: at(11) + 30 * MIN }], 6 * H);
    const excluded: LedgerRange[] = [];
    // 10 bad/min during inc-1, 5 during inc-2, 1 during the deploy's range, 0 elsewhere.
    const bad = (m: number) =>
      m >= incidents[0]!.startMs && m < incidents[0]!.endMs
        ? 10
        : m >= at(12) && m < at(13)
          ? 5
          : m >= deploys[0]!.startMs && m < deploys[0]!.endMs
            ? 1
            : 0;
    const segments = segmentsFor(ledgerCuts(fromMs, toMs, [...incidents, ...deploys]), bad);
    const l = attributeLedger({ fromMs, toMs, objective: 0.99, segments, excluded, incidents, deploys });
    const part = (k: string) => l.parts.find((p) => p.key === k)!;
    expect(part("inc-1").bad).toBe(45 * 10);
    expect(part("inc-2").bad).toBe(60 * 5);
    // Deploy range 11:30–17:30 minus inc-2's hour: 300 minutes at 1 bad.
    expect(part("dep-1").bad).toBe(300);
    expect(part("unattributed").bad).toBe(0);
    expect(l.total).toBe(24 * 60 * 100);
    expect(l.bad).toBe(450 + 300 + 300);
    expect(l.allowedBadEvents).toBeCloseTo(0.01 * 144_000, 9);
    expect(part("inc-1").consumed).toBeCloseTo(450 / 1440, 12);
  });

  it("takes excluded (corrected) segments out of bad and total", () => {
    const incidents = [{ key: "inc", startMs: at(1), endMs: at(2) }];
    const segments = segmentsFor(ledgerCuts(at(0), at(3), incidents), (m) => (m < at(2) && m >= at(1) ? 7 : 1));
    const l = attributeLedger({
      fromMs: at(0),
      toMs: at(3),
      objective: 0.999,
      segments,
      excluded: [{ startMs: at(1), endMs: at(2) }],
      incidents,
      deploys: [],
    });
    expect(l.excluded).toEqual({ bad: 420, total: 6000 });
    expect(l.parts.find((p) => p.key === "inc")!.bad).toBe(0);
    expect(l.bad).toBe(120);
    expect(l.total).toBe(12_000);
  });

  it("refuses segments that straddle a range edge or leave a gap", () => {
    const seg = (s: number, e: number) => ({ startMs: s, endMs: e, good: 1, total: 1 });
    const base = { fromMs: at(0), toMs: at(2), objective: 0.99, excluded: [], deploys: [] };
    expect(() =>
      attributeLedger({
        ...base,
        segments: [seg(at(0), at(2))],
        incidents: [{ key: "i", startMs: at(1), endMs: at(3) }],
      }),
    ).toThrow(/straddles/);
    expect(() => attributeLedger({ ...base, segments: [seg(at(0), at(1))], incidents: [] })).toThrow(/contiguous/);
  });

  it("property: parts (plus excluded) sum to the total of the segments, each part equals its own bad events", () => {
    const range = fc.tuple(fc.integer({ min: -10, max: 60 }), fc.integer({ min: 1, max: 30 }));
    fc.assert(
      fc.property(
        fc.array(range, { maxLength: 4 }),
        fc.array(fc.integer({ min: -10, max: 60 }), { maxLength: 3 }),
        fc.array(range, { maxLength: 2 }),
        fc.array(fc.nat(100), { minLength: 48 * 4, maxLength: 48 * 4 }),
        (incs, deps, excl, badPerQuarter) => {
          const q = 15 * MIN;
          const fromMs = at(0) + 7 * q;
          const toMs = at(40) + 3 * q;
          const incidents: LedgerKeyedRange[] = incs.map(([s, len], i) => ({
            key: `i${i}`,
            startMs: at(0) + s * q,
            endMs: at(0) + (s + len) * q,
          }));
          const deploys = deployRanges(
            deps.map((s, i) => ({ key: `d${i}`, atMs: at(0) + s * q })),
            8 * H,
          );
          const excluded = excl.map(([s, len]) => ({ startMs: at(s), endMs: at(s + len) }));
          const badAt = (m: number) => badPerQuarter[Math.floor((m - at(0)) / q)] ?? 0;
          const segments = segmentsFor(
            ledgerCuts(fromMs, toMs, [...incidents, ...deploys, ...excluded]),
            (m) => badAt(m) / 15,
          );
          const l = attributeLedger({ fromMs, toMs, objective: 0.95, segments, excluded, incidents, deploys });
          const segBad = segments.reduce((x, s) => x + (s.total - s.good), 0);
          const sumParts = l.parts.reduce((x, p) => x + p.bad, 0);
          expect(sumParts).toBe(l.bad);
          expect(l.bad + l.excluded.bad).toBeCloseTo(segBad, 6);
          expect(l.total + l.excluded.total).toBe(segments.reduce((x, s) => x + s.total, 0));
          const consumedSum = l.parts.reduce((x, p) => x + (p.consumed ?? 0), 0);
          if (l.consumed !== null) expect(consumedSum).toBeCloseTo(l.consumed, 9);
          // The first incident covering a minute (and no correction) owns that minute's bad events.
          for (const p of l.parts.filter((x) => x.kind === "incident")) {
            let own = 0;
            for (let m = fromMs; m < toMs; m += q) {
              const claimed = incidents
                .filter((r) => r.startMs <= m && m < r.endMs)
                .sort((a, b) => a.startMs - b.startMs || a.key.localeCompare(b.key))[0];
              const isExcluded = excluded.some((r) => r.startMs <= m && m < r.endMs);
              if (claimed?.key === p.key && !isExcluded) own += badAt(m);
            }
            expect(p.bad).toBeCloseTo(own, 6);
          }
        },
      ),
    );
  });
});
