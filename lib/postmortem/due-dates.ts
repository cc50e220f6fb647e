import { businessDaysDeadline, type Holidays } from "./business-days";
import { SEVERITY_DEFINITIONS, type Severity } from "./severity";

// Postmortem deadlines, counted in business days from the resolution instant in the owning team's IANA
// zone (rule in business-days.ts). SEV-1/SEV-2: publish due at the end of the 5th business day, as the
// source document asks ("Postmortems for all SEV-1 / SEV-2 incidents within 5 business days").
// SEV-3: no deadline (postmortem optional) unless a trigger made it required, then 10 business days.

export type PostmortemDueInput = {
  severity: Severity;
  /** Epoch ms of the (last) resolution. */
  resolvedAtMs: number;
  /** IANA zone of the owning team's business calendar, e.g. "America/New_York". */
  timezone: string;
  /** Local dates ("YYYY-MM-DD") of that calendar's holidays. */
  holidays?: Holidays;
  /** Set when a trigger (data loss, ≥ 10 % of a budget, …) makes an optional postmortem required. */
  required?: boolean;
};

const deadline = (input: PostmortemDueInput, businessDays: number): number | null => {
  const definition = SEVERITY_DEFINITIONS[input.severity];
  if (definition.postmortem !== "required" && input.required !== true) return null;
  return businessDaysDeadline({
    fromMs: input.resolvedAtMs,
    businessDays,
    timezone: input.timezone,
    holidays: input.holidays,
  }).atMs;
};

/**
 * When the postmortem must be published: epoch ms of 23:59:59.999 local time on the N-th business day
 * after the local resolution date (N = 5 for SEV-1/2, 10 for a required SEV-3), or null when no
 * postmortem is required. Throws RangeError for an unknown time zone.
 */
export const postmortemDueAt = (input: PostmortemDueInput): number | null =>
  deadline(input, SEVERITY_DEFINITIONS[input.severity].publishDueBusinessDays);

/** When the draft should be submitted for review (3 / 4 / 7 business days), same rule as postmortemDueAt. */
export const postmortemReviewDueAt = (input: PostmortemDueInput): number | null =>
  deadline(input, SEVERITY_DEFINITIONS[input.severity].reviewDueBusinessDays);

/**
 * True when a postmortem is past its deadline at `nowMs` and was not published by then.
 * Boundary: exactly at `dueAtMs` it is not yet overdue (overdue means now > due). No deadline → never
 * overdue. A publication at or before `nowMs` ends the overdue state (even if it was late; see
 * publishedLate).
 */
export function isOverdue(dueAtMs: number | null, publishedAtMs: number | null, nowMs: number): boolean {
  if (dueAtMs === null) return false;
  if (publishedAtMs !== null && publishedAtMs <= nowMs) return false;
  return nowMs > dueAtMs;
}

/** True when the postmortem was published after its deadline. */
export const publishedLate = (dueAtMs: number | null, publishedAtMs: number | null): boolean =>
  dueAtMs !== null && publishedAtMs !== null && publishedAtMs > dueAtMs;
