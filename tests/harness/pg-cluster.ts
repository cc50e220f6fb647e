import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { forgetDirOnExit, freePort, removeDirOnExit } from "./process";

// A PostgreSQL cluster of its own (initdb + pg_ctl from PG_BIN_DIR, default Debian's
// /usr/lib/postgresql/15/bin) on a free loopback port, for tests that stop and start the database under
// load without touching the shared server on 5432. PostgreSQL refuses to run as root: as root the cluster
// is created and run as the `postgres` user (runuser), otherwise as the current user.

export type PgCluster = {
  /** postgresql:// URL of the migrated database `srecp` (trust auth, user postgres). */
  url: string;
  /** Stops the server (`-m fast`: open connections are terminated, as in a restart or failover). */
  stop(): Promise<void>;
  /** Starts it again on the same port and data; resolves once it accepts connections. */
  start(): Promise<void>;
  /** Stops it and removes the data directory. */
  destroy(): Promise<void>;
};

const binDir = () => process.env.PG_BIN_DIR ?? "/usr/lib/postgresql/15/bin";
const asRoot = () => process.getuid?.() === 0;

// Asynchronous, so that requests in flight keep running while the server stops or starts.
async function run(bin: string, args: string[]) {
  const file = path.join(binDir(), bin);
  if (asRoot()) await promisify(execFile)("runuser", ["-u", "postgres", "--", file, ...args]);
  else await promisify(execFile)(file, args);
}

export async function startPgCluster(): Promise<PgCluster> {
  if (!fs.existsSync(path.join(binDir(), "initdb")))
    throw new Error(`initdb not found in ${binDir()} (apt-get install postgresql, or set PG_BIN_DIR)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "srecp-pg-"));
  removeDirOnExit(dir);
  fs.chmodSync(dir, 0o755);
  const data = path.join(dir, "data");
  if (asRoot()) execFileSync("chown", ["postgres:postgres", dir]);
  const port = await freePort();
  const log = path.join(dir, "postgres.log");
  await run("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8"]);
  // Unix sockets in the cluster's own directory (not /var/run/postgresql, which may belong to the main server).
  const options = `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dir} -c fsync=off -c max_connections=60`;
  const start = () => run("pg_ctl", ["-D", data, "-l", log, "-o", options, "-w", "-t", "30", "start"]);
  const stop = () => run("pg_ctl", ["-D", data, "-m", "fast", "-w", "-t", "30", "stop"]);
  await start();
  const adminUrl = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query("CREATE DATABASE srecp");
  await admin.end();
  const url = `postgresql://postgres@127.0.0.1:${port}/srecp`;
  const root = process.cwd();
  const { runMigrator } = await import(path.join(root, "scripts/lib/migrator.mjs"));
  await runMigrator({ root, command: "deploy", databaseUrl: url, pgliteDir: "" });
  return {
    url,
    stop,
    start,
    destroy: async () => {
      await stop().catch(() => {}); // already stopped
      fs.rmSync(dir, { recursive: true, force: true });
      forgetDirOnExit(dir);
    },
  };
}
