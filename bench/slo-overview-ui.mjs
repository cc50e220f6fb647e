// Benchmark of the SLO overview page in a real browser (issue 4 acceptance):
//   npx next build && node bench/slo-overview-ui.mjs [slos=1000] [days=7] [runs=5]
// 1. backfills a synthetic fleet (bench/lib/fleet-data.ts) into a real Prometheus,
// 2. seeds a fresh PostgreSQL database with one team, slos/5 services and `slos` SLOs THROUGH THE SERVICES
//    (createTeam, createService, createSlo: PromQL validated by Prometheus, audited),
// 3. starts the built app (`next start`), signs in with Playwright + Debian's chromium and measures the
//    time from navigation start until the overview's first row is in the DOM and until it is painted,
// 4. reports first-load JavaScript per route: the script bytes each page loads on a cold cache
//    (gzip as served by `next start`, and uncompressed), measured from the browser's resource timing.
// Appends the section "SLO overview UI" to bench/RESULTS.md. Needs PostgreSQL on 127.0.0.1:5432,
// Debian's prometheus/promtool and chromium. Everything listens on 127.0.0.1 only and stops at the end.
/* global window, document, MutationObserver */ // used inside page.evaluate (runs in the browser)
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn, spawnSync } from "node:child_process";
import { importFromRoot, reexecUnderTsx, requireBuild, waitHttp } from "./lib/run.mjs";
import { chromium } from "@playwright/test";

const SLOS = Number(process.argv[2] ?? 1000);
const DAYS = Number(process.argv[3] ?? 7);
const RUNS = Number(process.argv[4] ?? 5);
const SLOS_PER_SERVICE = 5;
const SERVICES = Math.ceil(SLOS / SLOS_PER_SERVICE);
const root = process.cwd();
const work = path.resolve("bench/.work/slo-overview-ui");
const ADMIN = { email: "bench-admin@example.com", password: "bench-admin-password" };
const log = (...a) => console.log(new Date().toISOString().slice(11, 19), ...a);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// The project's TypeScript modules (harness, services) load through tsx (tsconfig paths included): the
// script re-runs itself once under `node --import tsx`.
reexecUnderTsx("SLO_UI_BENCH_TSX");
const imp = (p) => importFromRoot(root, p);
const { appendResults, runMain } = await imp("bench/lib/fleet-stack.ts");

requireBuild(root);

async function main() {
  fs.rmSync(work, { recursive: true, force: true });
  fs.mkdirSync(work, { recursive: true });
  const { startFleetStack } = await imp("bench/lib/fleet-app.ts");
  const { freePort } = await imp("tests/harness/process.ts");

  const {
    prom,
    promUrl,
    db,
    appEnv: env,
  } = await startFleetStack({
    work,
    services: SERVICES,
    days: DAYS,
    dbName: "srecp_bench_ui",
    refreshSeconds: 600,
    log,
  });
  let app;
  try {
    const t0 = performance.now();
    spawnOk(
      [
        "scripts/srecp.mjs",
        "users",
        "create",
        "--email",
        ADMIN.email,
        "--name",
        "Bench",
        "--role",
        "admin",
        "--password",
        ADMIN.password,
      ],
      env,
    );
    await seed(db.url, promUrl);
    const seedMs = Math.round(performance.now() - t0);
    log(`seeded ${SLOS} SLOs through the services in ${seedMs} ms`);

    const port = await freePort();
    const baseURL = `http://127.0.0.1:${port}`;
    app = spawn(
      process.execPath,
      [path.join(root, "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"],
      { cwd: root, env: { ...env, NEXTAUTH_URL: baseURL }, stdio: ["ignore", "ignore", "inherit"] },
    );
    await waitHttp(`${baseURL}/api/healthz`);
    const results = await measure(baseURL);
    writeResults({ seedMs, ...results });
  } finally {
    app?.kill("SIGTERM");
    await prom.stop();
    await db.drop();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function spawnOk(args, env) {
  const res = spawnSync(process.execPath, args, { cwd: root, env, encoding: "utf8" });
  if (res.status !== 0) throw new Error(`${args.join(" ")}: ${res.stderr}`);
  return res.stdout;
}

/** One team, SERVICES services and SLOS SLOs through lib/services (as the API would), in this process. */
async function seed(databaseUrl, promUrl) {
  process.env.DATABASE_URL = databaseUrl;
  process.env.PROMETHEUS_URL = promUrl;
  process.env.LOG_LEVEL = "silent";
  const { fleetSeeder } = await imp("bench/lib/fleet-app.ts");
  await (await fleetSeeder(SLOS_PER_SERVICE)).seedUpTo(SLOS);
}

// Records, from navigation start, when the first overview row enters the DOM (server-rendered HTML is
// parsed incrementally, so this is when the browser has it) and the first contentful paint.
const FIRST_ROW_PROBE = () => {
  const w = window;
  w.__firstRow = null;
  new MutationObserver((_, obs) => {
    if (document.querySelector("tr[data-slo]")) {
      w.__firstRow = performance.now();
      obs.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
};

async function measure(baseURL) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu"],
  });
  try {
    const context = await browser.newContext({ baseURL, viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel("Email").fill(ADMIN.email);
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((u) => !u.pathname.startsWith("/login"));

    // Cold: the first overview request computes every SLO's status (hourly rollup backfill included).
    let t0 = performance.now();
    const cold = await page.request.get("/api/v1/slos?include=status&pageSize=1000", { timeout: 900_000 });
    const apiColdMs = Math.round(performance.now() - t0);
    const body = await cold.json();
    if (body.total !== SLOS) throw new Error(`expected ${SLOS} SLOs, the API lists ${body.total}`);
    t0 = performance.now();
    await page.request.get("/api/v1/slos?include=status&pageSize=1000", { timeout: 120_000 });
    const apiWarmMs = Math.round(performance.now() - t0);

    const loadAvg = os.loadavg()[0];
    await context.addInitScript(FIRST_ROW_PROBE);
    const runs = [];
    for (let i = 0; i < RUNS + 1; i++) {
      const p = await context.newPage();
      await p.goto("/slos", { waitUntil: "load" });
      await p.waitForSelector("tr[data-slo]");
      const m = await p.evaluate(() => {
        const nav = performance.getEntriesByType("navigation")[0];
        const fcp = performance.getEntriesByName("first-contentful-paint")[0];
        return {
          firstRow: window.__firstRow,
          fcp: fcp ? fcp.startTime : null,
          ttfb: nav.responseStart,
          html: nav.encodedBodySize,
          htmlRaw: nav.decodedBodySize,
          load: nav.loadEventEnd,
          rowsInDom: document.querySelectorAll("tr[data-slo]").length,
        };
      });
      if (i > 0) runs.push(m); // the first run warms the server's route and data caches
      await p.close();
    }

    // First-load JS per route, cold browser cache each time.
    const first = (await page.request.get("/api/v1/slos?pageSize=1").then((r) => r.json())).items[0];
    const routes = [
      ["/slos", "/slos"],
      ["/slos/[id]", `/slos/${first.id}`],
      ["/slos/new", "/slos/new"],
      ["/slos/[id]/edit", `/slos/${first.id}/edit`],
      ["/services/[slug]", `/services/${first.service}`],
      ["/services/[slug]/policy", `/services/${first.service}/policy`],
      ["/services", "/services"],
    ];
    const js = [];
    for (const [route, url] of routes) {
      const ctx = await browser.newContext({ baseURL, storageState: await context.storageState() });
      const p = await ctx.newPage();
      await p.goto(url, { waitUntil: "networkidle" });
      const size = await p.evaluate(() => {
        // Scripts requested before the load event are the first load; later ones are lazy chunks.
        const loadAt = performance.getEntriesByType("navigation")[0].loadEventStart;
        const scripts = performance.getEntriesByType("resource").filter((r) => r.name.split("?")[0].endsWith(".js"));
        const initial = scripts.filter((r) => r.startTime < loadAt);
        const lazy = scripts.filter((r) => r.startTime >= loadAt);
        return {
          files: initial.length,
          gzip: initial.reduce((s, r) => s + r.encodedBodySize, 0),
          raw: initial.reduce((s, r) => s + r.decodedBodySize, 0),
          lazyFiles: lazy.length,
          lazyGzip: lazy.reduce((s, r) => s + r.encodedBodySize, 0),
        };
      });
      js.push({ route, ...size });
      await ctx.close();
    }
    return { apiColdMs, apiWarmMs, runs, js, loadAvg };
  } finally {
    await browser.close();
  }
}

function writeResults(r) {
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  const kb = (b) => `${(b / 1024).toFixed(1)} kB`;
  const med = (k) => Math.round(median(r.runs.map((x) => x[k])));
  const text = `
## SLO overview UI: ${SLOS} SLOs in the browser (bench/slo-overview-ui.mjs)

${new Date().toISOString().slice(0, 10)} · ${os.cpus().length} × ${cpu} · ${Math.round(os.totalmem() / 2 ** 30)} GiB · Node ${process.version} · \`next start\` (production build) · Debian chromium, headless, 1400×900 · ${SERVICES} services × ${SLOS_PER_SERVICE} SLOs seeded through lib/services in ${(r.seedMs / 1000).toFixed(1)} s · ${DAYS} days of 60 s data per service · 1-min load average when the page loads were measured: ${r.loadAvg.toFixed(1)} (other work on the machine inflates the times)

| measurement (median of ${r.runs.length} page loads, warm server cache) | value |
| --- | --- |
| **navigation start → first overview row in the DOM** | **${med("firstRow")} ms** |
| navigation start → first contentful paint | ${med("fcp")} ms |
| time to first byte of the HTML (server: ${SLOS} statuses from the cache + render) | ${med("ttfb")} ms |
| HTML + inline data (gzip / raw) | ${kb(med("html"))} / ${kb(med("htmlRaw"))} |
| load event | ${med("load")} ms |
| rows in the DOM (virtualized, of ${SLOS}) | ${med("rowsInDom")} |
| overview API \`GET /api/v1/slos?include=status&pageSize=1000\`, cold (status of all SLOs computed, rollups backfilled) | ${r.apiColdMs} ms |
| same, warm (cached batched refresh) | ${r.apiWarmMs} ms |

First-load JavaScript per route (all script files a page loads with an empty browser cache, as served by \`next start\`):

| route | files | first-load JS, gzip | uncompressed | loaded lazily after the load event (gzip) |
| --- | --- | --- | --- | --- |
${r.js.map((j) => `| \`${j.route}\` | ${j.files} | ${kb(j.gzip)} | ${kb(j.raw)} | ${j.lazyFiles ? `${j.lazyFiles} files, ${kb(j.lazyGzip)}` : "–"} |`).join("\n")}

The overview is server-rendered with the first rows in the HTML (TanStack Virtual renders only the rows on
screen, about ${med("rowsInDom")} of ${SLOS}); the statuses come from the same cached batched refresh as the API.
Sparklines load lazily for visible rows only (one burndown request per row after 400 ms on screen, cached for 5 min).
CodeMirror (PromQL editor) is loaded on demand by the wizard, so it is not in any route's first load.
`;
  appendResults(text);
}

runMain(main);
