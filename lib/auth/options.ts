import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { env } from "@/lib/env";
import { authRedirect } from "./redirect";
import { isAppError } from "@/lib/errors";
import { signInWithPassword } from "@/lib/services/login";
import { endSessions, upsertOidcUser } from "@/lib/services/users";
import { clientAddress } from "./login-limits";
import { roleForClaims } from "./sso-roles";

// Passwords over 1 KiB are refused before hashing (scrypt cost grows with the input).
const credentials = z.object({ email: z.email(), password: z.string().min(1).max(1024) });

type Headers = Record<string, string | undefined> | globalThis.Headers | undefined;
const header = (h: Headers, name: string) => (h instanceof globalThis.Headers ? h.get(name) : h?.[name]) ?? undefined;

/**
 * NextAuth v4 setup. Credentials need JWT sessions; the JWT carries the user id and the user's
 * session generation at sign-in. Role, teams and the current generation are read from the database
 * on every request (lib/auth/actor.ts), so a role change, a deactivation or a sign-out (which bumps
 * the generation) ends the session at once.
 */
type SessionUser = { sessionGeneration?: number };

export function authOptions(): NextAuthOptions {
  const { oidc } = env();
  const providers: NextAuthOptions["providers"] = [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, req) {
        const parsed = credentials.safeParse(raw);
        if (!parsed.success) return null;
        try {
          const ip = clientAddress(header(req?.headers as Headers, "x-forwarded-for"));
          const user = await signInWithPassword({ ...parsed.data, ip });
          return user
            ? { id: user.id, email: user.email, name: user.name, sessionGeneration: user.sessionGeneration }
            : null;
        } catch (err) {
          // NextAuth shows a thrown message to the sign-in form; only the lockout's is meant for users.
          if (isAppError(err) && err.code === "TOO_MANY_REQUESTS") throw new Error(err.message, { cause: err });
          throw new Error("Sign-in failed; try again in a moment", { cause: err });
        }
      },
    }),
  ];
  if (oidc) {
    providers.push({
      id: "oidc",
      name: "Single sign-on",
      type: "oauth",
      wellKnown: `${oidc.issuer}/.well-known/openid-configuration`,
      clientId: oidc.clientId,
      clientSecret: oidc.clientSecret,
      idToken: true,
      checks: ["pkce", "state"],
      authorization: { params: { scope: "openid email profile" } },
      profile: (p: { sub: string; email: string; name?: string }) => ({
        id: p.sub,
        email: p.email,
        name: p.name ?? p.email,
      }),
    });
  }
  return {
    providers,
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    pages: { signIn: "/login" },
    secret: process.env.NEXTAUTH_SECRET,
    callbacks: {
      // Only same-origin destinations after sign-in/out (lib/auth/redirect.ts): no open redirect.
      redirect: async (args) => authRedirect(args),
      async signIn({ user, account, profile }) {
        if (account?.provider !== "oidc") return true;
        if (!user.email || !oidc) return false;
        // A new SSO user's role comes from the provider's groups claim (OIDC_ROLE_MAP), else the default.
        const role = roleForClaims((profile ?? {}) as Record<string, unknown>, oidc.roles);
        const local = await upsertOidcUser(user.email, user.name ?? user.email, role);
        if (local.deactivatedAt) return false;
        user.id = local.id;
        (user as SessionUser).sessionGeneration = local.sessionGeneration;
        return true;
      },
      async jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.gen = (user as SessionUser).sessionGeneration;
        }
        return token;
      },
      async session({ session, token }) {
        return { ...session, userId: token.sub, sessionGeneration: token.gen };
      },
    },
    events: {
      // The browser's sign-out (POST /api/auth/signout) ends the session server-side too: the
      // generation bump makes the replayed cookie worthless, not just deleted from this browser.
      async signOut({ token }) {
        if (token?.sub) await endSessions(token.sub);
      },
    },
  };
}
