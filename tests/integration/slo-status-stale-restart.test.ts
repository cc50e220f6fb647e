import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as teams from "@/app/api/v1/teams/route";
import * as services from "@/app/api/v1/services/route";
import * as datasources from "@/app/api/v1/datasources/route";
import * as slos from "@/app/api/v1/slos/route";
import * as status from "@/app/api/v1/slos/[id]/status/route";
import { getDb } from "@/lib/db";
import { refreshStoredStatuses } from "@/lib/services/slo/rollup-job";
import { invalidateStatusCache } from "@/lib/services/slo/status-cache";
import { startPrometheusStack, type PrometheusStack } from "../harness/prometheus-stack";
import { call, userWithToken } from "./helpers/api";

// Issue 17: the read model across a restart and a Prometheus outage. A "restart" is this process
// forgetting its in-memory statuses (invalidateStatusCache); the stored rows must then be served as they
// are, and a refresh that cannot reach Prometheus must keep the stored numbers, marked stale with the
// reason, the age (seconds since the stored computation) and since when Prometheus has been unavailable.
// A long refresh interval: no read triggers a background refresh, only the job function called here.
process.env.SLO_REFRESH_SECONDS = "600";

describe("SLO status read model: restart and Prometheus outage", () => {
  let stack: PrometheusStack;
  let token = "";
  let id = "";
  const get = async () => (await call(status.GET, { token, params: { id } })).body;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  beforeAll(async () => {
    stack = await startPrometheusStack({});
    token = (await userWithToken("admin")).token;
    expect(
      (await call(teams.POST, { method: "POST", token, body: { slug: "rs-team", name: "Restart team" } })).status,
    ).toBe(201);
    expect(
      (
        await call(datasources.POST, {
          method: "POST",
          token,
          body: { name: "rs-prom", url: stack.prometheusUrl, timeoutMs: 2000 },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await call(services.POST, {
          method: "POST",
          token,
          body: { slug: "rs-svc", name: "Restart", team: "rs-team", dataSource: "rs-prom" },
        })
      ).status,
    ).toBe(201);
    const sli = {
      kind: "ratio",
      total: 'http_requests_total{service="payments"}',
      bad: 'http_requests_total{service="payments",code=~"5.."}',
    };
    const res = await call(slos.POST, {
      method: "POST",
      token,
      body: { service: "rs-svc", name: "availability", objective: 0.999, window: { kind: "rolling", days: 30 }, sli },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    id = res.body.id;
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it("a restarted process serves the stored status before any refresh", async () => {
    const fresh = await get(); // first read: computed once and stored
    expect(fresh.stale).toBe(false);
    expect(fresh.noData).toBe(false);
    const db = await getDb();
    const row = await db.sloStatusRow.findUniqueOrThrow({ where: { sloId: id } });
    invalidateStatusCache(); // the process forgets everything it computed
    await stack.stopPrometheus(); // and nothing could be recomputed
    const served = await get();
    expect(served.sliValue).toBe(fresh.sliValue);
    expect(served.errorBudget).toEqual(fresh.errorBudget);
    expect(served.stale).toBe(false); // the row is recent: served as it is
    expect((await db.sloStatusRow.findUniqueOrThrow({ where: { sloId: id } })).computedAt).toEqual(row.computedAt);
  }, 60_000);

  it("a refresh with Prometheus down keeps the stored numbers, stale with reason, age and unavailableSince", async () => {
    const before = await get();
    await sleep(1100); // so the age is at least a second
    await refreshStoredStatuses();
    const db = await getDb();
    const row = await db.sloStatusRow.findUniqueOrThrow({ where: { sloId: id } });
    expect(row.stale).toBe(true);
    const stale = await get();
    expect(stale.stale).toBe(true);
    expect(stale.staleReason).toBe("unreachable");
    expect(stale.staleAgeSeconds).toBeGreaterThanOrEqual(1);
    expect(Date.parse(stale.unavailableSince)).not.toBeNaN();
    expect(stale.error).toMatch(/^Prometheus unavailable/);
    // the last good numbers, not an empty "no data" status
    expect(stale.noData).toBe(false);
    expect(stale.sliValue).toBe(before.sliValue);
    expect(stale.errorBudget).toEqual(before.errorBudget);
  }, 60_000);

  it("once Prometheus is back, the next refresh stores fresh values again", async () => {
    await stack.startPrometheus();
    await refreshStoredStatuses();
    const back = await get();
    expect(back.stale).toBe(false);
    expect(back.staleReason).toBeUndefined();
    expect(back.noData).toBe(false);
  }, 60_000);
});
