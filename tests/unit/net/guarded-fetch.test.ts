import http from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createGuardedFetch } from "@/lib/net/guarded-fetch";
import { parseOutboundPolicy } from "@/lib/net/outbound-policy";
import { createPrometheusClient, PrometheusError } from "@/lib/prometheus";

// Real sockets on 127.0.0.1: one fake Prometheus, one non-Prometheus page, one port with nothing on it.
let server: http.Server;
let base = "";
let closedPort = 0;
const seen: { url?: string; auth?: string }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push({ url: req.url, auth: req.headers.authorization });
    if (req.url?.startsWith("/api/v1/query")) {
      const body = zlib.gzipSync(
        JSON.stringify({
          status: "success",
          data: { resultType: "vector", result: [{ metric: {}, value: [1, "42"] }] },
        }),
      );
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" }).end(body);
    } else if (req.url?.startsWith("/redirect")) {
      res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" }).end();
    } else {
      res.writeHead(200, { "content-type": "text/html" }).end("<html>internal admin console: s3cr3t</html>");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const failure = async (p: Promise<unknown>): Promise<PrometheusError> => {
  try {
    await p;
  } catch (err) {
    if (err instanceof PrometheusError) return err;
    throw err;
  }
  throw new Error("expected a PrometheusError");
};

describe("guarded fetch", () => {
  const allowed = createGuardedFetch(parseOutboundPolicy("127.0.0.1/32"));
  const strict = createGuardedFetch(parseOutboundPolicy(undefined));

  it("queries an allowed Prometheus with its credentials (gzip decoded)", async () => {
    const client = createPrometheusClient({ url: base, fetch: allowed, bearerToken: "tok-1" });
    expect(await client.instantVector("up")).toEqual([{ metric: {}, value: 42, timestamp: 1 }]);
    expect(seen.at(-1)?.auth).toBe("Bearer tok-1");
  });

  it("refuses loopback by default before sending anything (no credentials leave)", async () => {
    const before = seen.length;
    const error = await failure(
      createPrometheusClient({ url: base, fetch: strict, bearerToken: "tok-2" }).instantQuery("up"),
    );
    expect(error.message).toMatch(
      /^Refused by the outbound address policy: 127\.0\.0\.1 is a loopback or private address/,
    );
    expect(seen.length).toBe(before);
  });

  it("checks names at connect time: localhost resolves to loopback and is refused", async () => {
    const url = base.replace("127.0.0.1", "localhost");
    const error = await failure(createPrometheusClient({ url, fetch: strict }).instantQuery("up"));
    expect(error.detail).toBe("ERR_OUTBOUND_BLOCKED");
    expect(error.message).toContain("loopback or private");
  });

  it("refuses link-local metadata even when private ranges are allowed", async () => {
    const all = createGuardedFetch(parseOutboundPolicy("1"));
    const error = await failure(createPrometheusClient({ url: "http://169.254.169.254", fetch: all }).buildInfo());
    expect(error.message).toContain("169.254.169.254 is a link-local, metadata or reserved address");
  });

  it("does not follow redirects (a 3xx to an internal host is just a non-Prometheus answer)", async () => {
    const error = await failure(createPrometheusClient({ url: `${base}/redirect`, fetch: allowed }).instantQuery("up"));
    expect(error).toMatchObject({ status: 302, detail: "HTTP 302 with a non-JSON body" });
  });

  it("gives a closed port and an open non-Prometheus port the same message, without the page body", async () => {
    const closed = await failure(
      createPrometheusClient({ url: `http://127.0.0.1:${closedPort}`, fetch: allowed }).instantQuery("up"),
    );
    const page = await failure(createPrometheusClient({ url: `${base}/console`, fetch: allowed }).instantQuery("up"));
    expect(closed.message.replace(String(closedPort), "PORT")).toBe(
      page.message.replace(`${new URL(base).port}/console`, "PORT"),
    );
    expect(page.message).not.toContain("s3cr3t");
    expect(closed.detail).toBe("ECONNREFUSED");
  });
});
