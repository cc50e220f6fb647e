import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as teams from "@/app/api/v1/teams/route";
import * as services from "@/app/api/v1/services/route";
import * as datasources from "@/app/api/v1/datasources/route";
import * as slos from "@/app/api/v1/slos/route";
import { env } from "@/lib/env";
import { startApiServer } from "../harness/api-server";
import { call, userWithToken } from "./helpers/api";

// Issue 18 item 2, bounded waits on the request path, against a real slow upstream: a "Prometheus" that
// accepts every connection and request and never answers (a hung server), as a service's data source with
// a 10 s timeout of its own. Requests go through a real HTTP server in front of the route handlers
// (tests/harness/api-server.ts aborts the request's signal when the client disconnects, as Next does).
// - A client that disconnects: the upstream connection closes within a fraction of a second.
// - A client that waits: answered 503 with Retry-After once the upstream budget (SRECP_UPSTREAM_BUDGET_MS,
//   2 s) is spent, never the source's 10 s.
// - Saving an SLO on that source (its PromQL check asks Prometheus) and its status at an instant: within the
//   budget, the status 200 stale with the reason.
type Conn = { openedAt: number; closedAt: number | null };

function hungUpstream() {
  const conns: Conn[] = [];
  const bodies: string[] = [];
  const sockets = new Set<Socket>();
  const server = http.createServer((req) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => bodies.push(`${req.url} ${body}`));
    // never answers
  });
  server.on("connection", (socket) => {
    const c: Conn = { openedAt: Date.now(), closedAt: null };
    conns.push(c);
    sockets.add(socket);
    socket.on("close", () => {
      c.closedAt = Date.now();
      sockets.delete(socket);
    });
  });
  return {
    conns,
    bodies,
    listen: () =>
      new Promise<string>((resolve) =>
        server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
      ),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

const until = async (what: () => boolean, timeoutMs: number) => {
  const end = Date.now() + timeoutMs;
  while (!what() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
  return what();
};

describe("upstream budget and cancellation on the request path", () => {
  const upstream = hungUpstream();
  let api: { url: string; close: () => Promise<void> };
  let token = "";
  const slug = `hung-${Date.now()}`;
  const budgetMs = env().upstreamBudgetMs;

  beforeAll(async () => {
    const upstreamUrl = await upstream.listen();
    token = (await userWithToken("admin")).token;
    expect((await call(teams.POST, { method: "POST", token, body: { slug, name: "Hung" } })).status).toBe(201);
    const ds = await call(datasources.POST, {
      method: "POST",
      token,
      body: { name: slug, url: upstreamUrl, timeoutMs: 10_000 },
    });
    expect(ds.status, JSON.stringify(ds.body)).toBe(201);
    expect(
      (await call(services.POST, { method: "POST", token, body: { slug, name: "Hung", team: slug, dataSource: slug } }))
        .status,
    ).toBe(201);
    api = await startApiServer(process.cwd(), (f) => import(f));
  }, 60_000);

  afterAll(async () => {
    await api?.close();
    await upstream.close();
  });

  const metadataUrl = () => `${api.url}/api/v1/prometheus/metadata?kind=metrics&service=${slug}`;

  it("closes the upstream connection shortly after the client disconnects", async () => {
    const before = upstream.conns.length;
    const client = new AbortController();
    const pending = fetch(metadataUrl(), {
      headers: { authorization: `Bearer ${token}` },
      signal: client.signal,
    }).catch((e: unknown) => e);
    expect(await until(() => upstream.conns.length > before && upstream.bodies.length > 0, 1500)).toBe(true);
    await new Promise((r) => setTimeout(r, 200)); // the query is in flight upstream
    const abortedAt = Date.now();
    client.abort();
    expect(await pending).toBeInstanceOf(Error);
    const conn = upstream.conns[upstream.conns.length - 1]!;
    expect(
      await until(() => conn.closedAt !== null, 1000),
      "upstream connection still open 1 s after the client left",
    ).toBe(true);
    expect(conn.closedAt! - abortedAt).toBeLessThan(500);
    expect(conn.closedAt! - conn.openedAt).toBeLessThan(budgetMs); // not the budget's doing
  });

  it("answers 503 with Retry-After when the upstream budget is spent, and closes the upstream connection", async () => {
    const before = upstream.conns.length;
    const started = Date.now();
    const res = await fetch(metadataUrl(), { headers: { authorization: `Bearer ${token}` } });
    const tookMs = Date.now() - started;
    const body = await res.json();
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(body.error.code).toBe("UPSTREAM_UNAVAILABLE");
    expect(body.error.message).toMatch(/upstream budget of 2000 ms/);
    expect(tookMs).toBeGreaterThanOrEqual(budgetMs - 50);
    expect(tookMs).toBeLessThan(budgetMs + 700);
    const conn = upstream.conns[before]!;
    expect(await until(() => conn.closedAt !== null, 500)).toBe(true);
    expect(conn.closedAt! - started).toBeLessThan(budgetMs + 700);
  });

  // (That Prometheus is told the budget left as each query's `timeout`: tests/unit/prometheus/request-scope.test.ts.)
  it("saves an SLO within the budget, and answers its status at an instant stale with the reason within the budget", async () => {
    const saveStarted = Date.now();
    const created = await call(slos.POST, {
      method: "POST",
      token,
      body: {
        service: slug,
        name: "hung-slo",
        objective: 0.99,
        window: { kind: "rolling", days: 30 },
        sli: { kind: "ratio", total: "x_total", bad: 'x_total{code="500"}' },
      },
    });
    // the check against the hung source ran out of budget: our own parser judged the PromQL, and it saved
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(Date.now() - saveStarted).toBeLessThan(budgetMs + 700);
    const started = Date.now();
    const res = await fetch(
      `${api.url}/api/v1/slos/${created.body.id}/status?at=${Math.floor(Date.now() / 1000) - 60}`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    const tookMs = Date.now() - started;
    const body = await res.json();
    expect(res.status, JSON.stringify(body)).toBe(200);
    expect(body).toMatchObject({ stale: true, staleReason: "unreachable", noData: true });
    expect(body.error).toMatch(/Prometheus unavailable/);
    expect(tookMs).toBeLessThan(budgetMs + 700);
  });
});
