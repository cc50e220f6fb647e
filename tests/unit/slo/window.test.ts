import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { DateTime } from "luxon";
import { nominalWindowSeconds, SloDefinitionError, windowBounds, windowLengthSeconds, type SloWindow } from "@/lib/slo";

const DAY = 86_400;
const HOUR = 3600;
const at = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toMillis();
const month = (timezone: string): SloWindow => ({ kind: "calendar", unit: "month", timezone });
const week = (timezone: string): SloWindow => ({ kind: "calendar", unit: "week", timezone });

describe("windowBounds", () => {
  it("rolling: [now − days, now], length = days", () => {
    const nowMs = Date.UTC(2027, 2, 15, 12, 0, 0);
    expect(windowBounds({ kind: "rolling", days: 30 }, nowMs)).toEqual({
      startMs: nowMs - 30 * DAY * 1000,
      endMs: nowMs,
      lengthSeconds: 30 * DAY,
      periodEndMs: nowMs,
    });
  });

  it("calendar month starts at local midnight on the 1st and ends at the next 1st", () => {
    const nowMs = at("2027-03-15T10:00:00", "Europe/Berlin");
    const bounds = windowBounds(month("Europe/Berlin"), nowMs);
    expect(new Date(bounds.startMs).toISOString()).toBe("2027-02-28T23:00:00.000Z"); // 1 March 00:00 CET
    expect(new Date(bounds.periodEndMs).toISOString()).toBe("2027-03-31T22:00:00.000Z"); // 1 April 00:00 CEST
    expect(bounds.endMs).toBe(nowMs);
    expect(bounds.lengthSeconds).toBe((nowMs - bounds.startMs) / 1000);
  });

  it("calendar week starts on Monday 00:00 (ISO week) in the zone", () => {
    const nowMs = at("2027-03-18T09:30:00", "America/New_York"); // Thursday
    const bounds = windowBounds(week("America/New_York"), nowMs);
    expect(DateTime.fromMillis(bounds.startMs, { zone: "America/New_York" }).toISO()).toBe(
      "2027-03-15T00:00:00.000-04:00",
    );
  });

  it("the same instant is in different months in different zones", () => {
    const nowMs = Date.UTC(2027, 3, 1, 2, 0, 0); // 1 April 04:00 in Berlin, still 31 March in New York
    expect(new Date(windowBounds(month("Europe/Berlin"), nowMs).startMs).toISOString()).toBe(
      "2027-03-31T22:00:00.000Z",
    );
    expect(new Date(windowBounds(month("America/New_York"), nowMs).startMs).toISOString()).toBe(
      "2027-03-01T05:00:00.000Z",
    );
  });

  it.each([
    [{ kind: "rolling", days: 0 } as SloWindow, "window.days"],
    [{ kind: "rolling", days: -3 } as SloWindow, "window.days"],
    [month("Mars/Olympus_Mons"), "window.timezone"],
  ])("rejects %j (field %s)", (window, field) => {
    expect(() => windowBounds(window, Date.UTC(2027, 0, 1))).toThrow(SloDefinitionError);
    expect(() => windowBounds(window, Date.UTC(2027, 0, 1))).toThrow(expect.objectContaining({ field }));
  });
});

describe("windowLengthSeconds", () => {
  it.each([
    [
      "Europe/Berlin March 2027 (spring forward)",
      month("Europe/Berlin"),
      at("2027-03-20T12:00:00", "Europe/Berlin"),
      31 * DAY - HOUR,
    ],
    [
      "Europe/Berlin October 2027 (fall back)",
      month("Europe/Berlin"),
      at("2027-10-05T12:00:00", "Europe/Berlin"),
      31 * DAY + HOUR,
    ],
    [
      "Europe/Berlin April 2027 (no change)",
      month("Europe/Berlin"),
      at("2027-04-10T12:00:00", "Europe/Berlin"),
      30 * DAY,
    ],
    [
      "America/New_York March 2027",
      month("America/New_York"),
      at("2027-03-01T00:00:00", "America/New_York"),
      31 * DAY - HOUR,
    ],
    [
      "America/New_York November 2027",
      month("America/New_York"),
      at("2027-11-30T23:59:59", "America/New_York"),
      30 * DAY + HOUR,
    ],
    ["UTC February 2028 (leap year)", month("UTC"), Date.UTC(2028, 1, 10), 29 * DAY],
    [
      "Europe/Berlin ISO week of 28 March 2027",
      week("Europe/Berlin"),
      at("2027-03-24T12:00:00", "Europe/Berlin"),
      7 * DAY - HOUR,
    ],
    [
      "Europe/Berlin ISO week of 31 October 2027",
      week("Europe/Berlin"),
      at("2027-10-31T20:00:00", "Europe/Berlin"),
      7 * DAY + HOUR,
    ],
    [
      "America/New_York ISO week of 7 November 2027 (Sunday)",
      week("America/New_York"),
      at("2027-11-07T12:00:00", "America/New_York"),
      7 * DAY + HOUR,
    ],
    ["rolling 28 d", { kind: "rolling", days: 28 } as SloWindow, Date.UTC(2027, 2, 28), 28 * DAY],
  ])("%s", (_label, window, nowMs, seconds) => {
    expect(windowLengthSeconds(window, nowMs)).toBe(seconds);
  });
});

describe("nominalWindowSeconds", () => {
  it.each([
    [{ kind: "rolling", days: 30 } as SloWindow, 30 * DAY],
    [{ kind: "rolling", days: 28 } as SloWindow, 28 * DAY],
    [month("Europe/Berlin"), 30 * DAY],
    [week("Europe/Berlin"), 7 * DAY],
  ])("%j → %d s", (window, seconds) => {
    expect(nominalWindowSeconds(window)).toBe(seconds);
  });
});

describe("calendar bounds memo", () => {
  // the bounds of the period containing an instant, computed by luxon from scratch (no memo)
  const fresh = (unit: "month" | "week", zone: string, ms: number) => {
    const start = DateTime.fromMillis(ms, { zone }).startOf(unit);
    return {
      startMs: start.toMillis(),
      periodEndMs: start.plus(unit === "month" ? { months: 1 } : { weeks: 1 }).toMillis(),
    };
  };
  it("gives the same bounds as a fresh computation, for instants in any order, across DST changes and period edges", () => {
    const zones = ["UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu"];
    const instant = fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2028, 0, 1) });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom<"month" | "week">("month", "week"), fc.constantFrom(...zones), instant), {
          minLength: 1,
          maxLength: 30,
        }),
        (asks) => {
          for (const [unit, timezone, ms] of asks) {
            // also the last millisecond of the period and the first of the next one
            const { periodEndMs } = fresh(unit, timezone, ms);
            for (const at of [ms, periodEndMs - 1, periodEndMs]) {
              const b = windowBounds({ kind: "calendar", unit, timezone }, at);
              expect({ startMs: b.startMs, periodEndMs: b.periodEndMs }).toEqual(fresh(unit, timezone, at));
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
