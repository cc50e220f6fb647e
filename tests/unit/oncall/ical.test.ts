import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { escapeText, finalTimeline, foldLine, toICalendar, type Schedule } from "@/lib/oncall";
import { BERLIN, local, makeLayer } from "./helpers";

const schedule: Schedule = {
  timezone: BERLIN,
  layers: [makeLayer({ startMs: local("2027-03-15T00:00"), participants: ["u1", null, "u2"] })],
};
const segments = finalTimeline({ schedule, fromMs: local("2027-03-15T09:00"), toMs: local("2027-04-12T09:00") });
const nowMs = Date.parse("2027-03-10T10:00:00Z");
const userNames = {
  u1: "Ana, the; lead \\ ops",
  u2: "Bjørn Ødegård-Østergaard with a very long display name that forces folding",
};
const text = toICalendar({ name: "Payments, primary", segments, uidSeed: "schedule-1", nowMs, userNames });

describe("toICalendar", () => {
  it("uses CRLF line endings and folds every line at 75 octets", () => {
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    for (const line of text.split("\r\n")) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(text).toContain("\r\n ");
  });

  it("parses with ical.js: calendar properties, one event per covered segment, UTC times, unescaped text", () => {
    const calendar = new ICAL.Component(ICAL.parse(text));
    expect(calendar.getFirstPropertyValue("version")).toBe("2.0");
    expect(calendar.getFirstPropertyValue("method")).toBe("PUBLISH");
    expect(calendar.getFirstPropertyValue("calscale")).toBe("GREGORIAN");
    expect(calendar.getFirstPropertyValue("prodid")).toBe("-//sre-control-plane//on-call//EN");
    // X- properties default to TEXT (RFC 5545 §3.8.8.2) so they are escaped; ical.js keeps unknown ones raw.
    expect(calendar.getFirstPropertyValue("x-wr-calname")).toBe("Payments\\, primary");
    const events = calendar.getAllSubcomponents("vevent").map((c) => new ICAL.Event(c));
    expect(events).toHaveLength(segments.filter((s) => s.userIds.length > 0).length);
    expect(events.map((e) => [e.startDate.toJSDate().toISOString(), e.endDate.toJSDate().toISOString()])).toEqual([
      ["2027-03-15T08:00:00.000Z", "2027-03-22T08:00:00.000Z"],
      ["2027-03-29T07:00:00.000Z", "2027-04-05T07:00:00.000Z"],
      ["2027-04-05T07:00:00.000Z", "2027-04-12T07:00:00.000Z"],
    ]);
    expect(events[0]!.startDate.zone?.tzid).toBe("UTC");
    expect(events[0]!.summary).toBe("On call: Ana, the; lead \\ ops (Payments, primary)");
    expect(events[1]!.summary).toContain("Bjørn Ødegård-Østergaard with a very long display name");
    expect(events[0]!.description).toBe("Payments, primary\nOn call: Ana, the; lead \\ ops\nSource: rotation");
    const stamp = calendar.getFirstSubcomponent("vevent")!.getFirstPropertyValue("dtstamp") as ICAL.Time;
    expect(stamp.toJSDate().toISOString()).toBe("2027-03-10T10:00:00.000Z");
  });

  it("keeps UIDs unique within a feed and stable across exports", () => {
    const uids = (t: string) =>
      new ICAL.Component(ICAL.parse(t)).getAllSubcomponents("vevent").map((c) => c.getFirstPropertyValue("uid"));
    const first = uids(text);
    expect(new Set(first).size).toBe(first.length);
    const later = toICalendar({
      name: "Payments, primary",
      segments,
      uidSeed: "schedule-1",
      nowMs: nowMs + 86_400_000,
      userNames,
    });
    expect(uids(later)).toEqual(first);
    expect(uids(toICalendar({ name: "x", segments, uidSeed: "schedule-2", nowMs }))).not.toEqual(first);
  });

  it.each([
    ["a,b;c\\d", "a\\,b\\;c\\\\d"],
    ["line1\nline2\r\nline3", "line1\\nline2\\nline3"],
  ])("escapes %j", (raw, escaped) => {
    expect(escapeText(raw)).toBe(escaped);
  });

  it("never splits a multi-byte character when folding", () => {
    const folded = foldLine(`SUMMARY:${"ø".repeat(100)}`);
    const lines = folded.split("\r\n");
    expect(lines.every((l) => new TextEncoder().encode(l).length <= 75)).toBe(true);
    expect(lines.map((l, i) => (i === 0 ? l : l.slice(1))).join("")).toBe(`SUMMARY:${"ø".repeat(100)}`);
  });
});
