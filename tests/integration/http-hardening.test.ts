import { beforeAll, describe, expect, it } from "vitest";
import * as teams from "@/app/api/v1/teams/route";
import * as integrations from "@/app/api/v1/integrations/route";
import * as webhook from "@/app/api/v1/integrations/alertmanager/route";
import * as pages from "@/app/api/v1/pages/route";
import { getDb } from "@/lib/db";
import { call, userWithToken } from "./helpers/api";

// Issue 12, findings 2, 10 and 11 against the real route handlers and PostgreSQL.

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
const ORIGIN = "http://test.local";

/** A request exactly as given (no content type added), for the cases the `call` helper normalises away. */
async function raw(handler: Handler, init: { method?: string; headers?: Record<string, string>; body?: BodyInit }) {
  const req = new Request(`${ORIGIN}/`, {
    method: init.method ?? "POST",
    headers: init.headers,
    body: init.body,
    duplex: "half",
  } as RequestInit);
  const res = await handler(req, { params: Promise.resolve({}) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

let slug = 0;
const team = () => ({ slug: `hh-team-${++slug}-${Date.now() % 100000}`, name: `HH team ${slug}` });

describe("CSRF and content types", () => {
  let admin: { token: string };
  beforeAll(async () => {
    admin = await userWithToken("admin");
  });

  it("refuses cookie-carrying writes from another origin (also another port) with 403 and a plain message", async () => {
    for (const origin of ["http://test.local:8080", "https://evil.example"]) {
      const res = await call(teams.POST, {
        method: "POST",
        body: team(),
        headers: { cookie: "next-auth.session-token=stolen-by-browser", origin },
      });
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/Cross-origin request refused/);
    }
    const noOrigin = await call(teams.POST, {
      method: "POST",
      body: team(),
      headers: { cookie: "next-auth.session-token=x", "sec-fetch-site": "same-site" },
    });
    expect(noOrigin.status).toBe(403);
  });

  it("lets a same-origin browser write through to authentication", async () => {
    // No session cookie of ours here (in-process there is no Next request context to read one): the
    // CSRF check passes and authentication answers, which a cross-origin request never reaches.
    const sameOrigin: Record<string, string>[] = [{ origin: ORIGIN }, { "sec-fetch-site": "same-origin" }];
    for (const headers of sameOrigin) {
      const res = await call(teams.POST, {
        method: "POST",
        body: team(),
        headers: { cookie: "srecp-theme=dark", ...headers },
      });
      expect(res.status).toBe(401);
    }
  });

  it("does not affect bearer-token calls, whatever Origin they carry", async () => {
    const res = await call(teams.POST, {
      method: "POST",
      token: admin.token,
      body: team(),
      headers: { origin: "https://ci.example", cookie: "a=b" },
    });
    expect(res.status).toBe(201);
  });

  it("refuses text/plain and form bodies with 415, even when they hold valid JSON", async () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      const res = await raw(teams.POST, {
        headers: { authorization: `Bearer ${admin.token}`, "content-type": type },
        body: JSON.stringify(team()),
      });
      expect(res.status).toBe(415);
      expect(res.body.error.message).toContain("Content-Type: application/json");
    }
    const ok = await raw(teams.POST, {
      headers: { authorization: `Bearer ${admin.token}`, "content-type": "application/json; charset=utf-8" },
      body: JSON.stringify(team()),
    });
    expect(ok.status).toBe(201);
  });

  it("refuses bodies over 1 MB with 413 before parsing, by Content-Length and when chunked", async () => {
    const big = JSON.stringify({ ...team(), name: "x".repeat(2 * 1024 * 1024) });
    const declared = await raw(teams.POST, {
      headers: { authorization: `Bearer ${admin.token}`, "content-type": "application/json" },
      body: big,
    });
    expect(declared.status).toBe(413);
    expect(declared.body.error.message).toContain("1 MB");
    const bytes = new TextEncoder().encode(big);
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < bytes.length; i += 65536) c.enqueue(bytes.subarray(i, i + 65536));
        c.close();
      },
    });
    const chunked = await raw(teams.POST, {
      headers: { authorization: `Bearer ${admin.token}`, "content-type": "application/json" },
      body: stream,
    });
    expect(chunked.status).toBe(413);
  });
});

describe("Alertmanager webhook under concurrency and size", () => {
  let token: string;
  let admin: { token: string };
  const alert = (fp: string, annotations: Record<string, string> = {}) => ({
    status: "firing",
    labels: { alertname: "HHConcurrent", service: "nowhere" },
    annotations,
    startsAt: new Date().toISOString(),
    fingerprint: fp,
  });
  const payload = (groupKey: string, alerts = [alert("f1")]) => ({
    version: "4",
    groupKey,
    status: "firing",
    receiver: "srecp",
    groupLabels: { alertname: "HHConcurrent" },
    commonLabels: { alertname: "HHConcurrent" },
    commonAnnotations: {},
    externalURL: "http://am.local",
    truncatedAlerts: 0,
    alerts,
  });

  beforeAll(async () => {
    admin = await userWithToken("admin");
    const created = await call(integrations.POST, {
      method: "POST",
      token: admin.token,
      body: { name: `HH concurrency ${Date.now()}` },
    });
    expect(created.status).toBe(201);
    token = created.body.token;
  });

  it("100 identical concurrent deliveries of a new group: all 2xx, one 201, one page counting 100 deliveries", async () => {
    const groupKey = `{}:{alertname="HHConcurrent",run="${Date.now()}"}`;
    const results = await Promise.all(
      Array.from({ length: 100 }, () => call(webhook.POST, { method: "POST", token, body: payload(groupKey) })),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s < 200 || s > 299)).toEqual([]);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    const pageIds = new Set(results.map((r) => r.body.pageId));
    expect(pageIds.size).toBe(1);
    const db = await getDb();
    const rows = await db.page.findMany({ where: { groupKey }, select: { id: true, deliveries: true } });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.deliveries).toBe(100);
    const list = await call(pages.GET, { token: admin.token, url: "/x?status=open" });
    expect(list.body.items.filter((p: { id: string }) => p.id === rows[0]!.id)).toHaveLength(1);
  }, 120_000);

  it("accepts a 2 MB group (its own 5 MB limit) and refuses 6 MB with 413", async () => {
    // n alerts with a ~1.3 kB annotation each: 1,600 ≈ 2.2 MB, 4,800 ≈ 6.5 MB (the schema allows 5,000).
    const many = (n: number) => Array.from({ length: n }, (_, i) => alert(`f${i}`, { description: "n".repeat(1300) }));
    const twoMb = await call(webhook.POST, {
      method: "POST",
      token,
      body: payload(`{}:{big="${Date.now()}"}`, many(1600)),
    });
    expect(twoMb.status).toBe(201);
    const sixMb = await call(webhook.POST, {
      method: "POST",
      token,
      body: payload(`{}:{huge="${Date.now()}"}`, many(4800)),
    });
    expect(sixMb.status).toBe(413);
    expect(sixMb.body.error.message).toContain("5 MB");
  });
});
