// Types of the service readiness scorecard: the operations checklist of the source document turned into
// computed checks. Pure data: instants are epoch ms, zones are IANA names, links are app paths.

export const CHECK_KEYS = [
  "slo_signed_off",
  "runbooks",
  "budget_policy",
  "escalation",
  "postmortems",
  "action_items",
] as const;
export type CheckKey = (typeof CHECK_KEYS)[number];

/** Title of each check as shown in the scorecard, in checklist order. */
export const CHECK_TITLES: Readonly<Record<CheckKey, string>> = {
  slo_signed_off: "SLOs published and signed off",
  runbooks: "Every alerting SLO has a runbook",
  budget_policy: "Error-budget policy agreed",
  escalation: "On-call with escalation (≥ 2 steps, no gaps in 30 days)",
  postmortems: "SEV-1/2 postmortems published on time",
  action_items: "No P0/P1 action item overdue",
};

/** no_data: the check cannot be judged because the SLOs it rests on have no data (unknown, never a pass). */
export type CheckStatus = "pass" | "fail" | "no_data";

/** Where to go to fix a failing check (or to look at a passing one). */
export type CheckLink = { href: string; label: string };

export type CheckResult = {
  key: CheckKey;
  title: string;
  status: CheckStatus;
  /** One sentence: why it passes or fails. */
  reason: string;
  /** Each offending (or, for a pass, counted) item, one line each. */
  details: string[];
  link: CheckLink;
};

/** The service a check is about; `timezone` is its team's zone, in which the details write instants. */
export type ServiceRef = { slug: string; timezone: string };

/** An action item as the due-date checks see it: what names it, its state and its due date in its own zone. */
export type ActionItemDue = {
  id: string;
  title: string;
  priority: string;
  status: string;
  dueDate: string | null;
  dueTimezone: string;
};

/** An overdue action item: when its local due day ended. */
export type OverdueItem = Omit<ActionItemDue, "status" | "dueDate"> & { dueDate: string; dueAtMs: number };

/** Builds a result; keeps the title in one place. */
export const result = (
  key: CheckKey,
  status: CheckStatus,
  reason: string,
  link: CheckLink,
  details: string[] = [],
): CheckResult => ({
  key,
  title: CHECK_TITLES[key],
  status,
  reason,
  details,
  link,
});
