import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as teams from "@/app/api/v1/teams/route";
import * as services from "@/app/api/v1/services/route";
import * as datasources from "@/app/api/v1/datasources/route";
import * as slos from "@/app/api/v1/slos/route";
import * as status from "@/app/api/v1/slos/[id]/status/route";
import { onLiveEvent } from "@/lib/events/bus";
import { call, userWithToken } from "./helpers/api";

// Issue 17 item 2: an SLO never computed is computed alone in the background; a reader waits at most
// COLD_WAIT_MS (2 s) and is answered "computing" (no figures, never healthy), then gets the numbers, and
// the finished computation is announced on the live-events stream. Prometheus here answers every query
// after 3 s (a proxy in front of the harness' real one), like a busy server backfilling a long window.
const DELAY_MS = 3_000;

describe("a new SLO's first status", () => {
  let proxy: http.Server;
  let token = "";
  let id = "";
  const announced: string[] = [];
  let off = () => {};

  beforeAll(async () => {
    const upstream = new URL(process.env.PROMETHEUS_URL!);
    proxy = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        setTimeout(
          () => {
            const out = http.request(
              { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers },
              (up) => {
                res.writeHead(up.statusCode ?? 502, up.headers);
                up.pipe(res);
              },
            );
            out.on("error", () => res.destroy());
            out.end(Buffer.concat(chunks));
          },
          req.url?.startsWith("/api/v1/query") ? DELAY_MS : 0,
        );
      });
    });
    await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", () => r()));
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    token = (await userWithToken("admin")).token;
    off = onLiveEvent((e) => e.topic === "slo-status" && announced.push(...e.sloIds));
    expect((await call(teams.POST, { method: "POST", token, body: { slug: "cold-team", name: "Cold" } })).status).toBe(
      201,
    );
    expect(
      (
        await call(datasources.POST, {
          method: "POST",
          token,
          body: { name: "slow-prom", url: proxyUrl, timeoutMs: 10_000 },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await call(services.POST, {
          method: "POST",
          token,
          body: { slug: "cold-svc", name: "Cold", team: "cold-team", dataSource: "slow-prom" },
        })
      ).status,
    ).toBe(201);
    const res = await call(slos.POST, {
      method: "POST",
      token,
      body: {
        service: "cold-svc",
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
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    id = res.body.id;
  });

  afterAll(async () => {
    off();
    await new Promise((r) => proxy.close(r));
  });

  it("is 'computing' (no figures, not healthy) after at most the cold wait, then numbers, announced live", async () => {
    const started = Date.now();
    const first = await call(status.GET, { token, params: { id } });
    const waited = Date.now() - started;
    expect(first.status).toBe(200);
    expect(first.body.computing).toBe(true);
    expect(first.body.noData).toBe(true);
    expect(first.body.sliValue).toBeNull();
    expect(first.body.errorBudget.remaining).toBeNull();
    expect(waited).toBeLessThan(DELAY_MS); // the reader did not wait for Prometheus

    // the overview says the same of it, without waiting either
    const list = await call(slos.GET, { token, url: "/api/v1/slos?include=status&service=cold-svc" });
    expect(list.body.items[0].status.computing).toBe(true);

    let body = first.body;
    const deadline = Date.now() + 30_000;
    while (body.computing && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      body = (await call(status.GET, { token, params: { id } })).body;
    }
    expect(body.computing).toBeUndefined();
    expect(body.noData).toBe(false);
    expect(body.sliValue).toBeGreaterThan(0.9);
    for (let i = 0; i < 40 && !announced.includes(id); i++) await new Promise((r) => setTimeout(r, 50)); // NOTIFY arrives just after the row
    expect(announced).toContain(id);
  }, 60_000);
});
