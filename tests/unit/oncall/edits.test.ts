import { describe, expect, it } from "vitest";
import { editParticipants, finalTimeline, layerShifts, startPositionForEdit, type Schedule } from "@/lib/oncall";
import { BERLIN, local, makeLayer, shiftView } from "./helpers";

// Slots [A, B, C, D], weekly Monday 09:00 from 2027-01-04: the week of 2027-03-01 (turn 8) is A's,
// 2027-03-08 (turn 9) is B's.
const layer = makeLayer({ participants: ["A", "B", "C", "D"] });
const editAt = local("2027-03-10T14:00"); // Wednesday of B's week
const window = { fromMs: local("2027-03-01T09:00"), toMs: local("2027-03-29T09:00") };

const whoByWeek = (layers: ReturnType<typeof editParticipants>) =>
  finalTimeline({ schedule: { timezone: BERLIN, layers }, ...window }).map((s) => s.userIds.join("+"));

describe("participant edits keep the handoff phase and never rewrite the past", () => {
  it("E9: removing a participant who is not on call keeps B on call, then C, D", () => {
    expect(whoByWeek(editParticipants(layer, BERLIN, editAt, ["B", "C", "D"]))).toEqual(["A", "B", "C", "D"]);
  });

  it("E10: removing B while on call hands the rest of the turn to C, then D follows", () => {
    const layers = editParticipants(layer, BERLIN, editAt, ["A", "C", "D"]);
    const segments = finalTimeline({ schedule: { timezone: BERLIN, layers }, ...window });
    expect(segments.map((s) => [s.userIds.join("+"), s.startMs])).toEqual([
      ["A", local("2027-03-01T09:00")],
      ["B", local("2027-03-08T09:00")],
      ["C", editAt],
      ["D", local("2027-03-15T09:00")],
      ["A", local("2027-03-22T09:00")],
    ]);
  });

  it("E11: removing the on-call person of a two-person rotation puts the other on call at once", () => {
    const pair = makeLayer({ participants: ["A", "B"] });
    const schedule: Schedule = { timezone: BERLIN, layers: editParticipants(pair, BERLIN, editAt, ["A"]) };
    expect(finalTimeline({ schedule, fromMs: editAt - 1, toMs: editAt + 1 }).map((s) => s.userIds)).toEqual([
      ["B"],
      ["A"],
    ]);
  });

  it("E23: adding a participant leaves every shift before the edit identical", () => {
    const [before] = editParticipants(layer, BERLIN, editAt, ["A", "B", "C", "D", "E"]);
    const past = { from: local("2026-12-01T00:00"), to: editAt };
    expect(layerShifts(before, BERLIN, past.from, past.to)).toEqual(layerShifts(layer, BERLIN, past.from, past.to));
    expect(shiftView(layerShifts(before, BERLIN, editAt, editAt + 1))).toEqual([]);
  });

  it("startPositionForEdit falls back to slot 0 for the current turn when nobody old remains", () => {
    const position = startPositionForEdit(layer, BERLIN, editAt, ["X", "Y"]);
    const next = { ...layer, participants: ["X", "Y"], startPosition: position, effectiveFromMs: editAt };
    expect(layerShifts(next, BERLIN, editAt, editAt + 1)[0]!.userId).toBe("X");
  });
});
