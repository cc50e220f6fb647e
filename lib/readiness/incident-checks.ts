import { actionItemDueAtMs, actionItemOverdue } from "@/lib/postmortem";
import { formatInstant } from "./format";
import { postmortemTimeliness } from "./timeliness";
import { result, type ActionItemDue, type CheckResult, type ServiceRef } from "./types";

// Checks (e) and (f): "postmortems for all SEV-1 / SEV-2 incidents within 5 business days", and the
// follow-ups they promise actually happen.

const DAY_MS = 86_400_000;
/** Incidents resolved this long ago or earlier no longer count against the service. */
export const POSTMORTEM_LOOKBACK_DAYS = 90;
export const HIGH_PRIORITIES = ["P0", "P1"] as const;

export type IncidentFacts = {
  number: number;
  title: string;
  severity: string;
  resolvedAtMs: number | null;
  /** Zone of the owning team (deadlines are business days there). */
  timezone: string;
  publishedAtMs: number | null;
  /** The budget policy triggered: a postmortem is required whatever the severity, with a P0/P1 action item. */
  budgetPolicy?: { actionItemMet: boolean };
};

const tag = (i: IncidentFacts) => (i.budgetPolicy ? " (budget policy)" : "");

/**
 * (e) Over SEV-1/2 incidents and incidents the budget policy made postmortem-worthy, affecting the service
 * and resolved in the last 90 days: fails when a postmortem was published after its deadline, or is
 * unpublished past it, or a budget-policy incident has no P0/P1 action item. Deadlines still ahead pass.
 */
export function checkPostmortems(service: ServiceRef, incidents: readonly IncidentFacts[], nowMs: number): CheckResult {
  const at = (ms: number) => formatInstant(ms, service.timezone);
  const since = nowMs - POSTMORTEM_LOOKBACK_DAYS * DAY_MS;
  const judged = incidents
    .filter(
      (i) =>
        (i.severity === "SEV-1" || i.severity === "SEV-2" || i.budgetPolicy) &&
        i.resolvedAtMs !== null &&
        i.resolvedAtMs >= since &&
        i.resolvedAtMs <= nowMs,
    )
    .map((i) => ({
      incident: i,
      ...postmortemTimeliness({
        severity: i.severity,
        resolvedAtMs: i.resolvedAtMs,
        timezone: i.timezone,
        publishedAtMs: i.publishedAtMs,
        nowMs,
        required: !!i.budgetPolicy,
      }),
    }));
  const noUrgentItem = judged.filter((j) => j.incident.budgetPolicy && !j.incident.budgetPolicy.actionItemMet);
  const bad = judged.filter((j) => j.status === "late" || j.status === "missing" || noUrgentItem.includes(j));
  if (bad.length > 0) {
    const first = bad[0]!.incident;
    return result(
      "postmortems",
      "fail",
      `${bad.length} of ${judged.length} ${judged.some((j) => j.incident.budgetPolicy) ? "required" : "SEV-1/2"} postmortem(s) in the last ${POSTMORTEM_LOOKBACK_DAYS} days were not published on time${noUrgentItem.length ? ` or lack the P0/P1 action item the budget policy requires (${noUrgentItem.length})` : ""}.`,
      { href: `/incidents/${first.number}/postmortem`, label: `Publish the INC-${first.number} postmortem` },
      bad.map((j) => {
        const head = `INC-${j.incident.number} ${j.incident.severity}${tag(j.incident)} ${j.incident.title}`;
        const noItem = noUrgentItem.includes(j) ? "; no P0/P1 action item (budget policy)" : "";
        if (j.status === "late")
          return `${head}: published ${at(j.incident.publishedAtMs!)}, due ${at(j.dueAtMs!)}${noItem}`;
        if (j.status === "missing") return `${head}: not published, due ${at(j.dueAtMs!)}${noItem}`;
        return `${head}: ${j.status === "on_time" ? "published on time" : j.dueAtMs === null ? "not resolved" : `due ${at(j.dueAtMs)}`}${noItem}`;
      }),
    );
  }
  const link = { href: `/incidents?service=${encodeURIComponent(service.slug)}`, label: "View incidents" };
  if (judged.length === 0)
    return result(
      "postmortems",
      "pass",
      `No SEV-1/2 incident was resolved in the last ${POSTMORTEM_LOOKBACK_DAYS} days.`,
      link,
    );
  const pending = judged.filter((j) => j.status === "pending").length;
  return result(
    "postmortems",
    "pass",
    `${judged.length - pending} SEV-1/2 postmortem(s) published on time${pending ? `; ${pending} still within the deadline` : ""}.`,
    link,
    judged.map(
      (j) =>
        `INC-${j.incident.number}${tag(j.incident)}: ${j.status === "pending" ? `due ${at(j.dueAtMs!)}` : "published on time"}`,
    ),
  );
}

export type ActionItemFacts = ActionItemDue & { incidentNumber: number | null };

/** (f) Fails when any P0/P1 action item of the service is open or in progress past the end of its due day. */
export function checkActionItems(service: ServiceRef, items: readonly ActionItemFacts[], nowMs: number): CheckResult {
  const high = items.filter((i) => (HIGH_PRIORITIES as readonly string[]).includes(i.priority));
  const overdue = high.filter((i) =>
    actionItemOverdue(
      { status: i.status as "open", dueDate: i.dueDate, dueTimezone: i.dueDate === null ? null : i.dueTimezone },
      nowMs,
    ),
  );
  const link = {
    href: `/action-items?service=${encodeURIComponent(service.slug)}&overdue=true`,
    label: "Review overdue action items",
  };
  if (overdue.length > 0) {
    return result(
      "action_items",
      "fail",
      `${overdue.length} P0/P1 action item(s) overdue.`,
      link,
      overdue.map((i) => {
        const due = actionItemDueAtMs({ dueDate: i.dueDate, dueTimezone: i.dueTimezone });
        // The due day is a local date in its own zone; when that is not the team's, say when it ends for the team.
        const forTeam =
          due !== null && i.dueTimezone !== service.timezone ? ` (ends ${formatInstant(due, service.timezone)})` : "";
        return `${i.priority} ${i.title}${i.incidentNumber !== null ? ` (INC-${i.incidentNumber})` : ""}: due ${i.dueDate} ${i.dueTimezone}${forTeam}`;
      }),
    );
  }
  const open = high.filter((i) => i.status === "open" || i.status === "in_progress").length;
  return result(
    "action_items",
    "pass",
    open ? `${open} open P0/P1 action item(s), none overdue.` : "No open P0/P1 action item.",
    { ...link, href: `/action-items?service=${encodeURIComponent(service.slug)}`, label: "View action items" },
  );
}
