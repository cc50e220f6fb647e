import { describe, expect, it } from "vitest";
import { dueShiftNotices } from "@/lib/oncall/shift-notices";
import { finalTimeline } from "@/lib/oncall";
import type { Schedule, Segment } from "@/lib/oncall";

const H = 3_600_000;
const M = 60_000;
const seg = (startMs: number, endMs: number, userIds: string[]): Segment => ({
  startMs,
  endMs,
  userIds,
  source: userIds.length ? { kind: "layer", layerId: "l", layerIds: ["l"] } : { kind: "gap" },
});

// ana 00–08, ben 08–16, gap 16–17, ana 17–24 (hours since t0)
const t0 = Date.UTC(2026, 11, 2);
const segments = [
  seg(t0, t0 + 8 * H, ["ana"]),
  seg(t0 + 8 * H, t0 + 16 * H, ["ben"]),
  seg(t0 + 16 * H, t0 + 17 * H, []),
  seg(t0 + 17 * H, t0 + 24 * H, ["ana"]),
];
const lead = (u: string) => (u === "ben" ? 60 : 30);

describe("dueShiftNotices", () => {
  it("reminds each person their own lead before the shift, once within the look-back", () => {
    expect(dueShiftNotices({ segments, nowMs: t0 + 7 * H, lookbackMs: 5 * M, leadMinutesOf: lead })).toEqual([
      { kind: "shift_reminder", userId: "ben", shiftStartMs: t0 + 8 * H, shiftEndMs: t0 + 16 * H, outgoingUserIds: [] },
    ]);
    // a run 4 minutes late still sends it; one 6 minutes late does not (stale)
    expect(
      dueShiftNotices({ segments, nowMs: t0 + 7 * H + 4 * M, lookbackMs: 5 * M, leadMinutesOf: lead }),
    ).toHaveLength(1);
    expect(
      dueShiftNotices({ segments, nowMs: t0 + 7 * H + 6 * M, lookbackMs: 5 * M, leadMinutesOf: lead }),
    ).toHaveLength(0);
    expect(
      dueShiftNotices({ segments, nowMs: t0 + 16 * H + 30 * M, lookbackMs: 5 * M, leadMinutesOf: lead }).map((n) => [
        n.kind,
        n.userId,
      ]),
    ).toEqual([["shift_reminder", "ana"]]);
  });

  it("announces the handoff to the incoming person naming who goes off call; after a gap nobody hands over", () => {
    expect(dueShiftNotices({ segments, nowMs: t0 + 8 * H, lookbackMs: 5 * M, leadMinutesOf: lead })).toEqual([
      { kind: "handoff", userId: "ben", shiftStartMs: t0 + 8 * H, shiftEndMs: t0 + 16 * H, outgoingUserIds: ["ana"] },
    ]);
    expect(dueShiftNotices({ segments, nowMs: t0 + 17 * H + M, lookbackMs: 5 * M, leadMinutesOf: lead })).toEqual([
      { kind: "handoff", userId: "ana", shiftStartMs: t0 + 17 * H, shiftEndMs: t0 + 24 * H, outgoingUserIds: [] },
    ]);
  });

  it("no reminder at lead 0, none for a shift already running, none for the shift cut by the window start", () => {
    expect(dueShiftNotices({ segments, nowMs: t0 + 7 * H, lookbackMs: 5 * M, leadMinutesOf: () => 0 })).toEqual([]);
    expect(dueShiftNotices({ segments, nowMs: t0 + 2 * M, lookbackMs: 5 * M, leadMinutesOf: lead })).toEqual([]);
  });

  it("follows a DST change: a 09:00 Europe/Berlin daily handoff on the day clocks go back is at 08:00 UTC", () => {
    // daily rotation at 09:00 local between ana and ben across 2026-10-25 (CEST → CET)
    const schedule: Schedule = {
      timezone: "Europe/Berlin",
      layers: [
        {
          id: "l",
          name: "L",
          priority: 0,
          startMs: Date.UTC(2026, 9, 23, 7),
          rotation: { unit: "day", every: 1 },
          participants: ["ana", "ben"],
          handoffTime: "09:00",
        },
      ],
    };
    const from = Date.UTC(2026, 9, 24, 0);
    const timeline = finalTimeline({ schedule, fromMs: from, toMs: from + 3 * 24 * H });
    const handoffs = [Date.UTC(2026, 9, 24, 7), Date.UTC(2026, 9, 25, 8), Date.UTC(2026, 9, 26, 8)];
    for (const at of handoffs) {
      const n = dueShiftNotices({ segments: timeline, nowMs: at, lookbackMs: M, leadMinutesOf: () => 60 });
      expect(n.filter((x) => x.kind === "handoff").map((x) => new Date(x.shiftStartMs).toISOString())).toEqual([
        new Date(at).toISOString(),
      ]);
    }
  });
});
