import { describe, expect, it } from "vitest";
import { finalTimeline, gaps, onCallAt, userShifts, type Layer, type Schedule } from "@/lib/oncall";
import { BERLIN, NEW_YORK, at, iso, local, makeLayer, segmentView } from "./helpers";

const base = makeLayer({ id: "base", priority: 0, participants: ["A", "B", "C"] });
const weekend = makeLayer({
  id: "weekend",
  priority: 1,
  handoffTime: "17:00",
  startMs: local("2027-01-08T00:00"),
  participants: ["D", "E"],
  restrictions: { kind: "weekly", windows: [{ fromDay: 5, from: "17:00", toDay: 1, to: "09:00" }] },
});

describe("layer priority and union", () => {
  it("E16: a higher-priority weekend layer hides the base layer only where it has someone", () => {
    const segments = finalTimeline({
      schedule: { timezone: BERLIN, layers: [base, weekend] },
      fromMs: local("2027-06-07T09:00"),
      toMs: local("2027-06-14T09:00"),
    });
    expect(segmentView(segments)).toEqual([
      ["B", "2027-06-07T07:00:00Z", "2027-06-11T15:00:00Z"],
      ["D", "2027-06-11T15:00:00Z", "2027-06-14T07:00:00Z"],
    ]);
    expect(segments.map((s) => s.source)).toEqual([
      { kind: "layer", layerId: "base", layerIds: ["base"] },
      { kind: "layer", layerId: "weekend", layerIds: ["weekend"] },
    ]);
  });

  it("E17: overlapping layers of equal priority are a union", () => {
    const dayLayer = (id: string, user: string, from: string, to: string): Layer =>
      makeLayer({
        id,
        rotation: { unit: "day", every: 1 },
        handoffTime: "00:00",
        participants: [user],
        restrictions: { kind: "time_of_day", windows: [{ from, to }] },
      });
    const schedule: Schedule = {
      timezone: BERLIN,
      layers: [dayLayer("L1", "A", "08:00", "14:00"), dayLayer("L2", "B", "12:00", "18:00")],
    };
    const segments = finalTimeline({ schedule, fromMs: local("2027-07-01T00:00"), toMs: local("2027-07-02T00:00") });
    expect(segmentView(segments)).toEqual([
      ["-", "2027-06-30T22:00:00Z", "2027-07-01T06:00:00Z"],
      ["A", "2027-07-01T06:00:00Z", "2027-07-01T10:00:00Z"],
      ["A+B", "2027-07-01T10:00:00Z", "2027-07-01T12:00:00Z"],
      ["B", "2027-07-01T12:00:00Z", "2027-07-01T16:00:00Z"],
      ["-", "2027-07-01T16:00:00Z", "2027-07-01T22:00:00Z"],
    ]);
    expect(segments[2]!.source).toEqual({ kind: "layer", layerId: "L1", layerIds: ["L1", "L2"] });
    expect(segments[0]!.source).toEqual({ kind: "gap" });
  });

  it("E14: explicit empty slots do not mask a lower layer", () => {
    const top = makeLayer({ id: "top", priority: 1, participants: ["A", null] });
    const bottom = makeLayer({ id: "bottom", priority: 0, participants: ["Z"] });
    const segments = finalTimeline({
      schedule: { timezone: BERLIN, layers: [top, bottom] },
      fromMs: local("2027-01-04T09:00"),
      toMs: local("2027-01-18T09:00"),
    });
    expect(segmentView(segments)).toEqual([
      ["A", "2027-01-04T08:00:00Z", "2027-01-11T08:00:00Z"],
      ["Z", "2027-01-11T08:00:00Z", "2027-01-18T08:00:00Z"],
    ]);
  });
});

describe("gaps", () => {
  it("E13: a schedule whose only layer has no participants is one gap over the window", () => {
    const input = {
      schedule: { timezone: BERLIN, layers: [makeLayer({ participants: [] })] },
      fromMs: at("2027-02-01T00:00:00Z"),
      toMs: at("2027-03-01T00:00:00Z"),
    };
    expect(gaps(input)).toEqual([{ startMs: input.fromMs, endMs: input.toMs, userIds: [], source: { kind: "gap" } }]);
  });

  const sun = (id: string, user: string, tz: string | undefined, from: string, to: string): Layer =>
    makeLayer({
      id,
      timezone: tz,
      rotation: { unit: "day", every: 1 },
      handoffTime: "00:00",
      startMs: at("2027-01-01T00:00:00Z"),
      participants: [user],
      restrictions: { kind: "time_of_day", windows: [{ from, to }] },
    });
  const followTheSun: Schedule = {
    timezone: BERLIN,
    layers: [sun("eu", "EU", undefined, "02:00", "14:00"), sun("us", "US", NEW_YORK, "08:00", "20:00")],
  };
  const day = (isoDate: string) => ({
    schedule: followTheSun,
    fromMs: at(`${isoDate}T00:00:00Z`),
    toMs: at(`${isoDate}T00:00:00Z`) + 24 * 3_600_000,
  });

  it.each([
    [
      "winter",
      "2027-01-12",
      [
        ["US", "00", "01"],
        ["EU", "01", "13"],
        ["US", "13", "00"],
      ],
    ],
    [
      "summer",
      "2027-07-12",
      [
        ["EU", "00", "12"],
        ["US", "12", "00"],
      ],
    ],
    [
      "US on DST, EU not (2027-03-16)",
      "2027-03-16",
      [
        ["-", "00", "01"],
        ["EU", "01", "12"],
        ["EU+US", "12", "13"],
        ["US", "13", "00"],
      ],
    ],
    [
      "EU off DST, US not yet (2027-11-02)",
      "2027-11-02",
      [
        ["-", "00", "01"],
        ["EU", "01", "12"],
        ["EU+US", "12", "13"],
        ["US", "13", "00"],
      ],
    ],
  ])("E21 follow-the-sun (layers in their own zones), %s", (_label, date, expected) => {
    const hour = (ms: number) => iso(ms).slice(11, 13);
    expect(segmentView(finalTimeline(day(date))).map(([u, s, e]) => [u, s.slice(11, 13), e.slice(11, 13)])).toEqual(
      expected,
    );
    const found = gaps(day(date)).map((g) => [hour(g.startMs), hour(g.endMs)]);
    expect(found).toEqual(expected.filter(([u]) => u === "-").map(([, s, e]) => [s, e]));
  });
});

describe("onCallAt and userShifts", () => {
  const schedule: Schedule = {
    timezone: BERLIN,
    layers: [makeLayer({ participants: ["A", "B"], startMs: local("2027-03-15T00:00") })],
  };

  it("E24: at a handoff instant only the incoming user is on call", () => {
    const handoff = at("2027-03-29T07:00:00Z");
    expect(onCallAt({ schedule, atMs: handoff })).toEqual(["A"]);
    expect(onCallAt({ schedule, atMs: handoff - 1 })).toEqual(["B"]);
    expect(onCallAt({ schedule, atMs: local("2027-03-01T12:00") })).toEqual([]);
  });

  it("segments tile the window and userShifts joins a user's adjacent segments", () => {
    const segments = finalTimeline({
      schedule,
      overrides: [
        { id: "o1", kind: "add", userId: "X", startMs: local("2027-03-17T00:00"), endMs: local("2027-03-18T00:00") },
      ],
      fromMs: local("2027-03-10T00:00"),
      toMs: local("2027-03-29T12:00"),
    });
    segments.forEach((s, i) => i > 0 && expect(s.startMs).toBe(segments[i - 1]!.endMs));
    expect(iso(segments[0]!.startMs)).toBe("2027-03-09T23:00:00Z");
    expect(userShifts(segments).map((s) => [s.userId, iso(s.startMs), iso(s.endMs)])).toEqual([
      ["A", "2027-03-15T08:00:00Z", "2027-03-22T08:00:00Z"],
      ["X", "2027-03-16T23:00:00Z", "2027-03-17T23:00:00Z"],
      ["B", "2027-03-22T08:00:00Z", "2027-03-29T07:00:00Z"],
      ["A", "2027-03-29T07:00:00Z", "2027-03-29T10:00:00Z"],
    ]);
  });

  it("returns nothing for an empty window", () => {
    expect(finalTimeline({ schedule, fromMs: 10, toMs: 10 })).toEqual([]);
  });
});
