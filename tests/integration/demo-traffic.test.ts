import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { burnRate, failedBetween, requestsBetween } from "@/lib/demo/traffic";
import { startLocalPrometheus, type LocalPrometheus } from "../../scripts/lib/local-prometheus.mjs";
import { createTestDatabase } from "../harness/postgres";
import { runSrecp } from "../harness/srecp-cli";

// `srecp demo` writes its month of traffic into the quick start's real Prometheus (issue 14 item 2):
// after a restart Prometheus serves exactly the model's counters (diurnal rates), so the checkout
// incident's failed requests and payments' burn rate are the figures of lib/demo/traffic.ts.
const DAY = 86_400;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "srecp-demo-traffic-"));
let db: { url: string; drop: () => Promise<void> };
let prom: LocalPrometheus | null = null;
let endSec = 0;

const valueAt = async (query: string, t: number): Promise<number> => {
  const res = await fetch(`${prom!.url}/api/v1/query?${new URLSearchParams({ query, time: String(t) })}`);
  const body = (await res.json()) as { data: { result: { value: [number, string] }[] } };
  expect(body.data.result, `${query} @ ${t}`).toHaveLength(1);
  return Number(body.data.result[0]!.value[1]);
};
const delta = async (query: string, from: number, to: number) =>
  (await valueAt(query, to)) - (await valueAt(query, from));

beforeAll(async () => {
  db = await createTestDatabase("srecp_demo_traffic");
  // First start creates DATA_DIR/prometheus/data; the demo is loaded while the app (and Prometheus) is stopped.
  await (await startLocalPrometheus({ dataDir, log: () => {} }))!.stop();
  const run = await runSrecp(["demo"], { DATABASE_URL: db.url, DATA_DIR: dataDir, LOG_LEVEL: "silent" });
  expect(run.code, run.stderr).toBe(0);
  const match = /demo traffic: 35 days ending (\S+) written/.exec(run.stdout);
  expect(match, run.stdout).not.toBeNull();
  endSec = Date.parse(match![1]!) / 1000;
  prom = await startLocalPrometheus({ dataDir, log: () => {} });
}, 240_000);
afterAll(async () => {
  await prom?.stop();
  await db?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("demo traffic in a real Prometheus", () => {
  it("serves the model's checkout incident (failed requests) and the payments fast burn", async () => {
    const bad = 'http_requests_total{service="checkout",code="500"}';
    const from = endSec - 6 * DAY - 7_200; // impact start → mitigation (20 min before resolution)
    const to = endSec - 6 * DAY - 1_200;
    expect(await delta(bad, from, to)).toBeCloseTo(failedBetween("checkout", endSec, from, to), 6);
    const r = requestsBetween("checkout", endSec, from, to);
    expect(r.bad / r.total).toBeCloseTo(0.02, 12);
    const total = 'sum(http_requests_total{service="payments"})';
    const paymentsBad = 'http_requests_total{service="payments",code="500"}';
    const ratio = (await delta(paymentsBad, endSec - 3_600, endSec)) / (await delta(total, endSec - 3_600, endSec));
    expect(ratio / 0.001).toBeCloseTo(burnRate("payments", 0.999, endSec, 3_600), 6);
  });

  it("has data for every demo SLO's series, latency histogram included", async () => {
    for (const service of ["checkout", "payments", "search"]) {
      const month = await delta(`sum(http_requests_total{service="${service}"})`, endSec - 30 * DAY, endSec);
      expect(month).toBeCloseTo(requestsBetween(service as "checkout", endSec, endSec - 30 * DAY, endSec).total, 3);
    }
    const le = await delta('http_request_duration_seconds_bucket{service="payments",le="0.5"}', endSec - DAY, endSec);
    const all = await delta('http_request_duration_seconds_count{service="payments"}', endSec - DAY, endSec);
    expect(le / all).toBeCloseTo(0.993, 9);
  });

  it("writes the traffic once: a second demo keeps the first end", async () => {
    await prom!.stop();
    const again = await runSrecp(["demo"], { DATABASE_URL: db.url, DATA_DIR: dataDir, LOG_LEVEL: "silent" });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(`demo traffic already in`);
    expect(again.stdout).toContain(new Date(endSec * 1000).toISOString());
    prom = await startLocalPrometheus({ dataDir, log: () => {} });
  }, 60_000);
});
