import { beforeAll, describe, expect, inject, it } from "vitest";
import * as teams from "@/app/api/v1/teams/route";
import * as services from "@/app/api/v1/services/route";
import * as datasources from "@/app/api/v1/datasources/route";
import * as slos from "@/app/api/v1/slos/route";
import * as backtest from "@/app/api/v1/slos/[id]/backtest/route";
import * as backtestDefinition from "@/app/api/v1/slos/backtest/route";
import * as incidents from "@/app/api/v1/incidents/route";
import * as status from "@/app/api/v1/incidents/[id]/status/route";
import { currentTiers, replayAlerts } from "@/lib/slo";
import { createScenario } from "../harness/scenario";
import { call, userWithToken } from "./helpers/api";

// The backtest API over the harness Prometheus (tests/harness/scenario.ts): "search" fails 10 % of its
// 10 req/s for 2 h from 72 h before the scenario's end, clean otherwise. The replay of the data the API
// fetched must equal a replay of the scenario's exact counts (the math itself is confirmed by promtool in
// backtest-promtool.test.ts), its page must overlap the incident we open for that window, and an incident
// during clean traffic must be reported missed.
const end = inject("SCENARIO_END");
const scenario = createScenario(end);
const H = 3600;
const MIN = 60_000;
const iso = (sec: number) => new Date(sec * 1000).toISOString();
const sli = {
  kind: "ratio",
  total: 'http_requests_total{service="search"}',
  bad: 'http_requests_total{service="search",code=~"5.."}',
};

describe("POST /api/v1/slos/{id}/backtest and /api/v1/slos/backtest", () => {
  let admin = "",
    viewer = "",
    sloId = "",
    downSloId = "";
  const keys: string[] = [];

  beforeAll(async () => {
    admin = (await userWithToken("admin")).token;
    expect(
      (await call(teams.POST, { method: "POST", token: admin, body: { slug: "bt-api", name: "Backtest" } })).status,
    ).toBe(201);
    expect(
      (
        await call(datasources.POST, {
          method: "POST",
          token: admin,
          body: { name: "bt-api-down", url: "http://127.0.0.1:9/", timeoutMs: 1000 },
        })
      ).status,
    ).toBe(201);
    for (const [slug, dataSource] of [
      ["bt-api-search", null],
      ["bt-api-down", "bt-api-down"],
    ] as const) {
      expect(
        (
          await call(services.POST, {
            method: "POST",
            token: admin,
            body: { slug, name: slug, team: "bt-api", dataSource },
          })
        ).status,
      ).toBe(201);
    }
    const slo = async (service: string) => {
      const res = await call(slos.POST, {
        method: "POST",
        token: admin,
        body: {
          name: "search-availability",
          service,
          sli,
          objective: 0.999,
          window: { kind: "rolling", days: 30 },
          runbookUrl: "https://runbooks.example.com/search",
        },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id as string;
    };
    sloId = await slo("bt-api-search");
    downSloId = await slo("bt-api-down");
    viewer = (await userWithToken("viewer", ["bt-api"])).token;
    for (const [title, from, to] of [
      ["Search errors", end - 72 * H, end - 70 * H],
      ["Quiet false alarm", end - 120 * H, end - 119 * H],
    ] as const) {
      const inc = await call(incidents.POST, {
        method: "POST",
        token: admin,
        body: { title, severity: "SEV-2", services: ["bt-api-search"], impactStartAt: iso(from) },
      });
      expect(inc.status, JSON.stringify(inc.body)).toBe(201);
      expect(
        (
          await call(status.POST, {
            method: "POST",
            token: admin,
            params: { id: inc.body.id },
            body: { status: "resolved", at: iso(to) },
          })
        ).status,
      ).toBe(200);
      keys.push(`INC-${inc.body.number}`);
    }
  });

  it("replays 7 days: the page overlaps the search incident, the quiet one is missed, instants equal a replay of the exact counts", async () => {
    const res = await call(backtest.POST, { method: "POST", token: viewer, params: { id: sloId }, body: { days: 7 } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const b = res.body;
    expect(b.days).toBe(7);
    expect(b.alertsSkipped).toBeNull();
    expect(b.candidate).toBeNull();
    expect(b.incidents.map((i: { key: string }) => i.key).sort()).toEqual([...keys].sort());
    const [searchKey, quietKey] = keys;
    expect(b.current.pages.count).toBe(1);
    expect(b.current.pages.duringIncident).toBe(1);
    expect(b.current.pages.precision).toBe(1);
    expect(b.current.episodes.find((e: { severity: string }) => e.severity === "page").incidents).toEqual([searchKey]);
    expect(b.current.missed).toEqual([quietKey]);
    const pageFast = b.current.intervals.find((i: { tier: string }) => i.tier === "page-fast");
    const firedSec = Date.parse(pageFast.firedAt) / 1000;
    expect(firedSec).toBeGreaterThan(scenario.incident.start);
    expect(firedSec).toBeLessThan(scenario.incident.start + 15 * 60);

    // Independent: the scenario's exact 5 m counts (no Prometheus) through the same tiers.
    const fromMs = Date.parse(b.to) - 10 * 86_400_000;
    const good: (number | null)[] = [],
      total: (number | null)[] = [];
    for (let t = fromMs + 5 * MIN; t <= Date.parse(b.to); t += 5 * MIN) {
      const inData = t / 1000 <= end && t / 1000 - 300 >= scenario.start;
      const c = scenario.expectedRequests("search", t / 1000 - 300, t / 1000);
      good.push(inData ? c.good : null);
      total.push(inData ? c.total : null);
    }
    const expected = replayAlerts({
      series: { startMs: fromMs + 5 * MIN, stepMs: 5 * MIN, good, total },
      tiers: currentTiers(30 * 86_400),
      budget: 0.001,
      evalIntervalMs: MIN,
    })
      .filter((i) => i.firedAtMs < Date.parse(b.to) && (i.resolvedAtMs ?? Infinity) > Date.parse(b.from))
      .map((i) => ({
        tier: i.tier,
        firedAt: new Date(i.firedAtMs).toISOString(),
        resolvedAt: i.resolvedAtMs === null ? null : new Date(i.resolvedAtMs).toISOString(),
      }));
    expect(expected.length).toBeGreaterThanOrEqual(2);
    expect(
      b.current.intervals.map((i: { tier: string; firedAt: string; resolvedAt: string | null }) => ({
        tier: i.tier,
        firedAt: i.firedAt,
        resolvedAt: i.resolvedAt,
      })),
    ).toEqual(expected);
    // The hourly burn series shows the incident: 10 % errors = burn 100 over a budget of 0.1 %.
    expect(Math.max(...b.burn.map((p: { burnRate: number | null }) => p.burnRate ?? 0))).toBeCloseTo(100, 6);
  });

  it("candidate settings: a factor above the incident's burn and no page-slow → no page, the search incident still ticketed", async () => {
    const res = await call(backtest.POST, {
      method: "POST",
      token: viewer,
      params: { id: sloId },
      body: { days: 7, tiers: { "page-fast": { factor: 200 }, "page-slow": { enabled: false } } },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.candidate.tiers.map((t: { name: string }) => t.name)).toEqual([
      "page-fast",
      "ticket-fast",
      "ticket-slow",
    ]);
    expect(res.body.candidate.pages.count).toBe(0);
    expect(res.body.candidate.tickets.duringIncident).toBeGreaterThanOrEqual(1);
    expect(res.body.current.pages.count).toBe(1);
  });

  it("an unsaved definition (the wizard) answers the same as the saved SLO", async () => {
    const saved = await call(backtest.POST, {
      method: "POST",
      token: viewer,
      params: { id: sloId },
      body: { days: 7 },
    });
    const res = await call(backtestDefinition.POST, {
      method: "POST",
      token: viewer,
      body: { service: "bt-api-search", sli, objective: 0.999, window: { kind: "rolling", days: 30 }, days: 7 },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.sloId).toBeNull();
    expect(res.body.current.intervals).toEqual(saved.body.current.intervals);
  });

  it.each([
    [{ days: 31 }, "days", /at most 30/],
    [{ days: 0 }, "days", /at least 1/],
    [{ tiers: { "page-fast": { longWindow: "1x" } } }, "tiers.page-fast.longWindow", /duration/],
    [{ tiers: { "page-slow": { shortWindow: "6h" } } }, "tiers.page-slow.shortWindow", /shorter than the long window/],
    [{ tiers: { "page-fast": { factor: -1 } } }, "tiers.page-fast.factor", /greater than 0/],
    [{ evaluationInterval: "7m" }, "evaluationInterval", /one of/],
    [{ tiers: { "page-medium": {} } }, "tiers", /.+/],
  ])("422 for %j naming %s", async (body, field, message) => {
    const res = await call(backtest.POST, { method: "POST", token: viewer, params: { id: sloId }, body });
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.error.fields[field]).toMatch(message);
  });

  it("503 with a message when the SLO's Prometheus cannot be reached", async () => {
    const res = await call(backtest.POST, {
      method: "POST",
      token: viewer,
      params: { id: downSloId },
      body: { days: 1 },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(503);
    expect(res.body.error.message).toMatch(/Prometheus/);
  });
});
