// What the status refresh job holds in memory (issue 17, memory), without an HTTP server:
//   node --expose-gc --conditions=react-server --import tsx bench/status-refresh-memory.ts [n=2000] [batches=500,100000]
// Seeds n SLOs of the synthetic fleet (bench/lib/fleet-app.ts) into a fresh database over a real Prometheus,
// backfills their rollups once, then per batch size runs refreshStoredStatuses (the job) after a full GC,
// sampling the V8 heap every 10 ms: the peak above the baseline is what one run holds at once, "retained"
// what stays after it (GC'd again). A batch size ≥ n is the unbatched computation; "currentStatuses" is the
// job as it was before the batches (every SLO at once, the statuses kept in the process's cache).
// Prints a table; needs PostgreSQL on 127.0.0.1:5432 and Debian's prometheus/promtool.
import fs from "node:fs";
import path from "node:path";
import { fleetSeeder, startFleetStack } from "./lib/fleet-app";
import { runMain } from "./lib/fleet-stack";

const N = Number(process.argv[2] ?? 2000);
const BATCHES = (process.argv[3] ?? "500,100000").split(",").map(Number);
const work = path.resolve("bench/.work/refresh-memory");
const log = (...a: unknown[]) => console.log(new Date().toISOString().slice(11, 19), ...a);
const MiB = (b: number) => (b / 2 ** 20).toFixed(1);

const gc = () => {
  if (!globalThis.gc) throw new Error("run with node --expose-gc");
  globalThis.gc();
  globalThis.gc();
};

/**
 * Peak heap above the (GC'd) baseline while `fn` runs (garbage included: what a heap without pressure
 * grows to), the peak of what is live (a run with a full GC before each sample every 50 ms, between the
 * run's awaits), and what stays after it.
 */
async function measure(fn: () => Promise<unknown>) {
  const once = async (live: boolean) => {
    gc();
    const base = process.memoryUsage().heapUsed;
    let peak = base;
    const sample = () => {
      if (live) gc();
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    };
    const timer = setInterval(sample, live ? 50 : 10);
    const t0 = performance.now();
    const result = await fn();
    const ms = performance.now() - t0;
    clearInterval(timer);
    sample();
    gc();
    return { peak: peak - base, retained: process.memoryUsage().heapUsed - base, ms, result };
  };
  const all = await once(false);
  const live = await once(true);
  return { ...all, live: live.peak };
}

async function main() {
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  const { prom, promUrl, db } = await startFleetStack({
    work,
    services: Math.ceil(N / 5),
    days: 2,
    dbName: "srecp_bench_refresh_memory",
    refreshSeconds: 30,
    log,
  });
  // lib/ reads these when first used; web: no job runner in this process, the job function is called directly
  Object.assign(process.env, { DATABASE_URL: db.url, PROMETHEUS_URL: promUrl, LOG_LEVEL: "silent", SRECP_ROLE: "web" });
  try {
    const seeder = await fleetSeeder(5);
    let t0 = performance.now();
    await seeder.seedUpTo(N);
    log(`seeded ${N} SLOs in ${Math.round(performance.now() - t0)} ms`);
    const { refreshStoredStatuses } = await import("../lib/services/slo/rollup-job");
    const { currentStatuses, invalidateStatusCache } = await import("../lib/services/slo/status-cache");
    const { loadSloDefs } = await import("../lib/services/slo/store");
    t0 = performance.now();
    await refreshStoredStatuses(Date.now(), 500); // rollup backfill, not measured
    log(`first refresh (backfill) in ${Math.round(performance.now() - t0)} ms`);
    const rows: string[] = [];
    for (const batch of BATCHES) {
      const m = await measure(() => refreshStoredStatuses(Date.now(), batch));
      const { queries } = m.result as { queries: number };
      rows.push(
        `| refreshStoredStatuses, batch ${batch >= N ? `${batch} (unbatched)` : batch} | ${MiB(m.peak)} | ${MiB(m.live)} | ${MiB(m.retained)} | ${Math.round(m.ms)} | ${queries} |`,
      );
      log(rows.at(-1));
    }
    const old = await measure(async () => {
      invalidateStatusCache(); // each of the two runs computes (the cache would answer the second)
      return currentStatuses(await loadSloDefs());
    });
    rows.push(
      `| currentStatuses(all), the job before batches | ${MiB(old.peak)} | ${MiB(old.live)} | ${MiB(old.retained)} | ${Math.round(old.ms)} | – |`,
    );
    invalidateStatusCache();
    console.log(
      [
        "",
        `Status refresh memory at ${N} SLOs (${new Date().toISOString().slice(0, 16)}Z, heap MiB above a GC'd baseline):`,
        "",
        "| run | peak heap | peak live heap | retained after | ms | Prometheus queries |",
        "| --- | --- | --- | --- | --- | --- |",
        ...rows,
      ].join("\n"),
    );
  } finally {
    await prom.stop();
    const { closeDb } = await import("../lib/db");
    await closeDb().catch(() => {});
    await db.drop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

runMain(main);
