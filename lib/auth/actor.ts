import "server-only";
import { headers } from "next/headers";
import { cache } from "react";
import { AppError } from "@/lib/errors";
import { sessionClaims } from "./session-token";
import type { Actor } from "./permissions";
import { actorForSession, actorForToken } from "@/lib/services/users";

/** A session counts only with both claims: JWTs issued before generations existed are refused. */
function fromClaims(userId: unknown, generation: unknown): Promise<Actor | null> | null {
  return typeof userId === "string" && typeof generation === "number" ? actorForSession(userId, generation) : null;
}

/**
 * Resolves who is calling: `Authorization: Bearer <token>` first (API clients, CI), then the
 * NextAuth session cookie (browser). Returns null when neither is present or valid.
 */
export async function resolveActor(req: Request): Promise<Actor | null> {
  const header = req.headers.get("authorization");
  if (header?.toLowerCase().startsWith("bearer ")) return actorForToken(header.slice(7).trim());
  // No cookie means no session: skip NextAuth (it needs Next's request context to read cookies).
  if (!req.headers.get("cookie")?.includes("next-auth.session-token")) return null;
  // Decoded from the request's headers (not Next's request context), so handlers work the same in tests.
  const claims = await sessionClaims(req.headers);
  return claims ? fromClaims(claims.sub, claims.gen) : null;
}

/** The signed-in browser user, memoized per request for server components. */
export const sessionActor = cache(async (): Promise<Actor | null> => {
  const claims = await sessionClaims(await headers());
  return claims ? fromClaims(claims.sub, claims.gen) : null;
});

export async function requireActor(req: Request): Promise<Actor> {
  const actor = await resolveActor(req);
  if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in or send Authorization: Bearer <token>");
  return actor;
}
