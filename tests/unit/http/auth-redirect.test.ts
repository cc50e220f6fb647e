import { createRequire } from "node:module";
import path from "node:path";
import type { NextAuthOptions } from "next-auth";
import { describe, expect, it } from "vitest";
import { authRedirect, sameOriginUrl } from "@/lib/auth/redirect";

// NextAuth's framework-free core (the route handler's engine) is not in its package exports; load it
// by file so the test exercises the real code path without Next's request context.
type Core = {
  AuthHandler: (p: {
    req: Record<string, unknown>;
    options: NextAuthOptions;
  }) => Promise<{ status?: number; redirect?: string }>;
};
const { AuthHandler } = createRequire(import.meta.url)(path.resolve("node_modules/next-auth/core/index.js")) as Core;

const BASE = "http://app.local:3000";

describe("sign-in redirect targets", () => {
  it("keeps relative paths and absolute URLs of our own origin", () => {
    expect(sameOriginUrl("/incidents?status=open#x", BASE)).toBe("http://app.local:3000/incidents?status=open#x");
    expect(sameOriginUrl("http://app.local:3000/oncall", BASE)).toBe("http://app.local:3000/oncall");
  });

  it("drops other origins, scripts, protocol-relative and back-slash tricks, and junk", () => {
    for (const bad of [
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "https://evil.example/",
      "http://app.local:8080/",
      "//evil.example/x",
      "/\\evil.example",
      "\\\\evil.example",
      "/\t/evil.example",
      "http://%zz",
      "",
      "x".repeat(3000),
    ]) {
      expect(sameOriginUrl(bad, BASE), bad).toBeNull();
      expect(authRedirect({ url: bad, baseUrl: BASE })).toBe(BASE);
    }
  });

  // The route handler replaces a bad callbackUrl before NextAuth sees it: NextAuth itself answers 500
  // ("server configuration") to the raw value, and a normal redirect to the replaced one.
  it("NextAuth answers 500 to javascript: callbackUrl, and not to what the route passes on instead", async () => {
    const call = (callbackUrl: string) =>
      AuthHandler({
        req: {
          action: "signin",
          method: "GET",
          query: { callbackUrl },
          cookies: {},
          headers: { host: "app.local:3000" },
          origin: BASE,
        },
        options: {
          providers: [],
          secret: "unit-secret",
          pages: { signIn: "/login" },
          callbacks: { redirect: async (a) => authRedirect(a) },
        },
      });
    expect((await call("javascript:alert(1)")).status).toBe(500);
    const replaced = sameOriginUrl("javascript:alert(1)", BASE) ?? `${BASE}/`;
    const res = await call(replaced);
    expect(res.status ?? 302).toBeLessThan(500); // a redirect response carries no status here
    expect(res.redirect).toMatch(/\/login\?callbackUrl=http/); // to the sign-in page, back to an http(s) URL
  });
});
