import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { freePort } from "../harness/process";

// The quick start as a user runs it: `npm start` (scripts/app.mjs) on the embedded database. While it
// runs, CLI commands that open the database are refused with a clear message (PGlite is single-process);
// SIGTERM stops the server it spawned, closes the database cleanly and exits 0 (issue 11 items 0 and 19).
const root = process.cwd();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "srecp-quickstart-"));
const pgliteDir = path.join(dataDir, "pglite");

/** PostgreSQL's DBState in global/pg_control (offset 16): 1 = shut down cleanly, 6 = in production. */
const controlState = () => fs.readFileSync(path.join(pgliteDir, "global/pg_control")).readUInt32LE(16);

function cli(...args: string[]) {
  return spawnSync(process.execPath, [path.join(root, "scripts/srecp.mjs"), ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: "", DATA_DIR: dataDir, LOG_LEVEL: "silent" },
    encoding: "utf8",
  });
}

async function startApp(port: number): Promise<ChildProcess> {
  const env = {
    ...process.env,
    DATABASE_URL: "",
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: "127.0.0.1",
    PROMETHEUS_URL: "",
    SRECP_LOCAL_PROMETHEUS: "0",
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    LOG_LEVEL: "warn",
  };
  delete (env as Record<string, string | undefined>).NEXTAUTH_SECRET;
  // The documented command, so a SIGTERM to it must reach the server it starts (issue 18: no orphan).
  const app = spawn("npm", ["start", "--silent"], { cwd: root, env, stdio: ["ignore", "inherit", "inherit"] });
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    const ok = await fetch(`http://127.0.0.1:${port}/api/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return app;
    if (app.exitCode !== null) throw new Error(`app exited ${app.exitCode}`);
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error("the app did not become ready within 90 s");
}

const exitCode = (p: ChildProcess) =>
  new Promise<number | null>((r) => (p.exitCode !== null ? r(p.exitCode) : p.on("exit", (c) => r(c))));

test.afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

test("embedded default: CLI refused while the app runs, SIGTERM closes cleanly and exits 0", async () => {
  test.setTimeout(240_000);
  const port = await freePort();
  const app = await startApp(port);
  expect(JSON.parse(fs.readFileSync(`${pgliteDir}.lock`, "utf8")).purpose).toMatch(/app/);

  const refused = cli(
    "users",
    "create",
    "--email",
    "late@example.com",
    "--name",
    "Late",
    "--role",
    "admin",
    "--password",
    "a long password 9",
  );
  expect(refused.status).toBe(1);
  expect(refused.stderr).toContain("in use by another process");
  expect(refused.stderr).toContain("stop that process first");
  // The app is unaffected by the refused command.
  expect((await fetch(`http://127.0.0.1:${port}/api/readyz`)).status).toBe(200);

  app.kill("SIGTERM");
  expect(await exitCode(app)).toBe(0);
  await expect
    .poll(
      () =>
        fetch(`http://127.0.0.1:${port}/api/healthz`).then(
          () => "up",
          () => "down",
        ),
      { timeout: 10_000 },
    )
    .toBe("down");
  expect(fs.existsSync(`${pgliteDir}.lock`)).toBe(false);
  expect(controlState()).toBe(1);

  // Nothing was corrupted: the CLI now works and the app starts again on the same data.
  const created = cli(
    "users",
    "create",
    "--email",
    "late@example.com",
    "--name",
    "Late",
    "--role",
    "admin",
    "--password",
    "a long password 9",
  );
  expect(created.status, created.stderr).toBe(0);
  expect(controlState()).toBe(1);
  const again = await startApp(port);
  again.kill("SIGTERM");
  expect(await exitCode(again)).toBe(0);
  expect(controlState()).toBe(1);
});

test("SIGTERM during a burst of writes: every write that got a 2xx is there afterwards, exit 0, clean close", async () => {
  test.setTimeout(240_000);
  const email = "burst@example.com";
  expect(
    cli("users", "create", "--email", email, "--name", "Burst", "--role", "admin", "--password", "a long password 8")
      .status,
  ).toBe(0);
  const tokenRun = cli("tokens", "create", "--email", email, "--name", "burst");
  expect(tokenRun.status, tokenRun.stderr).toBe(0);
  const headers = { authorization: `Bearer ${tokenRun.stdout.trim()}`, "content-type": "application/json" };
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const app = await startApp(port);

  // 60 team creations, 10 at a time; SIGTERM once the first 15 have answered.
  const outcomes = new Map<string, number>();
  let answered = 0;
  let signalled = false;
  const post = async (i: number) => {
    const slug = `burst-${i}`;
    const status = await fetch(`${base}/api/v1/teams`, {
      method: "POST",
      headers,
      body: JSON.stringify({ slug, name: `Burst ${i}` }),
    }).then(
      (r) => r.status,
      () => 0,
    );
    outcomes.set(slug, status);
    if (++answered === 15 && !signalled) {
      signalled = true;
      app.kill("SIGTERM");
    }
  };
  for (let i = 0; i < 60; i += 10) await Promise.all(Array.from({ length: 10 }, (_, k) => post(i + k)));
  expect(await exitCode(app)).toBe(0);
  expect(controlState()).toBe(1);
  const acknowledged = [...outcomes].filter(([, st]) => st >= 200 && st < 300).map(([slug]) => slug);
  expect(acknowledged.length).toBeGreaterThanOrEqual(15);
  // Nothing failed with a 5xx (refused connections after the stop are 0, not answers).
  expect([...outcomes.values()].filter((st) => st >= 500)).toEqual([]);

  const back = await startApp(port);
  const listed = await (await fetch(`${base}/api/v1/teams?pageSize=200`, { headers })).json();
  const slugs = new Set((listed.items ?? listed).map((t: { slug: string }) => t.slug));
  for (const slug of acknowledged)
    expect(slugs.has(slug), `${slug} got a 2xx but is missing after the restart`).toBe(true);
  back.kill("SIGTERM");
  expect(await exitCode(back)).toBe(0);
});
