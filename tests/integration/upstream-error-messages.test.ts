import http from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as datasources from "@/app/api/v1/datasources/route";
import * as metadata from "@/app/api/v1/prometheus/metadata/route";
import * as services from "@/app/api/v1/services/route";
import * as preview from "@/app/api/v1/slos/preview/route";
import * as teams from "@/app/api/v1/teams/route";
import { createLogger } from "@/lib/observability/logger";
import { call, userWithToken } from "./helpers/api";

// Issue 15 item 3: a client reads a sentence for people; the server log keeps what failed (the data
// source's URL, the errno code, the HTTP status) next to the request id. Real routes, a real
// PostgreSQL, a closed 127.0.0.1 port and a server that answers 500 with a body.
const BODY = "panic: internal-body-6d1e at /srv/prom/handler.go:42";
const servers: http.Server[] = [];
let closedUrl = "";
let brokenUrl = "";
let viewer = "";
const logLines: Record<string, unknown>[] = [];
const previousLogger = globalThis.__srecpLogger;

beforeAll(async () => {
  const listen = async (handler: http.RequestListener) => {
    const s = http.createServer(handler);
    await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
    return { s, url: `http://127.0.0.1:${(s.address() as AddressInfo).port}` };
  };
  const broken = await listen((_req, res) => void res.writeHead(500, { "content-type": "text/plain" }).end(BODY));
  servers.push(broken.s);
  brokenUrl = broken.url;
  const closed = await listen(() => undefined);
  closedUrl = closed.url;
  await new Promise((resolve) => closed.s.close(resolve));

  const admin = (await userWithToken("admin")).token;
  viewer = (await userWithToken("viewer")).token;
  await call(teams.POST, { method: "POST", token: admin, body: { slug: "uperr", name: "Upstream errors" } });
  for (const [name, url] of [
    ["uperr-closed", closedUrl],
    ["uperr-500", brokenUrl],
  ]) {
    expect(
      (await call(datasources.POST, { method: "POST", token: admin, body: { name, url, timeoutMs: 2000 } })).status,
    ).toBe(201);
    expect(
      (
        await call(services.POST, {
          method: "POST",
          token: admin,
          body: { slug: name, name, team: "uperr", dataSource: name },
        })
      ).status,
    ).toBe(201);
  }
  // Capture the log: JSON lines into memory instead of stdout (the suite runs with LOG_LEVEL=silent).
  globalThis.__srecpLogger = createLogger(
    new Writable({ write: (chunk, _enc, done) => (logLines.push(JSON.parse(String(chunk))), done()) }),
  );
  globalThis.__srecpLogger.level = "info";
});
afterAll(async () => {
  globalThis.__srecpLogger = previousLogger;
  await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
});

const ratio = (service: string) => ({
  kind: "ratio",
  total: `http_requests_total{service="${service}"}`,
  bad: `http_requests_total{service="${service}",code=~"5.."}`,
});
const CASES = [
  {
    what: "metric names",
    request: (service: string) => ({
      handler: metadata.GET,
      url: `/api/v1/prometheus/metadata?kind=metrics&service=${service}`,
    }),
  },
  {
    what: "the preview",
    request: (service: string) => ({
      handler: preview.POST,
      method: "POST",
      body: { service, objective: 0.99, window: { kind: "rolling", days: 30 }, sli: ratio(service) },
    }),
  },
];

describe("upstream errors: people's message out, detail in the log", () => {
  for (const source of ["uperr-closed", "uperr-500"]) {
    for (const c of CASES) {
      it(`${c.what} from ${source}: 503 without URL, port or body; the log line has the request id and the detail`, async () => {
        const url = source === "uperr-closed" ? closedUrl : brokenUrl;
        const port = new URL(url).port;
        const requestId = `uperr-${source}-${c.what.replace(/\W+/g, "-")}`;
        const { handler, ...opts } = c.request(source);
        const res = await call(handler, { ...opts, token: viewer, headers: { "x-request-id": requestId } });
        expect(res.status, JSON.stringify(res.body)).toBe(503);
        expect(res.headers.get("retry-after")).toBe("5");
        const message: string = res.body.error.message;
        expect(message).toMatch(/^Prometheus /);
        for (const leak of [url, "127.0.0.1", port, "internal-body", "handler.go", "/api/v1/"])
          expect(message).not.toContain(leak);

        const line = logLines.find((l) => l.requestId === requestId && l.cause !== undefined);
        expect(line, JSON.stringify(logLines.filter((l) => l.requestId === requestId))).toBeDefined();
        expect(line).toMatchObject({ code: "UPSTREAM_UNAVAILABLE", message });
        const cause = JSON.stringify(line!.cause);
        // What failed: a Prometheus error naming the source's address, with the errno code or the HTTP status.
        expect(cause).toMatch(/PrometheusError/);
        if (source === "uperr-closed") expect(cause).toMatch(/ECONNREFUSED|circuit open/);
        else expect(cause).toMatch(/HTTP 500 with a non-JSON body|circuit open/);
        if (!cause.includes("circuit open")) expect(cause).toContain(url);
      });
    }
  }
});
