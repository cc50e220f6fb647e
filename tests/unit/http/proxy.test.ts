import { NextRequest, type NextFetchEvent } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";

// proxy.ts reads NEXTAUTH_SECRET when it is first imported.
let proxy: (req: NextRequest, event: NextFetchEvent) => Promise<Response>;
beforeAll(async () => {
  process.env.NEXTAUTH_SECRET ??= "unit-secret";
  proxy = (await import("@/proxy")).default;
});

const run = (url: string, headers: Record<string, string> = {}) => {
  const req = new NextRequest(url, { headers });
  // withAuth does not use the event (waitUntil); Next passes one.
  return proxy(req, {} as NextFetchEvent);
};
const scriptNonce = (res: Response) => /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")?.[1];

describe("proxy: security headers and sign-in redirect", () => {
  it("sends a signed-out browser from a page to /login, with the headers on the redirect", async () => {
    const res = await run("http://app.local/incidents?status=open");
    expect(res.status).toBe(307);
    const location = new URL(res.headers.get("location")!);
    expect(location.pathname).toBe("/login");
    expect(location.searchParams.get("callbackUrl")).toBe("/incidents?status=open");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
  });

  it("lets /login through with a fresh nonce on the response and on the forwarded request", async () => {
    const [a, b] = [await run("http://app.local/login"), await run("http://app.local/login")];
    expect(a.headers.get("x-middleware-next")).toBe("1");
    const nonce = scriptNonce(a);
    expect(nonce).toBeTruthy();
    expect(scriptNonce(b)).not.toBe(nonce);
    // NextResponse.next({ request: { headers } }) forwards overridden request headers this way.
    expect(a.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    expect(a.headers.get("x-middleware-request-content-security-policy")).toBe(
      a.headers.get("content-security-policy"),
    );
    const scriptSrc = a.headers
      .get("content-security-policy")!
      .split(";")
      .find((d) => d.trim().startsWith("script-src"))!;
    expect(scriptSrc).not.toContain("unsafe-inline");
    expect(a.headers.get("strict-transport-security")).toBeNull();
  });

  it("puts the strict API policy on API responses, never redirects them, and adds HSTS behind https", async () => {
    const res = await run("http://app.local/api/v1/incidents", { "x-forwarded-proto": "https" });
    expect(res.status).toBe(200);
    expect(res.headers.get("location")).toBeNull();
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("strict-transport-security")).toMatch(/max-age=/);
  });
});
