import { describe, expect, it } from "vitest";
import { allowedOrigins, assertSameOrigin } from "@/lib/http/csrf";

const req = (method: string, headers: Record<string, string>, url = "http://app.local:3000/api/v1/incidents") =>
  new Request(url, { method, headers });
const refused = (r: Request) => {
  try {
    assertSameOrigin(r);
    return null;
  } catch (err) {
    return err as { status: number; message: string };
  }
};
const cookie = { cookie: "next-auth.session-token=abc" };

describe("CSRF origin check", () => {
  it("refuses cookie-authenticated writes from another origin, including another port of the same host", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      const err = refused(req(method, { ...cookie, origin: "http://app.local:8080" }));
      expect(err?.status).toBe(403);
      expect(err?.message).toContain("http://app.local:8080");
    }
    expect(refused(req("POST", { ...cookie, origin: "https://evil.example" }))?.status).toBe(403);
    expect(refused(req("POST", { ...cookie, origin: "null" }))?.status).toBe(403);
  });

  it("refuses a cookie write without Origin unless Sec-Fetch-Site says same-origin", () => {
    expect(refused(req("POST", cookie))?.status).toBe(403);
    expect(refused(req("POST", { ...cookie, "sec-fetch-site": "same-site" }))?.status).toBe(403);
    expect(refused(req("POST", { ...cookie, "sec-fetch-site": "same-origin" }))).toBeNull();
  });

  it("accepts the request's own origin, the proxied origin and NEXTAUTH_URL's", () => {
    expect(refused(req("POST", { ...cookie, origin: "http://app.local:3000" }))).toBeNull();
    const proxied = req(
      "POST",
      {
        ...cookie,
        origin: "https://srecp.example.com",
        "x-forwarded-host": "srecp.example.com",
        "x-forwarded-proto": "https",
      },
      "http://10.0.0.5:3000/api/v1/x",
    );
    expect(refused(proxied)).toBeNull();
    expect(allowedOrigins(req("POST", {}), "https://public.example/").has("https://public.example")).toBe(true);
  });

  it("leaves safe methods, bearer-token calls and cookie-less calls alone", () => {
    expect(refused(req("GET", { ...cookie, origin: "https://evil.example" }))).toBeNull();
    expect(refused(req("HEAD", { ...cookie, origin: "https://evil.example" }))).toBeNull();
    expect(
      refused(req("POST", { ...cookie, authorization: "Bearer srecp_x", origin: "https://evil.example" })),
    ).toBeNull();
    expect(refused(req("POST", { origin: "https://evil.example" }))).toBeNull();
  });
});
