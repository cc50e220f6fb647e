import { beforeAll, describe, expect, inject, it } from "vitest";
import * as teams from "@/app/api/v1/teams/route";
import * as services from "@/app/api/v1/services/route";
import * as slos from "@/app/api/v1/slos/route";
import * as signals from "@/app/api/v1/services/[slug]/signals/route";
import * as audit from "@/app/api/v1/audit/route";
import { getDb } from "@/lib/db";
import { createScenario } from "../harness/scenario";
import { call, userWithToken } from "./helpers/api";

// Golden signals of a service against the real Prometheus over the known scenario: defaults derived from
// the service's SLIs, one range query per signal, configured PromQL checked by Prometheus's parser.
const end = inject("SCENARIO_END");
const scenario = createScenario(end);
type Signal = {
  key: string;
  source: string;
  query: string | null;
  error: string | null;
  series: { points: { t: string; v: number | null }[] }[];
};

describe("service golden signals", () => {
  let admin: string, editor: string, viewer: string;
  const get = async (slug: string, fromSec: number, toSec: number, token = viewer) =>
    call(signals.GET, { token, params: { slug }, url: `/x?from=${fromSec}&to=${toSec}` });
  const byKey = (list: Signal[]) => Object.fromEntries(list.map((s) => [s.key, s]));
  const valueAt = (s: Signal, tSec: number) => s.series[0]!.points.find((p) => Date.parse(p.t) === tSec * 1000)?.v;

  beforeAll(async () => {
    admin = (await userWithToken("admin")).token;
    await call(teams.POST, { method: "POST", token: admin, body: { slug: "sig-team", name: "Signals" } });
    expect(
      (
        await call(services.POST, {
          method: "POST",
          token: admin,
          body: { slug: "sig-search", name: "Search", team: "sig-team" },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await call(services.POST, {
          method: "POST",
          token: admin,
          body: { slug: "sig-bare", name: "Bare", team: "sig-team" },
        })
      ).status,
    ).toBe(201);
    editor = (await userWithToken("editor", ["sig-team"])).token;
    viewer = (await userWithToken("viewer", ["sig-team"])).token;
    const base = {
      service: "sig-search",
      objective: 0.999,
      window: { kind: "rolling", days: 30 },
      runbookUrl: "https://runbooks.example.com/s",
    };
    expect(
      (
        await call(slos.POST, {
          method: "POST",
          token: admin,
          body: {
            ...base,
            name: "availability",
            sli: {
              kind: "ratio",
              total: 'http_requests_total{service="search"}',
              bad: 'http_requests_total{service="search",code=~"5.."}',
            },
          },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await call(slos.POST, {
          method: "POST",
          token: admin,
          body: {
            ...base,
            name: "latency",
            objective: 0.99,
            sli: {
              kind: "latency",
              metric: "http_request_duration_seconds",
              matchers: 'service="search"',
              thresholdSeconds: 0.3,
            },
          },
        })
      ).status,
    ).toBe(201);
  });

  it("derives latency p99, traffic and error ratio from the SLIs and measures the known incident", async () => {
    const from = scenario.incident.start - 2 * 3600;
    const to = scenario.incident.start + 4 * 3600;
    const res = await get("sig-search", from, to);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.stepSeconds).toBe(60);
    const s = byKey(res.body.signals);
    expect(Object.keys(s)).toEqual(["latencyP99", "traffic", "errorRatio", "saturation"]);
    expect(s.latencyP99!.source).toBe("derived");
    expect(s.saturation).toMatchObject({ source: "none", query: null, series: [] });
    for (const k of ["latencyP99", "traffic", "errorRatio"]) {
      expect(s[k]!.error).toBeNull();
      expect(s[k]!.series).toHaveLength(1);
      expect(s[k]!.series[0]!.points.length).toBeGreaterThan(300); // 6 h at 60 s
    }
    const mid = scenario.incident.start + 3600;
    const before = scenario.incident.start - 3600;
    expect(valueAt(s.traffic!, mid)).toBeCloseTo(10, 6); // 10 req/s
    expect(valueAt(s.errorRatio!, mid)).toBeCloseTo(0.1, 6); // 10 % during the incident
    expect(valueAt(s.errorRatio!, before)).toBe(0);
    // 98 % of search requests take ≤ 0.3 s and 99 % ≤ 0.5 s: p99 is the 0.5 s bucket bound.
    expect(valueAt(s.latencyP99!, mid)).toBeCloseTo(0.5, 6);
  });

  it("says 'not configured' for a service without SLIs, and rejects bad ranges by field", async () => {
    const res = await get("sig-bare", end - 3600, end);
    expect(res.status).toBe(200);
    expect(res.body.signals.map((x: Signal) => x.source)).toEqual(["none", "none", "none", "none"]);
    expect((await get("sig-bare", end, end - 3600)).body.error.fields).toHaveProperty("to");
    expect((await get("sig-bare", end - 40 * 86_400, end)).body.error.fields).toHaveProperty("from");
    expect((await get("nope", end - 3600, end)).status).toBe(404);
  });

  it("lets an editor configure PromQL per signal (parse errors by field, 409 on a stale version, audited)", async () => {
    const current = (await get("sig-bare", end - 3600, end)).body;
    const bad = await call(signals.PUT, {
      method: "PUT",
      token: editor,
      params: { slug: "sig-bare" },
      body: { saturation: "sum(rate(foo[5m]" },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields.saturation).toMatch(/parse error|unclosed|expected/i);
    // A range vector parses, but no graph can draw it: refused by our type check with its position.
    const range = await call(signals.PUT, {
      method: "PUT",
      token: editor,
      params: { slug: "sig-bare" },
      body: { traffic: 'http_requests_total{service="x"}[5m]' },
    });
    expect(range.status).toBe(422);
    expect(range.body.error.fields.traffic).toBe(
      "line 1, column 1: the expression is a range vector; expected an instant vector or a scalar",
    );
    expect(
      (
        await call(signals.PUT, {
          method: "PUT",
          token: viewer,
          params: { slug: "sig-bare" },
          body: { saturation: "vector(0.5)" },
        })
      ).status,
    ).toBe(403);

    const ok = await call(signals.PUT, {
      method: "PUT",
      token: editor,
      params: { slug: "sig-bare" },
      body: { saturation: "vector(0.42)", traffic: "", version: current.version },
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({
      signals: { saturation: "vector(0.42)", traffic: null },
      version: current.version + 1,
    });
    const stale = await call(signals.PUT, {
      method: "PUT",
      token: editor,
      params: { slug: "sig-bare" },
      body: { saturation: "vector(1)", version: current.version },
    });
    expect(stale.status).toBe(409);

    const after = byKey((await get("sig-bare", end - 3600, end)).body.signals);
    expect(after.saturation).toMatchObject({ source: "configured", query: "vector(0.42)", error: null });
    expect(after.saturation!.series[0]!.points.every((p) => p.v === 0.42)).toBe(true);
    const log = await call(audit.GET, { token: admin, url: "/api/v1/audit?entityType=service&pageSize=50" });
    expect(log.body.items.some((a: { action: string }) => a.action === "service.signals.set")).toBe(true);
  });

  it("stores only the configured queries, and a stored value that does not match its schema fails the read naming the column", async () => {
    const db = await getDb();
    const row = await db.service.findUniqueOrThrow({
      where: { slug: "sig-bare" },
      select: { id: true, signals: true },
    });
    // Written through the API above: the derived signals have no key.
    expect(row.signals).toEqual({ saturation: "vector(0.42)" });
    try {
      await db.service.update({ where: { id: row.id }, data: { signals: { saturation: 42 } } });
      const res = await get("sig-bare", end - 3600, end);
      expect(res.status).toBe(500);
      expect(res.body.error.code).toBe("INTERNAL");
      await db.service.update({ where: { id: row.id }, data: { signals: { latency: "up" } } });
      const put = await call(signals.PUT, {
        method: "PUT",
        token: editor,
        params: { slug: "sig-bare" },
        body: { saturation: "vector(1)" },
      });
      expect(put.status).toBe(500);
    } finally {
      await db.service.update({ where: { id: row.id }, data: { signals: row.signals ?? {} } });
    }
  });
});
