import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { enqueueJob } from "@/lib/jobs/enqueue";
import { stopBoss } from "@/lib/jobs/boss";
import * as jobsRoute from "@/app/api/v1/admin/jobs/route";
import * as metricsRoute from "@/app/api/metrics/route";
import { call, userWithToken } from "./helpers/api";

// The job queue across processes (issue 17 item 3): real runner processes on the test database.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "srecp-jobs-"));
const children: ChildProcess[] = [];
afterAll(async () => {
  for (const c of children) c.kill("SIGKILL");
  await stopBoss();
  fs.rmSync(tmp, { recursive: true, force: true });
});

type Runner = { stop: () => Promise<Record<string, number>> };

async function startRunner(id: string, env: Record<string, string | undefined>): Promise<Runner> {
  const out = path.join(tmp, `${id}.json`);
  const log = fs.openSync(path.join(tmp, `${id}.log`), "a");
  const child = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "tests/harness/job-runner-process.mts", out],
    {
      env: { ...process.env, LOG_LEVEL: "warn", ...env },
      stdio: ["ignore", log, log],
    },
  );
  fs.closeSync(log);
  children.push(child);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  for (let i = 0; i < 300 && !fs.existsSync(`${out}.ready`); i++) await new Promise((r) => setTimeout(r, 100));
  if (!fs.existsSync(`${out}.ready`))
    throw new Error(`runner ${id} did not start: ${fs.readFileSync(path.join(tmp, `${id}.log`), "utf8").slice(-2000)}`);
  return {
    stop: async () => {
      child.kill("SIGTERM");
      await exited;
      return JSON.parse(fs.readFileSync(out, "utf8")) as Record<string, number>;
    },
  };
}

const completed = async (url: string, queue: string): Promise<number> => {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1 AND state = 'completed'`, [
      queue,
    ]);
    return r.rows[0].n as number;
  } finally {
    await c.end();
  }
};

describe("job queue on PostgreSQL", () => {
  it("a job requested while no worker runs waits in the database and runs once a worker starts", async () => {
    await enqueueJob("oncall"); // this test process only enqueues
    const url = process.env.DATABASE_URL!;
    const before = await completed(url, "oncall-now");
    const runner = await startRunner("late", {});
    for (let i = 0; i < 100 && (await completed(url, "oncall-now")) === before; i++)
      await new Promise((r) => setTimeout(r, 200));
    await runner.stop();
    expect(await completed(url, "oncall-now")).toBe(before + 1);
  }, 60_000);

  it("two processes on one database run each periodic job once per interval, not once per process", async () => {
    const [a, b] = await Promise.all([startRunner("a", {}), startRunner("b", {})]);
    const windowMs = 32_000;
    await new Promise((r) => setTimeout(r, windowMs));
    const [ra, rb] = await Promise.all([a.stop(), b.stop()]);
    const oncallRuns = (ra.oncall ?? 0) + (rb.oncall ?? 0);
    // "oncall" runs every 15 s: in 32 s that is the run at start plus two (three with timing slack);
    // uncoordinated processes would each run it that often (6 or more in total).
    expect(oncallRuns).toBeGreaterThanOrEqual(2);
    expect(oncallRuns).toBeLessThanOrEqual(4);
    // hourly prune: once in total, not once per process
    expect((ra["login-attempts-prune"] ?? 0) + (rb["login-attempts-prune"] ?? 0)).toBeLessThanOrEqual(1);

    // what the admin page and /api/metrics show: the runs of both processes, from the shared queue
    const admin = await userWithToken("admin");
    const res = await call(jobsRoute.GET, { token: admin.token });
    expect(res.status).toBe(200);
    const oncall = (
      res.body.items as {
        name: string;
        completed24h: number;
        queued: number;
        lastCompletedAt: string | null;
        everySeconds: number;
      }[]
    ).find((j) => j.name === "oncall")!;
    expect(oncall.everySeconds).toBe(15);
    expect(oncall.completed24h).toBeGreaterThanOrEqual(oncallRuns);
    expect(oncall.lastCompletedAt).not.toBeNull();
    expect(oncall.queued).toBe(1); // the next link of the chain
    // every periodic job started: each has its next run queued (a job that failed to start has none)
    const items = res.body.items as { name: string; queued: number; active: number; everySeconds: number | null }[];
    expect(items.filter((j) => j.everySeconds && j.queued + j.active === 0).map((j) => j.name)).toEqual([]);
    const viewer = await userWithToken("viewer");
    expect((await call(jobsRoute.GET, { token: viewer.token })).status).toBe(403);
    const text = await (
      await metricsRoute.GET(new Request("http://localhost/api/metrics"), { params: Promise.resolve({}) })
    ).text();
    expect(text).toMatch(/srecp_job_queue_depth\{job="oncall",state="queued"\} 1/);
  }, 90_000);
});

describe("job queue on the embedded database", () => {
  it("runs jobs through PGlite (no network database)", async () => {
    const dataDir = path.join(tmp, "embedded");
    const { runMigrator } = await import(path.join(process.cwd(), "scripts/lib/migrator.mjs"));
    await runMigrator({
      root: process.cwd(),
      command: "deploy",
      pgliteDir: path.join(dataDir, "pglite"),
      log: () => {},
    });
    const runner = await startRunner("embedded", { DATABASE_URL: "", DATA_DIR: dataDir });
    await new Promise((r) => setTimeout(r, 4_000));
    const runs = await runner.stop();
    expect(runs.oncall).toBe(1);
    expect(runs["slo-rollups"]).toBe(1);
  }, 60_000);
});
