import { describe, expect, it } from "vitest";
import { layerShifts, restrictionIntervals } from "@/lib/oncall";
import { BERLIN, HOUR, at, iso, local, makeLayer, shiftView } from "./helpers";

describe("layer start, end and participants", () => {
  it("E12: a layer starting after the window start yields nothing before its first handoff", () => {
    const shifts = layerShifts(makeLayer({}), BERLIN, at("2026-12-28T00:00:00Z"), at("2027-01-11T00:00:00Z"));
    expect(shiftView(shifts)).toEqual([["A", "2027-01-04T08:00:00Z", "2027-01-11T00:00:00Z"]]);
  });

  it("a layer starting after the whole window yields nothing", () => {
    expect(
      layerShifts(
        makeLayer({ startMs: local("2028-01-03T00:00") }),
        BERLIN,
        at("2027-06-01T00:00:00Z"),
        at("2027-07-01T00:00:00Z"),
      ),
    ).toEqual([]);
  });

  it("a start instant after the handoff time starts mid-turn; its local date fixes the weekday", () => {
    const layer = makeLayer({ startMs: local("2027-01-06T12:00") }); // Wednesday
    const shifts = layerShifts(layer, BERLIN, local("2027-01-01T00:00"), local("2027-01-20T09:00"));
    expect(shiftView(shifts)).toEqual([
      ["A", "2027-01-06T11:00:00Z", "2027-01-13T08:00:00Z"],
      ["B", "2027-01-13T08:00:00Z", "2027-01-20T08:00:00Z"],
    ]);
  });

  it("stops at endMs", () => {
    const shifts = layerShifts(
      makeLayer({ endMs: local("2027-01-13T12:00") }),
      BERLIN,
      local("2027-01-04T00:00"),
      local("2027-02-01T00:00"),
    );
    expect(shiftView(shifts)).toEqual([
      ["A", "2027-01-04T08:00:00Z", "2027-01-11T08:00:00Z"],
      ["B", "2027-01-11T08:00:00Z", "2027-01-13T11:00:00Z"],
    ]);
  });

  it("E13: a layer without participants yields nothing", () => {
    expect(
      layerShifts(makeLayer({ participants: [] }), BERLIN, local("2027-01-04T00:00"), local("2027-03-01T00:00")),
    ).toEqual([]);
  });

  it("E14: explicit empty slots are kept as userId null", () => {
    const shifts = layerShifts(
      makeLayer({ participants: ["A", null, "B", null] }),
      BERLIN,
      local("2027-01-04T09:00"),
      local("2027-02-01T09:00"),
    );
    expect(shifts.map((s) => s.userId)).toEqual(["A", null, "B", null]);
  });

  it("E26: the same participant on back-to-back turns is one continuous shift", () => {
    const shifts = layerShifts(
      makeLayer({ participants: ["A"] }),
      BERLIN,
      local("2027-01-04T09:00"),
      local("2027-01-25T09:00"),
    );
    expect(shiftView(shifts)).toEqual([["A", "2027-01-04T08:00:00Z", "2027-01-25T08:00:00Z"]]);
  });
});

describe("restrictions", () => {
  const nights = makeLayer({
    participants: ["A"],
    restrictions: { kind: "time_of_day", windows: [{ from: "22:00", to: "06:00" }] },
  });

  it.each([
    [
      "E6 spring night: 22:00 CET → 06:00 CEST is 7 h",
      "2027-03-27T12:00:00Z",
      "2027-03-27T21:00:00Z",
      "2027-03-28T04:00:00Z",
      7,
    ],
    [
      "fall night: 22:00 CEST → 06:00 CET is 9 h",
      "2027-10-30T12:00:00Z",
      "2027-10-30T20:00:00Z",
      "2027-10-31T05:00:00Z",
      9,
    ],
  ])("%s", (_label, from, start, end, hours) => {
    const shifts = layerShifts(nights, BERLIN, at(from), at(from) + 24 * HOUR);
    expect(shiftView(shifts)).toEqual([["A", start, end]]);
    expect((shifts[0]!.endMs - shifts[0]!.startMs) / HOUR).toBe(hours);
  });

  it("weekly windows can wrap the weekend (Fri 17:00 → Mon 09:00) and are clipped to the window", () => {
    const weekend = makeLayer({
      id: "W",
      handoffTime: "17:00",
      startMs: local("2027-01-08T00:00"), // Friday
      participants: ["D", "E"],
      restrictions: { kind: "weekly", windows: [{ fromDay: 5, from: "17:00", toDay: 1, to: "09:00" }] },
    });
    const shifts = layerShifts(weekend, BERLIN, local("2027-06-07T09:00"), local("2027-06-21T00:00"));
    expect(shiftView(shifts)).toEqual([
      ["D", "2027-06-11T15:00:00Z", "2027-06-14T07:00:00Z"],
      ["E", "2027-06-18T15:00:00Z", "2027-06-20T22:00:00Z"],
    ]);
    expect(shifts.every((s) => s.layerId === "W")).toBe(true);
  });

  it("E15 (calendar counting): a daily rotation of 7 restricted to weekdays strands the weekend participants", () => {
    const weekdays = makeLayer({
      rotation: { unit: "day", every: 1 },
      participants: ["A", "B", "C", "D", "E", "F", "G"],
      restrictions: {
        kind: "weekly",
        windows: ([1, 2, 3, 4, 5] as const).map((d) => ({ fromDay: d, from: "09:00", to: "17:00" })),
      },
    });
    const shifts = layerShifts(weekdays, BERLIN, local("2027-01-04T00:00"), local("2027-02-22T00:00"));
    const turns = new Map<string, number>();
    for (const s of shifts) turns.set(s.userId as string, (turns.get(s.userId as string) ?? 0) + 1);
    expect(Object.fromEntries(turns)).toEqual({ A: 7, B: 7, C: 7, D: 7, E: 7 });
    expect(shifts.every((s) => s.endMs - s.startMs === 8 * HOUR)).toBe(true);
  });

  it("restriction intervals follow the local clock and merge touching windows", () => {
    const windows = restrictionIntervals(
      {
        kind: "time_of_day",
        windows: [
          { from: "08:00", to: "12:00" },
          { from: "12:00", to: "14:00" },
        ],
      },
      BERLIN,
      local("2027-07-01T00:00"),
      local("2027-07-02T00:00"),
    );
    expect(windows.map((w) => [iso(w.startMs), iso(w.endMs)])).toEqual([
      ["2027-07-01T06:00:00Z", "2027-07-01T12:00:00Z"],
    ]);
  });
});
