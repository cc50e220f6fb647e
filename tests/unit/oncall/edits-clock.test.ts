import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { finalTimeline, startPositionAcrossClocks, toICalendar, toICalendarMulti, type Layer } from "@/lib/oncall";
import { BERLIN, local, makeLayer } from "./helpers";

// Weekly Monday 09:00 from 2027-01-04, slots [A, B, C, D]: the week of 2027-03-08 is B's.
const old = makeLayer({ participants: ["A", "B", "C", "D"] });
const editAt = local("2027-03-10T14:00"); // Wednesday of B's week

const whoAt = (layers: Layer[], ms: number) =>
  finalTimeline({ schedule: { timezone: BERLIN, layers }, fromMs: ms, toMs: ms + 1 })[0]!.userIds;

describe("startPositionAcrossClocks", () => {
  it("keeps the on-call person when the handoff moves to Friday 17:00 (new clock), then continues the old order", () => {
    const next: Layer = { ...old, handoffTime: "17:00", startMs: local("2027-03-05T00:00"), effectiveFromMs: editAt };
    const layers = [
      { ...old, endMs: editAt },
      { ...next, startPosition: startPositionAcrossClocks(old, next, BERLIN, editAt) },
    ];
    expect(whoAt(layers, editAt - 1)).toEqual(["B"]);
    expect(whoAt(layers, editAt)).toEqual(["B"]);
    expect(whoAt(layers, local("2027-03-12T16:59"))).toEqual(["B"]);
    expect(whoAt(layers, local("2027-03-12T17:00"))).toEqual(["C"]);
    expect(whoAt(layers, local("2027-03-19T17:00"))).toEqual(["D"]);
  });

  it("when the on-call person is dropped with a cadence change, the next remaining one takes over", () => {
    const next: Layer = {
      ...old,
      rotation: { unit: "day", every: 1 },
      participants: ["A", "C", "D"],
      effectiveFromMs: editAt,
    };
    const position = startPositionAcrossClocks(old, next, BERLIN, editAt);
    const layers = [
      { ...old, endMs: editAt },
      { ...next, startPosition: position },
    ];
    expect(whoAt(layers, editAt)).toEqual(["C"]);
    expect(whoAt(layers, local("2027-03-11T09:00"))).toEqual(["D"]);
    expect(whoAt(layers, local("2027-03-12T09:00"))).toEqual(["A"]);
  });

  it("an empty new list gives 0", () => {
    expect(startPositionAcrossClocks(old, { ...old, participants: [] }, BERLIN, editAt)).toBe(0);
  });
});

describe("toICalendarMulti", () => {
  const primary = finalTimeline({
    schedule: { timezone: BERLIN, layers: [old] },
    fromMs: local("2027-03-08T09:00"),
    toMs: local("2027-03-22T09:00"),
  });
  it("equals toICalendar for one part", () => {
    const nowMs = Date.parse("2027-03-01T00:00:00Z");
    expect(toICalendarMulti({ name: "P", nowMs, parts: [{ name: "P", segments: primary, uidSeed: "s1" }] })).toBe(
      toICalendar({ name: "P", segments: primary, uidSeed: "s1", nowMs }),
    );
  });

  it("combines parts with their own titles and distinct UIDs, and parses with ical.js", () => {
    const text = toICalendarMulti({
      name: "Ana's on-call",
      nowMs: Date.parse("2027-03-01T00:00:00Z"),
      parts: [
        {
          name: "Primary",
          segments: primary.filter((s) => s.userIds.includes("B")),
          uidSeed: "s1",
          userNames: { B: "Ana" },
        },
        {
          name: "Secondary",
          segments: primary.filter((s) => s.userIds.includes("B")),
          uidSeed: "s2",
          userNames: { B: "Ana" },
        },
      ],
    });
    const events = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents("vevent").map((c) => new ICAL.Event(c));
    expect(events.map((e) => e.summary)).toEqual(["On call: Ana (Primary)", "On call: Ana (Secondary)"]);
    expect(new Set(events.map((e) => e.uid)).size).toBe(2);
  });
});
