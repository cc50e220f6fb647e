import "server-only";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/permissions";
import { isIncidentStatus, transition } from "@/lib/postmortem";
import type { ChangeStatusInput } from "@/lib/validation/incidents";
import { actorLabel, actorUserId, assertCanEditIncident, incidentScope } from "./access";
import { changedIncident, readIncident } from "./incidents";
import { assertInstantsInOrder, type IncidentView } from "./view";

/**
 * Moves an incident through its lifecycle with lib/postmortem `transition` (investigating → mitigated →
 * resolved; reopen resolved → investigating; a failed mitigation mitigated → investigating) at `at`
 * (default now, may be backdated). The resulting key instants must stay in order (422 naming the field).
 * Writes a status_change timeline entry at `at`, recomputes the postmortem due date, audits.
 */
export async function changeIncidentStatus(actor: Actor, ref: string, input: ChangeStatusInput): Promise<IncidentView> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const scope = await incidentScope(tx, ref);
    assertCanEditIncident(actor, scope);
    const row = await tx.incident.findUniqueOrThrow({ where: { id: scope.id } });
    if (input.version !== undefined && input.version !== row.version) {
      throw new AppError(
        "CONFLICT",
        `INC-${row.number} was changed by someone else (your version ${input.version}, now ${row.version}); reload and try again`,
        { version: "stale" },
      );
    }
    const at = input.at ?? new Date();
    if (!isIncidentStatus(row.status))
      throw new AppError("INVALID_STATE", `INC-${row.number} has an unknown status "${row.status}"`);
    const next = transition(
      {
        status: row.status,
        mitigatedAtMs: row.mitigatedAt?.getTime() ?? null,
        resolvedAtMs: row.resolvedAt?.getTime() ?? null,
        reopenCount: row.reopenCount,
      },
      input.status,
      at.getTime(),
    );
    if (!next.ok) {
      if (next.error === "same_status" || next.error === "transition_not_allowed")
        throw new AppError("INVALID_STATE", next.message);
      throw new AppError("VALIDATION", next.message, { status: next.message });
    }
    const lifecycle = next.value;
    const mitigatedAt = lifecycle.mitigatedAtMs === null ? null : new Date(lifecycle.mitigatedAtMs);
    const resolvedAt = lifecycle.resolvedAtMs === null ? null : new Date(lifecycle.resolvedAtMs);
    try {
      assertInstantsInOrder({
        impactStartAt: row.impactStartAt,
        detectedAt: row.detectedAt,
        acknowledgedAt: row.acknowledgedAt,
        mitigatedAt,
        resolvedAt,
      });
    } catch (err) {
      // Name the request's own field too: the transition instant is what put the instants out of order.
      if (err instanceof AppError && err.fields)
        throw new AppError("VALIDATION", err.message, {
          at: `${at.toISOString()} would put the key instants out of order`,
          ...err.fields,
        });
      throw err;
    }
    const before = await readIncident(tx, scope.id);
    const res = await tx.incident.updateMany({
      where: { id: scope.id, version: row.version },
      data: {
        status: lifecycle.status,
        mitigatedAt,
        resolvedAt,
        reopenCount: lifecycle.reopenCount,
        version: { increment: 1 },
      },
    });
    if (res.count === 0)
      throw new AppError("CONFLICT", `INC-${row.number} was changed by someone else; reload and try again`, {
        version: "stale",
      });
    const verb = row.status === "resolved" ? "Reopened" : `Status changed from ${row.status} to ${lifecycle.status}`;
    await tx.timelineEntry.create({
      data: {
        incidentId: scope.id,
        at,
        kind: "status_change",
        authorId: actorUserId(actor),
        authorLabel: actorLabel(actor),
        text: input.note ? `${verb}: ${input.note}` : verb,
      },
    });
    return changedIncident(tx, actor, "incident.status", before);
  });
}
