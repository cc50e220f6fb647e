import "server-only";

// Prisma select fragments that several read models share, so that what "an incident in a list" or "an
// action item's due state" reads is said once.

/** An incident's headline: what lists of incidents show and order by. */
export const incidentHeadline = {
  number: true,
  title: true,
  severity: true,
  status: true,
  impactStartAt: true,
  detectedAt: true,
  createdAt: true,
} as const;

/** What decides whether an action item is overdue (its due date in its own zone), with what names it. */
export const actionItemDue = {
  id: true,
  title: true,
  priority: true,
  status: true,
  dueDate: true,
  dueTimezone: true,
} as const;

/** What decides when an incident's postmortem is due (resolution in the team's zone), with what names it. */
export const incidentPostmortemDue = {
  number: true,
  title: true,
  severity: true,
  resolvedAt: true,
  team: { select: { timezone: true } },
} as const;
