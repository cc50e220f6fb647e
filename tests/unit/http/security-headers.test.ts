import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, newNonce, securityHeaders, servedOverHttps } from "@/lib/http/security-headers";

const directives = (csp: string) =>
  Object.fromEntries(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .map(([k, ...v]) => [k!, v]),
  );

describe("security headers", () => {
  it("page CSP: scripts only with the nonce, never unsafe-inline or eval in production", () => {
    const d = directives(contentSecurityPolicy({ nonce: "abc123==", dev: false, api: false }));
    expect(d["script-src"]).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(d["script-src"]).not.toContain("'unsafe-inline'");
    expect(d["frame-ancestors"]).toEqual(["'none'"]);
    expect(d["object-src"]).toEqual(["'none'"]);
    expect(d["default-src"]).toEqual(["'self'"]);
    expect(d["style-src"]).toContain("'unsafe-inline'");
  });

  it("dev mode adds eval for React's tooling and websockets for hot reload, nothing else", () => {
    const d = directives(contentSecurityPolicy({ nonce: "n", dev: true, api: false }));
    expect(d["script-src"]).toEqual(["'self'", "'nonce-n'", "'strict-dynamic'", "'unsafe-eval'"]);
    expect(d["connect-src"]).toEqual(["'self'", "ws:", "wss:"]);
  });

  it("API CSP loads nothing and cannot be framed", () => {
    const d = directives(contentSecurityPolicy({ nonce: "n", dev: false, api: true }));
    expect(d["default-src"]).toEqual(["'none'"]);
    expect(d["frame-ancestors"]).toEqual(["'none'"]);
    expect(d["script-src"]).toBeUndefined();
  });

  it("sets the fixed headers, and HSTS only over https", () => {
    const plain = securityHeaders({ nonce: "n", https: false, dev: false, api: false });
    expect(plain).toMatchObject({
      "x-frame-options": "DENY",
      "x-content-type-options": "nosniff",
      "referrer-policy": "strict-origin-when-cross-origin",
    });
    expect(plain["permissions-policy"]).toContain("camera=()");
    expect(plain["strict-transport-security"]).toBeUndefined();
    expect(securityHeaders({ nonce: "n", https: true, dev: false, api: true })["strict-transport-security"]).toMatch(
      /^max-age=31536000/,
    );
  });

  it("detects https from the proxy, the URL or NEXTAUTH_URL", () => {
    expect(servedOverHttps("http://10.0.0.1/", "https", undefined)).toBe(true);
    expect(servedOverHttps("http://10.0.0.1/", "https,http", undefined)).toBe(true);
    expect(servedOverHttps("https://x/", null, undefined)).toBe(true);
    expect(servedOverHttps("http://x/", null, "https://srecp.example")).toBe(true);
    expect(servedOverHttps("http://x/", "http", "http://localhost:3000")).toBe(false);
    expect(servedOverHttps("http://x/", null, undefined)).toBe(false);
  });

  it("nonces are 128-bit base64 and differ per call", () => {
    const seen = new Set(Array.from({ length: 200 }, newNonce));
    expect(seen.size).toBe(200);
    for (const n of seen) expect(atob(n)).toHaveLength(16);
  });
});
