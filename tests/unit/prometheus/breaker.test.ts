import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBreaker, createPrometheusClient, PrometheusError } from "@/lib/prometheus";

// Issue 18 item 2: no request waits on a known-bad Prometheus. A real HTTP server that accepts
// connections and never answers (a frozen Prometheus, as under SIGSTOP) until told to answer again.
let hung = true;
const held: http.ServerResponse[] = [];
const server = http.createServer((_req, res) => {
  if (hung) return void held.push(res);
  res.setHeader("content-type", "application/json");
  res.end(JSON.stringify({ status: "success", data: { resultType: "scalar", result: [1, "1"] } }));
});
let url = "";
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  for (const res of held) res.destroy();
  server.closeAllConnections();
  server.close();
});

const timed = async (p: Promise<unknown>) => {
  const t = performance.now();
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  return { ms: performance.now() - t, err };
};

describe("circuit breaker per Prometheus source", () => {
  it("opens after consecutive time-outs, then fails at once; a probe after the open period closes it", async () => {
    let clock = 0;
    const client = createPrometheusClient({
      url,
      timeoutMs: 300,
      breaker: { failureThreshold: 2, openMs: 10_000, now: () => clock },
    });
    for (let i = 0; i < 2; i++) {
      const r = await timed(client.instantQuery("1"));
      expect((r.err as PrometheusError).reason).toBe("timeout");
      expect(r.ms).toBeGreaterThanOrEqual(250);
    }
    expect(client.health()).toMatchObject({ state: "open", consecutiveFailures: 2, lastSuccessMs: null });
    const fast = await timed(client.instantQuery("1"));
    expect(fast.ms).toBeLessThan(50);
    expect((fast.err as PrometheusError).detail).toBe("circuit open");
    expect((fast.err as Error).message).toMatch(/not answering \(2 failures in a row\); the next attempt is in 10 s/);

    hung = false;
    clock = 10_001; // the open period is over: the next call is a probe
    await expect(client.instantQuery("1")).resolves.toMatchObject({ resultType: "scalar" });
    expect(client.health()).toMatchObject({ state: "closed", consecutiveFailures: 0, lastSuccessMs: 10_001 });
  });

  it("a failed probe opens it again; PromQL errors never count as outages", async () => {
    let clock = 0;
    const b = createBreaker({ failureThreshold: 1, openMs: 1_000, now: () => clock });
    const outage = () => Promise.reject(new PrometheusError("network", "refused"));
    await expect(b.run(outage)).rejects.toThrow("refused");
    expect(b.health().state).toBe("open");
    clock = 1_000;
    expect(b.health().state).toBe("half_open");
    await expect(b.run(outage)).rejects.toThrow("refused");
    expect(b.health().state).toBe("open");
    await expect(b.run(() => Promise.resolve(1))).rejects.toThrow(/not answering/);

    const c = createBreaker({ failureThreshold: 1 });
    for (let i = 0; i < 3; i++)
      await expect(c.run(() => Promise.reject(new PrometheusError("bad_query", "parse error")))).rejects.toThrow(
        "parse error",
      );
    expect(c.health()).toMatchObject({ state: "closed", consecutiveFailures: 0 });
  });
});
