import "server-only";
import { getDb } from "@/lib/db";
import { AppError, validation } from "@/lib/errors";
import { generateToken, TOKEN_SCOPES } from "@/lib/auth/tokens";
import { holdsScope, isAdmin, requireScope, type Actor } from "@/lib/auth/permissions";
import { recordAudit } from "./audit";
import { droppingAfter } from "@/lib/cache/shared-cache";
import { findTokenRows, parseTokenScopes } from "@/lib/db/repos/tokens";
import type { ApiTokenView, CreatedApiTokenView, RevokedApiTokenView } from "@/lib/validation/views/access";

/**
 * A token may never mint a wider token than itself: a scoped token needs the `tokens` scope and can only
 * hand on scopes it holds, and must name them (an empty list would mean "full"). Sessions and unscoped
 * tokens hold every scope.
 */
function assertCanMint(actor: Actor, scopes: string[]) {
  // The route's schema checks names; the CLI and admin actions come here directly.
  const unknown = scopes.filter((s) => !(TOKEN_SCOPES as readonly string[]).includes(s));
  if (unknown.length)
    throw validation({ scopes: `unknown scope ${unknown.join(", ")}; use ${TOKEN_SCOPES.join(", ")}` });
  requireScope(actor, "tokens");
  if (!actor.tokenScopes?.length) return;
  if (scopes.length === 0)
    throw validation({
      scopes: `list the scopes of the new token (some of ${actor.tokenScopes.join(", ")}); an empty list would mean full access`,
    });
  const wider = scopes.filter((s) => !actor.tokenScopes!.includes(s));
  if (wider.length)
    throw new AppError("FORBIDDEN", `This API token cannot grant scopes it does not hold: ${wider.join(", ")}`);
}

/**
 * Creates an API token for `ownerId` (default: the actor). Only admins create tokens for others.
 * The plain token is returned once and never stored.
 */
export async function createApiToken(
  actor: Actor,
  input: { name: string; scopes: string[]; ownerId?: string },
): Promise<CreatedApiTokenView> {
  assertCanMint(actor, input.scopes);
  const ownerId = input.ownerId ?? actor.userId;
  if (ownerId !== actor.userId && !isAdmin(actor))
    throw new AppError("FORBIDDEN", "Only admins create tokens for other users");
  const db = await getDb();
  const { token, hash, prefix } = generateToken();
  return db.$transaction(async (tx) => {
    const row = await tx.apiToken.create({
      data: { userId: ownerId, name: input.name, tokenHash: hash, prefix, scopes: input.scopes },
    });
    await recordAudit(tx, actor, {
      action: "token.create",
      entityType: "apiToken",
      entityId: row.id,
      after: { name: row.name, prefix, ownerId, scopes: row.scopes },
    });
    return {
      id: row.id,
      name: row.name,
      prefix,
      scopes: parseTokenScopes(row),
      createdAt: row.createdAt.toISOString(),
      token,
    };
  });
}

export async function listApiTokens(actor: Actor): Promise<ApiTokenView[]> {
  if (!holdsScope(actor, "tokens")) requireScope(actor, "read");
  const rows = await findTokenRows(await getDb(), isAdmin(actor) ? undefined : actor.userId);
  return rows.map((t) => ({
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    scopes: t.scopes,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
    createdAt: t.createdAt.toISOString(),
    user: { email: t.user.email },
  }));
}

/** Revoking needs the `tokens` scope: a narrow CI token (e.g. `gate`) must not switch off its owner's other tokens. */
export async function revokeApiToken(actor: Actor, id: string): Promise<RevokedApiTokenView> {
  requireScope(actor, "tokens");
  const db = await getDb();
  const row = await db.apiToken.findUnique({ where: { id } });
  if (!row || (row.userId !== actor.userId && !isAdmin(actor))) throw new AppError("NOT_FOUND", "token not found");
  if (row.revokedAt) return { id, revokedAt: row.revokedAt.toISOString() };
  return droppingAfter(
    "actors",
    db.$transaction(async (tx) => {
      const revokedAt = new Date();
      await tx.apiToken.update({ where: { id }, data: { revokedAt } });
      await recordAudit(tx, actor, {
        action: "token.revoke",
        entityType: "apiToken",
        entityId: id,
        before: { name: row.name },
      });
      return { id, revokedAt: revokedAt.toISOString() };
    }),
  );
}
