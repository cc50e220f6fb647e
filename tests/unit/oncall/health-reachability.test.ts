import { describe, expect, it } from "vitest";
import { finalTimeline, rotationHealth, userShifts, type Schedule } from "@/lib/oncall";
import { BERLIN, DAY, local, makeLayer } from "./helpers";

// NO_CONTACT_METHOD (issue 13): a person on call in the horizon whom no page can reach.
const now = local("2027-06-07T12:00");
const six: Schedule = { timezone: BERLIN, layers: [makeLayer({ participants: ["A", "B", "C", "D", "E", "F"] })] };
const base = () => {
  const past = finalTimeline({ schedule: six, fromMs: now - 21 * DAY, toMs: now + 30 * DAY });
  return {
    segments: finalTimeline({ schedule: six, fromMs: now, toMs: now + 30 * DAY }),
    teamSize: 6,
    pages: [],
    shifts: userShifts(past),
    handoffNotes: userShifts(past).map((s) => ({ shiftStartMs: s.startMs })),
    tz: BERLIN,
    nowMs: now,
  };
};

describe("rotationHealth: unreachable people", () => {
  it("warns once per unreachable person on call in the horizon, in id order", () => {
    const warnings = rotationHealth({ ...base(), unreachableUserIds: ["C", "A", "A"] });
    expect(warnings.map((w) => [w.code, w.detail])).toEqual([
      ["NO_CONTACT_METHOD", { userId: "A" }],
      ["NO_CONTACT_METHOD", { userId: "C" }],
    ]);
    expect(warnings[0]!.message).toBe("A is on call but has no verified contact method: pages cannot reach them");
  });
  it("ignores people not on call in the horizon, and says nothing when everyone is reachable", () => {
    expect(rotationHealth({ ...base(), unreachableUserIds: ["Z"] })).toEqual([]);
    expect(rotationHealth({ ...base(), unreachableUserIds: [] })).toEqual([]);
    expect(rotationHealth(base())).toEqual([]);
  });
});
