import { AppError } from "@/lib/errors";

/**
 * Who may do what (the table is docs/security.md). Roles are ordered: viewer < editor < approver < admin.
 * - viewer: read everything visible to them; as a responder, acknowledge and resolve pages sent to them,
 *   write/acknowledge handoff notes of their own shifts and ask for cover. They change no schedule, override
 *   or cover (on-call state) — that is an editor's.
 * - editor (SREs): create and change services, SLOs, rotations, overrides, incidents of their own teams.
 * - approver (managers): what an editor may, plus sign off SLOs and review postmortems of their teams.
 * - admin: everything, on every team; teams, users and the audit log.
 */
export const ROLES = ["viewer", "editor", "approver", "admin"] as const;
export type RoleName = (typeof ROLES)[number];

export type Actor = {
  userId: string;
  email: string;
  name: string;
  role: RoleName;
  teamIds: string[];
  /** Set when the request came with an API token; empty = the owner's full permissions. */
  tokenScopes: string[] | null;
};

const rank = (role: RoleName) => ROLES.indexOf(role);
export const atLeast = (actor: Actor, role: RoleName) => rank(actor.role) >= rank(role);
export const isAdmin = (actor: Actor) => actor.role === "admin";
export const inTeam = (actor: Actor, teamId: string) => isAdmin(actor) || actor.teamIds.includes(teamId);

/**
 * Sessions and unscoped tokens hold every scope; a scoped token only its own, where `write` implies
 * `read`: a change answers with what it changed (and often reads first), so a write-only token would
 * otherwise commit a change and then be refused its answer.
 */
export const holdsScope = (actor: Actor, scope: string) =>
  !actor.tokenScopes?.length ||
  actor.tokenScopes.includes(scope) ||
  (scope === "read" && actor.tokenScopes.includes("write"));

/** Throws FORBIDDEN when the request came with a scoped API token lacking `scope`. */
export function requireScope(actor: Actor, scope: string) {
  if (!holdsScope(actor, scope)) throw new AppError("FORBIDDEN", `This API token lacks the "${scope}" scope`);
}

/** Throws FORBIDDEN unless the actor may change things owned by teamId. */
export function assertCanEditTeam(actor: Actor, teamId: string, what = "this") {
  requireScope(actor, "write");
  if (!atLeast(actor, "editor"))
    throw new AppError("FORBIDDEN", `Role ${actor.role} cannot change ${what}; editor or higher is required`);
  if (!inTeam(actor, teamId)) throw new AppError("FORBIDDEN", `You are not a member of the team that owns ${what}`);
}

/** Throws FORBIDDEN unless the actor is an approver (or admin) of teamId. */
export function assertCanApprove(actor: Actor, teamId: string, what = "this") {
  requireScope(actor, "write");
  if (!atLeast(actor, "approver")) throw new AppError("FORBIDDEN", `Only approvers can sign off ${what}`);
  if (!inTeam(actor, teamId)) throw new AppError("FORBIDDEN", `You are not a member of the team that owns ${what}`);
}

export function assertAdmin(actor: Actor, what = "this") {
  requireScope(actor, "write");
  if (!isAdmin(actor)) throw new AppError("FORBIDDEN", `Only admins can manage ${what}`);
}

export function assertCanRead(actor: Actor) {
  requireScope(actor, "read");
}
