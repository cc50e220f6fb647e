import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { candidateTiers, currentTiers, replayAlerts, type AlertTier, type IncreaseSeries } from "@/lib/slo";
import { seriesOf, type Phase } from "@/tests/fixtures/backtest-series";

const MIN = 60_000;
const DAYS30 = 30 * 86_400;
const tiers = currentTiers(DAYS30);
const pageFast = tiers.filter((t) => t.name === "page-fast");

/** Naive Prometheus model: per-minute records summed directly over [t − w, t] (no prefix sums, no interpolation). */
function naive(perMinute: { total: number; good: number }[], tier: AlertTier, budget: number) {
  const threshold = Number((tier.factor * budget).toPrecision(12));
  const win = (k: number, w: number) => {
    if (w === 5)
      return perMinute[k]!.total > 0 ? (perMinute[k]!.total - perMinute[k]!.good) / perMinute[k]!.total : null;
    let t = 0,
      g = 0;
    for (let i = Math.max(0, k - w); i <= k; i++) {
      t += perMinute[i]!.total;
      g += perMinute[i]!.good;
    }
    return t > 0 ? (t - g) / t : null;
  };
  const minutes = (d: string) => ({ "5m": 5, "30m": 30, "1h": 60, "6h": 360 })[d]!;
  const forMin = ({ "2m": 2, "15m": 15 } as Record<string, number>)[tier.for]!;
  const out: [number, number, number | null][] = [];
  let active: number | null = null,
    open: [number, number, number | null] | null = null;
  perMinute.forEach((_, k) => {
    const l = win(k, minutes(tier.longWindow)),
      s = win(k, minutes(tier.shortWindow));
    if (!(l !== null && s !== null && l >= threshold && s >= threshold)) {
      if (open) open[2] = k;
      open = null;
      active = null;
      return;
    }
    active ??= k;
    if (!open && k - active >= forMin) {
      open = [active, k, null];
      out.push(open);
    }
  });
  return out;
}

/** The 5 m increase Prometheus records at each minute when counters grow evenly within each 5 m bucket. */
const perMinuteRecords = (s: IncreaseSeries) => {
  const out: { total: number; good: number }[] = [];
  for (let m = 0; m <= (s.total.length - 1) * 5; m++) {
    const i = Math.floor(m / 5),
      j = m % 5;
    const at = (a: readonly (number | null)[]) => (j === 0 ? a[i]! : ((5 - j) * a[i]! + j * a[i + 1]!) / 5);
    out.push({ total: at(s.total), good: at(s.good) });
  }
  return out;
};

const phases = fc.array(
  fc
    .record({
      buckets: fc.integer({ min: 1, max: 30 }),
      perMinute: fc.integer({ min: 0, max: 50 }),
      errorsPerMinute: fc.integer({ min: 0, max: 50 }),
    })
    .map((p): Phase => ({ ...p, errorsPerMinute: Math.min(p.errorsPerMinute, p.perMinute) })),
  { minLength: 1, maxLength: 12 },
);

describe("replayAlerts", () => {
  it("a sustained 14.4x burn: page-fast pending at the first minute its 1h and 5m ratios reach 1.44 %, firing 2 minutes later, resolved when the burn stops", () => {
    // 2 h clean, 1 h at error ratio 0.02, 1 h clean; 1000 requests per minute.
    const { series } = seriesOf([
      { buckets: 24, perMinute: 1000, errorsPerMinute: 0 },
      { buckets: 12, perMinute: 1000, errorsPerMinute: 20 },
      { buckets: 12, perMinute: 1000, errorsPerMinute: 0 },
    ]);
    const [fire, ...rest] = replayAlerts({ series, tiers: pageFast, budget: 0.001, evalIntervalMs: MIN });
    expect(rest).toEqual([]);
    // Burn minutes start at 121. The 1h window (61 records) reaches 1.44 % once Σbad/Σtotal ≥ 0.0144: the
    // records at minute m ≥ 121 each carry min(5, m − 120) burning minutes.
    expect(fire).toMatchObject({ tier: "page-fast", severity: "page" });
    const active = fire!.activeAtMs / MIN;
    expect(fire!.firedAtMs / MIN).toBe(active + 2);
    expect(active).toBeGreaterThan(121);
    expect(active).toBeLessThan(181);
    // The 5m ratio drops below 1.44 % once fewer than 3.6 of the 5 minutes burn: minute 180 + 2.
    expect(fire!.resolvedAtMs! / MIN).toBe(182);
  });

  it("no traffic never fires, and a missing point leaves no record around it", () => {
    const { series } = seriesOf([{ buckets: 48, perMinute: 0, errorsPerMinute: 0 }]);
    expect(replayAlerts({ series, tiers, budget: 0.001, evalIntervalMs: MIN })).toEqual([]);
    const burning = seriesOf([{ buckets: 36, perMinute: 100, errorsPerMinute: 50 }]).series;
    const holes = { ...burning, total: burning.total.map((v, i) => (i % 2 === 0 ? null : v)) };
    // Every other point missing: a minute has a 5m record only exactly on a present point (odd points,
    // minutes 5, 15, …), so the expression holds for single minutes — never the 2 minutes of page-fast's `for`.
    expect(replayAlerts({ series: holes, tiers: pageFast, budget: 0.001, evalIntervalMs: MIN })).toEqual([]);
    const instant = candidateTiers(DAYS30, { "page-fast": { for: "0s" } }).filter((t) => t.name === "page-fast");
    const fires = replayAlerts({ series: holes, tiers: instant, budget: 0.001, evalIntervalMs: MIN });
    expect(fires.length).toBeGreaterThan(5);
    for (const f of fires) {
      expect((f.firedAtMs / MIN) % 10).toBe(5);
      expect(f.resolvedAtMs! - f.firedAtMs).toBe(MIN);
    }
  });

  it("refuses an evaluation interval that does not divide 5m and unequal series", () => {
    const { series } = seriesOf([{ buckets: 2, perMinute: 1, errorsPerMinute: 0 }]);
    expect(() => replayAlerts({ series, tiers, budget: 0.001, evalIntervalMs: 7 * MIN })).toThrow(/evaluationInterval/);
    expect(() => replayAlerts({ series: { ...series, good: [1] }, tiers, budget: 0.001, evalIntervalMs: MIN })).toThrow(
      /series/,
    );
  });

  it("property: equals a naive per-minute model (direct window sums) for the page tiers", () => {
    fc.assert(
      fc.property(phases, (ps) => {
        const { series } = seriesOf(ps);
        const records = perMinuteRecords(series);
        for (const tier of tiers.filter((t) => t.severity === "page")) {
          const ours = replayAlerts({ series, tiers: [tier], budget: 0.001, evalIntervalMs: MIN }).map((i) => [
            i.activeAtMs / MIN,
            i.firedAtMs / MIN,
            i.resolvedAtMs === null ? null : i.resolvedAtMs / MIN,
          ]);
          expect(ours).toEqual(naive(records, tier, 0.001));
        }
      }),
      { numRuns: 150 },
    );
  });

  it("property: a tier's intervals are ordered and disjoint, and each fires `for` after it became active", () => {
    fc.assert(
      fc.property(phases, (ps) => {
        const { series } = seriesOf(ps);
        const all = replayAlerts({ series, tiers, budget: 0.001, evalIntervalMs: MIN });
        for (const tier of tiers) {
          const own = all.filter((i) => i.tier === tier.name);
          const forMs = { "2m": 2, "15m": 15, "1h": 60, "3h": 180 }[tier.for]! * MIN;
          own.forEach((i, n) => {
            expect(i.firedAtMs - i.activeAtMs).toBe(forMs);
            if (n > 0) expect(i.activeAtMs).toBeGreaterThanOrEqual(own[n - 1]!.resolvedAtMs!);
          });
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe("candidateTiers", () => {
  it("applies factor, windows and for, recomputes the budget share and drops a disabled tier", () => {
    const t = candidateTiers(DAYS30, {
      "page-fast": { factor: 10, longWindow: "30m", for: "0m" },
      "ticket-slow": { enabled: false },
    });
    expect(t.map((x) => x.name)).toEqual(["page-fast", "page-slow", "ticket-fast"]);
    expect(t[0]).toMatchObject({ factor: 10, longWindow: "30m", shortWindow: "5m", for: "0s" });
    expect(t[0]!.budgetShare).toBeCloseTo((10 * 1800) / DAYS30, 12);
    expect(t[1]).toEqual(tiers[1]);
  });

  it.each([
    [{ "page-fast": { factor: 0 } }, "tiers.page-fast.factor"],
    [{ "page-slow": { longWindow: "1x" } }, "tiers.page-slow.longWindow"],
    [{ "page-slow": { shortWindow: "6h" } }, "tiers.page-slow.shortWindow"],
    [{ "ticket-fast": { longWindow: "31d" } }, "tiers.ticket-fast.longWindow"],
    [{ "ticket-fast": { shortWindow: "1m" } }, "tiers.ticket-fast.shortWindow"],
    [{ "ticket-slow": { for: "30s" } }, "tiers.ticket-slow.for"],
    [{ "ticket-slow": { for: "2d" } }, "tiers.ticket-slow.for"],
  ])("refuses %j naming %s", (candidates, field) => {
    expect(() => candidateTiers(DAYS30, candidates)).toThrow(expect.objectContaining({ field }));
  });

  it("current tiers leave out a disabled severity", () => {
    expect(currentTiers(DAYS30, { ticket: { enabled: false } }).map((t) => t.name)).toEqual(["page-fast", "page-slow"]);
  });
});
