import { err, ok, type Result } from "./result";

// Incident lifecycle: investigating → mitigated → resolved, and reopen (resolved → investigating).
// Also allowed: investigating → resolved (mitigated and resolved at once) and mitigated → investigating
// (the mitigation did not hold).

export const INCIDENT_STATUSES = ["investigating", "mitigated", "resolved"] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

const ALLOWED: Readonly<Record<IncidentStatus, readonly IncidentStatus[]>> = {
  investigating: ["mitigated", "resolved"],
  mitigated: ["resolved", "investigating"],
  resolved: ["investigating"],
};

export type IncidentTransitionError = "unknown_status" | "same_status" | "transition_not_allowed" | "invalid_instant";

/** The lifecycle part of an incident that status changes touch. Instants are epoch milliseconds. */
export type IncidentLifecycle = {
  status: IncidentStatus;
  /** First mitigation; kept when a mitigation fails or the incident reopens, so MTTM measures first relief. */
  mitigatedAtMs: number | null;
  /** Final resolution; cleared on reopen because postmortem due dates count from the last resolution. */
  resolvedAtMs: number | null;
  reopenCount: number;
};

/** Type guard for incident statuses. */
export const isIncidentStatus = (value: unknown): value is IncidentStatus =>
  typeof value === "string" && (INCIDENT_STATUSES as readonly string[]).includes(value);

/** True when the lifecycle allows moving from `from` to `to` (a status never transitions to itself). */
export const canTransition = (from: IncidentStatus, to: IncidentStatus): boolean =>
  isIncidentStatus(from) && isIncidentStatus(to) && ALLOWED[from].includes(to);

/**
 * Applies a status change at `atMs` (epoch ms) and returns the new lifecycle, or an error code.
 * Effects: → mitigated sets `mitigatedAtMs` if unset; → resolved sets `resolvedAtMs` (and `mitigatedAtMs`
 * if unset); resolved → investigating clears `resolvedAtMs` and increments `reopenCount`.
 */
export function transition(
  incident: IncidentLifecycle,
  to: IncidentStatus,
  atMs: number,
): Result<IncidentLifecycle, IncidentTransitionError> {
  const from = incident.status;
  if (!isIncidentStatus(from)) return err("unknown_status", `Unknown current status "${String(from)}".`);
  if (!isIncidentStatus(to)) return err("unknown_status", `Unknown target status "${String(to)}".`);
  if (from === to) return err("same_status", `The incident is already ${to}.`);
  if (!canTransition(from, to)) return err("transition_not_allowed", `An incident cannot go from ${from} to ${to}.`);
  if (!Number.isFinite(atMs))
    return err("invalid_instant", "The transition time must be a finite epoch-millisecond instant.");

  if (to === "mitigated") return ok({ ...incident, status: to, mitigatedAtMs: incident.mitigatedAtMs ?? atMs });
  if (to === "resolved") {
    return ok({ ...incident, status: to, mitigatedAtMs: incident.mitigatedAtMs ?? atMs, resolvedAtMs: atMs });
  }
  if (from === "resolved") {
    return ok({ ...incident, status: to, resolvedAtMs: null, reopenCount: incident.reopenCount + 1 });
  }
  return ok({ ...incident, status: to });
}
