import { beforeAll, describe, expect, inject, it } from "vitest";
import * as teams from "@/app/api/v1/teams/route";
import * as services from "@/app/api/v1/services/route";
import * as slos from "@/app/api/v1/slos/route";
import * as slo from "@/app/api/v1/slos/[id]/route";
import * as status from "@/app/api/v1/slos/[id]/status/route";
import * as burndown from "@/app/api/v1/slos/[id]/burndown/route";
import * as rules from "@/app/api/v1/slos/[id]/rules/route";
import * as versions from "@/app/api/v1/slos/[id]/versions/route";
import { createScenario } from "../harness/scenario";
import { call, userWithToken } from "./helpers/api";

// The SLO engine over its REST API against a real Prometheus over known backfilled data
// (tests/harness/scenario.ts). Status is evaluated at the scenario's end (`at`), hour-aligned, so the
// expected numbers are exact.
const end = inject("SCENARIO_END");
const scenario = createScenario(end);
const DAY = 86_400;
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

const ratio = (service: string, code = "5..") => ({
  kind: "ratio",
  total: `http_requests_total{service="${service}"}`,
  bad: `http_requests_total{service="${service}",code=~"${code}"}`,
});

describe("SLO engine against a real Prometheus", () => {
  let token: string;
  const ids: Record<string, string> = {};
  const statusAt = async (id: string, atSec = end) =>
    call(status.GET, { token, url: `/x?at=${atSec}`, params: { id } });

  beforeAll(async () => {
    token = (await userWithToken("admin")).token;
    await call(teams.POST, { method: "POST", token, body: { slug: "slo-team", name: "SLO team" } });
    for (const s of ["checkout", "search", "payments", "idle"]) {
      expect(
        (await call(services.POST, { method: "POST", token, body: { slug: s, name: s, team: "slo-team" } })).status,
      ).toBe(201);
    }
    const make = async (name: string, body: Record<string, unknown>) => {
      const res = await call(slos.POST, {
        method: "POST",
        token,
        body: {
          name,
          objective: 0.999,
          window: { kind: "rolling", days: 30 },
          runbookUrl: "https://runbooks.example.com/x",
          ...body,
        },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      ids[name] = res.body.id;
    };
    await make("checkout-availability", { service: "checkout", sli: ratio("checkout") });
    await make("search-availability", { service: "search", sli: ratio("search") });
    await make("payments-availability", { service: "payments", sli: ratio("payments") });
    await make("idle-availability", { service: "idle", sli: ratio("idle") });
    await make("checkout-latency", {
      service: "checkout",
      objective: 0.99,
      sli: {
        kind: "latency",
        metric: "http_request_duration_seconds",
        matchers: 'service="checkout"',
        thresholdSeconds: 0.3,
      },
    });
  });

  it("reports the exact SLI, events and budget of a constant 0.05 % error ratio", async () => {
    const res = await statusAt(ids["checkout-availability"]!);
    expect(res.status).toBe(200);
    const s = res.body;
    const exp = scenario.expectedRequests("checkout", end - 30 * DAY, end);
    expect(s.stale).toBe(false);
    expect(rel(s.events.total, exp.total)).toBeLessThan(1e-6);
    expect(rel(s.events.bad, exp.bad)).toBeLessThan(1e-6);
    expect(rel(s.sliValue, 0.9995)).toBeLessThan(1e-6);
    expect(s.errorBudget.total).toBe(0.001);
    expect(s.errorBudget.consumed).toBeCloseTo(0.5, 6);
    expect(s.errorBudget.remaining).toBeCloseTo(0.5, 6);
    expect(rel(s.errorBudget.allowedBadEvents, exp.total * 0.001)).toBeLessThan(1e-6);
    expect(s.errorBudget.downtimeEquivalentSeconds).toBe(2592);
    for (const w of ["5m", "30m", "1h", "2h", "6h", "1d", "3d"]) expect(s.burnRates[w]).toBeCloseTo(0.5, 6);
    expect(s.alerts.map((a: { firing: boolean }) => a.firing)).toEqual([false, false, false, false]);
    expect(s.asOf).toBe(new Date(end * 1000).toISOString());
    // 0.5 of a 30-day budget left, burning at 0.5× → exhausts in 30 days
    expect(Date.parse(s.exhaustsAt) - end * 1000).toBeCloseTo(30 * DAY * 1000, -4);
  });

  it("fires the Workbook's alerts exactly where they apply: 1 % errors on a 99.9 % SLO is a 10× burn", async () => {
    const s = (await statusAt(ids["payments-availability"]!)).body;
    expect(s.errorBudget.remaining).toBeCloseTo(1 - 10, 6);
    for (const w of ["5m", "1h", "6h", "3d"]) expect(s.burnRates[w]).toBeCloseTo(10, 6);
    const firing = Object.fromEntries(
      s.alerts.map((a: { name: string; firing: boolean; factor: number }) => [a.name, [a.firing, a.factor]]),
    );
    expect(firing).toEqual({
      "page-fast": [false, 14.4],
      "page-slow": [true, 6],
      "ticket-fast": [true, 3],
      "ticket-slow": [true, 1],
    });
    expect(s.exhaustsAt).toBe(s.asOf); // already exhausted
  });

  it("counts a 2-hour 10 % incident three days ago exactly in the window and in the 3-day burn rate", async () => {
    const s = (await statusAt(ids["search-availability"]!)).body;
    const exp = scenario.expectedRequests("search", end - 30 * DAY, end);
    expect(exp.bad).toBe(7200);
    expect(rel(s.events.bad, 7200)).toBeLessThan(1e-6);
    expect(rel(s.events.total, exp.total)).toBeLessThan(1e-6);
    expect(rel(s.errorBudget.consumed, 7200 / (0.001 * exp.total))).toBeLessThan(1e-6);
    expect(s.burnRates["1d"]).toBe(0);
    // The 3-day window starts exactly at the incident: Prometheus extrapolates increase() at its edges,
    // so compare with the exact ratio at Prometheus's documented precision.
    expect(rel(s.burnRates["3d"], scenario.expectedErrorRatio("search", end - 3 * DAY, end) / 0.001)).toBeLessThan(
      1e-3,
    );
  });

  it("computes a latency SLI from the histogram bucket at the threshold", async () => {
    const s = (await statusAt(ids["checkout-latency"]!)).body;
    const exp = scenario.expectedLatency("checkout", "0.3", end - 30 * DAY, end);
    expect(rel(s.events.good, exp.good)).toBeLessThan(1e-6);
    expect(rel(s.sliValue, 0.99)).toBeLessThan(1e-6);
    expect(s.errorBudget.remaining).toBeCloseTo(0, 6);
  });

  it("says 'no data' for a service without traffic: nulls, never NaN", async () => {
    const res = await statusAt(ids["idle-availability"]!);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      noData: true,
      sliValue: null,
      events: { total: 0 },
      errorBudget: { remaining: null, consumed: null },
    });
    expect(res.body.burnRates["1h"]).toBeNull();
  });

  it("rejects invalid PromQL with Prometheus's own parse error naming the field", async () => {
    const res = await call(slos.POST, {
      method: "POST",
      token,
      body: {
        service: "checkout",
        name: "broken",
        objective: 0.99,
        window: { kind: "rolling", days: 30 },
        sli: { kind: "ratio", total: 'http_requests_total{service="checkout"', bad: "x" },
      },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.fields["sli.total"]).toMatch(/parse error|unexpected|unclosed/i);
  });

  it("rejects a latency threshold that is not a histogram bucket, listing the buckets", async () => {
    const res = await call(slos.POST, {
      method: "POST",
      token,
      body: {
        service: "checkout",
        name: "lat-bad",
        objective: 0.99,
        window: { kind: "rolling", days: 30 },
        sli: {
          kind: "latency",
          metric: "http_request_duration_seconds",
          matchers: 'service="checkout"',
          thresholdSeconds: 0.25,
        },
      },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.fields["sli.thresholdSeconds"]).toContain("0.05, 0.1, 0.2, 0.3");
  });

  it("rejects objectives outside (0, 1) and unknown windows with field names", async () => {
    const res = await call(slos.POST, {
      method: "POST",
      token,
      body: {
        service: "checkout",
        name: "bad-obj",
        objective: 1,
        window: { kind: "rolling", days: 31 },
        sli: ratio("checkout"),
      },
    });
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.error.fields).sort()).toEqual(["objective", "window.days"]);
  });

  it("lists SLOs with status in one batched refresh", async () => {
    const res = await call(slos.GET, { token, url: `/api/v1/slos?include=status&service=checkout&at=${end}` });
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { name: string }) => i.name).sort()).toEqual([
      "checkout-availability",
      "checkout-latency",
    ]);
    expect(res.body.items.every((i: { status?: { stale: boolean } }) => i.status && !i.status.stale)).toBe(true);
  });

  it("draws the burndown from one range query, cumulating from the window start with the ideal line", async () => {
    const res = await call(burndown.GET, { token, url: `/x?to=${end}`, params: { id: ids["search-availability"]! } });
    expect(res.status).toBe(200);
    const b = res.body;
    expect(b.stepSeconds).toBe(3600);
    expect(b.points).toHaveLength(720);
    expect(b.points[0].ideal).toBeCloseTo(1 - 1 / 720, 9);
    expect(b.points.at(-1).ideal).toBe(0);
    // clean until the incident 72 h before the end, then a step down; final value = the status's remaining
    expect(b.points[720 - 73].remaining).toBe(1);
    expect(b.points.at(-1).remaining).toBeLessThan(1);
    const s = (await statusAt(ids["search-availability"]!)).body;
    expect(b.points.at(-1).remaining).toBeCloseTo(s.errorBudget.remaining, 6);
  });

  it("keeps history: changing the objective creates a new version, metadata edits do not; stale revisions get 409", async () => {
    const id = ids["checkout-availability"]!;
    const current = (await call(slo.GET, { token, params: { id } })).body;
    const meta = await call(slo.PATCH, {
      method: "PATCH",
      token,
      params: { id },
      body: { description: "Orders", revision: current.revision },
    });
    expect(meta.status).toBe(200);
    const changed = await call(slo.PATCH, {
      method: "PATCH",
      token,
      params: { id },
      body: { objective: 0.995, revision: current.revision + 1 },
    });
    expect(changed.status).toBe(200);
    const stale = await call(slo.PATCH, {
      method: "PATCH",
      token,
      params: { id },
      body: { objective: 0.99, revision: current.revision },
    });
    expect(stale.status).toBe(409);
    const v = (await call(versions.GET, { token, params: { id } })).body.items;
    expect(
      v.map((x: { number: number; status: string; objective: number }) => [x.number, x.status, x.objective]),
    ).toEqual([
      [2, "active", 0.995],
      [1, "superseded", 0.999],
    ]);
    const s = (await statusAt(id)).body;
    expect(s.version).toBe(2);
    expect(s.errorBudget.remaining).toBeCloseTo(0.9, 6); // 0.05 % errors of a 0.5 % budget
  });

  it("answers for an earlier instant after a status 'now' was computed (rollups extend backwards)", async () => {
    const res = await call(slos.POST, {
      method: "POST",
      token,
      body: {
        service: "payments",
        name: "backwards",
        objective: 0.999,
        window: { kind: "rolling", days: 30 },
        sli: ratio("payments"),
      },
    });
    expect(res.status).toBe(201);
    expect((await call(status.GET, { token, params: { id: res.body.id } })).status).toBe(200); // "now": rolls up the last 30 days
    const earlier = end - 2 * DAY;
    const s = (await statusAt(res.body.id, earlier)).body;
    const exp = scenario.expectedRequests("payments", earlier - 30 * DAY, earlier);
    expect(rel(s.events.total, exp.total)).toBeLessThan(1e-6);
    expect(rel(s.events.bad, exp.bad)).toBeLessThan(1e-6);
  });

  it("generates rules, and an SLO without a runbook gets none with the reason", async () => {
    const withRunbook = await call(rules.GET, { token, params: { id: ids["payments-availability"]! } });
    expect(withRunbook.headers.get("content-type")).toContain("yaml");
    expect(withRunbook.body).toContain("alert: SloErrorBudgetBurn");
    expect(withRunbook.body).toContain("runbook_url");
    const noRunbook = await call(slos.POST, {
      method: "POST",
      token,
      body: {
        service: "search",
        name: "no-runbook",
        objective: 0.99,
        window: { kind: "rolling", days: 28 },
        sli: ratio("search"),
      },
    });
    expect(noRunbook.status).toBe(201);
    const view = (await call(slo.GET, { token, params: { id: noRunbook.body.id } })).body;
    expect(view.alertsSkipped.code).toBe("NO_RUNBOOK");
    const yaml = (await call(rules.GET, { token, params: { id: noRunbook.body.id } })).body;
    expect(yaml).toContain("no alert rules");
    expect(yaml).not.toContain("alert: SloErrorBudgetBurn");
  });
});
