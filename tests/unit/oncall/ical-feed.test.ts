import ICAL from "ical.js";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { FEED_PAST_MS, feedSegments, finalTimeline, toICalendar, type Override, type Schedule } from "@/lib/oncall";
import { BERLIN, DAY, HOUR, local, makeLayer } from "./helpers";

// A calendar client syncing a feed must see the same events (same UID, same DTSTART) at every fetch:
// the feed range is clipped to whole shifts, never cut at "now − 30 days".

const weekly: Schedule = {
  timezone: BERLIN,
  layers: [makeLayer({ startMs: local("2027-01-04T00:00"), participants: ["u1", "u2", "u3"] })],
};
const overrides: Override[] = [
  {
    id: "o1",
    kind: "replace",
    userId: "u9",
    replacesUserId: "u2",
    startMs: local("2027-04-07T12:00"),
    endMs: local("2027-04-08T12:00"),
  },
];

function fetchFeed(
  schedule: Schedule,
  nowMs: number,
  extra: Override[] = [],
): Map<string, { start: number; end: number }> {
  const segments = feedSegments(nowMs, (fromMs, toMs) => finalTimeline({ schedule, overrides: extra, fromMs, toMs }));
  const text = toICalendar({ name: "Payments", segments, uidSeed: "schedule-1", nowMs });
  const events = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents("vevent").map((c) => new ICAL.Event(c));
  return new Map(
    events.map((e) => [e.uid, { start: e.startDate.toJSDate().getTime(), end: e.endDate.toJSDate().getTime() }]),
  );
}

const fetches = [
  Date.parse("2027-05-05T13:37:12.345Z"),
  Date.parse("2027-05-05T16:02:59.001Z"),
  Date.parse("2027-05-14T08:11:00Z"),
];

describe("feedSegments", () => {
  it("gives every event the same UID and DTSTART at three fetches, and events start at real handoffs", () => {
    const [a, b, c] = fetches.map((now) => fetchFeed(weekly, now, overrides));
    // Same day, no handoff crossed at either end of the range: the very same events.
    expect([...b!.entries()]).toEqual([...a!.entries()]);
    let shared = 0;
    for (const [uid, event] of c!) {
      const earlier = a!.get(uid);
      if (!earlier) continue;
      shared += 1;
      expect(event.start).toBe(earlier.start);
    }
    expect(shared).toBeGreaterThan(40);
    for (const feed of [a!, b!, c!]) {
      for (const { start } of feed.values()) {
        const t = DateTime.fromMillis(start, { zone: BERLIN });
        // Rotation handoffs are Mondays 09:00; the override starts and ends at noon.
        expect((t.weekday === 1 && t.toFormat("HH:mm") === "09:00") || t.toFormat("HH:mm") === "12:00").toBe(true);
      }
    }
  });

  it("keeps the shift running at now − 30 days whole instead of starting it at that instant", () => {
    for (const now of fetches) {
      const starts = [...fetchFeed(weekly, now).values()].map((e) => e.start).sort((x, y) => x - y);
      expect(starts[0]).toBeLessThanOrEqual(now - FEED_PAST_MS);
      expect(starts[0]).toBeGreaterThan(now - FEED_PAST_MS - 7 * DAY);
      expect(starts[0]).not.toBe(now - FEED_PAST_MS);
    }
  });

  it("finds the real start of a shift longer than the first widening (a lone participant since 2025)", () => {
    const lone: Schedule = {
      timezone: BERLIN,
      layers: [makeLayer({ startMs: local("2025-02-03T00:00"), participants: ["solo"] })],
    };
    const feeds = fetches.map((now) => [...fetchFeed(lone, now).entries()]);
    for (const feed of feeds) {
      expect(feed).toHaveLength(1);
      expect(feed[0]![1].start).toBe(local("2025-02-03T09:00"));
    }
    expect(new Set(feeds.map((f) => f[0]![0])).size).toBe(1);
  });

  it("drops gaps and everything outside the range", () => {
    const restricted: Schedule = {
      timezone: BERLIN,
      layers: [
        makeLayer({
          participants: ["u1"],
          rotation: { unit: "day", every: 1 },
          restrictions: { kind: "time_of_day", windows: [{ from: "09:00", to: "17:00" }] },
        }),
      ],
    };
    const now = fetches[0]!;
    const segments = feedSegments(now, (fromMs, toMs) => finalTimeline({ schedule: restricted, fromMs, toMs }));
    expect(
      segments.every((s) => s.userIds.length > 0 && s.endMs > now - FEED_PAST_MS && s.startMs < now + 365 * DAY),
    ).toBe(true);
    expect(segments.every((s) => s.endMs - s.startMs === 8 * HOUR)).toBe(true);
  });
});
