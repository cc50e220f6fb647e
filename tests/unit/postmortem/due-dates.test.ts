import { describe, expect, it } from "vitest";
import {
  addBusinessDays,
  businessDaysDeadline,
  isBusinessDay,
  isOverdue,
  postmortemDueAt,
  postmortemReviewDueAt,
  publishedLate,
} from "@/lib/postmortem";

const at = (iso: string): number => Date.parse(iso);
const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());
const NY = "America/New_York";

describe("postmortemDueAt: SEV-1/2 due at the end of the 5th business day after the local resolution date", () => {
  it.each([
    // Friday 20:30 EST is already Saturday in UTC; counting in New York starts Monday either way.
    ["Friday evening in New York", "SEV-2", "2026-11-28T01:30:00Z", NY, "2026-12-05T04:59:59.999Z"],
    // Saturday resolution: Monday is business day 1.
    ["Saturday", "SEV-1", "2026-11-28T15:00:00Z", NY, "2026-12-05T04:59:59.999Z"],
    ["Sunday", "SEV-1", "2026-11-29T15:00:00Z", NY, "2026-12-05T04:59:59.999Z"],
    // Across a month end: Thu 04-30 → Fri 05-01, Mon 05-04 … Thu 05-07 (EDT).
    ["across a month end", "SEV-2", "2026-04-30T19:00:00Z", NY, "2026-05-08T03:59:59.999Z"],
    // Across the autumn DST change (Nov 1): resolved in EDT, due in EST (UTC−5).
    ["across the end of DST", "SEV-1", "2026-10-28T16:00:00Z", NY, "2026-11-05T04:59:59.999Z"],
    // Across the spring DST change (Mar 8): resolved in EST, due in EDT (UTC−4).
    ["across the start of DST", "SEV-1", "2026-03-05T17:00:00Z", NY, "2026-03-13T03:59:59.999Z"],
    ["in UTC", "SEV-2", "2026-11-27T10:00:00Z", "UTC", "2026-12-04T23:59:59.999Z"],
  ] as const)("%s", (_name, severity, resolvedAt, timezone, expected) => {
    expect(iso(postmortemDueAt({ severity, resolvedAtMs: at(resolvedAt), timezone }))).toBe(expected);
  });

  it("uses the team's local date, not the UTC date (Thursday 21:00 EST is Friday in UTC)", () => {
    const resolvedAtMs = at("2026-11-20T02:00:00Z");
    expect(iso(postmortemDueAt({ severity: "SEV-2", resolvedAtMs, timezone: NY }))).toBe("2026-11-27T04:59:59.999Z");
    expect(iso(postmortemDueAt({ severity: "SEV-2", resolvedAtMs, timezone: "UTC" }))).toBe("2026-11-27T23:59:59.999Z");
  });

  it("skips holidays of the team calendar (anchors edge case 7)", () => {
    const base = { severity: "SEV-2" as const, resolvedAtMs: at("2026-12-23T12:00:00Z"), timezone: "Europe/Berlin" };
    const christmas = ["2026-12-24", "2026-12-25", "2026-12-26"];
    expect(iso(postmortemDueAt({ ...base, holidays: christmas }))).toBe("2027-01-01T22:59:59.999Z");
    expect(iso(postmortemDueAt({ ...base, holidays: [...christmas, "2027-01-01"] }))).toBe("2027-01-04T22:59:59.999Z");
  });

  it("returns null for SEV-3 unless a trigger made the postmortem required (then 10 business days)", () => {
    const base = { severity: "SEV-3" as const, resolvedAtMs: at("2026-11-27T15:00:00Z"), timezone: "UTC" };
    expect(postmortemDueAt(base)).toBeNull();
    expect(postmortemReviewDueAt(base)).toBeNull();
    expect(iso(postmortemDueAt({ ...base, required: true }))).toBe("2026-12-11T23:59:59.999Z");
  });

  it("computes the review deadline from the same rule (SEV-1: 3 business days, SEV-2: 4)", () => {
    const resolvedAtMs = at("2026-11-27T15:00:00Z");
    expect(iso(postmortemReviewDueAt({ severity: "SEV-1", resolvedAtMs, timezone: "UTC" }))).toBe(
      "2026-12-02T23:59:59.999Z",
    );
    expect(iso(postmortemReviewDueAt({ severity: "SEV-2", resolvedAtMs, timezone: "UTC" }))).toBe(
      "2026-12-03T23:59:59.999Z",
    );
  });

  it("rejects an unknown time zone", () => {
    expect(() => postmortemDueAt({ severity: "SEV-1", resolvedAtMs: 0, timezone: "Mars/Olympus" })).toThrow(RangeError);
  });
});

describe("business-day helpers", () => {
  it.each([
    ["2026-11-27", 0, "2026-11-27"],
    ["2026-11-27", 1, "2026-11-30"],
    ["2026-11-28", 1, "2026-11-30"],
    ["2026-12-31", 1, "2027-01-01"],
    ["2028-02-28", 1, "2028-02-29"],
  ] as const)("addBusinessDays(%s, %i) = %s", (start, days, expected) => {
    expect(addBusinessDays(start, days)).toBe(expected);
  });

  it("recognises weekends and holidays", () => {
    expect(isBusinessDay("2026-11-27")).toBe(true);
    expect(isBusinessDay("2026-11-28")).toBe(false);
    expect(isBusinessDay("2026-11-26", ["2026-11-26"])).toBe(false);
  });

  it("refuses malformed dates and negative counts", () => {
    expect(() => addBusinessDays("2026-13-01", 1)).toThrow(RangeError);
    expect(() => addBusinessDays("27/11/2026", 1)).toThrow(RangeError);
    expect(() => addBusinessDays("2026-11-27", -1)).toThrow(RangeError);
  });

  it("returns the local date and zone together with the instant", () => {
    expect(businessDaysDeadline({ fromMs: at("2026-11-28T01:30:00Z"), businessDays: 1, timezone: NY })).toEqual({
      date: "2026-11-30",
      timezone: NY,
      atMs: at("2026-12-01T04:59:59.999Z"),
    });
  });
});

describe("isOverdue", () => {
  const due = at("2026-12-05T04:59:59.999Z");
  it.each([
    ["no deadline", null, null, due + 1000, false],
    ["before the deadline", due, null, due - 1, false],
    ["exactly at the deadline", due, null, due, false],
    ["one millisecond after the deadline", due, null, due + 1, true],
    ["published on time", due, due - 1000, due + 1000, false],
    ["published late, evaluated after publication", due, due + 500, due + 1000, false],
    ["published later than the evaluated instant", due, due + 5000, due + 1000, true],
  ] as const)("%s → %s", (_name, dueAtMs, publishedAtMs, nowMs, expected) => {
    expect(isOverdue(dueAtMs, publishedAtMs, nowMs)).toBe(expected);
  });

  it("reports late publication separately", () => {
    expect(publishedLate(due, due + 1)).toBe(true);
    expect(publishedLate(due, due)).toBe(false);
    expect(publishedLate(null, due)).toBe(false);
  });
});
