import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSrecp } from "../harness/srecp-cli";

// Issue 11 item 0 and 19: the embedded database (PGlite) is single-process. A second process must be
// refused with a clear message while another holds it, a stale lock must not block, and every opener
// must close it cleanly (a crash recovery would skip sequence values: INC-34 after a demo of 2).
const root = path.resolve(__dirname, "../..");
const holderScript = path.join(root, "tests/harness/embedded-holder.ts");
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "srecp-embedded-"));
const env = { DATABASE_URL: "", DATA_DIR: dataDir, LOG_LEVEL: "silent" };
// `node --import tsx` rather than the tsx CLI: its wrapper process would stand between our SIGTERM and the holder.
const childEnv = () => ({ ...process.env, ...env, TSX_TSCONFIG_PATH: path.join(root, "tsconfig.json") });

/** Starts the holder and resolves with its first JSON line. */
function startHolder(
  sql: string,
  hold: boolean,
): Promise<{ child: ChildProcess; out: { ready: boolean; pid?: number; rows?: unknown[]; error?: string } }> {
  return new Promise((resolve, reject) => {
    const args = ["--conditions=react-server", "--import", "tsx", holderScript, sql, ...(hold ? ["--hold"] : [])];
    const child = spawn(process.execPath, args, { cwd: root, env: childEnv(), stdio: ["ignore", "pipe", "pipe"] });
    let buf = "";
    child.stdout!.on("data", (d) => {
      buf += d;
      const line = buf.split("\n").find((l) => l.startsWith("{"));
      if (line && buf.includes("\n")) resolve({ child, out: JSON.parse(line) });
    });
    child.stderr!.on("data", (d) => process.stderr.write(`holder: ${d}`));
    child.on("error", reject);
    child.on("exit", (code) => !buf.includes("\n") && reject(new Error(`holder exited ${code}`)));
  });
}

/** The exit code, or the signal's name when a signal ended it. */
const exited = (child: ChildProcess) =>
  new Promise<number | string | null>((r) =>
    child.exitCode !== null || child.signalCode
      ? r(child.exitCode ?? child.signalCode)
      : child.on("exit", (code, signal) => r(code ?? signal)),
  );
const lockFile = path.join(dataDir, "pglite.lock");

describe("embedded database: one process at a time", () => {
  beforeAll(async () => {
    const r = await runSrecp(["db", "migrate"], env);
    expect(r.code, r.stderr).toBe(0);
  }, 180_000);
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("refuses every CLI command that opens the database while the app holds it, and nothing is damaged", async () => {
    const { child, out } = await startHolder('select count(*)::int as n from "User"', true);
    expect(out.ready).toBe(true);
    expect(JSON.parse(fs.readFileSync(lockFile, "utf8")).pid).toBe(out.pid);
    const commands = [
      [
        "users",
        "create",
        "--email",
        "a@example.com",
        "--name",
        "A",
        "--role",
        "admin",
        "--password",
        "a long password 1",
      ],
      ["tokens", "create", "--email", "a@example.com", "--name", "ci"],
      ["db", "migrate"],
      ["demo"],
    ];
    for (const args of commands) {
      const r = await runSrecp(args, env);
      expect(r.code, args.join(" ")).toBe(1);
      expect(r.stderr).toContain("in use by another process");
      expect(r.stderr).toContain(`PID ${out.pid}`);
      expect(r.stderr).toContain("stop that process first");
    }
    child.kill("SIGTERM");
    expect(await exited(child)).toBe(0);
    expect(fs.existsSync(lockFile)).toBe(false);
    // The refused commands changed nothing, and the database opens and answers.
    const after = await startHolder('select count(*)::int as n from "User"', false);
    expect(after.out).toMatchObject({ ready: true, rows: [{ n: 0 }] });
  }, 240_000);

  it("takes over a lock whose owner is gone", async () => {
    const dead = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]).stdout.toString();
    fs.writeFileSync(lockFile, JSON.stringify({ pid: Number(dead), purpose: "killed app", token: "x" }));
    const r = await runSrecp(
      [
        "users",
        "create",
        "--email",
        "b@example.com",
        "--name",
        "B",
        "--role",
        "admin",
        "--password",
        "a long password 2",
      ],
      env,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(fs.existsSync(lockFile)).toBe(false);
  }, 120_000);

  /** Runs the holder without --hold to its end; returns its rows. */
  const query = async (sql: string) => {
    const { child, out } = await startHolder(sql, false);
    expect(await exited(child)).toBe(0);
    return out.rows as { v: number }[];
  };

  it("closes cleanly: sequences continue by one after each process (no crash recovery)", async () => {
    await query("create sequence if not exists lock_probe");
    const seen: number[] = [];
    for (let i = 0; i < 3; i++) {
      // A CLI command between two openers must close the database cleanly as well.
      const r = await runSrecp(
        [
          "users",
          "create",
          "--email",
          `c${i}@example.com`,
          "--name",
          "C",
          "--role",
          "viewer",
          "--password",
          "a long password 3",
        ],
        env,
      );
      expect(r.code, r.stderr).toBe(0);
      seen.push((await query("select nextval('lock_probe')::int as v"))[0]!.v);
    }
    // A held process stopped by SIGTERM closes cleanly too.
    const held = await startHolder("select nextval('lock_probe')::int as v", true);
    seen.push((held.out.rows as { v: number }[])[0]!.v);
    held.child.kill("SIGTERM");
    expect(await exited(held.child)).toBe(0);
    seen.push((await query("select nextval('lock_probe')::int as v"))[0]!.v);
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    // PostgreSQL's DBState in global/pg_control (offset 16): 1 = shut down cleanly.
    expect(fs.readFileSync(path.join(dataDir, "pglite/global/pg_control")).readUInt32LE(16)).toBe(1);
  }, 120_000);
});
