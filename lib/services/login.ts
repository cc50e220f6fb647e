import "server-only";
import { randomBytes } from "node:crypto";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import {
  ACCOUNT_FAILURE_LIMIT,
  IP_FAILURE_LIMIT,
  LOGIN_WINDOW_MS,
  lockoutMessage,
  stricter,
  throttleDecision,
} from "@/lib/auth/login-limits";
import { recordAudit } from "./audit";

// Verified against when the e-mail is unknown (or has no password), so that a miss costs one scrypt
// with the same parameters as a hit and the response time does not tell whether an account exists.
let dummyHash: Promise<string> | undefined;
const dummy = () => (dummyHash ??= hashPassword(randomBytes(16).toString("hex")));

// "pending" rows are attempts still being checked; they count as failures so that concurrent
// guesses cannot all slip in before the first one is recorded.
const COUNTED = ["failure", "pending"];

export type LoginInput = { email: string; password: string; ip: string };
export type LoginUser = { id: string; email: string; name: string; sessionGeneration: number };

/**
 * Password sign-in with brute-force limits kept in PostgreSQL (limits in lib/auth/login-limits.ts).
 * Returns the user, or null for a wrong e-mail/password (one answer for both); throws
 * TOO_MANY_REQUESTS while the account or the address is locked, even for the right password.
 */
export async function signInWithPassword(input: LoginInput): Promise<LoginUser | null> {
  const db = await getDb();
  const email = input.email.trim().toLowerCase().slice(0, 320);
  const ip = input.ip;
  const own = await db.loginAttempt.create({ data: { email, ip, outcome: "pending" } });
  const now = own.createdAt;
  const since = new Date(now.getTime() - LOGIN_WINDOW_MS);

  // A success resets the account's count; address failures are counted regardless.
  const lastSuccess = await db.loginAttempt.findFirst({
    where: { email, outcome: "success", createdAt: { gte: since } },
    orderBy: { createdAt: "desc" },
    select: { createdAt: true },
  });
  const recent = (where: object, limit: number) =>
    db.loginAttempt
      .findMany({
        where: { ...where, id: { not: own.id }, outcome: { in: COUNTED } },
        orderBy: { createdAt: "desc" },
        take: limit,
        select: { createdAt: true },
      })
      .then((rows) => rows.map((r) => r.createdAt).reverse());
  const [byAccount, byIp] = await Promise.all([
    recent(
      { email, createdAt: { gte: lastSuccess && lastSuccess.createdAt > since ? lastSuccess.createdAt : since } },
      ACCOUNT_FAILURE_LIMIT,
    ),
    recent({ ip, createdAt: { gte: since } }, IP_FAILURE_LIMIT),
  ]);
  const decision = stricter(
    throttleDecision(byAccount, ACCOUNT_FAILURE_LIMIT, now),
    throttleDecision(byIp, IP_FAILURE_LIMIT, now),
  );
  if (decision.locked) {
    await db.loginAttempt.update({ where: { id: own.id }, data: { outcome: "refused" } });
    throw new AppError("TOO_MANY_REQUESTS", lockoutMessage(decision.retryAfterSeconds));
  }

  const user = await db.user.findUnique({ where: { email } });
  const matches = await verifyPassword(input.password, user?.passwordHash ?? (await dummy()));
  if (user && user.passwordHash && matches && !user.deactivatedAt) {
    await db.loginAttempt.update({ where: { id: own.id }, data: { outcome: "success" } });
    return { id: user.id, email: user.email, name: user.name, sessionGeneration: user.sessionGeneration };
  }

  // Record the failure; the one that reaches a limit also writes the lockout to the audit log.
  const until = new Date(now.getTime() + LOGIN_WINDOW_MS).toISOString();
  await db.$transaction(async (tx) => {
    await tx.loginAttempt.update({ where: { id: own.id }, data: { outcome: "failure" } });
    if (byAccount.length + 1 === ACCOUNT_FAILURE_LIMIT) {
      await recordAudit(tx, null, {
        action: "auth.lockout",
        entityType: user ? "user" : "login",
        entityId: user?.id ?? email,
        after: { scope: "account", email, ip, failures: ACCOUNT_FAILURE_LIMIT, until },
      });
    }
    if (byIp.length + 1 === IP_FAILURE_LIMIT) {
      await recordAudit(tx, null, {
        action: "auth.lockout",
        entityType: "login-address",
        entityId: ip,
        after: { scope: "address", ip, failures: IP_FAILURE_LIMIT, until },
      });
    }
  });
  return null;
}

/** Attempts are kept this long for investigation (the limits need only the last 15 minutes). */
export const LOGIN_ATTEMPT_RETENTION_MS = 30 * 24 * 60 * 60 * 1000;

/** Background job: drops attempts past the retention, so the table does not grow without bound. */
export async function pruneLoginAttempts(now = new Date()): Promise<number> {
  const db = await getDb();
  const { count } = await db.loginAttempt.deleteMany({
    where: { createdAt: { lt: new Date(now.getTime() - LOGIN_ATTEMPT_RETENTION_MS) } },
  });
  return count;
}
