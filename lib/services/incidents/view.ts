import "server-only";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import {
  INCIDENT_STATUSES,
  incidentDurations,
  isOverdue,
  hasBudgetTriggerActionItem,
  isSeverity,
  postmortemDueAt,
  SEVERITY_DEFINITIONS,
  validateInstantOrder,
  type BudgetTrigger,
  type IncidentInstants,
  type InstantField,
  type Severity,
} from "@/lib/postmortem";
import { parseColumn } from "@/lib/db/repos/parse-column";
import type { IncidentRow } from "@/lib/db/repos/incidents";
import { parseBudgetTriggerColumn, parseReviewStatus } from "@/lib/db/repos/postmortems";
import { INCIDENT_ROLES, INSTANT_LABELS, type InstantKey } from "@/lib/validation/incidents";
import type { IncidentView, UserLiteView } from "@/lib/validation/views/incidents";
import type { Tx } from "./access";

// Shapes returned by the incident API, and the instant/due-date rules shared by the incident services.

/** API field ↔ lib/postmortem instant name. */
const FIELD_OF: Record<InstantField, InstantKey | "impactEndAt"> = {
  impactStart: "impactStartAt",
  detected: "detectedAt",
  acknowledged: "acknowledgedAt",
  mitigated: "mitigatedAt",
  resolved: "resolvedAt",
  impactEnd: "impactEndAt",
};

export type InstantRow = Record<InstantKey, Date | null>;

const ms = (d: Date | null | undefined) => (d ? d.getTime() : null);

export const toDomainInstants = (row: InstantRow): IncidentInstants => ({
  impactStart: ms(row.impactStartAt),
  detected: ms(row.detectedAt),
  acknowledged: ms(row.acknowledgedAt),
  mitigated: ms(row.mitigatedAt),
  resolved: ms(row.resolvedAt),
});

/** 422 naming each instant that is out of order (impact start ≤ detected ≤ acknowledged ≤ mitigated ≤ resolved). */
export function assertInstantsInOrder(row: InstantRow) {
  const violations = validateInstantOrder(toDomainInstants(row));
  if (violations.length === 0) return;
  const fields: Record<string, string> = {};
  const domain = toDomainInstants(row);
  // Shown under the field, so the message names only the other instant, by its label on the form.
  const at = (f: InstantField) => `${new Date(domain[f] ?? 0).toISOString().slice(0, 19).replace("T", " ")} UTC`;
  const sentences: string[] = [];
  for (const v of violations) {
    const key = FIELD_OF[v.field];
    const related = v.relatedField;
    if (fields[key] !== undefined) continue;
    fields[key] = related
      ? `must not be ${related === "resolved" ? "after" : "before"} ${INSTANT_LABELS[FIELD_OF[related]]} (${at(related)})`
      : "is not a valid instant";
    sentences.push(`${INSTANT_LABELS[key]} ${related ? `(${at(v.field)}) ` : ""}${fields[key]}.`);
  }
  throw new AppError("VALIDATION", `Key instants out of order: ${sentences.join(" ")}`, fields);
}

export const asSeverity = (s: string): Severity => (isSeverity(s) ? s : "SEV-3");

/**
 * When the postmortem is due: SEV-1/2 at the end of the 5th business day after the resolution, in the
 * owning team's time zone (lib/postmortem postmortemDueAt); SEV-3: none unless `required` (the budget
 * policy triggered: 10 business days); unresolved incidents: none.
 */
export function postmortemDue(
  severity: string,
  resolvedAt: Date | null,
  timezone: string,
  required = false,
): Date | null {
  if (!resolvedAt) return null;
  let due: number | null;
  try {
    due = postmortemDueAt({ severity: asSeverity(severity), resolvedAtMs: resolvedAt.getTime(), timezone, required });
  } catch {
    // A team with an unknown zone (should not happen: zones are validated) counts in UTC.
    due = postmortemDueAt({
      severity: asSeverity(severity),
      resolvedAtMs: resolvedAt.getTime(),
      timezone: "UTC",
      required,
    });
  }
  return due === null ? null : new Date(due);
}

/** Recomputes and stores the postmortem due date after a change of severity, resolution, team or budget trigger. */
export async function refreshPostmortemDue(tx: Tx, incidentId: string) {
  const row = await tx.incident.findUniqueOrThrow({
    where: { id: incidentId },
    select: {
      severity: true,
      resolvedAt: true,
      team: { select: { timezone: true } },
      postmortem: { select: { id: true, budgetTrigger: true } },
    },
  });
  const required =
    row.postmortem !== null && parseBudgetTriggerColumn(row.postmortem.id, row.postmortem.budgetTrigger) !== null;
  await tx.postmortem.updateMany({
    where: { incidentId },
    data: { dueAt: postmortemDue(row.severity, row.resolvedAt, row.team.timezone, required) },
  });
}

/**
 * Why a postmortem is required: the severity's rule, the budget policy (an SLO's budget spent above the
 * policy's share; then a P0/P1 action item is required too), both, or neither.
 */
function postmortemRequirement(
  severity: Severity,
  trigger: BudgetTrigger | null,
  items: { priority: string; status: string }[],
) {
  const bySeverity = SEVERITY_DEFINITIONS[severity].postmortem === "required";
  return {
    required: bySeverity || trigger !== null,
    reasons: [...(bySeverity ? (["severity"] as const) : []), ...(trigger ? (["budget_policy"] as const) : [])],
    budgetPolicy: trigger
      ? { ...trigger, actionItemRequired: "P0/P1" as const, actionItemMet: hasBudgetTriggerActionItem(items) }
      : null,
  };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const incidentStatus = z.enum(INCIDENT_STATUSES);
const incidentRole = z.enum(INCIDENT_ROLES);

/** The API view of an incident; `users` resolves role holders. */
export function toIncidentView(row: IncidentRow, users: Map<string, UserLiteView>, nowMs: number): IncidentView {
  const severity = asSeverity(row.severity);
  const user = (id: string) => users.get(id) ?? { id, name: "(deleted user)", email: "" };
  const roles = row.roles.map((r) => ({
    role: parseColumn(incidentRole, r.role, { table: "IncidentRole", id: `${row.id}/${r.userId}`, field: "role" }),
    user: user(r.userId),
    assignedAt: r.assignedAt.toISOString(),
  }));
  const instants = {
    impactStartAt: iso(row.impactStartAt),
    detectedAt: iso(row.detectedAt),
    acknowledgedAt: iso(row.acknowledgedAt),
    mitigatedAt: iso(row.mitigatedAt),
    resolvedAt: iso(row.resolvedAt),
  };
  const pm = row.postmortem;
  return {
    id: row.id,
    number: row.number,
    key: `INC-${row.number}`,
    title: row.title,
    severity,
    severityDefinition: {
      name: SEVERITY_DEFINITIONS[severity].name,
      description: SEVERITY_DEFINITIONS[severity].description,
    },
    status: parseColumn(incidentStatus, row.status, { table: "Incident", id: row.id, field: "status" }),
    summary: row.summary,
    team: row.team,
    services: row.services.map((s) => s.service),
    roles,
    commander: roles.find((r) => r.role === "commander")?.user ?? null,
    instants,
    durations: incidentDurations(toDomainInstants(row)),
    reopenCount: row.reopenCount,
    version: row.version,
    createdById: row.createdById,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    postmortem: pm
      ? {
          id: pm.id,
          status: parseReviewStatus(pm.id, pm.status),
          revision: pm.revision,
          dueAt: iso(pm.dueAt),
          overdue: isOverdue(pm.dueAt?.getTime() ?? null, pm.publishedAt?.getTime() ?? null, nowMs),
          ...postmortemRequirement(severity, pm.budgetTrigger, row.actionItems ?? []),
        }
      : null,
    pages: row.pages.map((p) => ({ id: p.id, title: p.title, status: p.status, openedAt: p.openedAt.toISOString() })),
  };
}
export type { IncidentView };
