import "server-only";
import { getDb, type Db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { hashPassword } from "@/lib/auth/password";
import { assertAdmin, type Actor, type RoleName } from "@/lib/auth/permissions";
import { recordAudit } from "./audit";
import { droppingAfter } from "@/lib/cache/shared-cache";
import type { UserStateView } from "@/lib/validation/views/access";

// Account changes that end the user's sessions: each bumps User.sessionGeneration in the same
// transaction as the change and its audit event, so no request sees the new state with an old session.

const view = { id: true, email: true, name: true, role: true, deactivatedAt: true } as const;
export type UserState = UserStateView;

const toUserState = (u: {
  id: string;
  email: string;
  name: string;
  role: RoleName;
  deactivatedAt: Date | null;
}): UserState => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  deactivatedAt: u.deactivatedAt?.toISOString() ?? null,
});

async function loadUser(id: string): Promise<UserState> {
  // Ids are cuids; anything else (e.g. a NUL byte from a path) is simply not a user.
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(id)) throw new AppError("NOT_FOUND", "No such user");
  const db = await getDb();
  const user = await db.user.findUnique({ where: { id }, select: view });
  if (!user) throw new AppError("NOT_FOUND", `No user with id ${id}`);
  return toUserState(user);
}

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/**
 * Writes `data` to the user and the audit event `action` in one transaction (`also` runs in it after the
 * update; what it answers joins the event's `after`), then drops the cached actors so that the next request
 * already sees the change.
 */
async function updateUser(
  actor: Actor,
  id: string,
  change: {
    data: Parameters<Tx["user"]["update"]>[0]["data"];
    action: string;
    before?: object;
    after: object;
    also?: (tx: Tx) => Promise<object>;
  },
): Promise<UserState> {
  const db = await getDb();
  return droppingAfter(
    "actors",
    db.$transaction(async (tx) => {
      const user = await tx.user.update({ where: { id }, data: change.data, select: view });
      const more = change.also ? await change.also(tx) : {};
      await recordAudit(tx, actor, {
        action: change.action,
        entityType: "user",
        entityId: id,
        before: change.before,
        after: { ...change.after, ...more },
      });
      return toUserState(user);
    }),
  );
}

const notSelf = (actor: Actor, id: string, what: string) => {
  // An admin locking themselves out could leave nobody able to undo it.
  if (actor.userId === id) throw new AppError("INVALID_STATE", `You cannot ${what} yourself; ask another admin`);
};

/**
 * Offboarding: the user can no longer sign in, their sessions end and their API tokens are revoked
 * (not merely suspended, so reactivation does not bring back a token that left with them); their
 * pending notifications are cancelled.
 */
export async function deactivateUser(actor: Actor, id: string): Promise<UserState> {
  assertAdmin(actor, "users");
  notSelf(actor, id, "deactivate");
  const before = await loadUser(id);
  if (before.deactivatedAt) return before;
  const now = new Date();
  return updateUser(actor, id, {
    data: { deactivatedAt: now, sessionGeneration: { increment: 1 } },
    action: "user.deactivate",
    before: { deactivatedAt: null },
    after: { deactivatedAt: now },
    also: async (tx) => {
      const revoked = await tx.apiToken.updateMany({
        where: { userId: id, revokedAt: null },
        data: { revokedAt: now },
      });
      // Their queued messages stop here, recorded as cancelled with the reason (not silently dropped);
      // one already being sent is stopped by the worker's own check of the user (deliver.ts).
      const cancelled = await tx.notification.updateMany({
        where: { userId: id, status: "pending" },
        data: { status: "cancelled", lastError: "the recipient was deactivated", claimedUntil: null },
      });
      return { tokensRevoked: revoked.count, notificationsCancelled: cancelled.count };
    },
  });
}

/** Undoes a deactivation; the user signs in again (old sessions and tokens stay ended). */
export async function reactivateUser(actor: Actor, id: string): Promise<UserState> {
  assertAdmin(actor, "users");
  const before = await loadUser(id);
  if (!before.deactivatedAt) return before;
  return updateUser(actor, id, {
    data: { deactivatedAt: null },
    action: "user.reactivate",
    before: { deactivatedAt: before.deactivatedAt },
    after: { deactivatedAt: null },
  });
}

/** A new role ends the user's sessions so that nothing keeps running under the old role. */
export async function changeUserRole(actor: Actor, id: string, role: RoleName): Promise<UserState> {
  assertAdmin(actor, "users");
  notSelf(actor, id, "change the role of");
  const before = await loadUser(id);
  if (before.role === role) return before;
  return updateUser(actor, id, {
    data: { role, sessionGeneration: { increment: 1 } },
    action: "user.role",
    before: { role: before.role },
    after: { role },
  });
}

/** Sets a new password (admins; the CLI for recovery) and ends the user's sessions. */
export async function setUserPassword(actor: Actor, id: string, password: string): Promise<UserState> {
  assertAdmin(actor, "users");
  await loadUser(id);
  const passwordHash = await hashPassword(password);
  // The audit records that it changed, never the password or its hash.
  return updateUser(actor, id, {
    data: { passwordHash, sessionGeneration: { increment: 1 } },
    action: "user.password",
    after: { passwordChanged: true },
  });
}
