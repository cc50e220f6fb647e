import { expect, test } from "@playwright/test";
import { spawnSync } from "node:child_process";
import { e2eState } from "./fixtures";

// The foundation's acceptance over real HTTP against `next start`, with a token from `srecp tokens create`.
test.describe("REST API over HTTP", () => {
  const auth = () => ({ authorization: `Bearer ${e2eState().token}` });

  test("health, readiness and metrics endpoints answer", async ({ request }) => {
    const health = await request.get("/api/healthz");
    expect(health.status()).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
    const ready = await request.get("/api/readyz");
    expect(ready.status()).toBe(200);
    expect((await ready.json()).checks.database).toBe("ok");
    await request.get("/api/v1/services", { headers: { "x-request-id": "e2e-req-1" } });
    const metrics = await request.get("/api/metrics");
    expect(metrics.headers()["content-type"]).toContain("text/plain");
    const text = await metrics.text();
    expect(text).toContain('http_requests_total{route="/api/v1/services",method="GET",status="401"}');
    expect(text).toMatch(
      /http_request_duration_seconds_bucket\{le="0\.005",route="\/api\/healthz",method="GET",status="200"\}/,
    );
    expect(text).toContain("process_cpu_user_seconds_total");
  });

  test("a token creates, lists, updates and deletes a service; errors are 401/403/422; changes are audited", async ({
    request,
  }) => {
    const headers = auth();
    expect(
      (await request.post("/api/v1/teams", { headers, data: { slug: "http-team", name: "HTTP team" } })).status(),
    ).toBe(201);

    expect((await request.get("/api/v1/services")).status()).toBe(401);
    const bad = await request.post("/api/v1/services", { headers, data: { slug: "x", name: "X", team: "http-team" } });
    expect(bad.status()).toBe(422);
    expect((await bad.json()).error.fields.slug).toBeTruthy();

    const created = await request.post("/api/v1/services", {
      headers,
      data: { slug: "http-svc", name: "HTTP service", team: "http-team" },
    });
    expect(created.status()).toBe(201);
    const svc = await created.json();
    expect(created.headers()["x-request-id"]).toBeTruthy();

    const list = await (await request.get("/api/v1/services?team=http-team", { headers })).json();
    expect(list.items.map((s: { slug: string }) => s.slug)).toContain("http-svc");

    const patched = await request.patch("/api/v1/services/http-svc", {
      headers,
      data: { tier: 2, version: svc.version },
    });
    expect(patched.status()).toBe(200);
    expect((await patched.json()).tier).toBe(2);

    // a viewer's token may read but not write
    const env = { ...process.env, DATABASE_URL: e2eState().databaseUrl };
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, ["scripts/srecp.mjs", ...args], { env, encoding: "utf8" });
    expect(
      cli("users", "create", "--email", "viewer-http@example.com", "--name", "Viewer", "--role", "viewer").status,
    ).toBe(0);
    const viewerToken = cli("tokens", "create", "--email", "viewer-http@example.com", "--name", "v").stdout.trim();
    const vh = { authorization: `Bearer ${viewerToken}` };
    expect((await request.get("/api/v1/services/http-svc", { headers: vh })).status()).toBe(200);
    const forbidden = await request.delete("/api/v1/services/http-svc", { headers: vh });
    expect(forbidden.status()).toBe(403);

    expect((await request.delete("/api/v1/services/http-svc", { headers })).status()).toBe(200);
    expect((await request.get("/api/v1/services/http-svc", { headers })).status()).toBe(404);

    const audit = await (await request.get(`/api/v1/audit?entityType=service&entityId=${svc.id}`, { headers })).json();
    expect(audit.items.map((e: { action: string }) => e.action)).toEqual([
      "service.delete",
      "service.update",
      "service.create",
    ]);
  });
});
