#!/usr/bin/env node
// `npm run app`: builds if needed and serves the control plane on http://localhost:3000.
// With no DATABASE_URL it uses the embedded PGlite database under DATA_DIR (default ./.data),
// migrates it, and keeps a generated NEXTAUTH_SECRET there, so a fresh clone needs no configuration.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { runMigrator } from "./lib/migrator.mjs";
import { startLocalPrometheus } from "./lib/local-prometheus.mjs";
import { demoLoaded, startDemoExporterProcess } from "./lib/demo-exporter.mjs";
import { acquirePgliteLock, DatabaseLockedError, heldLockToken } from "./lib/pglite-lock.mjs";
import { nodeOptionsWithHeap } from "./lib/heap.mjs";

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..");
const run = (cmd, args, extraEnv = {}) => {
  const res = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...extraEnv } });
  if (res.status !== 0) process.exit(res.status ?? 1);
};
const nextBin = path.join(root, "node_modules/next/dist/bin/next");

if (!fs.existsSync(path.join(root, "lib/db/generated/client.ts"))) run("npm", ["run", "db:generate"]);
if (!fs.existsSync(path.join(root, ".next/BUILD_ID")) || process.env.REBUILD) run(process.execPath, [nextBin, "build"]);

const dataDir = path.resolve(root, process.env.DATA_DIR || ".data");
fs.mkdirSync(dataDir, { recursive: true });
const port = process.env.PORT || "3000";
const env = { ...process.env, DATA_DIR: dataDir, NEXTAUTH_URL: process.env.NEXTAUTH_URL || `http://localhost:${port}` };

if (!env.NEXTAUTH_SECRET) {
  const file = path.join(dataDir, "nextauth-secret");
  if (!fs.existsSync(file)) fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  env.NEXTAUTH_SECRET = fs.readFileSync(file, "utf8").trim();
}

const pgliteDir = path.join(dataDir, "pglite");
if (!env.DATABASE_URL) {
  // Held from migration until the server takes it over (it gets the token): no CLI can open the
  // embedded database in between or while the server runs.
  try {
    acquirePgliteLock(pgliteDir, { purpose: "app (npm start)" });
  } catch (err) {
    if (!(err instanceof DatabaseLockedError)) throw err;
    console.error(err.message);
    process.exit(1);
  }
  env.SRECP_PGLITE_LOCK_TOKEN = heldLockToken(pgliteDir);
}
console.log(await runMigrator({ root, command: "deploy", databaseUrl: env.DATABASE_URL, pgliteDir }));

// Without PROMETHEUS_URL, the quick start brings its own Prometheus (issue 14) and makes it the default
// data source; SRECP_LOCAL_PROMETHEUS=0 turns that off. It stops with the app.
// After `srecp demo`, the demo exporter continues its traffic live from the model (scraped by that Prometheus).
let prometheus = null;
let demoExporter = null;
if (!env.PROMETHEUS_URL && env.SRECP_LOCAL_PROMETHEUS !== "0") {
  if (demoLoaded(dataDir)) {
    try {
      demoExporter = await startDemoExporterProcess({ root, dataDir });
      console.log(`demo exporter on ${demoExporter.url}: the demo traffic continues live`);
    } catch (err) {
      console.error(`${err.message}\nThe demo traffic stops at the instant it was loaded.`);
    }
  }
  try {
    prometheus = await startLocalPrometheus({ dataDir, demoExporter: demoExporter?.target ?? null });
  } catch (err) {
    console.error(`${err.message}\nStarting without Prometheus.`);
  }
  if (prometheus) {
    env.PROMETHEUS_URL = prometheus.url;
    console.log(
      `Prometheus on ${prometheus.url} (data in ${path.join(dataDir, "prometheus")}); ${demoExporter ? "with the demo traffic" : "`srecp demo` loads a month of demo traffic into it"}`,
    );
  }
}
console.log(
  `SRE control plane on http://localhost:${port} (${env.DATABASE_URL ? "PostgreSQL" : `embedded database in ${dataDir}`})`,
);

// The server's V8 heap limits by role (scripts/lib/heap.mjs, docs/operations.md "Memory"); NODE_OPTIONS overrides them.
const role = env.SRECP_ROLE?.trim() || (env.SRECP_DISABLE_JOBS === "1" ? "web" : "both");
env.NODE_OPTIONS = nodeOptionsWithHeap(role, env.NODE_OPTIONS);

const child = spawn(
  process.execPath,
  [nextBin, "start", "-p", port, ...(process.env.HOST ? ["-H", process.env.HOST] : [])],
  { cwd: root, stdio: "inherit", env },
);
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
// Prometheus stops after the server (which may still read it while draining); the exit code stays the server's.
child.on("exit", async (code) => {
  if (prometheus) await prometheus.stop().catch((err) => console.error(`stopping Prometheus: ${err.message}`));
  if (demoExporter)
    await demoExporter.stop().catch((err) => console.error(`stopping the demo exporter: ${err.message}`));
  process.exit(code ?? 0);
});
