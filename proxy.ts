import { withAuth } from "next-auth/middleware";

/**
 * Sends signed-out browsers to /login (with ?callbackUrl=) before any page renders. It is a
 * convenience, not the security boundary: pages and API routes check the actor themselves, and
 * API routes answer 401 rather than redirecting, so they are excluded here.
 */
export default withAuth({
  pages: { signIn: "/login" },
  secret: process.env.NEXTAUTH_SECRET,
});

export const config = {
  // Everything except sign-in, first-run setup, the API, Next's own assets and the icons.
  matcher: ["/((?!login|setup|api|_next|favicon\\.ico|icon\\.svg).*)"],
};
