import { DateTime } from "luxon";
import type { Segment } from "./types";

// RFC 5545 output: CRLF line endings, content lines folded at 75 octets (UTF-8, never inside a
// character), TEXT values escaped, all times in UTC "Z" form so no VTIMEZONE is needed.

const CRLF = "\r\n";
const encoder = new TextEncoder();

/** Escape a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/** Fold one content line so no physical line exceeds 75 octets; continuation lines start with a space. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    const limit = out.length === 0 ? 75 : 74; // continuation lines spend one octet on the leading space
    if (octets + size > limit) {
      out.push(current);
      current = "";
      octets = 0;
    }
    current += char;
    octets += size;
  }
  out.push(current);
  return out.join(`${CRLF} `);
}

/** UTC date-time in iCalendar basic form, e.g. 20270329T070000Z. */
export function icalUtc(ms: number): string {
  return DateTime.fromMillis(ms, { zone: "utc" }).toFormat("yyyyLLdd'T'HHmmss'Z'");
}

// FNV-1a 32-bit, twice with different offsets: a stable, dependency-free id (not a security hash).
function fnv1a(text: string, seed: number): string {
  let hash = seed >>> 0;
  for (const byte of encoder.encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, "0");
}

/** UID of a segment: stable across exports as long as seed, start and users are unchanged (end may move). */
export function segmentUid(uidSeed: string, segment: Segment): string {
  const key = `${uidSeed}|${segment.startMs}|${[...segment.userIds].sort().join(",")}`;
  return `${fnv1a(key, 0x811c9dc5)}${fnv1a(key, 0x050c5d1f)}@sre-control-plane`;
}

const DAY_MS = 86_400_000;
/** A feed shows shifts from 30 days back to one year ahead of the fetch. */
export const FEED_PAST_MS = 30 * DAY_MS;
export const FEED_FUTURE_MS = 365 * DAY_MS;

/**
 * The non-gap segments of a feed fetched at `nowMs`, each whole: a shift that began before now − 30 days
 * keeps its real start (and one running past now + 1 year its real end) instead of being cut at a moving
 * instant, so DTSTART and the UID (derived from the start) are the same at every sync. `timeline(from, to)`
 * yields the feed's final segments over a range (already merged per person where the feed does that).
 * The range is widened on a grid of doubling size until no kept segment touches its edge; a shift longer
 * than ~3 years is cut at a grid point that moves once per 1024 days.
 */
export function feedSegments(nowMs: number, timeline: (fromMs: number, toMs: number) => Segment[]): Segment[] {
  const fromMs = nowMs - FEED_PAST_MS;
  const toMs = nowMs + FEED_FUTURE_MS;
  let kept: Segment[] = [];
  for (let pad = 8 * DAY_MS; pad <= 1024 * DAY_MS; pad *= 2) {
    const lo = Math.floor((fromMs - pad) / pad) * pad;
    const hi = Math.ceil((toMs + pad) / pad) * pad;
    kept = timeline(lo, hi).filter((s) => s.userIds.length > 0 && s.endMs > fromMs && s.startMs < toMs);
    if (kept.length === 0 || (kept[0]!.startMs > lo && kept[kept.length - 1]!.endMs < hi)) break;
  }
  return kept;
}

export type ICalInput = {
  name: string;
  segments: Segment[];
  uidSeed: string;
  nowMs: number;
  /** Display names by user id; unknown ids are shown as the id. */
  userNames?: Record<string, string>;
};

/** One source of events in a combined calendar (e.g. one schedule in a person's feed). */
export type ICalPart = { name: string; segments: Segment[]; uidSeed: string; userNames?: Record<string, string> };

/**
 * An RFC 5545 VCALENDAR (METHOD:PUBLISH) with one VEVENT per non-gap segment of the final schedule.
 * SUMMARY "On call: <names> (<calendar name>)"; DTSTAMP = nowMs; UID from `segmentUid`.
 */
export function toICalendar({ name, segments, uidSeed, nowMs, userNames = {} }: ICalInput): string {
  return toICalendarMulti({ name, nowMs, parts: [{ name, segments, uidSeed, userNames }] });
}

/**
 * Like `toICalendar` for several sources in one calendar named `name` (a person's feed over all their
 * schedules): each part's events are titled with the part's name and get UIDs from the part's seed.
 */
export function toICalendarMulti({ name, nowMs, parts }: { name: string; nowMs: number; parts: ICalPart[] }): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//sre-control-plane//on-call//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(name)}`,
  ];
  const stamp = icalUtc(nowMs);
  for (const part of parts) {
    const userNames = part.userNames ?? {};
    for (const segment of part.segments) {
      if (segment.userIds.length === 0) continue;
      const names = segment.userIds.map((id) => userNames[id] ?? id).join(", ");
      const source = segment.source.kind === "override" ? "override" : "rotation";
      lines.push(
        "BEGIN:VEVENT",
        `UID:${segmentUid(part.uidSeed, segment)}`,
        `DTSTAMP:${stamp}`,
        `DTSTART:${icalUtc(segment.startMs)}`,
        `DTEND:${icalUtc(segment.endMs)}`,
        `SUMMARY:${escapeText(`On call: ${names} (${part.name})`)}`,
        `DESCRIPTION:${escapeText(`${part.name}\nOn call: ${names}\nSource: ${source}`)}`,
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
      );
    }
  }
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join(CRLF) + CRLF;
}
