import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as teams from "@/app/api/v1/teams/route";
import * as services from "@/app/api/v1/services/route";
import * as datasources from "@/app/api/v1/datasources/route";
import * as slos from "@/app/api/v1/slos/route";
import * as status from "@/app/api/v1/slos/[id]/status/route";
import * as readyz from "@/app/api/readyz/route";
import { startPrometheusStack, type PrometheusStack } from "../harness/prometheus-stack";
import { call, userWithToken } from "./helpers/api";

// Stopping Prometheus mid-run: the status API keeps answering 200 with the last good value marked
// stale (with its age), and recovers by itself when Prometheus is back. This test owns its own
// Prometheus (a second data source), so stopping it does not disturb the other tests.
describe("SLO status when Prometheus goes away", () => {
  let stack: PrometheusStack;
  let token: string;
  let id: string;
  const get = () => call(status.GET, { token, params: { id } });
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  /** Polls fn every 200 ms for up to 10 s until it returns a value. */
  const until = async <T>(fn: () => Promise<T | null>): Promise<T> => {
    for (let i = 0; i < 50; i++) {
      const v = await fn();
      if (v) return v;
      await sleep(200);
    }
    throw new Error("condition not reached within 10 s");
  };

  beforeAll(async () => {
    stack = await startPrometheusStack({});
    token = (await userWithToken("admin")).token;
    await call(teams.POST, { method: "POST", token, body: { slug: "outage-team", name: "Outage team" } });
    expect(
      (
        await call(datasources.POST, {
          method: "POST",
          token,
          body: { name: "outage-prom", url: stack.prometheusUrl, timeoutMs: 2000 },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await call(services.POST, {
          method: "POST",
          token,
          body: { slug: "outage-svc", name: "Outage", team: "outage-team", dataSource: "outage-prom" },
        })
      ).status,
    ).toBe(201);
    const res = await call(slos.POST, {
      method: "POST",
      token,
      body: {
        service: "outage-svc",
        name: "availability",
        objective: 0.999,
        window: { kind: "rolling", days: 30 },
        sli: {
          kind: "ratio",
          total: 'http_requests_total{service="payments"}',
          bad: 'http_requests_total{service="payments",code=~"5.."}',
        },
      },
    });
    expect(res.status).toBe(201);
    id = res.body.id;
  });

  afterAll(async () => {
    stack?.freezePrometheus(false);
    await stack?.stop();
  });

  it("a frozen Prometheus (SIGSTOP): once the breaker opens no read waits, reads are stale with their age, fresh soon after SIGCONT", async () => {
    await until(async () => {
      const r = await get();
      return r.body.stale ? null : r;
    });
    stack.freezePrometheus(true);
    // Keep reading; the breaker opens after three timed-out refreshes (data source timeout 2 s).
    const sourceDown = async () =>
      Object.values((await call(readyz.GET)).body.checks.prometheus as Record<string, { state: string }>).some(
        (s) => s.state === "down",
      );
    const deadline = Date.now() + 30_000;
    while (!(await sourceDown()) && Date.now() < deadline) {
      await get();
      await sleep(200);
    }
    expect(await sourceDown()).toBe(true);
    expect((await call(readyz.GET)).status).toBe(200); // Prometheus down does not make the app unready
    for (let i = 0; i < 10; i++) {
      const t = performance.now();
      const r = await get();
      const ms = performance.now() - t;
      expect(r.status).toBe(200);
      expect(ms, `read ${i} waited ${Math.round(ms)} ms on an open breaker`).toBeLessThan(1000);
      await sleep(150);
    }
    const stale = await until(async () => {
      const r = await get();
      return r.body.stale ? r : null;
    });
    expect(stale.body.staleReason).toBe("unreachable");
    expect(stale.body.staleAgeSeconds).toBeGreaterThanOrEqual(1);

    stack.freezePrometheus(false);
    const back = await until(async () => {
      const r = await get();
      return r.body.stale ? null : r;
    });
    expect(back.body.stale).toBe(false);
  }, 90_000);

  it("serves the last good value with stale: true, never a 5xx, and recovers", async () => {
    const fresh = await until(async () => {
      const r = await get();
      return r.body.stale ? null : r;
    });
    expect(fresh.status).toBe(200);
    expect(fresh.body.stale).toBe(false);
    expect(fresh.body.events.total).toBeGreaterThan(0);

    await stack.stopPrometheus();
    await sleep(1100); // past SLO_REFRESH_SECONDS=1 (tests/integration/setup-env.ts)
    // The first read after the interval may still get the recent value while the refresh runs in the
    // background (stale-while-revalidate); once the refresh has failed, reads are marked stale.
    const down = await until(async () => {
      const r = await get();
      return r.body.stale ? r : null;
    });
    expect(down.status).toBe(200);
    expect(down.body.stale).toBe(true);
    expect(down.body.staleAgeSeconds).toBeGreaterThanOrEqual(1);
    expect(down.body.error).toMatch(/Prometheus unavailable/);
    // the last good value (never emptied): the one read above or one from a refresh around it — under load
    // two refreshes a second apart both land, and they differ by the few requests of that second
    expect(Math.abs(down.body.events.total - fresh.body.events.total) / fresh.body.events.total).toBeLessThan(1e-5);
    // An outage, told apart from "no Prometheus configured", with when it began.
    expect(down.body.staleReason).toBe("unreachable");
    const since = Date.parse(down.body.unavailableSince);
    expect(since).toBeGreaterThan(Date.parse(fresh.body.asOf));
    expect(since).toBeLessThanOrEqual(Date.now());

    const at = await call(status.GET, { token, url: `/x?at=${Math.floor(Date.now() / 1000)}`, params: { id } });
    expect(at.status).toBe(200);
    expect(at.body.stale).toBe(true);

    await stack.startPrometheus();
    await sleep(1100);
    const back = await until(async () => {
      const r = await get();
      return r.body.stale ? null : r;
    });
    expect(back.status).toBe(200);
    expect(back.body.stale).toBe(false);
    expect(back.body.staleAgeSeconds).toBeUndefined();
    expect(back.body.staleReason).toBeUndefined();
    expect(back.body.unavailableSince).toBeUndefined();
  });
});
