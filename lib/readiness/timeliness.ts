import { isSeverity, postmortemDueAt, publishedLate, SEVERITY_DEFINITIONS } from "@/lib/postmortem";

// Postmortem timeliness, shared by the scorecard (check e) and the manager report. The deadline is
// lib/postmortem postmortemDueAt: end of the 5th business day after the resolution, in the owning team's
// time zone, for SEV-1/2 (SEV-3: none, unless the budget policy made it required: 10 business days).

export type Timeliness =
  /** published at or before the deadline */
  | "on_time"
  /** published after the deadline */
  | "late"
  /** not published and the deadline has passed */
  | "missing"
  /** not published, deadline still ahead */
  | "pending"
  /** not resolved yet: the clock has not started */
  | "unresolved"
  /** no postmortem required (SEV-3) */
  | "not_required";

export type TimelinessInput = {
  severity: string;
  resolvedAtMs: number | null;
  /** IANA zone of the owning team's business calendar. */
  timezone: string;
  publishedAtMs: number | null;
  nowMs: number;
  /** The budget policy triggered (lib/postmortem budgetTrigger): a SEV-3 postmortem becomes required. */
  required?: boolean;
};

export function postmortemTimeliness(input: TimelinessInput): { status: Timeliness; dueAtMs: number | null } {
  if (!isSeverity(input.severity)) return { status: "not_required", dueAtMs: null };
  if (input.resolvedAtMs === null) {
    return {
      status:
        SEVERITY_DEFINITIONS[input.severity].postmortem === "required" || input.required
          ? "unresolved"
          : "not_required",
      dueAtMs: null,
    };
  }
  const dueAtMs = postmortemDueAt({
    severity: input.severity,
    resolvedAtMs: input.resolvedAtMs,
    timezone: input.timezone,
    required: input.required,
  });
  if (dueAtMs === null) return { status: "not_required", dueAtMs: null };
  if (input.publishedAtMs !== null && input.publishedAtMs <= input.nowMs) {
    return { status: publishedLate(dueAtMs, input.publishedAtMs) ? "late" : "on_time", dueAtMs };
  }
  return { status: input.nowMs > dueAtMs ? "missing" : "pending", dueAtMs };
}
