import { beforeAll, describe, expect, inject, it } from "vitest";
import * as teams from "@/app/api/v1/teams/route";
import * as services from "@/app/api/v1/services/route";
import * as datasources from "@/app/api/v1/datasources/route";
import * as slos from "@/app/api/v1/slos/route";
import * as sloStatus from "@/app/api/v1/slos/[id]/status/route";
import * as incidents from "@/app/api/v1/incidents/route";
import * as status from "@/app/api/v1/incidents/[id]/status/route";
import * as postmortem from "@/app/api/v1/postmortems/[id]/route";
import * as impact from "@/app/api/v1/postmortems/[id]/impact/route";
import * as audit from "@/app/api/v1/audit/route";
import { getDb } from "@/lib/db";
import { createScenario } from "../harness/scenario";
import { call, userWithToken } from "./helpers/api";

// Impact of an incident computed from a real Prometheus over the known scenario (tests/harness/scenario.ts):
// "search" serves 10 req/s and fails 10 % of them (code 503) for exactly 2 h starting 72 h before the
// scenario's end → 7200 failed of 72 000 requests. For a 99.9 % / 30 d SLO the budget consumed is
// 7200 / (0.001 × events in the 30 days ending at the incident's end).
const end = inject("SCENARIO_END");
const scenario = createScenario(end);
const H = 3600;
const DAY = 86_400;
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
const iso = (sec: number) => new Date(sec * 1000).toISOString();
const ratio = (service: string) => ({
  kind: "ratio",
  total: `http_requests_total{service="${service}"}`,
  bad: `http_requests_total{service="${service}",code=~"5.."}`,
});

type Snapshot = {
  sloName: string;
  service: string;
  failed: number;
  total: number;
  errorRatio: number | null;
  peakErrorRatio: number | null;
  budgetConsumed: number;
  from: string;
  to: string;
  computedAt: string;
  frozen: boolean;
  details: Record<string, unknown>;
};

describe("incident impact from Prometheus", () => {
  let admin: string, editor: string, viewer: string;
  const sloIds: Record<string, string> = {};

  beforeAll(async () => {
    admin = (await userWithToken("admin")).token;
    expect(
      (await call(teams.POST, { method: "POST", token: admin, body: { slug: "inc-imp", name: "Impact" } })).status,
    ).toBe(201);
    expect(
      (
        await call(datasources.POST, {
          method: "POST",
          token: admin,
          body: { name: "inc-imp-down", url: "http://127.0.0.1:9/", timeoutMs: 1000 },
        })
      ).status,
    ).toBe(201);
    for (const [slug, dataSource] of [
      ["inc-imp-search", null],
      ["inc-imp-checkout", null],
      ["inc-imp-idle", null],
      ["inc-imp-down", "inc-imp-down"],
    ] as const) {
      expect(
        (
          await call(services.POST, {
            method: "POST",
            token: admin,
            body: { slug, name: slug, team: "inc-imp", dataSource },
          })
        ).status,
      ).toBe(201);
    }
    const slo = async (name: string, service: string, metricService: string) => {
      const res = await call(slos.POST, {
        method: "POST",
        token: admin,
        body: { name, service, sli: ratio(metricService), objective: 0.999, window: { kind: "rolling", days: 30 } },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      sloIds[name] = res.body.id;
    };
    await slo("search-availability", "inc-imp-search", "search");
    await slo("checkout-availability", "inc-imp-checkout", "checkout");
    await slo("idle-availability", "inc-imp-idle", "idle");
    await slo("down-availability", "inc-imp-down", "search");
    editor = (await userWithToken("editor", ["inc-imp"])).token;
    viewer = (await userWithToken("viewer", ["inc-imp"])).token;
  });

  async function incidentOn(services: string[], instants: Record<string, string>, resolveAt?: number) {
    const inc = await call(incidents.POST, {
      method: "POST",
      token: editor,
      body: { title: "Search errors", severity: "SEV-2", services, ...instants },
    });
    expect(inc.status, JSON.stringify(inc.body)).toBe(201);
    if (resolveAt !== undefined) {
      const res = await call(status.POST, {
        method: "POST",
        token: editor,
        params: { id: inc.body.id },
        body: { status: "resolved", at: iso(resolveAt) },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    }
    return inc.body.postmortem.id as string;
  }
  const recompute = (pmId: string, token = editor) =>
    call(impact.POST, { method: "POST", token, params: { id: pmId } });

  it("computes failed = 7200 exactly, total = 10 req/s × 7200 s, and the budget share for the search incident", async () => {
    const pmId = await incidentOn(["inc-imp-search"], { impactStartAt: iso(end - 72 * H) }, end - 70 * H);
    const res = await recompute(pmId);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.window).toEqual({ from: iso(end - 72 * H), to: iso(end - 70 * H), ongoing: false });
    const [s] = res.body.items as Snapshot[];
    expect(res.body.items).toHaveLength(1);
    const incidentCounts = scenario.expectedRequests("search", end - 72 * H, end - 70 * H);
    expect(incidentCounts).toEqual({ good: 64_800, bad: 7200, total: 72_000 });
    expect(rel(s!.failed, 7200)).toBeLessThan(1e-6);
    expect(rel(s!.total, 10 * 7200)).toBeLessThan(1e-6);
    expect(s!.peakErrorRatio).toBeCloseTo(0.1, 9);
    expect(s!.errorRatio).toBeCloseTo(0.1, 9);
    const windowTotal = scenario.expectedRequests("search", end - 70 * H - 30 * DAY, end - 70 * H).total;
    expect(windowTotal).toBe(10 * 30 * DAY);
    expect(rel(s!.budgetConsumed, 7200 / (0.001 * windowTotal))).toBeLessThan(1e-6);
    expect(s!.budgetConsumed).toBeCloseTo(0.2778, 4);
    expect(s).toMatchObject({
      sloName: "search-availability",
      service: "inc-imp-search",
      from: iso(end - 72 * H),
      to: iso(end - 70 * H),
      frozen: false,
    });
    expect(s!.details).toMatchObject({
      status: "ok",
      stepSeconds: 300,
      objective: 0.999,
      sloWindowSeconds: 30 * DAY,
      evaluatedAt: iso(end - 70 * H),
      promql: {
        total: 'sum(increase(http_requests_total{service="search"}[2h]))',
        windowTotal: 'sum(increase(http_requests_total{service="search"}[30d]))',
      },
    });
    expect(rel(s!.details.windowTotalEvents as number, windowTotal)).toBeLessThan(1e-6);

    // The same denominator as the SLO engine's status at the incident's end (its window's total events).
    const st = await call(sloStatus.GET, {
      token: viewer,
      params: { id: sloIds["search-availability"]! },
      url: `/x?at=${end - 70 * H}`,
    });
    expect(rel(st.body.events.total, s!.details.windowTotalEvents as number)).toBeLessThan(1e-6);

    // Stored with the postmortem and shown in its document and its Markdown export.
    const doc = (await call(postmortem.GET, { token: viewer, params: { id: pmId } })).body;
    expect(doc.impacts).toHaveLength(1);
    expect(doc.impacts[0].failed).toBe(s!.failed);
    const md = (await call(postmortem.GET, { token: viewer, params: { id: `${pmId}.md` } })).body as string;
    expect(md).toContain(
      `| search-availability | inc-imp-search | ${iso(end - 72 * H)
        .slice(0, 19)
        .replace("T", " ")} → ${iso(end - 70 * H)
        .slice(0, 19)
        .replace("T", " ")} | 7200 | 72000 | 10% | 27.78% |`,
    );
  });

  it("gives one snapshot per SLO of every affected service, replaces them on recompute, and records the recompute", async () => {
    const pmId = await incidentOn(
      ["inc-imp-search", "inc-imp-checkout", "inc-imp-idle"],
      { impactStartAt: iso(end - 72 * H) },
      end - 70 * H,
    );
    const first = await recompute(pmId);
    const byName = Object.fromEntries((first.body.items as Snapshot[]).map((s) => [s.sloName, s]));
    expect(Object.keys(byName).sort()).toEqual(["checkout-availability", "idle-availability", "search-availability"]);
    // checkout: 20 req/s with 0.05 % errors → 144 000 requests, 72 failed; 99.9 % of 30 d × 20 req/s.
    expect(rel(byName["checkout-availability"]!.total, 144_000)).toBeLessThan(1e-6);
    expect(rel(byName["checkout-availability"]!.failed, 72)).toBeLessThan(1e-6);
    expect(rel(byName["checkout-availability"]!.budgetConsumed, 72 / (0.001 * 20 * 30 * DAY))).toBeLessThan(1e-6);
    // idle: no traffic → no error ratio (not 0 %), nothing consumed.
    expect(byName["idle-availability"]).toMatchObject({
      failed: 0,
      total: 0,
      errorRatio: null,
      peakErrorRatio: null,
      budgetConsumed: 0,
      details: { status: "no_traffic" },
    });

    const second = await recompute(pmId);
    expect(second.body.items).toHaveLength(3);
    expect(Date.parse(second.body.items[0].computedAt)).toBeGreaterThanOrEqual(
      Date.parse(first.body.items[0].computedAt),
    );
    expect((await call(impact.GET, { token: viewer, params: { id: pmId } })).body.items).toHaveLength(3);
    const log = await call(audit.GET, { url: `/api/v1/audit?entityType=postmortem&entityId=${pmId}`, token: admin });
    expect(log.body.items.filter((e: { action: string }) => e.action === "postmortem.impact")).toHaveLength(2);
    expect((await recompute(pmId, viewer)).status).toBe(403);
  });

  it("a snapshot whose stored details do not match their schema fails the read (500), not a view without details", async () => {
    const pmId = await incidentOn(["inc-imp-search"], { impactStartAt: iso(end - 72 * H) }, end - 70 * H);
    expect((await recompute(pmId)).status).toBe(200);
    const db = await getDb();
    const snap = await db.impactSnapshot.findFirstOrThrow({ where: { postmortemId: pmId } });
    await db.impactSnapshot.update({ where: { id: snap.id }, data: { queries: { stepSeconds: "300" } } });
    const res = await call(impact.GET, { token: viewer, params: { id: pmId } });
    expect(res.status).toBe(500);
    expect(res.body.error.code).toBe("INTERNAL");
    // A recompute reads the old draft (for the audit) and fails too: the defect is not silently overwritten.
    expect((await recompute(pmId)).status).toBe(500);
    await db.impactSnapshot.delete({ where: { id: snap.id } });
    expect((await call(impact.GET, { token: viewer, params: { id: pmId } })).status).toBe(200);
  });

  it("uses now as the end of an ongoing incident, and needs a start", async () => {
    const before = Date.now();
    const ongoing = await recompute(await incidentOn(["inc-imp-search"], { impactStartAt: iso(end - 3 * H) }));
    expect(ongoing.status).toBe(200);
    expect(ongoing.body.window.ongoing).toBe(true);
    expect(Date.parse(ongoing.body.window.to)).toBeGreaterThanOrEqual(before);
    expect(ongoing.body.items[0].failed).toBe(0);

    const noStart = await recompute(await incidentOn(["inc-imp-search"], {}));
    expect(noStart.status).toBe(422);
    expect(noStart.body.error.fields.impactStartAt).toBeDefined();
  });

  it("answers 503 when the SLO's Prometheus cannot be reached, storing nothing", async () => {
    const pmId = await incidentOn(["inc-imp-down"], { impactStartAt: iso(end - 72 * H) }, end - 70 * H);
    const res = await recompute(pmId);
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe("UPSTREAM_UNAVAILABLE");
    expect((await call(impact.GET, { token: viewer, params: { id: pmId } })).body.items).toEqual([]);
  });
});
