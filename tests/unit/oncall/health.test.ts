import { describe, expect, it } from "vitest";
import {
  finalTimeline,
  rotationHealth,
  userShifts,
  type HealthInput,
  type HealthWarning,
  type Schedule,
} from "@/lib/oncall";
import { BERLIN, DAY, HOUR, local, makeLayer } from "./helpers";

const now = local("2027-06-07T12:00"); // Monday
const sixPeople: Schedule = { timezone: BERLIN, layers: [makeLayer({ participants: ["A", "B", "C", "D", "E", "F"] })] };
const input = (schedule: Schedule, over: Partial<HealthInput> = {}): HealthInput => {
  const segments = finalTimeline({ schedule, fromMs: now, toMs: now + 30 * DAY });
  const past = finalTimeline({ schedule, fromMs: now - 21 * DAY, toMs: now + 30 * DAY });
  return {
    segments,
    teamSize: 6,
    pages: [],
    shifts: userShifts(past),
    handoffNotes: userShifts(past).map((s) => ({ shiftStartMs: s.startMs })),
    tz: BERLIN,
    nowMs: now,
    ...over,
  };
};
const codes = (w: HealthWarning[]) => w.map((x) => x.code);

describe("rotationHealth", () => {
  it("a 6-person weekly rotation with notes and quiet nights is healthy", () => {
    expect(rotationHealth(input(sixPeople))).toEqual([]);
  });

  it("reports gaps in the next 30 days with their total length", () => {
    const gappy: Schedule = {
      timezone: BERLIN,
      layers: [makeLayer({ participants: ["A", null, "B", "C", "D", "E"] })],
    };
    const [gap] = rotationHealth(input(gappy)).filter((w) => w.code === "GAPS");
    expect(gap?.code === "GAPS" && gap.detail.count).toBe(1);
    expect(gap?.code === "GAPS" && gap.detail.totalMinutes).toBe(7 * 24 * 60);
  });

  it("flags a small team and everyone on call more than 25 % of the time (3 weekly turns in 21 days: 33 % each)", () => {
    const trio: Schedule = { timezone: BERLIN, layers: [makeLayer({ participants: ["A", "B", "C"] })] };
    const warnings = rotationHealth(input(trio, { teamSize: 3, thresholds: { horizonDays: 21 } }));
    expect(codes(warnings)).toEqual(["SMALL_TEAM", "OVERLOADED_PERSON", "OVERLOADED_PERSON", "OVERLOADED_PERSON"]);
    const shares = warnings.flatMap((w) => (w.code === "OVERLOADED_PERSON" ? [w.detail.userId] : []));
    expect(shares).toEqual(["A", "B", "C"]);
  });

  it("counts pages per shift for the person on call (more than 2 is too many)", () => {
    const shift = input(sixPeople).shifts.find((s) => s.startMs <= now && s.endMs > now)!;
    const pages = [1, 2, 3]
      .map((h) => ({ atMs: now + h * HOUR, userId: shift.userId }))
      .concat({ atMs: now + HOUR, userId: "someone-else" });
    const warnings = rotationHealth(input(sixPeople, { pages }));
    expect(warnings).toEqual([
      expect.objectContaining({
        code: "TOO_MANY_PAGES_PER_SHIFT",
        detail: { userId: shift.userId, shiftStartMs: shift.startMs, shiftEndMs: shift.endMs, pages: 3, maximum: 2 },
      }),
    ]);
  });

  it.each([
    ["21:59 is awake", "2027-06-08T21:59", 0],
    ["22:00 is sleep", "2027-06-08T22:00", 1],
    ["03:00 is sleep", "2027-06-09T03:00", 1],
    ["06:59 is sleep", "2027-06-09T06:59", 1],
    ["07:00 is awake", "2027-06-09T07:00", 0],
  ])("sleep hours are 22:00–07:00 in the schedule zone: %s", (_label, when, count) => {
    const warnings = rotationHealth(input(sixPeople, { pages: [{ atMs: local(when), userId: "A" }] }));
    expect(warnings.filter((w) => w.code === "SLEEP_HOUR_PAGES")).toHaveLength(count);
  });

  it("reports past shift changes without a handoff note, not future ones", () => {
    const base = input(sixPeople);
    const warnings = rotationHealth({ ...base, handoffNotes: [] });
    const missing = warnings.find((w) => w.code === "MISSING_HANDOFF");
    expect(missing?.code === "MISSING_HANDOFF" && missing.detail.handoffsMs).toEqual([
      local("2027-05-24T09:00"),
      local("2027-05-31T09:00"),
      local("2027-06-07T09:00"),
    ]);
  });
});
