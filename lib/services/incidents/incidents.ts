import "server-only";
import { getDb, type Prisma } from "@/lib/db";
import { findIncidentPage, findIncidentRow, usersById } from "@/lib/db/repos/incidents";
import { AppError } from "@/lib/errors";
import { assertCanRead, type Actor } from "@/lib/auth/permissions";
import type { Page } from "@/lib/validation/common";
import type { DeletedView } from "@/lib/validation/views/incidents";
import {
  INSTANT_KEYS,
  type CreateIncidentInput,
  type ListIncidentsQuery,
  type UpdateIncidentInput,
} from "@/lib/validation/incidents";
import { recordAudit } from "../audit";
import {
  actorLabel,
  actorUserId,
  assertCanEditIncident,
  assertCanOwnIncident,
  canEditIncident,
  incidentScope,
  resolveServices,
  resolveUser,
  teamBySlug,
  type Tx,
} from "./access";
import {
  assertInstantsInOrder,
  postmortemDue,
  toIncidentView,
  refreshPostmortemDue,
  type IncidentView,
  type InstantRow,
} from "./view";

// Incidents CRUD. Status changes go through status.ts (lifecycle rules); roles through roles.ts.

/** Reads one incident inside a transaction (or the shared client) as its API view. */
export async function readIncident(tx: Tx, id: string, nowMs = Date.now()): Promise<IncidentView> {
  const row = await findIncidentRow(tx, id);
  return toIncidentView(
    row,
    await usersById(
      tx,
      row.roles.map((r) => r.userId),
    ),
    nowMs,
  );
}

/**
 * After a change of an incident's facts: its postmortem's due date follows the new times, and the change
 * is audited with the incident before and after. Answers the incident as it now is.
 */
export async function changedIncident(tx: Tx, actor: Actor, action: string, before: IncidentView) {
  await refreshPostmortemDue(tx, before.id);
  const after = await readIncident(tx, before.id);
  await recordAudit(tx, actor, { action, entityType: "incident", entityId: before.id, before, after });
  return after;
}

export async function listIncidents(
  actor: Actor,
  q: ListIncidentsQuery,
  nowMs = Date.now(),
): Promise<Page<IncidentView>> {
  assertCanRead(actor);
  const db = await getDb();
  const { rows, total } = await findIncidentPage(db, q, q);
  const users = await usersById(
    db,
    rows.flatMap((r) => r.roles.map((x) => x.userId)),
  );
  return { items: rows.map((r) => toIncidentView(r, users, nowMs)), page: q.page, pageSize: q.pageSize, total };
}

export async function getIncident(actor: Actor, ref: string): Promise<IncidentView> {
  assertCanRead(actor);
  const db = await getDb();
  const { id } = await incidentScope(db, ref);
  return readIncident(db, id);
}

const instantData = (input: Partial<Record<(typeof INSTANT_KEYS)[number], Date | null | undefined>>) =>
  Object.fromEntries(
    INSTANT_KEYS.filter((k) => input[k] !== undefined).map((k) => [k, input[k]]),
  ) as Partial<InstantRow>;

/** Status implied by the instants of a newly declared incident (a past incident can be declared resolved). */
const initialStatus = (i: Partial<InstantRow>) =>
  i.resolvedAt ? "resolved" : i.mitigatedAt ? "mitigated" : "investigating";

/**
 * Declares an incident: owning team = `team` or the first service's team the declarer edits (they must
 * edit the owning team); commander = `commander` or the
 * declarer. Writes the incident, its services, the commander role, a "declared" timeline entry and an
 * empty postmortem draft (with its due date when already resolved), audited, in one transaction.
 */
export async function createIncident(
  actor: Actor,
  input: CreateIncidentInput,
  extra: { tx?: Tx; timelineText?: string } = {},
): Promise<IncidentView> {
  const run = async (tx: Tx) => {
    const services = await resolveServices(tx, input.services);
    const own = services.find((s) => canEditIncident(actor, { teamId: s.teamId, serviceTeamIds: [] })) ?? services[0]!;
    const team = input.team
      ? await teamBySlug(tx, input.team)
      : await tx.team.findUniqueOrThrow({
          where: { id: own.teamId },
          select: { id: true, slug: true, timezone: true },
        });
    assertCanEditIncident(
      actor,
      { teamId: team.id, serviceTeamIds: services.map((s) => s.teamId) },
      "incidents of these services",
    );
    assertCanOwnIncident(actor, team);
    const commander = input.commander
      ? await resolveUser(tx, input.commander, "commander")
      : actorUserId(actor)
        ? { id: actor.userId }
        : null;
    const instants = instantData(input);
    assertInstantsInOrder({
      impactStartAt: null,
      detectedAt: null,
      acknowledgedAt: null,
      mitigatedAt: null,
      resolvedAt: null,
      ...instants,
    });
    const now = new Date();
    const incident = await tx.incident.create({
      data: {
        title: input.title,
        severity: input.severity,
        summary: input.summary,
        teamId: team.id,
        status: initialStatus(instants),
        ...instants,
        createdById: actorUserId(actor),
        services: { create: services.map((s) => ({ serviceId: s.id })) },
        ...(commander ? { roles: { create: [{ role: "commander", userId: commander.id, assignedAt: now }] } } : {}),
      },
    });
    await tx.timelineEntry.create({
      data: {
        incidentId: incident.id,
        at: now,
        kind: "status_change",
        authorId: actorUserId(actor),
        authorLabel: actorLabel(actor),
        text:
          extra.timelineText ??
          `Incident declared as ${input.severity} (${incident.status}) on ${services.map((s) => s.slug).join(", ")}`,
      },
    });
    await tx.postmortem.create({
      data: {
        incidentId: incident.id,
        authorId: commander?.id ?? null,
        dueAt: postmortemDue(input.severity, instants.resolvedAt ?? null, team.timezone),
      },
    });
    const view = await readIncident(tx, incident.id);
    await recordAudit(tx, actor, {
      action: "incident.create",
      entityType: "incident",
      entityId: incident.id,
      after: view,
    });
    return view;
  };
  if (extra.tx) return run(extra.tx);
  const db = await getDb();
  return db.$transaction(run);
}

/**
 * Partial update with optimistic concurrency (`version`, 409 when stale). Instants are validated in
 * order over the merged result; the resolution instant exists exactly while the incident is resolved
 * (resolve and reopen through the status endpoint). Severity and service changes add timeline entries.
 */
export async function updateIncident(actor: Actor, ref: string, input: UpdateIncidentInput): Promise<IncidentView> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const scope = await incidentScope(tx, ref);
    assertCanEditIncident(actor, scope);
    const before = await readIncident(tx, scope.id);
    const row = await tx.incident.findUniqueOrThrow({ where: { id: scope.id } });
    const instants = instantData(input);
    const merged: InstantRow = {
      impactStartAt: row.impactStartAt,
      detectedAt: row.detectedAt,
      acknowledgedAt: row.acknowledgedAt,
      mitigatedAt: row.mitigatedAt,
      resolvedAt: row.resolvedAt,
      ...instants,
    };
    if (row.status === "resolved" && merged.resolvedAt === null)
      throw new AppError("VALIDATION", "A resolved incident keeps its resolution instant; reopen it instead", {
        resolvedAt: "is required while the incident is resolved; reopen it instead",
      });
    if (row.status !== "resolved" && merged.resolvedAt !== null)
      throw new AppError("VALIDATION", "Resolve the incident through its status", {
        resolvedAt: "can only be set by resolving the incident",
      });
    assertInstantsInOrder(merged);

    const data: Prisma.IncidentUncheckedUpdateManyInput = { ...instants, version: { increment: 1 } };
    if (input.title !== undefined) data.title = input.title;
    if (input.summary !== undefined) data.summary = input.summary;
    if (input.severity !== undefined) data.severity = input.severity;
    let services = null;
    if (input.services) services = await resolveServices(tx, input.services);
    if (input.team) {
      const team = await teamBySlug(tx, input.team);
      if (team.id !== scope.teamId) assertCanOwnIncident(actor, team);
      data.teamId = team.id;
    }
    if (services || input.team) {
      // Moving an incident also needs edit rights where it lands.
      assertCanEditIncident(actor, {
        teamId: (data.teamId as string | undefined) ?? scope.teamId,
        serviceTeamIds: services ? services.map((s) => s.teamId) : scope.serviceTeamIds,
      });
    }
    const res = await tx.incident.updateMany({ where: { id: scope.id, version: input.version ?? row.version }, data });
    if (res.count === 0)
      throw new AppError(
        "CONFLICT",
        `INC-${scope.number} was changed by someone else (your version ${input.version}, now ${row.version}); reload and apply your edit again`,
        { version: "stale" },
      );
    if (services) {
      await tx.incidentService.deleteMany({ where: { incidentId: scope.id } });
      await tx.incidentService.createMany({ data: services.map((s) => ({ incidentId: scope.id, serviceId: s.id })) });
    }
    const notes: string[] = [];
    if (input.severity && input.severity !== row.severity)
      notes.push(`Severity changed from ${row.severity} to ${input.severity}`);
    if (services && services.map((s) => s.slug).join() !== before.services.map((s) => s.slug).join())
      notes.push(`Affected services: ${services.map((s) => s.slug).join(", ")}`);
    for (const text of notes) {
      await tx.timelineEntry.create({
        data: {
          incidentId: scope.id,
          at: new Date(),
          kind: "status_change",
          text,
          authorId: actorUserId(actor),
          authorLabel: actorLabel(actor),
        },
      });
    }
    return changedIncident(tx, actor, "incident.update", before);
  });
}

/** Deletes an incident with its timeline and postmortem (action items stay, unlinked). Audited. */
export async function deleteIncident(actor: Actor, ref: string): Promise<DeletedView> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const scope = await incidentScope(tx, ref);
    assertCanEditIncident(actor, scope);
    const before = await readIncident(tx, scope.id);
    if (before.postmortem?.status === "published")
      throw new AppError("INVALID_STATE", `INC-${scope.number} has a published postmortem and cannot be deleted`);
    await tx.incident.delete({ where: { id: scope.id } });
    await recordAudit(tx, actor, { action: "incident.delete", entityType: "incident", entityId: scope.id, before });
    return { deleted: before.key };
  });
}
