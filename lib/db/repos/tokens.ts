import "server-only";
import { TOKEN_SCOPE_VALUES } from "@/lib/validation/deployments";
import { z } from "zod";
import type { Prisma } from "../generated/client";
import { parseColumn } from "./parse-column";

// API tokens as the token pages and GET /tokens list them (never the hash), newest first; the scopes
// (a text[] column) parsed as the known scope names: an unknown one is a defect, not a silent drop.

type Client = Prisma.TransactionClient;

const tokenSelect = {
  id: true,
  name: true,
  prefix: true,
  scopes: true,
  lastUsedAt: true,
  revokedAt: true,
  createdAt: true,
  user: { select: { email: true } },
} as const;
const scopesSchema = z.array(z.enum(TOKEN_SCOPE_VALUES));

export type TokenScope = (typeof TOKEN_SCOPE_VALUES)[number];
export type TokenRow = Omit<Prisma.ApiTokenGetPayload<{ select: typeof tokenSelect }>, "scopes"> & {
  scopes: TokenScope[];
};

export const parseTokenScopes = (row: { id: string; scopes: string[] }): TokenScope[] =>
  parseColumn(scopesSchema, row.scopes, { table: "ApiToken", id: row.id, field: "scopes" });

/** Every token, or one user's (`ownerId`). */
export async function findTokenRows(db: Client, ownerId?: string): Promise<TokenRow[]> {
  const rows = await db.apiToken.findMany({
    where: ownerId ? { userId: ownerId } : {},
    orderBy: { createdAt: "desc" },
    select: tokenSelect,
  });
  return rows.map((t) => ({ ...t, scopes: parseTokenScopes(t) }));
}
