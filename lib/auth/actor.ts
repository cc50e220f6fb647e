import { getServerSession } from "next-auth";
import { cache } from "react";
import { AppError } from "@/lib/errors";
import { authOptions } from "./options";
import type { Actor } from "./permissions";
import { actorForToken, actorForUserId } from "@/lib/services/users";

/**
 * Resolves who is calling: `Authorization: Bearer <token>` first (API clients, CI), then the
 * NextAuth session cookie (browser). Returns null when neither is present or valid.
 */
export async function resolveActor(req: Request): Promise<Actor | null> {
  const header = req.headers.get("authorization");
  if (header?.toLowerCase().startsWith("bearer ")) return actorForToken(header.slice(7).trim());
  // No cookie means no session: skip NextAuth (it needs Next's request context to read cookies).
  if (!req.headers.get("cookie")?.includes("next-auth.session-token")) return null;
  return sessionActor();
}

/** The signed-in browser user, memoized per request for server components. */
export const sessionActor = cache(async (): Promise<Actor | null> => {
  const session = (await getServerSession(authOptions())) as { userId?: string } | null;
  return session?.userId ? actorForUserId(session.userId) : null;
});

export async function requireActor(req: Request): Promise<Actor> {
  const actor = await resolveActor(req);
  if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in or send Authorization: Bearer <token>");
  return actor;
}
