import "server-only";
import { getDb, type Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { assertCanRead, type Actor } from "@/lib/auth/permissions";
import type { AssignRoleInput } from "@/lib/validation/incidents";
import type { PeopleView } from "@/lib/validation/views/incidents";
import { recordAudit } from "../audit";
import { actorLabel, actorUserId, assertCanEditIncident, incidentScope, resolveUser } from "./access";
import { readIncident } from "./incidents";
import type { IncidentView } from "./view";

const ROLE_LABEL: Record<string, string> = {
  commander: "incident commander",
  communications: "communications lead",
  scribe: "scribe",
  operations: "operations lead",
  subject_matter_expert: "subject-matter expert",
};

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
type RoleChange = {
  scope: Awaited<ReturnType<typeof incidentScope>>;
  user: Awaited<ReturnType<typeof resolveUser>>;
  before: IncidentView;
};

/**
 * A change of an incident's roles, in one transaction: `change` edits the roles and answers the text of the
 * role_change timeline entry; the incident's version moves on and the roles before and after are audited.
 */
async function changeRoles(
  actor: Actor,
  ref: string,
  input: AssignRoleInput,
  action: string,
  change: (tx: Tx, c: RoleChange) => Promise<string>,
): Promise<IncidentView> {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    const scope = await incidentScope(tx, ref);
    assertCanEditIncident(actor, scope);
    const user = await resolveUser(tx, input.user, "user");
    const before = await readIncident(tx, scope.id);
    const text = await change(tx, { scope, user, before });
    await tx.timelineEntry.create({
      data: {
        incidentId: scope.id,
        at: new Date(),
        kind: "role_change",
        authorId: actorUserId(actor),
        authorLabel: actorLabel(actor),
        text,
      },
    });
    await tx.incident.update({ where: { id: scope.id }, data: { version: { increment: 1 } } });
    const after = await readIncident(tx, scope.id);
    await recordAudit(tx, actor, {
      action,
      entityType: "incident",
      entityId: scope.id,
      before: before.roles,
      after: after.roles,
    });
    return after;
  });
}

/**
 * Gives a user an incident role. There is one commander at a time: naming a new one relieves the
 * previous. Other roles may be held by several people. Adds a role_change timeline entry; audited.
 */
export function assignIncidentRole(actor: Actor, ref: string, input: AssignRoleInput): Promise<IncidentView> {
  return changeRoles(actor, ref, input, "incident.role.assign", async (tx, { scope, user, before }) => {
    if (before.roles.some((r) => r.role === input.role && r.user.id === user.id)) {
      throw new AppError("INVALID_STATE", `${user.name} is already ${ROLE_LABEL[input.role]} of INC-${scope.number}`);
    }
    if (input.role === "commander")
      await tx.incidentRole.deleteMany({ where: { incidentId: scope.id, role: "commander" } });
    await tx.incidentRole.create({ data: { incidentId: scope.id, role: input.role, userId: user.id } });
    const previous = input.role === "commander" ? before.commander : null;
    return `${user.name} is now ${ROLE_LABEL[input.role]}${previous ? ` (relieving ${previous.name})` : ""}`;
  });
}

/** Takes a role away from a user; adds a role_change timeline entry; audited. */
export function unassignIncidentRole(actor: Actor, ref: string, input: AssignRoleInput): Promise<IncidentView> {
  return changeRoles(actor, ref, input, "incident.role.unassign", async (tx, { scope, user }) => {
    const res = await tx.incidentRole.deleteMany({
      where: { incidentId: scope.id, role: input.role, userId: user.id },
    });
    if (res.count === 0)
      throw new AppError("NOT_FOUND", `${user.name} is not ${ROLE_LABEL[input.role]} of INC-${scope.number}`);
    return `${user.name} is no longer ${ROLE_LABEL[input.role]}`;
  });
}

/** People who can be given roles or own action items: members of the incident's teams and current role holders. */
export async function incidentPeople(actor: Actor, ref: string): Promise<PeopleView> {
  assertCanRead(actor);
  const db = await getDb();
  const scope = await incidentScope(db, ref);
  const teamIds = [...new Set([scope.teamId, ...scope.serviceTeamIds])];
  const holders = await db.incidentRole.findMany({ where: { incidentId: scope.id }, select: { userId: true } });
  const rows = await db.user.findMany({
    where: {
      OR: [
        { memberships: { some: { teamId: { in: teamIds } } } },
        { id: { in: [actor.userId, ...holders.map((h) => h.userId)] } },
      ],
    },
    select: { id: true, name: true, email: true, role: true },
    orderBy: { name: "asc" },
  });
  return { items: rows };
}
