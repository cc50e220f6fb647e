import "server-only";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { hashPassword } from "@/lib/auth/password";
import { hashToken } from "@/lib/auth/tokens";
import { assertAdmin, type Actor, type RoleName } from "@/lib/auth/permissions";
import type { CreateUserInput } from "@/lib/validation/users";
import { recordAudit } from "./audit";
import { dropCached, sharedCache } from "@/lib/cache/shared-cache";

type UserWithTeams = { id: string; email: string; name: string; role: RoleName; memberships: { teamId: string }[] };
const toActor = (u: UserWithTeams, tokenScopes: string[] | null = null): Actor => ({
  userId: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  teamIds: u.memberships.map((m) => m.teamId),
  tokenScopes,
});

/** The actor of a user id, or null when the user is gone or deactivated. */
export async function actorForUserId(userId: string): Promise<Actor | null> {
  const db = await getDb();
  const user = await db.user.findUnique({
    where: { id: userId },
    include: { memberships: { select: { teamId: true } } },
  });
  return user && !user.deactivatedAt ? toActor(user) : null;
}

/**
 * The actor of a session JWT: only while the generation it was issued with is still the user's
 * current one (sign-out, password or role change and deactivation bump it, ending the session).
 */
export function actorForSession(userId: string, generation: number): Promise<Actor | null> {
  return actors.get(`s:${userId}:${generation}`, () => loadSessionActor(userId, generation));
}

async function loadSessionActor(userId: string, generation: number): Promise<Actor | null> {
  const db = await getDb();
  const user = await db.user.findUnique({
    where: { id: userId },
    include: { memberships: { select: { teamId: true } } },
  });
  return user && !user.deactivatedAt && user.sessionGeneration === generation ? toActor(user) : null;
}

/** Ends every session of the user (sign-out signs out everywhere: sessions are not stored one by one). */
export async function endSessions(userId: string): Promise<void> {
  const db = await getDb();
  await db.user.updateMany({ where: { id: userId }, data: { sessionGeneration: { increment: 1 } } });
  dropCached("actors");
}

/** lastUsedAt is a "seen recently" hint: written at most this often, not on every request (a write per read). */
const LAST_USED_RESOLUTION_MS = 60_000;

/**
 * Who sessions and tokens are, for a few seconds per process (lib/cache/shared-cache.ts: dropped in every
 * process as soon as a token, user or membership changes). Keyed by token hash, never the token.
 */
const actors = sharedCache<Actor | null>("actors", { ttlMs: 5_000, maxEntries: 10_000 });

/** Looks a bearer token up by its hash; revoked or unknown → null. Records last-used time (to the minute). */
export function actorForToken(token: string): Promise<Actor | null> {
  const tokenHash = hashToken(token);
  return actors.get(`t:${tokenHash}`, () => loadTokenActor(tokenHash));
}

async function loadTokenActor(tokenHash: string): Promise<Actor | null> {
  const db = await getDb();
  const row = await db.apiToken.findUnique({
    where: { tokenHash },
    include: { user: { include: { memberships: { select: { teamId: true } } } } },
  });
  // A deactivated owner's tokens stop working with the owner (offboarding).
  if (!row || row.revokedAt || row.user.deactivatedAt) return null;
  const now = new Date();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return toActor(row.user, row.scopes);
}

/** The local user of an SSO sign-in; a new one gets `role` (from the provider's claims), an existing one keeps its own. */
export async function upsertOidcUser(email: string, name: string, role: RoleName = "viewer") {
  const db = await getDb();
  return db.user.upsert({
    where: { email: email.toLowerCase() },
    update: {},
    create: { email: email.toLowerCase(), name, role },
  });
}

export async function hasAnyUser(): Promise<boolean> {
  const db = await getDb();
  return (await db.user.count()) > 0;
}

/** Creates a user (admins, the CLI and first-run setup). `teams` are team slugs. */
export async function createUser(actor: Actor, input: CreateUserInput) {
  assertAdmin(actor, "users");
  const db = await getDb();
  const teams = input.teams.length ? await db.team.findMany({ where: { slug: { in: input.teams } } }) : [];
  const missing = input.teams.filter((s) => !teams.some((t) => t.slug === s));
  if (missing.length)
    throw new AppError("VALIDATION", `unknown team: ${missing.join(", ")}`, { teams: `unknown team ${missing[0]}` });
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return db.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: {
        email: input.email,
        name: input.name,
        role: input.role,
        passwordHash,
        memberships: { create: teams.map((t) => ({ teamId: t.id })) },
      },
    });
    const safe = { id: user.id, email: user.email, name: user.name, role: user.role, teams: input.teams };
    await recordAudit(tx, actor, { action: "user.create", entityType: "user", entityId: user.id, after: safe });
    return safe;
  });
}

/** First run only: creates the first admin when no user exists yet. */
export async function setupFirstAdmin(input: { email: string; name: string; password: string }) {
  const db = await getDb();
  return db.$transaction(async (tx) => {
    // Serialize concurrent setups: the advisory lock makes the emptiness check and the insert atomic.
    await tx.$executeRawUnsafe("SELECT pg_advisory_xact_lock(424242)");
    if ((await tx.user.count()) > 0) throw new AppError("INVALID_STATE", "Setup is already done; sign in instead");
    const user = await tx.user.create({
      data: {
        email: input.email.toLowerCase(),
        name: input.name,
        role: "admin",
        passwordHash: await hashPassword(input.password),
      },
    });
    await recordAudit(tx, null, {
      action: "user.setup",
      entityType: "user",
      entityId: user.id,
      after: { email: user.email, role: "admin" },
    });
    return { id: user.id, email: user.email };
  });
}

export async function listUsers(actor: Actor) {
  assertAdmin(actor, "users");
  const db = await getDb();
  return db.user.findMany({
    orderBy: { email: "asc" },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      createdAt: true,
      deactivatedAt: true,
      memberships: { select: { team: { select: { slug: true } } } },
    },
  });
}
