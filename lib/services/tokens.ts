import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { generateToken } from "@/lib/auth/tokens";
import { isAdmin, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "./audit";

/**
 * Creates an API token for `ownerId` (default: the actor). Only admins create tokens for others.
 * The plain token is returned once and never stored.
 */
export async function createApiToken(actor: Actor, input: { name: string; scopes: string[]; ownerId?: string }) {
  const ownerId = input.ownerId ?? actor.userId;
  if (ownerId !== actor.userId && !isAdmin(actor)) throw new AppError("FORBIDDEN", "Only admins create tokens for other users");
  const db = await getDb();
  const { token, hash, prefix } = generateToken();
  return db.$transaction(async (tx) => {
    const row = await tx.apiToken.create({ data: { userId: ownerId, name: input.name, tokenHash: hash, prefix, scopes: input.scopes } });
    await recordAudit(tx, actor, { action: "token.create", entityType: "apiToken", entityId: row.id, after: { name: row.name, prefix, ownerId, scopes: row.scopes } });
    return { id: row.id, name: row.name, prefix, scopes: row.scopes, createdAt: row.createdAt, token };
  });
}

export async function listApiTokens(actor: Actor) {
  const db = await getDb();
  return db.apiToken.findMany({
    where: isAdmin(actor) ? {} : { userId: actor.userId },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, prefix: true, scopes: true, lastUsedAt: true, revokedAt: true, createdAt: true, user: { select: { email: true } } },
  });
}

export async function revokeApiToken(actor: Actor, id: string) {
  const db = await getDb();
  const row = await db.apiToken.findUnique({ where: { id } });
  if (!row || (row.userId !== actor.userId && !isAdmin(actor))) throw new AppError("NOT_FOUND", "token not found");
  if (row.revokedAt) return { id, revokedAt: row.revokedAt };
  return db.$transaction(async (tx) => {
    const updated = await tx.apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, actor, { action: "token.revoke", entityType: "apiToken", entityId: id, before: { name: row.name } });
    return { id, revokedAt: updated.revokedAt };
  });
}
