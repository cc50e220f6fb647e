import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { assertZone, OncallDefinitionError, parseWallClock, resolveLocal, resolveLocalMs } from "@/lib/oncall";
import { BERLIN, NEW_YORK, iso } from "./helpers";

const naive = (isoLocal: string) => DateTime.fromISO(isoLocal, { zone: "utc" });

describe("resolveLocal: one rule for nonexistent and doubled local times", () => {
  it.each([
    ["regular winter time", "2027-01-10T09:00", BERLIN, "2027-01-10T08:00:00Z"],
    ["regular summer time", "2027-07-10T09:00", BERLIN, "2027-07-10T07:00:00Z"],
    [
      "spring gap 02:30 maps to the transition (03:00 CEST), not 03:30",
      "2027-03-28T02:30",
      BERLIN,
      "2027-03-28T01:00:00Z",
    ],
    ["spring gap 02:00 (gap start) maps to the transition", "2027-03-28T02:00", BERLIN, "2027-03-28T01:00:00Z"],
    ["03:00 right after the gap", "2027-03-28T03:00", BERLIN, "2027-03-28T01:00:00Z"],
    ["fall-back 02:30 maps to the earlier occurrence (CEST)", "2027-10-31T02:30", BERLIN, "2027-10-31T00:30:00Z"],
    ["fall-back 02:00 maps to the earlier occurrence", "2027-10-31T02:00", BERLIN, "2027-10-31T00:00:00Z"],
    ["US spring gap 02:30 maps to 03:00 EDT", "2027-03-14T02:30", NEW_YORK, "2027-03-14T07:00:00Z"],
    ["US fall-back 01:30 maps to EDT", "2027-11-07T01:30", NEW_YORK, "2027-11-07T05:30:00Z"],
  ])("%s", (_label, localIso, zone, expected) => {
    expect(iso(resolveLocal(naive(localIso), zone))).toBe(expected);
  });
});

describe("resolveLocalMs agrees with luxon's tz data for every quarter hour of the 2027 DST seasons", () => {
  // Property: resolving the local wall clock of any instant gives an instant with that same wall clock,
  // and never a later one (the earlier occurrence wins); a value that falls in a gap maps to the transition.
  it.each([BERLIN, NEW_YORK, "Australia/Lord_Howe", "Australia/Sydney", "Asia/Kolkata"])("%s", (zone) => {
    let ambiguous = 0;
    const quarterHours = (from: string, to: string) =>
      Array.from({ length: (Date.parse(to) - Date.parse(from)) / 900_000 }, (_, i) => Date.parse(from) + i * 900_000);
    for (const t of [
      ...quarterHours("2027-03-01T00:00:00Z", "2027-04-10T00:00:00Z"),
      ...quarterHours("2027-09-28T00:00:00Z", "2027-11-10T00:00:00Z"),
    ]) {
      const wall = DateTime.fromMillis(t, { zone });
      const naiveMs = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute);
      const resolved = resolveLocalMs(naiveMs, zone);
      const back = DateTime.fromMillis(resolved, { zone });
      expect(Date.UTC(back.year, back.month - 1, back.day, back.hour, back.minute)).toBe(naiveMs);
      expect(resolved).toBeLessThanOrEqual(t);
      if (resolved < t) ambiguous += 1;
    }
    const expectedAmbiguous = {
      [BERLIN]: 4,
      [NEW_YORK]: 4,
      "Australia/Lord_Howe": 2,
      "Australia/Sydney": 4,
      "Asia/Kolkata": 0,
    }[zone];
    expect(ambiguous).toBe(expectedAmbiguous);
  });

  it("Lord Howe's 30-minute spring gap maps 02:15 to 02:30", () => {
    expect(iso(resolveLocalMs(Date.UTC(2027, 9, 3, 2, 15), "Australia/Lord_Howe"))).toBe("2027-10-02T15:30:00Z");
  });
});

describe("validation", () => {
  it("parses HH:mm and rejects everything else", () => {
    expect(parseWallClock("09:05")).toEqual({ hour: 9, minute: 5, minutes: 545 });
    expect(parseWallClock("23:59")).toEqual({ hour: 23, minute: 59, minutes: 1439 });
    for (const bad of ["9:00", "24:00", "12:60", "noon", ""])
      expect(() => parseWallClock(bad)).toThrow(OncallDefinitionError);
  });

  it("rejects unknown zones", () => {
    expect(() => assertZone("Europe/Atlantis")).toThrow(OncallDefinitionError);
    expect(() => assertZone(BERLIN)).not.toThrow();
  });
});
