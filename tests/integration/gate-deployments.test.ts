import { beforeAll, describe, expect, it } from "vitest";
import * as teams from "@/app/api/v1/teams/route";
import * as services from "@/app/api/v1/services/route";
import * as deployments from "@/app/api/v1/deployments/route";
import * as deployment from "@/app/api/v1/deployments/[id]/route";
import * as audit from "@/app/api/v1/audit/route";
import { SYSTEM_ACTOR } from "@/lib/services/system-actor";
import { createApiToken } from "@/lib/services/tokens";
import { call, userWithToken } from "./helpers/api";

// Deployment events: recorded by pipelines with a narrow CI token, listed as chart markers.
describe("deployments API", () => {
  let admin: string, viewer: string, outsider: string, ci: string, gateOnly: string, readOnly: string;
  const post = (body: unknown, token = ci) => call(deployments.POST, { method: "POST", token, body });
  const list = (query: string, token = ci) => call(deployments.GET, { token, url: `/api/v1/deployments?${query}` });

  beforeAll(async () => {
    admin = (await userWithToken("admin")).token;
    for (const t of ["gd-team", "gd-other"])
      expect((await call(teams.POST, { method: "POST", token: admin, body: { slug: t, name: t } })).status).toBe(201);
    for (const s of ["gd-api", "gd-web"])
      expect(
        (await call(services.POST, { method: "POST", token: admin, body: { slug: s, name: s, team: "gd-team" } }))
          .status,
      ).toBe(201);
    viewer = (await userWithToken("viewer", ["gd-team"])).token;
    outsider = (await userWithToken("editor", ["gd-other"])).token;
    const bot = await userWithToken("editor", ["gd-team"]);
    ci = (await createApiToken(SYSTEM_ACTOR, { name: "ci", scopes: ["gate", "deployments"], ownerId: bot.id })).token;
    gateOnly = (await createApiToken(SYSTEM_ACTOR, { name: "gate", scopes: ["gate"], ownerId: bot.id })).token;
    readOnly = (await createApiToken(SYSTEM_ACTOR, { name: "read", scopes: ["read"], ownerId: bot.id })).token;
  });

  it("records a deploy with defaults (now, production, succeeded) and audits it", async () => {
    const before = Date.now();
    const res = await post({ service: "gd-api", version: "v1.4.0" });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      service: "gd-api",
      version: "v1.4.0",
      environment: "production",
      status: "succeeded",
      link: null,
    });
    expect(Date.parse(res.body.at)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(res.body.at)).toBeLessThanOrEqual(Date.now() + 1000);
    const log = await call(audit.GET, { token: admin, url: `/x?entityType=deployment&entityId=${res.body.id}` });
    expect(log.body.items.map((e: { action: string }) => e.action)).toEqual(["deployment.create"]);
    expect((await call(deployment.GET, { token: ci, params: { id: res.body.id } })).body).toMatchObject({
      id: res.body.id,
      version: "v1.4.0",
    });
  });

  it("answers 422 naming every bad field", async () => {
    const res = await post({
      service: "Bad Slug",
      version: "",
      environment: "prod env",
      at: "yesterday",
      link: "ftp://x",
      status: "done",
    });
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.error.fields).sort()).toEqual([
      "at",
      "environment",
      "link",
      "service",
      "status",
      "version",
    ]);
    const future = await post({ service: "gd-api", version: "v9", at: new Date(Date.now() + 3_600_000).toISOString() });
    expect(future.body.error.fields).toEqual({ at: "must not be in the future" });
    expect((await post({ service: "gd-nope", version: "v1" })).body.error.fields).toEqual({
      service: 'unknown service "gd-nope"',
    });
    expect((await call(deployments.POST, { method: "POST", token: ci, body: "{not json" })).status).toBe(400);
  });

  it("lets only editors of the owning team (or their CI tokens with the deployments scope) record", async () => {
    expect((await post({ service: "gd-api", version: "v2" }, viewer)).status).toBe(403);
    expect((await post({ service: "gd-api", version: "v2" }, outsider)).status).toBe(403);
    const gate = await post({ service: "gd-api", version: "v2" }, gateOnly);
    expect(gate.status).toBe(403);
    expect(gate.body.error.message).toContain('"deployments"');
    expect((await post({ service: "gd-api", version: "v2" }, readOnly)).status).toBe(403);
    expect((await list("service=gd-api", readOnly)).status).toBe(200);
    expect((await list("service=gd-api", gateOnly)).status).toBe(200);
  });

  it("lists a service's deploys newest first within from/to, the shape chart markers use", async () => {
    const base = Date.parse("2026-01-10T00:00:00Z");
    for (const [i, svc] of [
      [1, "gd-web"],
      [2, "gd-web"],
      [3, "gd-api"],
      [4, "gd-web"],
    ] as const) {
      const res = await post({
        service: svc,
        version: `w${i}`,
        at: new Date(base + i * 3_600_000).toISOString(),
        environment: i === 4 ? "staging" : "production",
        link: `https://ci.example.com/run/${i}`,
      });
      expect(res.status).toBe(201);
    }
    const res = await list(
      `service=gd-web&from=${new Date(base).toISOString()}&to=${new Date(base + 5 * 3_600_000).toISOString()}`,
    );
    expect(res.status).toBe(200);
    expect(res.body.items.map((d: { version: string }) => d.version)).toEqual(["w4", "w2", "w1"]);
    expect(res.body.items[0]).toEqual({
      id: expect.any(String),
      service: "gd-web",
      serviceName: "gd-web",
      version: "w4",
      environment: "staging",
      at: new Date(base + 4 * 3_600_000).toISOString(),
      link: "https://ci.example.com/run/4",
      status: "succeeded",
      createdById: expect.any(String),
      createdAt: expect.any(String),
    });
    expect(
      (
        await list(`service=gd-web&environment=production&from=${base / 1000}&to=${base / 1000 + 5 * 3600}`)
      ).body.items.map((d: { version: string }) => d.version),
    ).toEqual(["w2", "w1"]);
    expect(
      (await list(`service=gd-web&from=${base / 1000}&to=${base / 1000 + 5 * 3600}&limit=1`)).body.items,
    ).toHaveLength(1);
    // the default range is the 30 days before now: January 2026 is outside it
    expect((await list("service=gd-web")).body.items).toEqual([]);
    const bad = await list(`service=gd-web&from=${base / 1000 + 10}&to=${base / 1000}`);
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.fields)).toEqual(["from"]);
    expect((await list("service=gd-nope")).status).toBe(404);
  });

  it("moves a deploy's status on with compare-and-set: racing pipelines get one 200 and one 409", async () => {
    const d = (await post({ service: "gd-api", version: "v3", status: "started" })).body;
    const [a, b] = await Promise.all([
      call(deployment.PATCH, { method: "PATCH", token: ci, params: { id: d.id }, body: { status: "succeeded" } }),
      call(deployment.PATCH, { method: "PATCH", token: ci, params: { id: d.id }, body: { status: "failed" } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const again = await call(deployment.PATCH, {
      method: "PATCH",
      token: ci,
      params: { id: d.id },
      body: { status: "started" },
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("INVALID_STATE");
    const rolled = await call(deployment.PATCH, {
      method: "PATCH",
      token: ci,
      params: { id: d.id },
      body: { status: "rolled_back", link: "https://ci.example.com/rollback/1" },
    });
    expect(rolled.body).toMatchObject({ status: "rolled_back", link: "https://ci.example.com/rollback/1" });
    expect((await call(deployment.PATCH, { method: "PATCH", token: ci, params: { id: d.id }, body: {} })).status).toBe(
      422,
    );
    expect(
      (
        await call(deployment.PATCH, {
          method: "PATCH",
          token: viewer,
          params: { id: d.id },
          body: { status: "rolled_back" },
        })
      ).status,
    ).toBe(403);
    expect((await call(deployment.GET, { token: ci, params: { id: "nope" } })).status).toBe(404);
  });
});
