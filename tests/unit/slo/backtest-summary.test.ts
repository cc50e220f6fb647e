import { describe, expect, it } from "vitest";
import { backtestHeadline, summarizeBacktest, type FiringInterval } from "@/lib/slo";

const H = 3_600_000;
const fire = (tier: string, severity: "page" | "ticket", from: number, to: number | null): FiringInterval => ({
  tier,
  severity,
  activeAtMs: from * H,
  firedAtMs: from * H,
  resolvedAtMs: to === null ? null : to * H,
});

describe("summarizeBacktest", () => {
  const incidents = [
    { id: "i1", key: "INC-12", title: "Checkout down", startMs: 10 * H, endMs: 12 * H },
    { id: "i2", key: "INC-13", title: "Slow search", startMs: 30 * H, endMs: 31 * H },
    { id: "i0", key: "INC-1", title: "Before the range", startMs: -5 * H, endMs: -4 * H },
  ];

  it("merges overlapping tiers of one severity into one page, counts precision and missed incidents", () => {
    const s = summarizeBacktest(
      [
        fire("page-fast", "page", 10, 11),
        fire("page-slow", "page", 10.5, 12),
        fire("page-fast", "page", 20, 21),
        fire("ticket-fast", "ticket", 11, 13),
        fire("page-fast", "page", 40, null),
      ],
      incidents,
      0,
      48 * H,
    );
    expect(s.pages).toEqual({ count: 3, duringIncident: 1, precision: 1 / 3 });
    expect(s.tickets).toEqual({ count: 1, duringIncident: 1, precision: 1 });
    expect(s.episodes[0]).toEqual({
      severity: "page",
      startMs: 10 * H,
      endMs: 12 * H,
      tiers: ["page-fast", "page-slow"],
      incidents: ["INC-12"],
    });
    expect(s.episodes.at(-1)).toMatchObject({ startMs: 40 * H, endMs: null, incidents: [] });
    expect(s.incidents.map((i) => [i.key, i.pages, i.tickets])).toEqual([
      ["INC-12", 1, 1],
      ["INC-13", 0, 0],
    ]);
    expect(s.missed).toEqual(["INC-13"]);
    expect(backtestHeadline(s, 2)).toBe("3 pages and 1 ticket in 2 days, 1 during INC-12; no alert during INC-13");
  });

  it("keeps alerts that reach into the range and leaves out those before it; no alerts → precision null", () => {
    const s = summarizeBacktest(
      [fire("ticket-slow", "ticket", -10, 1), fire("page-fast", "page", -3, -2)],
      incidents,
      0,
      48 * H,
    );
    expect(s.tickets.count).toBe(1);
    expect(s.pages).toEqual({ count: 0, duringIncident: 0, precision: null });
    expect(s.missed).toEqual(["INC-12", "INC-13"]);
    expect(backtestHeadline(s, 1)).toBe("0 pages and 1 ticket in 1 day; no alert during INC-12, INC-13");
  });
});
