// Benchmark of the alert backtester (issue 16 item 4): one SLO over 30 days must answer in under 2 s.
//   npx tsx --conditions=react-server bench/backtest.ts [runs=10]
// A real Prometheus over the integration scenario (35 days of per-minute counters, tests/harness), a
// fresh PostgreSQL database, the route handler POST /api/v1/slos/{id}/backtest called in-process as
// Next would: two Prometheus range queries (good, total: 5 m increases at 5 m steps, 9 500 points) + replay + summary.
// Also the pure replay alone (lib/slo replayAlerts) at 1 m and 15 s evaluation intervals.
// Appends the results to bench/RESULTS.md. Needs PostgreSQL on 127.0.0.1:5432 and Debian's prometheus.
import { execSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import { createTestDatabase } from "../tests/harness/postgres";
import { startPrometheusStack } from "../tests/harness/prometheus-stack";
import { randomPhases, seriesOf } from "../tests/fixtures/backtest-series";

const RUNS = Number(process.argv[2] ?? 10);
const ms = (t0: number) => Math.round((performance.now() - t0) * 10) / 10;
const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

async function main() {
  const loadStart = os.loadavg();
  const [db, prom] = await Promise.all([createTestDatabase("srecp_bench"), startPrometheusStack({})]);
  process.env.DATABASE_URL = db.url;
  process.env.PROMETHEUS_URL = prom.prometheusUrl;
  process.env.LOG_LEVEL = "silent";
  try {
    const { call, userWithToken } = await import("../tests/integration/helpers/api");
    const teams = await import("../app/api/v1/teams/route");
    const services = await import("../app/api/v1/services/route");
    const slos = await import("../app/api/v1/slos/route");
    const backtest = await import("../app/api/v1/slos/[id]/backtest/route");
    const { currentTiers, replayAlerts } = await import("../lib/slo");
    const admin = (await userWithToken("admin")).token;
    await call(teams.POST, { method: "POST", token: admin, body: { slug: "bench-bt", name: "Bench" } });
    await call(services.POST, {
      method: "POST",
      token: admin,
      body: { slug: "bench-bt-search", name: "Search", team: "bench-bt" },
    });
    const slo = await call(slos.POST, {
      method: "POST",
      token: admin,
      body: {
        service: "bench-bt-search",
        name: "search-availability",
        objective: 0.999,
        window: { kind: "rolling", days: 30 },
        runbookUrl: "https://runbooks.example.com/s",
        sli: {
          kind: "ratio",
          total: 'http_requests_total{service="search"}',
          bad: 'http_requests_total{service="search",code=~"5.."}',
        },
      },
    });
    if (slo.status !== 201) throw new Error(`SLO: ${JSON.stringify(slo.body)}`);
    const body = { days: 30, tiers: { "page-fast": { factor: 10, for: "5m" } } };
    const times: number[] = [];
    let coldMs = 0;
    let answer: { current: { headline: string }; candidate: { headline: string } | null; computeMs: number } | null =
      null;
    for (let i = 0; i <= RUNS; i++) {
      const t0 = performance.now();
      const res = await call(backtest.POST, { method: "POST", token: admin, params: { id: slo.body.id }, body });
      if (res.status !== 200) throw new Error(`backtest: ${res.status} ${JSON.stringify(res.body)}`);
      if (i === 0) coldMs = ms(t0);
      else times.push(ms(t0));
      answer = res.body;
    }
    // Pure replay: 33 days (30 + lead-in) of 5 m points, 4 tiers, at 1 m and 15 s evaluation.
    const { series } = seriesOf(randomPhases(1, 33 * 288));
    const pure = (evalIntervalMs: number) => {
      const t0 = performance.now();
      for (let i = 0; i < 5; i++)
        replayAlerts({ series, tiers: currentTiers(30 * 86_400), budget: 0.001, evalIntervalMs });
      return Math.round(ms(t0) / 5);
    };
    const [pure1m, pure15s] = [pure(60_000), pure(15_000)];
    const loadEnd = os.loadavg();
    const commit = execSync("git rev-parse --short HEAD").toString().trim();
    const cpu = `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}`;
    const f = (l: number[]) => l.map((x) => x.toFixed(2)).join(" / ");
    const text = [
      "",
      "## Alert backtester: one SLO over 30 days (issue 16 item 4)",
      "",
      `\`npx tsx --conditions=react-server bench/backtest.ts ${RUNS}\` — ${new Date().toISOString().slice(0, 10)}, commit ${commit}; ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version};`,
      `load average (1/5/15 min) ${f(loadStart)} at the start, ${f(loadEnd)} at the end (shared machine).`,
      "Real Prometheus 2.42 over 35 days of per-minute counters (the integration scenario), PostgreSQL; POST /api/v1/slos/{id}/backtest",
      "called in-process with days 30 and one candidate tier (current + candidate replayed, 5 m increases fetched once).",
      "",
      "| measure | time |",
      "| --- | --- |",
      `| API, first call (cold Prometheus caches, module warm-up) | ${coldMs} ms |`,
      `| API, median of ${RUNS} | ${quantile(times, 0.5)} ms |`,
      `| API, p95 of ${RUNS} | ${quantile(times, 0.95)} ms |`,
      `| API, max of ${RUNS} | ${Math.max(...times)} ms |`,
      `| replay + summary inside the API (computeMs, last call) | ${answer?.computeMs} ms |`,
      `| pure replayAlerts, 33 d, 4 tiers, 1 m evaluation | ${pure1m} ms |`,
      `| pure replayAlerts, 33 d, 4 tiers, 15 s evaluation | ${pure15s} ms |`,
      "",
      `Target: under 2 000 ms — ${Math.max(coldMs, ...times) < 2000 ? "met" : "MISSED"} (slowest ${Math.max(coldMs, ...times)} ms). Answer: current "${answer?.current.headline}", candidate "${answer?.candidate?.headline}".`,
      "",
    ].join("\n");
    fs.appendFileSync("bench/RESULTS.md", text);
    console.log(text);
  } finally {
    const { closeDb } = await import("../lib/db");
    await closeDb().catch(() => undefined);
    await Promise.all([prom.stop(), db.drop()]);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
