// First-run time of the quick start (issue 14): a fresh clone of this repository's HEAD, then
//   1. `bash scripts/quickstart.sh` (npm ci, prisma generate, next build, migrations, local Prometheus) until
//      the app answers /api/healthz — phases timed from its output;
//   2. stop it, `srecp demo` (the demo backfill: 35 days of blocks) — its cost;
//   3. `npm start` again until the first demo SLO has a number (GET /api/v1/slos/{id}/status, noData false;
//      the /slos page renders this read model), through an API token made with the CLI.
// Appends "First run: quick start → first SLO number" to bench/RESULTS.md with machine, date and load average.
//   node bench/first-run.mjs [clone-dir]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import net from "node:net";
import { spawn, spawnSync } from "node:child_process";

const root = process.cwd();
const dir = path.resolve(process.argv[2] ?? path.join(os.tmpdir(), `srecp-first-run-${Date.now()}`));
const t0 = Date.now();
const secs = (ms) => ((ms - t0) / 1000).toFixed(1);
const log = (...a) => console.log(`[${secs(Date.now())} s]`, ...a);
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" / ");

const freePort = () =>
  new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
const sh = (cmd, args, opts = {}) => {
  const started = Date.now();
  const res = spawnSync(cmd, args, {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, ...opts.env },
    maxBuffer: 64 << 20,
  });
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed (${res.status}): ${res.stderr?.slice(-2000)}`);
  return { out: res.stdout, err: res.stderr, seconds: (Date.now() - started) / 1000 };
};

/** Starts a long-running command; resolves marks[label] = seconds since t0 when its output matches. */
function start(cmd, args, env, patterns) {
  const child = spawn(cmd, args, {
    cwd: dir,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const marks = {};
  let output = "";
  const onData = (d) => {
    output += d;
    for (const [label, re] of Object.entries(patterns))
      if (!(label in marks) && re.test(output)) marks[label] = Date.now();
  };
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);
  const exited = new Promise((r) => child.once("exit", r));
  const stop = async () => {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      /* gone */
    }
    await exited;
  };
  return { child, marks, output: () => output, stop, exited };
}

async function waitFor(fn, what, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => null);
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

const loadStart = load();
const head = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" }).stdout.trim();
log(`fresh clone of ${head} into ${dir}; load average ${loadStart}`);
spawnSync("git", ["clone", "--quiet", "--no-hardlinks", root, dir], { stdio: "inherit" });
const port = await freePort();
const env = { PORT: String(port), DATA_DIR: path.join(dir, ".data"), NEXT_TELEMETRY_DISABLED: "1" };
const base = `http://127.0.0.1:${port}`;

// 1. quick start from nothing
const first = start("bash", ["scripts/quickstart.sh"], env, {
  npmCi: /added \d+ packages/,
  generated: /Generated Prisma Client|prisma generate|generated/i,
  built: /Compiled successfully|✓ Generating static pages|Route \(app\)/,
  prometheus: /Prometheus on http/,
  listening: /SRE control plane on http/,
});
await waitFor(async () => (await fetch(`${base}/api/healthz`)).ok, "quick start: /api/healthz", 30 * 60_000);
const up = Date.now();
log(`app up after ${secs(up)} s`);
const warnings = first
  .output()
  .split("\n")
  .filter((l) => /^npm warn/i.test(l))
  .map((l) => l.trimEnd());
await first.stop();

// 2. the demo backfill (app stopped: the embedded database is single-process)
const demo = sh("node", ["scripts/srecp.mjs", "demo"], { env });
const backfill = /written to .* in ([\d.]+) s/.exec(demo.out)?.[1];
log(`srecp demo: ${demo.seconds.toFixed(1)} s (blocks ${backfill} s)`);
sh(
  "node",
  [
    "scripts/srecp.mjs",
    "users",
    "create",
    "--email",
    "bench@example.com",
    "--name",
    "Bench",
    "--role",
    "admin",
    "--password",
    "bench-password-1",
  ],
  { env },
);
const token = sh(
  "node",
  ["scripts/srecp.mjs", "tokens", "create", "--email", "bench@example.com", "--name", "bench", "--scopes", "read"],
  { env },
).out.trim();

// 3. start again until the first demo SLO has a number
const restartAt = Date.now();
const second = start("node", ["scripts/app.mjs"], env, { listening: /SRE control plane on http/ });
const auth = { headers: { authorization: `Bearer ${token}` } };
const firstNumber = await waitFor(
  async () => {
    const list = await (await fetch(`${base}/api/v1/slos?pageSize=50`, auth)).json();
    for (const s of list.items ?? []) {
      const st = await (await fetch(`${base}/api/v1/slos/${s.id}/status`, auth)).json();
      if (st.noData === false && typeof st.errorBudget?.remaining === "number")
        return { name: s.name, remaining: st.errorBudget.remaining };
    }
    return null;
  },
  "first SLO with data",
  10 * 60_000,
);
const numberAt = Date.now();
log(
  `first number: ${firstNumber.name} ${(firstNumber.remaining * 100).toFixed(1)} % budget left, ${((numberAt - restartAt) / 1000).toFixed(1)} s after the restart`,
);
await second.stop();

const phase = (label) => (label in first.marks ? `${secs(first.marks[label])} s` : "—");
const cpu = os.cpus();
const section = `
## First run: quick start → first SLO number (issue 14)

${new Date().toISOString().slice(0, 10)}, commit ${head}; ${cpu.length} × ${cpu[0]?.model ?? "cpu"}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version};
load average (1/5/15 min) ${loadStart} at the start, ${load()} at the end (the machine is shared: other builds and tests ran meanwhile).
npm's cache on this machine was warm (packages not downloaded), so a first clone elsewhere adds the download time.

| step | at (s from clone) |
| --- | --- |
| fresh \`git clone\` → \`bash scripts/quickstart.sh\`: npm ci done | ${phase("npmCi")} |
| next build done | ${phase("built")} |
| migrations applied, local Prometheus up | ${phase("prometheus")} |
| app answers /api/healthz | ${secs(up)} s |
| stop; \`srecp demo\` (organisation, page, 35 days of blocks) | ${demo.seconds.toFixed(1)} s, of which blocks ${backfill ?? "?"} s |
| \`npm start\` again → first SLO with a number (${firstNumber.name}) | ${((numberAt - restartAt) / 1000).toFixed(1)} s after the restart |

npm warnings printed by \`npm ci\`:${warnings.length ? `\n\n\`\`\`\n${warnings.join("\n")}\n\`\`\`` : " none."}
`;
fs.appendFileSync(path.join(root, "bench/RESULTS.md"), section);
log("appended to bench/RESULTS.md");
fs.rmSync(dir, { recursive: true, force: true });
