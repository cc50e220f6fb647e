// Load benchmark of the SLO status read model (issue 17), on a production build:
//   npx next build && node bench/load.mjs [sizes=5,1000,10000] [seconds=30]
// 1. backfills a synthetic fleet (bench/lib/fleet-data.ts) into a real Prometheus;
// 2. seeds a fresh PostgreSQL database THROUGH THE SERVICES (createService, createSlo) up to each size;
// 3. starts the built app (`next start`) and, per size, waits until every SLO's status is computed, then
//    runs autocannon (100 connections × `seconds`, interleaved in 5 s slices) on GET /api/v1/slos/{id}/status, the overview list
//    (page of 50 with status) and, at 10 connections, the /slos HTML page — each next to GET /api/healthz
//    in the same minute, and healthz next to /api/livez (a bare Next route handler: the framework's ceiling);
// 4. samples the servers' RSS, and counts Prometheus queries per refresh interval with one and two replicas.
// Layout (BENCH_SPLIT): 1 (default) = the production one of docker-compose.yml, a web server (SRECP_ROLE=web,
// measured) and a worker process (SRECP_ROLE=worker: the jobs, its RSS reported apart); 0 = one process
// doing both (the embedded-database quick start). Each runs under its role's default heap limits
// (scripts/lib/heap.mjs, as `npm start` applies them); BENCH_APP_NODE_OPTIONS replaces them ("" = none);
// BENCH_WEB_NODE_OPTIONS overrides flag by flag for the web server only (as an operator's NODE_OPTIONS would).
// BENCH_NODE_ARGS adds node flags to the servers (a CPU profile: "--cpu-prof --cpu-prof-dir=DIR").
// BENCH_QUERY_INTERVALS (default 3; 0 skips) intervals are counted for the queries; BENCH_RESULTS_FILE
// writes the section elsewhere (a smoke run).
// Appends the section "Load: SLO status read model" to bench/RESULTS.md. Needs PostgreSQL on 127.0.0.1:5432
// and Debian's prometheus/promtool. Everything listens on 127.0.0.1 only and stops at the end.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { importFromRoot, reexecUnderTsx, requireBuild, signIn, waitHttp } from "./lib/run.mjs";
import { nodeOptionsWithHeap } from "../scripts/lib/heap.mjs";
import autocannon from "autocannon";

const SIZES = (process.argv[2] ?? "5,1000,10000").split(",").map(Number);
const SECONDS = Number(process.argv[3] ?? 30);
const SLOS_PER_SERVICE = 5;
const BENCH_USER = { email: "bench@example.com", password: "bench-password-1234" };
const REFRESH_SECONDS = 30;
const SPLIT = process.env.BENCH_SPLIT !== "0";
const QUERY_INTERVALS = Number(process.env.BENCH_QUERY_INTERVALS ?? 3);
/** Extra node flags for the servers, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" (not allowed in NODE_OPTIONS). */
const NODE_ARGS = (process.env.BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean);
const RESULTS_FILE = path.resolve(process.env.BENCH_RESULTS_FILE ?? "bench/RESULTS.md");
const root = process.cwd();
const work = path.resolve("bench/.work/load");
const log = (...a) => console.log(new Date().toISOString().slice(11, 19), ...a);
reexecUnderTsx("LOAD_BENCH_TSX");
const imp = (p) => importFromRoot(root, p);
requireBuild(root);

/** autocannon for `seconds`; throughput in req/s, latency percentiles in ms, failures counted. */
async function cannon(url, { connections = 100, seconds = SECONDS, token, cookie } = {}) {
  const r = await autocannon({
    url,
    connections,
    duration: seconds,
    timeout: 10,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(cookie ? { cookie } : {}) },
  });
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    ok: r["2xx"],
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
  };
}

/** Slice length (s) of the interleaved runs below. */
const SLICE_SECONDS = 5;
/**
 * Runs the targets side by side: rounds of SLICE_SECONDS each (A, B, C, A, B, C, …) for `seconds` per target,
 * so a burst of other work on this shared machine hits every target alike and the ratios between them hold.
 * rps = mean over the slices, p50 = mean, p99 = the worst slice's p99; counts summed.
 */
async function sideBySide(targets, seconds = SECONDS) {
  const slices = Object.fromEntries(Object.keys(targets).map((k) => [k, []]));
  for (let round = 0; round < Math.max(1, Math.round(seconds / SLICE_SECONDS)); round++) {
    for (const [k, t] of Object.entries(targets)) slices[k].push(await cannon(t.url, { ...t, seconds: SLICE_SECONDS }));
  }
  const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const sum = (xs, f) => xs.reduce((a, x) => a + x[f], 0);
  return Object.fromEntries(
    Object.entries(slices).map(([k, xs]) => [
      k,
      {
        rps: mean(xs.map((x) => x.rps)),
        p50: mean(xs.map((x) => x.p50)),
        p99: Math.max(...xs.map((x) => x.p99)),
        ok: sum(xs, "ok"),
        non2xx: sum(xs, "non2xx"),
        errors: sum(xs, "errors"),
        timeouts: sum(xs, "timeouts"),
      },
    ]),
  );
}

/** CPU seconds (user + system) `pid` has used so far; /proc/PID/stat fields 14 and 15, in clock ticks of 1/100 s. */
const cpuSeconds = (pid) => {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
};

/** CPU seconds of each PostgreSQL server process now, by pid (the cluster's other databases are idle during a run). */
const postgresCpu = () =>
  new Map(
    fs
      .readdirSync("/proc")
      .filter((d) => /^\d+$/.test(d))
      .flatMap((pid) => {
        try {
          return fs.readFileSync(`/proc/${pid}/comm`, "utf8").trim() === "postgres"
            ? [[pid, cpuSeconds(pid) ?? 0]]
            : [];
        } catch {
          return []; // the process ended meanwhile
        }
      }),
  );

/** PostgreSQL's CPU seconds since `before`: processes still running, and those started since (a backend that ended is not counted). */
const postgresCpuSince = (before) => [...postgresCpu()].reduce((sum, [pid, s]) => sum + s - (before.get(pid) ?? 0), 0);

/** Share of one core each server, and PostgreSQL, used over `ms` with no requests: what the background jobs cost at rest. */
async function restingCpu(pids, ms) {
  const before = pids.map(cpuSeconds);
  const pgBefore = postgresCpu();
  await new Promise((r) => setTimeout(r, ms));
  return [
    ...pids.map((pid, i) => (before[i] === null ? null : (cpuSeconds(pid) - before[i]) / (ms / 1000))),
    postgresCpuSince(pgBefore) / (ms / 1000),
  ];
}

const rssMiB = (pid) => {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Math.round(Number(m[1]) / 1024) : null;
  } catch {
    return null;
  }
};

async function promQueries(promUrl) {
  const text = await (await fetch(`${promUrl}/metrics`)).text();
  let n = 0;
  for (const line of text.split("\n")) {
    const m = /^prometheus_http_requests_total\{[^}]*handler="\/api\/v1\/query(_range)?"[^}]*\} (\d+)/.exec(line);
    if (m) n += Number(m[2]);
  }
  return n;
}

/** The node options a server of `role` runs with: BENCH_APP_NODE_OPTIONS when set, else what `npm start` gives it. */
const nodeOptionsOf = (role, env) =>
  process.env.BENCH_APP_NODE_OPTIONS !== undefined
    ? process.env.BENCH_APP_NODE_OPTIONS
    : nodeOptionsWithHeap(
        role,
        [env.NODE_OPTIONS ?? "", role === "worker" ? "" : (process.env.BENCH_WEB_NODE_OPTIONS ?? "")].join(" "),
      );

/** `next start` as SRECP_ROLE `role` (web, worker or both) on `port`. */
function startApp(env, port, role) {
  const child = spawn(
    process.execPath,
    [...NODE_ARGS, path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"],
    {
      cwd: root,
      env: {
        ...env,
        NEXTAUTH_URL: `http://127.0.0.1:${port}`,
        SRECP_ROLE: role,
        NODE_OPTIONS: nodeOptionsOf(role, env),
      },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  return child;
}

async function main() {
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  const { startFleetStack } = await imp("bench/lib/fleet-app.ts");
  const { freePort } = await imp("tests/harness/process.ts");
  const { prom, promUrl, db, appEnv } = await startFleetStack({
    work,
    services: Math.ceil(Math.max(...SIZES) / SLOS_PER_SERVICE),
    days: 2,
    dbName: "srecp_bench_load",
    refreshSeconds: REFRESH_SECONDS,
    log,
  });
  const env = { ...appEnv, SRECP_DATASOURCE_ALLOW_PRIVATE: "1" };
  Object.assign(process.env, {
    DATABASE_URL: db.url,
    PROMETHEUS_URL: promUrl,
    LOG_LEVEL: "silent",
    SRECP_DATASOURCE_ALLOW_PRIVATE: "1",
    SRECP_ROLE: "web",
  });
  const seeder = await seedFns();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let app = null;
  let worker = null;
  let second = null;
  const rows = [];
  try {
    app = startApp(env, port, SPLIT ? "web" : "both");
    await waitHttp(`${base}/api/healthz`, 120_000);
    if (SPLIT) {
      const workerPort = await freePort();
      worker = startApp(env, workerPort, "worker");
      await waitHttp(`http://127.0.0.1:${workerPort}/api/healthz`, 120_000);
    }
    log(
      `layout: ${SPLIT ? "web + worker" : "one process (both)"}; node options: web ${JSON.stringify(nodeOptionsOf(SPLIT ? "web" : "both", env))}${SPLIT ? `, worker ${JSON.stringify(nodeOptionsOf("worker", env))}` : ""}`,
    );
    for (const n of SIZES) {
      let t0 = performance.now();
      await seeder.seedUpTo(n);
      log(`seeded up to ${n} SLOs in ${Math.round(performance.now() - t0)} ms`);
      t0 = performance.now();
      await waitFresh(base, seeder.token, n);
      const freshMs = Math.round(performance.now() - t0);
      log(`all ${n} statuses computed ${freshMs} ms after seeding`);
      const id = seeder.firstId();
      // one refresh interval at rest: the share of a core the web server and the worker use for the jobs
      const [webCpu, workerCpu, pgCpu] = await restingCpu([app.pid, worker?.pid ?? app.pid], REFRESH_SECONDS * 1000);
      log(
        `at rest over ${REFRESH_SECONDS} s: web ${f(webCpu * 100)} % of a core, worker ${f(workerCpu * 100)} %, PostgreSQL ${f(pgCpu * 100)} %`,
      );
      const rssBefore = rssMiB(app.pid);
      const workerRssBefore = worker ? rssMiB(worker.pid) : null;
      const r = {
        n,
        freshMs,
        rssBefore,
        workerRssBefore,
        webCpu,
        workerCpu: worker ? workerCpu : null,
        pgCpu,
        load: os.loadavg()[0],
      };
      Object.assign(
        r,
        await sideBySide({
          livez: { url: `${base}/api/livez` },
          healthz: { url: `${base}/api/healthz` },
          status: { url: `${base}/api/v1/slos/${id}/status`, token: seeder.token },
          overview: { url: `${base}/api/v1/slos?include=status&pageSize=50`, token: seeder.token },
        }),
      );
      // pages take the session cookie of a signed-in browser (a token would be sent to the sign-in page)
      const cookie = await signIn(base, BENCH_USER.email, BENCH_USER.password);
      const ten = await sideBySide({
        healthz: { url: `${base}/api/healthz`, connections: 10 },
        html: { url: `${base}/slos`, connections: 10, cookie },
      });
      r.html = ten.html;
      r.healthz10 = ten.healthz;
      r.rssAfter = rssMiB(app.pid);
      r.workerRssAfter = worker ? rssMiB(worker.pid) : null;
      log(JSON.stringify(r));
      rows.push(r);
    }
    // Prometheus queries per refresh interval: one replica (job runner), then two on the same database.
    const perInterval = async () => {
      const a = await promQueries(promUrl);
      await new Promise((res) => setTimeout(res, QUERY_INTERVALS * REFRESH_SECONDS * 1000));
      return ((await promQueries(promUrl)) - a) / QUERY_INTERVALS;
    };
    let queries = null;
    if (QUERY_INTERVALS > 0) {
      const one = await perInterval();
      const port2 = await freePort();
      second = startApp(env, port2, SPLIT ? "worker" : "both");
      await waitHttp(`http://127.0.0.1:${port2}/api/healthz`, 120_000);
      queries = { one, two: await perInterval() };
    }
    writeResults(rows, queries, env);
  } finally {
    app?.kill("SIGTERM");
    worker?.kill("SIGTERM");
    second?.kill("SIGTERM");
    await prom.stop();
    await new Promise((r) => setTimeout(r, 2000));
    await db.drop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Seeds through lib/services in this process (as the API would): the fleet, and an admin with a token to read it. */
async function seedFns() {
  const { fleetSeeder } = await imp("bench/lib/fleet-app.ts");
  const { SYSTEM_ACTOR } = await imp("lib/services/system-actor.ts");
  const { createUser } = await imp("lib/services/users.ts");
  const { createApiToken } = await imp("lib/services/tokens.ts");
  const fleet = await fleetSeeder(SLOS_PER_SERVICE);
  const user = await createUser(SYSTEM_ACTOR, {
    email: BENCH_USER.email,
    name: "Bench",
    role: "admin",
    teams: ["bench"],
    password: BENCH_USER.password,
  });
  const { token } = await createApiToken(SYSTEM_ACTOR, { name: "bench", scopes: [], ownerId: user.id });
  return { token, ...fleet };
}

/** Until every SLO has its figures (not "computing": the status job and the overview's reads compute the new ones). */
async function waitFresh(base, token, n) {
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    let ready = 0;
    for (let page = 1; page <= Math.ceil(n / 1000); page++) {
      const res = await fetch(`${base}/api/v1/slos?include=status&pageSize=1000&page=${page}`, {
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(600_000),
      });
      if (!res.ok) break;
      ready += (await res.json()).items.filter((s) => s.status && !s.status.computing).length;
    }
    if (ready >= n) return;
    if (Date.now() > deadline) throw new Error(`statuses of ${n} SLOs not computed after 15 min (${ready} ready)`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

const f = (x, d = 0) => (x === null || x === undefined ? "–" : Number(x).toFixed(d));

function writeResults(rows, queries, env) {
  const cpu = os.cpus();
  const head = `${new Date().toISOString().slice(0, 10)} · ${cpu.length} × ${cpu[0]?.model.trim()} · ${Math.round(os.totalmem() / 2 ** 30)} GiB · Node ${process.version} · PostgreSQL 15 · ${SECONDS} s per target, interleaved in ${SLICE_SECONDS} s slices`;
  const lines = [
    "",
    "## Load: SLO status read model (bench/load.mjs)",
    "",
    head,
    "",
    SPLIT
      ? `Layout: web server (SRECP_ROLE=web, measured) + worker (SRECP_ROLE=worker, the jobs); node options: web \`${nodeOptionsOf("web", env) || "none"}\`, worker \`${nodeOptionsOf("worker", env) || "none"}\`.`
      : `Layout: one process (SRECP_ROLE=both: HTTP and the jobs); node options \`${nodeOptionsOf("both", env) || "none"}\`.`,
    "",
    `| SLOs | all fresh after seeding | livez (bare) req/s | healthz req/s | healthz ÷ livez | status req/s · p50 · p99 | status ÷ healthz | overview (50) req/s · p99 | overview ÷ healthz | \`/slos\` HTML, 10 conn: req/s · p99 (healthz at 10 conn: req/s · p99) | ${SPLIT ? "web RSS" : "RSS"} MiB before → after | worker RSS MiB before → after | at rest, % of a core: web · worker · PostgreSQL | failures | load (1 min) |`,
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
  ];
  for (const r of rows) {
    const hz = r.healthz.rps;
    const fails = ["status", "overview", "html"].reduce((s, k) => s + r[k].non2xx + r[k].errors + r[k].timeouts, 0);
    lines.push(
      `| ${r.n} | ${f(r.freshMs / 1000, 1)} s | ${f(r.livez.rps)} | ${f(hz)} | ${f(hz / r.livez.rps, 2)} | ${f(r.status.rps)} · ${f(r.status.p50)} ms · ${f(r.status.p99)} ms | ${f(r.status.rps / hz, 2)} | ${f(r.overview.rps)} · ${f(r.overview.p99)} ms | ${f(r.overview.rps / hz, 2)} | ${f(r.html.rps)} · ${f(r.html.p99)} ms (${f(r.healthz10.rps)} · ${f(r.healthz10.p99)} ms) | ${f(r.rssBefore)} → ${f(r.rssAfter)} | ${SPLIT ? `${f(r.workerRssBefore)} → ${f(r.workerRssAfter)}` : "–"} | ${f(r.webCpu * 100)} · ${f(r.workerCpu === null ? null : r.workerCpu * 100)} · ${f(r.pgCpu * 100)} | ${fails} | ${f(r.load, 1)} |`,
    );
  }
  const small = rows[0];
  const big = rows.at(-1);
  if (small && big && small !== big)
    lines.push(
      "",
      `Cost per read flat in N: status throughput at ${big.n} ÷ at ${small.n} = ${f(big.status.rps / small.status.rps, 2)} (target ≥ 0.9); overview ${f(big.overview.rps / small.overview.rps, 2)}. The same against each size's own healthz (what the noise of other work on the machine does not move): status ${f(big.status.rps / big.healthz.rps / (small.status.rps / small.healthz.rps), 2)}, overview ${f(big.overview.rps / big.healthz.rps / (small.overview.rps / small.healthz.rps), 2)}.`,
    );
  if (queries)
    lines.push(
      "",
      `Prometheus queries per ${REFRESH_SECONDS} s refresh interval at ${big?.n} SLOs: one replica ${f(queries.one, 1)}, two replicas on one database ${f(queries.two, 1)} (the job queue runs each refresh once).`,
    );
  lines.push(
    "",
    `Load average at the end: ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(" / ")} (1/5/15 min; other work on the machine inflates every row alike — compare within a row).`,
  );
  fs.appendFileSync(RESULTS_FILE, `${lines.join("\n")}\n`);
  log(`appended to ${path.relative(root, RESULTS_FILE)}`);
}

await main();
