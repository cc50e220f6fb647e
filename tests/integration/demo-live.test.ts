import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  budgetRemaining,
  failedBetween,
  requestRateAt,
  requestsBetween,
  DEMO_HISTORY_SECONDS,
  DEMO_TRAFFIC,
} from "@/lib/demo/traffic";
import { startDemoExporterProcess } from "../../scripts/lib/demo-exporter.mjs";
import {
  localPrometheusPaths,
  startLocalPrometheus,
  type LocalPrometheus,
} from "../../scripts/lib/local-prometheus.mjs";
import { createTestDatabase } from "../harness/postgres";
import { runSrecp } from "../harness/srecp-cli";

// After `srecp demo` the demo is alive (issue 14): the quick start's real Prometheus serves the blocks and
// scrapes the live exporter, whose samples are the closed-form model at their own timestamps (a recent
// window has data and equals the model); through the real services payments' release gate answers frozen
// because its budget is spent, its fast burn has an unacknowledged page open, every demo SLO has data,
// and "Compute impact" of the search incident gives the model's failed-request count.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "srecp-demo-live-"));
const tsdbDir = localPrometheusPaths(dataDir).data;
let db: { url: string; drop: () => Promise<void> };
let prom: LocalPrometheus | null = null;
let exporter: { target: string; stop: () => Promise<void> } | null = null;
let endSec = 0;
const BAD = 'http_requests_total{service="payments",code="500"}';
const badAt = (t: number) => requestsBetween("payments", endSec, endSec - DEMO_HISTORY_SECONDS, t).bad;

type Result = { metric: Record<string, string>; value?: [number, string]; values?: [number, string][] };
const query = async (q: string, t?: number): Promise<Result[]> => {
  const res = await fetch(
    `${prom!.url}/api/v1/query?${new URLSearchParams({ query: q, ...(t ? { time: String(t) } : {}) })}`,
  );
  expect(res.status).toBe(200);
  return ((await res.json()) as { data: { result: Result[] } }).data.result;
};
const one = async (q: string, t?: number) => {
  const r = await query(q, t);
  expect(r, `${q} @ ${t}`).toHaveLength(1);
  return Number(r[0]!.value![1]);
};
/** Raw live samples of the last `seconds` (range vector at now). */
const samples = async (seconds: number) =>
  (await query(`${BAD}[${seconds}s]`))[0]?.values?.map(([t, v]) => [t, Number(v)] as const) ?? [];

beforeAll(async () => {
  db = await createTestDatabase("srecp_demo_live");
  const run = await runSrecp(["demo", "--prometheus-data", tsdbDir], {
    DATABASE_URL: db.url,
    DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
  });
  expect(run.code, run.stderr).toBe(0);
  endSec = Date.parse(/demo traffic: 35 days ending (\S+) written/.exec(run.stdout)![1]!) / 1000;
  expect(run.stdout).toMatch(/payments page opened \S+ \(page-fast burn alert\), unacknowledged/);
  exporter = await startDemoExporterProcess({ root: path.resolve(__dirname, "../.."), dataDir });
  prom = await startLocalPrometheus({
    dataDir,
    log: () => {},
    scrapeIntervalSeconds: 1,
    demoExporter: exporter.target,
  });
  // 70 s of live scrapes: a 1-minute window made of live samples only.
  const liveSeconds = async () => {
    const live = (await samples(90)).filter(([t]) => t > endSec);
    return live.length ? live[live.length - 1]![0] - live[0]![0] : 0;
  };
  const deadline = Date.now() + 150_000;
  while ((await liveSeconds()) < 70) {
    if (Date.now() > deadline) throw new Error("no 70 s of live demo samples after 150 s");
    await new Promise((r) => setTimeout(r, 2_000));
  }
  process.env.DATABASE_URL = db.url; // the services below read the demo's own database and this Prometheus
  process.env.PROMETHEUS_URL = prom!.url;
}, 300_000);
afterAll(async () => {
  await prom?.stop();
  await exporter?.stop();
  await db?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("the demo continues live from the model", () => {
  it("stores each live sample as the model's counter at its timestamp, continuing the blocks without a seam", async () => {
    const live = (await samples(90)).filter(([t]) => t > endSec);
    expect(live.length).toBeGreaterThan(30);
    for (const [t, v] of live) expect(v, `at ${t}`).toBeCloseTo(badAt(t), 6);
    // from the last block sample (the demo's end) to the first live one: exactly the model's failed requests
    const [t1, v1] = live[0]!;
    expect(v1 - (await one(BAD, endSec))).toBeCloseTo(failedBetween("payments", endSec, endSec, t1), 6);
  });

  it("has a recent 5-minute window equal to the model, and a 1-minute rate of the model's rate", async () => {
    const live = await samples(5);
    const t = live[live.length - 1]![0];
    const from = await one(`timestamp(${BAD} offset 5m)`, t);
    expect(await one(`${BAD} - ${BAD} offset 5m`, t)).toBeCloseTo(failedBetween("payments", endSec, from, t), 6);
    const window = (await query(`${BAD}[1m]`, t))[0]!.values!.map(([s, v]) => [s, Number(v)] as const);
    const [[a, va], [b, vb]] = [window[0]!, window[window.length - 1]!];
    const rate = await one(`rate(${BAD}[1m])`, t);
    expect(rate).toBeCloseTo((vb - va) / (b - a), 9); // samples every second: rate() extrapolates to the window's edges
    expect(rate).toBeCloseTo(failedBetween("payments", endSec, a, b) / (b - a), 9);
    expect(rate / (requestRateAt("payments", (a + b) / 2) * 0.05)).toBeCloseTo(1, 5); // the diurnal rate at the window's middle
  });
});

describe("the demo through the real services", () => {
  const sys = async () => (await import("@/lib/services/system-actor")).SYSTEM_ACTOR;

  it("freezes payments' release gate because its budget is spent (and its page alert fires); checkout may release", async () => {
    const { releaseGate } = await import("@/lib/services/gate");
    const gate = await releaseGate(await sys(), "payments");
    expect(gate).toMatchObject({ allowed: false, state: "frozen" });
    const availability = gate.slos.find((s) => s.name === "payments-availability")!;
    expect(availability.remaining!).toBeLessThan(0);
    expect(availability.remaining!).toBeCloseTo(
      budgetRemaining("payments", 0.999, endSec, Date.parse(gate.evaluatedAt) / 1000),
      2,
    );
    expect(availability.pageAlertFiring).toBe(true);
    expect(gate.reasons).toContainEqual(
      expect.stringMatching(/^payments-availability: -\d+(\.\d+)? % of the error budget left \(freeze at 0 %\)$/),
    );
    expect(gate.reasons).toContain("payments-availability: a page-level burn-rate alert is firing");
    expect(await releaseGate(await sys(), "checkout")).toMatchObject({ allowed: true, state: "healthy" });
  });

  it("has every demo SLO with data", async () => {
    const { loadSloDefs } = await import("@/lib/services/slo/store");
    const { currentStatuses } = await import("@/lib/services/slo/status-cache");
    const defs = await loadSloDefs();
    const statuses = await currentStatuses(defs);
    // payments-latency awaits sign-off (readiness demo): no version in force, no status
    expect(defs.map((d) => d.name).sort()).toEqual([
      "checkout-availability",
      "payments-availability",
      "search-availability",
    ]);
    for (const d of defs) expect(statuses.get(d.id), d.name).toMatchObject({ noData: false, stale: false });
  });

  it("has payments' fast-burn page open and unacknowledged, on the on-call list and the home page", async () => {
    const { listPages } = await import("@/lib/services/oncall/pages");
    const { homeFor } = await import("@/lib/services/home");
    const open = await listPages(await sys(), { status: "open", service: "payments", page: 1, pageSize: 10 });
    expect(open.total).toBe(1);
    const page = open.items[0]!;
    expect(page).toMatchObject({ status: "triggered" });
    expect(page.title).toBe("payments-availability is burning its error budget 50× too fast");
    // opened when the page-fast tier (burn ≥ 14.4 over 1 h and 5 m) held for its 2 minutes, after the burn began
    const openedSec = Date.parse(String(page.openedAt)) / 1000;
    expect(openedSec).toBeGreaterThan(endSec - 2 * 3_600);
    expect(openedSec).toBeLessThan(endSec - 3_600);
    const home = await homeFor(await sys());
    expect(home.pages.items).toContainEqual(
      expect.objectContaining({ id: page.id, status: "triggered", unacknowledged: true, service: "payments" }),
    );
  });

  it("computes the search incident's impact as the model's failed requests", async () => {
    const { getDb } = await import("@/lib/db");
    const { recomputeImpact } = await import("@/lib/services/incidents/impact");
    const incident = await (
      await getDb()
    ).incident.findFirstOrThrow({ where: { title: "Search returns empty results" }, include: { postmortem: true } });
    const { items } = await recomputeImpact(await sys(), { id: incident.postmortem!.id });
    const search = items.find((s: { sloName: string }) => s.sloName === "search-availability")!;
    const [from, to] = [incident.impactStartAt!.getTime() / 1000, incident.mitigatedAt!.getTime() / 1000];
    expect(search.failed).toBeCloseTo(failedBetween("search", endSec, from, to), 6);
    expect(search.failed / search.total).toBeCloseTo(DEMO_TRAFFIC.search.phases[0]!.errorRatio, 9);
  });
});
