import "server-only";
import { getToken } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { authOptions } from "./options";

// The session cookie's claims, decoded once per cookie value and process. Decoding a NextAuth JWT derives
// its key (HKDF) and decrypts it: on a page view that was done three times (the proxy's sign-in check,
// then getServerSession's decode and its re-encode, which a server component cannot even send back).
// Keeping the claims of an exact cookie value is safe: the same bytes always decode to the same claims,
// the expiry inside them is still checked on every use, and whether the session still counts (signed out,
// deactivated, role changed) is the session generation's job, looked up per request (actorForSession).

type Claims = { sub: unknown; gen: unknown; expMs: number };
const KEEP_MS = 60_000;
const MAX_ENTRIES = 5_000;
const decoded = new Map<string, { claims: Claims | null; atMs: number }>();

/** The session cookie(s) of a Cookie header, in order (NextAuth splits a large token into chunks). */
const sessionPart = (cookie: string) =>
  cookie
    .split(";")
    .map((c) => c.trim())
    .filter((c) => /^(__Secure-)?next-auth\.session-token(\.\d+)?=/.test(c))
    .join("; ");

/** `sub` (user id) and `gen` (session generation) of the request's session cookie; null without a valid one. */
export async function sessionClaims(
  headers: Headers,
  nowMs = Date.now(),
): Promise<{ sub: unknown; gen: unknown } | null> {
  const key = sessionPart(headers.get("cookie") ?? "");
  if (!key) return null;
  const hit = decoded.get(key);
  if (hit && nowMs - hit.atMs < KEEP_MS) return hit.claims && hit.claims.expMs > nowMs ? hit.claims : null;
  // Only the headers: `new NextRequest(req)` would take over a body stream the handler still needs.
  const token = await getToken({
    req: new NextRequest("http://localhost/", { headers }),
    secret: authOptions().secret,
  });
  const claims = token
    ? { sub: token.sub, gen: token.gen, expMs: typeof token.exp === "number" ? token.exp * 1000 : 0 }
    : null;
  decoded.delete(key);
  decoded.set(key, { claims, atMs: nowMs });
  if (decoded.size > MAX_ENTRIES) decoded.delete(decoded.keys().next().value!);
  return claims && claims.expMs > nowMs ? claims : null;
}
