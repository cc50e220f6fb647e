import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { withAuth, type NextRequestWithAuth } from "next-auth/middleware";
import { newNonce, securityHeaders, servedOverHttps } from "@/lib/http/security-headers";

/**
 * Runs before every page and API request:
 * - security headers (CSP with a fresh script nonce, framing refused, nosniff, …) on every response;
 *   the nonce and the policy also go on the *request*, where Next reads the policy to nonce its own
 *   scripts and the root layout reads `x-nonce` for ours;
 * - signed-out browsers asking for a page are sent to /login (?callbackUrl=). That is a convenience,
 *   not the security boundary: pages and API routes check the actor themselves, and API routes answer
 *   401 rather than redirecting, so they are not redirected here.
 */
const signInRedirect = withAuth({ pages: { signIn: "/login" }, secret: process.env.NEXTAUTH_SECRET });

// Pages anyone may open: sign-in and first-run setup.
const PUBLIC_PAGE = /^\/(login|setup)(\/|$)/;

export default async function proxy(req: NextRequest, event: NextFetchEvent): Promise<Response> {
  const { pathname } = req.nextUrl;
  const api = pathname === "/api" || pathname.startsWith("/api/");
  const nonce = newNonce();
  const headers = securityHeaders({
    nonce,
    api,
    https: servedOverHttps(req.url, req.headers.get("x-forwarded-proto")),
    dev: process.env.NODE_ENV === "development",
  });

  let res: Response;
  const redirect =
    api || PUBLIC_PAGE.test(pathname) ? undefined : await signInRedirect(req as NextRequestWithAuth, event);
  if (redirect instanceof Response) {
    res = redirect;
  } else {
    const requestHeaders = new Headers(req.headers);
    requestHeaders.set("x-nonce", nonce);
    requestHeaders.set("content-security-policy", headers["content-security-policy"]!);
    res = NextResponse.next({ request: { headers: requestHeaders } });
  }
  for (const [name, value] of Object.entries(headers)) res.headers.set(name, value);
  return res;
}

export const config = {
  // Everything except Next's own assets and the icons (files, not documents: nothing to frame or run).
  matcher: ["/((?!_next|favicon\\.ico|icon\\.svg).*)"],
};
