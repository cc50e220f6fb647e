// One process at a time for the embedded database. PGlite is single-process: two processes opening the
// same data folder corrupt it (the schema engine then fails with "External error id#0"). Every opener —
// the app server, `srecp` commands, the migrator — takes this lock first. The lock file sits beside
// the data folder and holds the owner's PID, so a lock left by a killed process is detected and taken.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";

export class DatabaseLockedError extends Error {
  constructor(dataDir, owner) {
    const since = owner.startedAt ? `, since ${owner.startedAt}` : "";
    super(
      `The embedded database in ${dataDir} is in use by another process (${owner.purpose ?? "unknown"}, PID ${owner.pid}${since}). ` +
        "PGlite can be opened by one process at a time: stop that process first (the app: Ctrl-C or SIGTERM), " +
        "or do this through the running app (web UI or REST API), or set DATABASE_URL to a PostgreSQL server.",
    );
    this.name = "DatabaseLockedError";
    this.code = "DB_LOCKED";
    this.owner = owner;
  }
}

/** Held locks of this process: lock path → nesting count (the app's migrator runs inside its lock). */
const held = new Map();

const lockPath = (pgliteDir) => `${pgliteDir.replace(/[/\\]+$/, "")}.lock`;

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === "EPERM"; // exists, owned by another user
  }
}

function readOwner(file) {
  try {
    const owner = JSON.parse(fs.readFileSync(file, "utf8"));
    return Number.isInteger(owner.pid) ? owner : null;
  } catch {
    return null;
  }
}

function write(file, owner, flag) {
  const fd = fs.openSync(file, flag, 0o600);
  try {
    fs.writeSync(fd, JSON.stringify(owner));
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Takes the lock of the embedded database in `pgliteDir` or throws DatabaseLockedError naming the owner.
 * `takeoverToken`: a process started by the lock's owner with the owner's token (scripts/app.mjs hands
 * it to the Next server it spawns) takes the lock over instead of being refused.
 * Returns `release()`; the lock is also released when the process exits.
 */
export function acquirePgliteLock(pgliteDir, { purpose = "srecp", takeoverToken } = {}) {
  const file = lockPath(pgliteDir);
  const release = () => {
    const n = (held.get(file) ?? 1) - 1;
    if (n > 0) return void held.set(file, n);
    held.delete(file);
    if (readOwner(file)?.pid === process.pid) fs.rmSync(file, { force: true });
  };
  if (held.has(file) && readOwner(file)?.pid === process.pid) {
    held.set(file, held.get(file) + 1);
    return release;
  }
  const me = {
    pid: process.pid,
    purpose,
    host: os.hostname(),
    startedAt: new Date().toISOString(),
    token: crypto.randomBytes(16).toString("hex"),
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      write(file, me, "wx");
      held.set(file, 1);
      return release;
    } catch (err) {
      if (err.code !== "EEXIST") throw err;
    }
    const owner = readOwner(file);
    if (owner && takeoverToken && owner.token === takeoverToken) {
      write(file, { ...me, token: owner.token, parentPid: owner.pid }, "w");
      held.set(file, 1);
      return release;
    }
    if (owner && owner.pid !== process.pid && isAlive(owner.pid))
      throw new DatabaseLockedError(pgliteDir.replace(/[/\\]pglite$/, ""), owner);
    // Stale (owner gone) or unreadable: an unreadable file younger than a second may be mid-write.
    if (!owner && Date.now() - (fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0) < 1000) {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
      continue;
    }
    fs.rmSync(file, { force: true });
  }
  throw new DatabaseLockedError(pgliteDir.replace(/[/\\]pglite$/, ""), readOwner(file) ?? { pid: "?" });
}

/** The token of the lock this process holds (to hand to a child that should take it over). */
export function heldLockToken(pgliteDir) {
  const owner = readOwner(lockPath(pgliteDir));
  return owner?.pid === process.pid ? owner.token : undefined;
}

process.on("exit", () => {
  for (const file of held.keys()) if (readOwner(file)?.pid === process.pid) fs.rmSync(file, { force: true });
});
