import { describe, expect, it } from "vitest";
import { layerShifts, OncallDefinitionError, turnClock } from "@/lib/oncall";
import { BERLIN, DAY, HOUR, at, iso, local, makeLayer, shiftView } from "./helpers";

const hoursOf = (s: { startMs: number; endMs: number }) => (s.endMs - s.startMs) / HOUR;

describe("weekly handoffs stay at Monday 09:00 Europe/Berlin across DST", () => {
  const weekly = makeLayer({ participants: ["A", "B", "C"] });

  it("E1: the turn across the 2027-03-28 change lasts 167 h", () => {
    const shifts = layerShifts(weekly, BERLIN, at("2027-03-22T08:00:00Z"), at("2027-04-05T07:00:00Z"));
    expect(shiftView(shifts)).toEqual([
      ["C", "2027-03-22T08:00:00Z", "2027-03-29T07:00:00Z"],
      ["A", "2027-03-29T07:00:00Z", "2027-04-05T07:00:00Z"],
    ]);
    expect(shifts.map(hoursOf)).toEqual([167, 168]);
  });

  it("E2: the turn across the 2027-10-31 change lasts 169 h", () => {
    const shifts = layerShifts(weekly, BERLIN, at("2027-10-25T07:00:00Z"), at("2027-11-08T08:00:00Z"));
    expect(shifts.map((s) => [iso(s.startMs), hoursOf(s)])).toEqual([
      ["2027-10-25T07:00:00Z", 169],
      ["2027-11-01T08:00:00Z", 168],
    ]);
  });

  it("elapsed clock keeps 168 h turns, so the local handoff drifts to 10:00 after the spring change", () => {
    const elapsed = makeLayer({ rotation: { unit: "week", every: 1, clock: "elapsed" } });
    const shifts = layerShifts(elapsed, BERLIN, at("2027-03-22T08:00:00Z"), at("2027-04-05T08:00:00Z"));
    expect(shifts.map(hoursOf)).toEqual([168, 168]);
    expect(iso(shifts[1]!.startMs)).toBe("2027-03-29T08:00:00Z"); // 10:00 CEST
  });
});

describe("daily handoffs at 09:00 local", () => {
  const daily = makeLayer({ rotation: { unit: "day", every: 1 }, participants: ["A", "B"] });
  it.each([
    ["spring: Sat → Sun is 23 h", "2027-03-27T08:00:00Z", "2027-03-28T07:00:00Z", 23],
    ["fall: Sat → Sun is 25 h", "2027-10-30T07:00:00Z", "2027-10-31T08:00:00Z", 25],
    ["ordinary day is 24 h", "2027-06-01T07:00:00Z", "2027-06-02T07:00:00Z", 24],
  ])("%s", (_label, start, end, hours) => {
    const [shift] = layerShifts(daily, BERLIN, at(start), at(start) + 1);
    const full = layerShifts(daily, BERLIN, at(start), at(end));
    expect(shift && iso(shift.startMs)).toBe(start);
    expect(full).toHaveLength(1);
    expect(hoursOf(full[0]!)).toBe(hours);
    expect(iso(full[0]!.endMs)).toBe(end);
  });
});

describe("E3: 12-hour turns with handoffs at 08:00 and 20:00 Berlin", () => {
  const twelve = makeLayer({ rotation: { unit: "hour", every: 12 }, handoffTime: "08:00", participants: ["D", "N"] });

  it("wall clock: the spring night lasts 11 h, the fall night 13 h, day shifts 12 h", () => {
    const spring = layerShifts(twelve, BERLIN, at("2027-03-27T07:00:00Z"), at("2027-03-28T18:00:00Z"));
    expect(shiftView(spring)).toEqual([
      ["D", "2027-03-27T07:00:00Z", "2027-03-27T19:00:00Z"],
      ["N", "2027-03-27T19:00:00Z", "2027-03-28T06:00:00Z"],
      ["D", "2027-03-28T06:00:00Z", "2027-03-28T18:00:00Z"],
    ]);
    expect(spring.map(hoursOf)).toEqual([12, 11, 12]);
    const fall = layerShifts(twelve, BERLIN, at("2027-10-30T06:00:00Z"), at("2027-10-31T19:00:00Z"));
    expect(fall.map(hoursOf)).toEqual([12, 13, 12]);
    expect(iso(fall[2]!.startMs)).toBe("2027-10-31T07:00:00Z"); // 08:00 CET
  });

  it("elapsed clock: fixed 12 h turns move the handoffs to 09:00/21:00 after the spring change", () => {
    const elapsed = makeLayer({ ...twelve, rotation: { unit: "hour", every: 12, clock: "elapsed" } });
    const shifts = layerShifts(elapsed, BERLIN, at("2027-03-27T19:00:00Z"), at("2027-03-28T19:00:00Z"));
    expect(shiftView(shifts)).toEqual([
      ["N", "2027-03-27T19:00:00Z", "2027-03-28T07:00:00Z"], // ends 09:00 CEST
      ["D", "2027-03-28T07:00:00Z", "2027-03-28T19:00:00Z"], // ends 21:00 CEST
    ]);
  });
});

describe("handoff at a local time that does not exist or occurs twice", () => {
  const at0230 = makeLayer({ rotation: { unit: "day", every: 1 }, handoffTime: "02:30", participants: ["A", "B"] });

  it("E4: 02:30 on 2027-03-28 hands off at 03:00 CEST (01:00Z): 23.5 h + 23.5 h, no gap, no overlap", () => {
    const shifts = layerShifts(at0230, BERLIN, at("2027-03-27T01:30:00Z"), at("2027-03-29T00:30:00Z"));
    expect(shifts.map((s) => [iso(s.startMs), iso(s.endMs), hoursOf(s)])).toEqual([
      ["2027-03-27T01:30:00Z", "2027-03-28T01:00:00Z", 23.5],
      ["2027-03-28T01:00:00Z", "2027-03-29T00:30:00Z", 23.5],
    ]);
  });

  it("E5: 02:30 on 2027-10-31 hands off once, at the first 02:30 (CEST, 00:30Z): 24 h then 25 h", () => {
    const shifts = layerShifts(at0230, BERLIN, at("2027-10-30T00:30:00Z"), at("2027-11-01T01:30:00Z"));
    expect(shifts.map((s) => [iso(s.startMs), hoursOf(s)])).toEqual([
      ["2027-10-30T00:30:00Z", 24],
      ["2027-10-31T00:30:00Z", 25],
    ]);
  });

  it("hourly wall-clock turns skip the nonexistent 02:00 hour and still tile the 23-hour day", () => {
    const hourly = makeLayer({
      rotation: { unit: "hour", every: 1 },
      handoffTime: "00:00",
      participants: ["A", "B", "C"],
    });
    const from = local("2027-03-28T00:00");
    const to = local("2027-03-29T00:00");
    const shifts = layerShifts(hourly, BERLIN, from, to);
    expect(to - from).toBe(23 * HOUR);
    expect(shifts).toHaveLength(23);
    shifts.forEach((s, i) => {
      expect(s.endMs - s.startMs).toBe(HOUR);
      if (i > 0) expect(s.startMs).toBe(shifts[i - 1]!.endMs);
    });
  });
});

describe("turn clock", () => {
  it("finds the turn of an instant years after the anchor without drift", () => {
    const clock = turnClock(makeLayer({}), BERLIN);
    const k = clock.turnIndexAt(at("2037-06-10T12:00:00Z"));
    expect(iso(clock.boundaryMs(k))).toBe("2037-06-08T07:00:00Z"); // Monday 09:00 CEST
    expect(clock.boundaryMs(k + 1) - clock.boundaryMs(k)).toBe(7 * DAY);
  });

  it("rejects a non-positive or fractional cadence", () => {
    expect(() => turnClock(makeLayer({ rotation: { unit: "day", every: 0 } }), BERLIN)).toThrow(OncallDefinitionError);
    expect(() => turnClock(makeLayer({ rotation: { unit: "day", every: 1.5 } }), BERLIN)).toThrow(
      OncallDefinitionError,
    );
  });
});
