import NextAuth from "next-auth";
import { cookies } from "next/headers";
import { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/options";
import { sameOriginUrl } from "@/lib/auth/redirect";

// NextAuth's own endpoints: sign-in, callback, session, csrf, providers.
const handler = NextAuth(authOptions());
type Ctx = { params: Promise<{ nextauth: string[] }> };

const CALLBACK_COOKIES = ["next-auth.callback-url", "__Secure-next-auth.callback-url"];

/**
 * NextAuth v4 answers 500 ("server configuration") when `callbackUrl` — the query parameter or its
 * cookie — is not an http(s) URL, e.g. `javascript:alert(1)`. A bad destination is the caller's
 * mistake, not ours: foreign or malformed ones are replaced by the home page before NextAuth sees them
 * (the redirect callback then keeps every destination on this origin).
 */
async function guarded(req: NextRequest, ctx: Ctx): Promise<Response> {
  const base = process.env.NEXTAUTH_URL || req.nextUrl.origin;
  const asked = req.nextUrl.searchParams.get("callbackUrl");
  let request = req;
  if (asked !== null && sameOriginUrl(asked, base) === null) {
    const url = new URL(req.nextUrl);
    url.searchParams.set("callbackUrl", new URL(base).origin + "/");
    const body = req.method === "GET" || req.method === "HEAD" ? undefined : await req.text();
    request = new NextRequest(url, { method: req.method, headers: req.headers, body });
  }
  const jar = await cookies();
  for (const name of CALLBACK_COOKIES) {
    const value = jar.get(name)?.value;
    if (value && sameOriginUrl(value, base) === null) jar.delete(name);
  }
  return handler(request, ctx);
}

export { guarded as GET, guarded as POST };
