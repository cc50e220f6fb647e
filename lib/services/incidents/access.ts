import "server-only";
import type { Db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { assertCanApprove, assertCanEditTeam, inTeam, requireScope, type Actor } from "@/lib/auth/permissions";

// Who may touch an incident, and lookups shared by the incident services.
// Editors of the owning team or of any affected service's team edit it (and its timeline, postmortem and
// action items); approvers of those teams approve its postmortem; everybody who may read, reads.

export type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];
type Client = Db | Tx;

/** The user id to store for an actor (the CLI's system actor is not a user row). */
export const actorUserId = (actor: Actor): string | null => (actor.userId === "system" ? null : actor.userId);
/** Human label stored next to ids so history survives a deleted user. */
export const actorLabel = (actor: Actor): string => (actor.userId === "system" ? "system" : actor.name || actor.email);

/** Incident id (cuid) or number ("42", "INC-42") → where clause. */
export function incidentWhere(ref: string | number): { id: string } | { number: number } {
  if (typeof ref === "number") return { number: ref };
  const m = /^(?:inc-)?(\d{1,9})$/i.exec(ref.trim());
  return m ? { number: Number(m[1]) } : { id: ref };
}

export type IncidentScope = { id: string; number: number; teamId: string; serviceTeamIds: string[] };

/** The incident's id, number and the teams that may edit it; 404 when it does not exist. */
export async function incidentScope(db: Client, ref: string | number): Promise<IncidentScope> {
  const row = await db.incident.findUnique({
    where: incidentWhere(ref),
    select: { id: true, number: true, teamId: true, services: { select: { service: { select: { teamId: true } } } } },
  });
  if (!row) throw notFound(`incident ${ref}`);
  return {
    id: row.id,
    number: row.number,
    teamId: row.teamId,
    serviceTeamIds: row.services.map((s) => s.service.teamId),
  };
}

const teamsOf = (scope: Pick<IncidentScope, "teamId" | "serviceTeamIds">) => [
  ...new Set([scope.teamId, ...scope.serviceTeamIds]),
];

/** Runs a team check against each team of the incident; passes when one passes, else throws the first refusal. */
function anyTeam(scope: Pick<IncidentScope, "teamId" | "serviceTeamIds">, check: (teamId: string) => void) {
  let first: unknown;
  for (const teamId of teamsOf(scope)) {
    try {
      check(teamId);
      return;
    } catch (err) {
      first ??= err;
    }
  }
  throw first;
}

export function assertCanEditIncident(
  actor: Actor,
  scope: Pick<IncidentScope, "teamId" | "serviceTeamIds">,
  what = "this incident",
) {
  anyTeam(scope, (teamId) => assertCanEditTeam(actor, teamId, what));
}

/**
 * The owning team must be one the actor edits. Editing through an affected service's team is fine, but it
 * must not let team B's editor declare (or move) an incident as team A's (issue 12).
 */
export function assertCanOwnIncident(actor: Actor, team: { id: string; slug: string }) {
  requireScope(actor, "write");
  if (!inTeam(actor, team.id))
    throw new AppError("FORBIDDEN", `Only editors of team "${team.slug}" can make it the owner of an incident`);
  assertCanEditTeam(actor, team.id, `incidents of team "${team.slug}"`);
}

export function assertCanApproveIncident(
  actor: Actor,
  scope: Pick<IncidentScope, "teamId" | "serviceTeamIds">,
  what = "this postmortem",
) {
  anyTeam(scope, (teamId) => assertCanApprove(actor, teamId, what));
}

const passes = (fn: () => void) => {
  try {
    fn();
    return true;
  } catch {
    return false;
  }
};
export const canEditIncident = (actor: Actor, scope: Pick<IncidentScope, "teamId" | "serviceTeamIds">) =>
  passes(() => assertCanEditIncident(actor, scope));
export const canApproveIncident = (actor: Actor, scope: Pick<IncidentScope, "teamId" | "serviceTeamIds">) =>
  passes(() => assertCanApproveIncident(actor, scope));

export type UserRef = { id: string; name: string; email: string };

/** Resolves users by id or e-mail; an unknown one is a 422 on `field`. */
export async function resolveUsers(db: Client, refs: readonly string[], field: string): Promise<UserRef[]> {
  if (refs.length === 0) return [];
  const lowered = refs.map((r) => r.trim().toLowerCase());
  const rows = await db.user.findMany({
    where: { OR: [{ id: { in: refs.map((r) => r.trim()) } }, { email: { in: lowered } }] },
    select: { id: true, name: true, email: true },
  });
  return refs.map((ref, i) => {
    const hit = rows.find((u) => u.id === ref.trim() || u.email === lowered[i]);
    if (!hit) throw new AppError("VALIDATION", `unknown user "${ref}"`, { [field]: `unknown user "${ref}"` });
    return hit;
  });
}

export async function resolveUser(db: Client, ref: string, field: string): Promise<UserRef> {
  return (await resolveUsers(db, [ref], field))[0]!;
}

/** Services by slug, in the given order; unknown ones are a 422 on `field`. */
export async function resolveServices(db: Client, slugs: readonly string[], field = "services") {
  const unique = [...new Set(slugs)];
  const rows = await db.service.findMany({
    where: { slug: { in: unique } },
    select: { id: true, slug: true, teamId: true },
  });
  return unique.map((slug) => {
    const hit = rows.find((s) => s.slug === slug);
    if (!hit)
      throw new AppError("VALIDATION", `service "${slug}" does not exist`, { [field]: `unknown service "${slug}"` });
    return hit;
  });
}

export async function teamBySlug(db: Client, slug: string, field = "team") {
  const team = await db.team.findUnique({ where: { slug }, select: { id: true, slug: true, timezone: true } });
  if (!team) throw new AppError("VALIDATION", `team "${slug}" does not exist`, { [field]: `unknown team "${slug}"` });
  return team;
}
