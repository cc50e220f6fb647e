import { beforeAll, describe, expect, inject, it } from "vitest";
import * as datasources from "@/app/api/v1/datasources/route";
import * as one from "@/app/api/v1/datasources/[id]/route";
import * as probe from "@/app/api/v1/datasources/[id]/test/route";
import { getDb } from "@/lib/db";
import { prometheusFor } from "@/lib/services/slo/prometheus-source";
import { call, userWithToken } from "./helpers/api";

// Admin → Data sources through the API: edit (secrets kept, replaced, removed), URL checks on update,
// test connection with a sample query and its latency, and one default source at a time.
let admin = "";
let editor = "";
const add = async (name: string, extra: Record<string, unknown> = {}) => {
  const res = await call(datasources.POST, {
    method: "POST",
    token: admin,
    body: { name, url: inject("PROMETHEUS_URL"), ...extra },
  });
  expect(res.status).toBe(201);
  return res.body.id as string;
};
const patch = (id: string, body: unknown, token = admin) =>
  call(one.PATCH, { method: "PATCH", token, params: { id }, body });
const sealedToken = async (id: string) =>
  (await (await getDb()).dataSource.findUniqueOrThrow({ where: { id } })).bearerToken;

beforeAll(async () => {
  admin = (await userWithToken("admin")).token;
  editor = (await userWithToken("editor")).token;
});

describe("data sources: edit", () => {
  it("keeps a secret that is not sent, replaces one that is, removes one set to null", async () => {
    const id = await add("edit-me", { authType: "bearer", bearerToken: "first-token-abc" });
    const first = await sealedToken(id);
    const renamed = await patch(id, { name: "edited", timeoutMs: 3000 });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: "edited", timeoutMs: 3000, hasBearerToken: true });
    expect(await sealedToken(id)).toBe(first);
    expect((await patch(id, { bearerToken: "second-token-def" })).body.hasBearerToken).toBe(true);
    const second = await sealedToken(id);
    expect(second).not.toBe(first);
    expect(second).not.toContain("second-token");
    expect((await patch(id, { bearerToken: null })).body.hasBearerToken).toBe(false);
  });

  it("checks a new URL like on create (422 on url) and refuses editors (403)", async () => {
    const id = await add("url-check");
    const res = await patch(id, { url: "http://169.254.169.254/" });
    expect(res.status).toBe(422);
    expect(res.body.error.fields.url).toContain("never allowed");
    expect((await patch(id, { timeoutMs: 5000 }, editor)).status).toBe(403);
    expect((await patch("no-such-id", { timeoutMs: 5000 })).status).toBe(404);
    expect((await patch(id, { timeoutMs: "soon" })).body.error.fields).toHaveProperty("timeoutMs");
  });
});

describe("data sources: test connection", () => {
  it("runs the sample query and reports latency and samples", async () => {
    const id = await add("probe-ok");
    const res = await call(probe.POST, { method: "POST", token: admin, params: { id }, body: { query: "vector(42)" } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ok: true, resultType: "vector", series: 1 });
    expect(res.body.sample).toEqual([{ metric: {}, value: 42 }]);
    expect(res.body.latencyMs).toBeGreaterThanOrEqual(0);
    expect(typeof res.body.version).toBe("string");
  });

  it("reports a bad query or a dead source as ok: false with the reason", async () => {
    const id = await add("probe-bad");
    const bad = await call(probe.POST, { method: "POST", token: admin, params: { id }, body: { query: "sum(" } });
    expect(bad.body).toMatchObject({ ok: false });
    expect(bad.body.message).toMatch(/parse error/);
    const dead = await add("probe-dead", { url: "http://127.0.0.1:9", timeoutMs: 1000 });
    const res = await call(probe.POST, { method: "POST", token: admin, params: { id: dead }, body: { query: "up" } });
    expect(res.body).toMatchObject({
      ok: false,
      message:
        "No Prometheus API answered at http://127.0.0.1:9/api/v1/query (unreachable, or not a Prometheus server)",
    });
    expect(
      (await call(probe.POST, { method: "POST", token: editor, params: { id }, body: { query: "up" } })).status,
    ).toBe(403);
  });
});

describe("data sources: default", () => {
  it("one default at a time; services without a source use it instead of PROMETHEUS_URL", async () => {
    const a = await add("default-a", { url: "http://127.0.0.1:9" });
    const b = await add("default-b");
    expect((await patch(a, { isDefault: true })).body.isDefault).toBe(true);
    expect((await prometheusFor(null)).url).toBe("http://127.0.0.1:9");
    await Promise.all([patch(a, { isDefault: true }), patch(b, { isDefault: true })]);
    expect((await patch(b, { isDefault: true })).status).toBe(200);
    const defaults = (await call(datasources.GET, { token: admin })).body.items.filter(
      (d: { isDefault: boolean }) => d.isDefault,
    );
    expect(defaults.map((d: { name: string }) => d.name)).toEqual(["default-b"]);
    expect((await prometheusFor(null)).url).toBe(inject("PROMETHEUS_URL").replace(/\/+$/, ""));
    // Back to PROMETHEUS_URL for the other test files sharing this database.
    expect((await patch(b, { isDefault: false })).body.isDefault).toBe(false);
  });
});
