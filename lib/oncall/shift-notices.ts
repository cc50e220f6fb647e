import type { Segment } from "./types";
import { userShifts } from "./timeline";

// Shift notifications (issue 13 item 6): a reminder `lead` minutes before a person's shift starts, and a
// handoff notice when it starts (to the incoming person, naming who goes off call). Pure: the caller
// passes the schedule's final segments around `nowMs`. A notice is due when its instant falls in
// (nowMs − lookbackMs, nowMs]; the caller stores notices under a unique key, so overlapping runs never
// send one twice and a run that comes late (within the look-back) still sends it.

export type ShiftNotice = {
  kind: "shift_reminder" | "handoff";
  userId: string;
  shiftStartMs: number;
  shiftEndMs: number;
  /** handoff: who was on call just before and is not after (empty for a reminder) */
  outgoingUserIds: string[];
};

export function dueShiftNotices(input: {
  segments: Segment[];
  nowMs: number;
  lookbackMs: number;
  /** minutes before a shift to remind this user; 0 = no reminder */
  leadMinutesOf: (userId: string) => number;
}): ShiftNotice[] {
  const { segments, nowMs, lookbackMs } = input;
  const due = (atMs: number) => atMs > nowMs - lookbackMs && atMs <= nowMs;
  const out: ShiftNotice[] = [];
  const firstStart = segments[0]?.startMs ?? Infinity;
  for (const shift of userShifts(segments)) {
    // a shift that begins at the first segment may have begun earlier: its start is not known here
    if (shift.startMs <= firstStart) continue;
    const lead = input.leadMinutesOf(shift.userId) * 60_000;
    if (lead > 0 && shift.startMs > nowMs && due(shift.startMs - lead)) {
      out.push({
        kind: "shift_reminder",
        userId: shift.userId,
        shiftStartMs: shift.startMs,
        shiftEndMs: shift.endMs,
        outgoingUserIds: [],
      });
    }
    if (due(shift.startMs)) {
      const before = segments.find((s) => s.endMs === shift.startMs);
      const after = segments.find((s) => s.startMs === shift.startMs);
      const outgoing = (before?.userIds ?? []).filter((u) => !(after?.userIds ?? []).includes(u));
      out.push({
        kind: "handoff",
        userId: shift.userId,
        shiftStartMs: shift.startMs,
        shiftEndMs: shift.endMs,
        outgoingUserIds: outgoing,
      });
    }
  }
  return out.sort(
    (a, b) => a.shiftStartMs - b.shiftStartMs || a.userId.localeCompare(b.userId) || a.kind.localeCompare(b.kind),
  );
}
