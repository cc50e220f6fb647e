import "server-only";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { PrismaClient } from "./generated/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { acquirePgliteLock, DatabaseLockedError } from "../../scripts/lib/pglite-lock.mjs";

export type Db = PrismaClient;

/**
 * One Prisma client per process. DATABASE_URL=postgres://… → PostgreSQL through adapter-pg;
 * unset → embedded PGlite persisted under DATA_DIR/pglite (migrated by scripts/app.mjs before start).
 * The embedded database is locked to this process (scripts/lib/pglite-lock.mjs): a second process is
 * refused with DatabaseLockedError instead of corrupting the data folder.
 */
async function createDb(): Promise<Db> {
  const { databaseUrl, dataDir } = env();
  if (databaseUrl) {
    const { PrismaPg } = await import("@prisma/adapter-pg");
    return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
  }
  const dir = path.join(dataDir, "pglite");
  let release: () => void;
  try {
    release = acquirePgliteLock(dir, {
      purpose: process.env.SRECP_PROCESS_PURPOSE || "app server",
      takeoverToken: process.env.SRECP_PGLITE_LOCK_TOKEN,
    });
  } catch (err) {
    throw err instanceof DatabaseLockedError ? new AppError("DB_UNAVAILABLE", err.message) : err;
  }
  try {
    const { PGlite } = await import("@electric-sql/pglite");
    const { PrismaPGlite } = await import("pglite-prisma-adapter");
    const pglite = new PGlite(dir);
    globalThis.__srecpPglite = { pglite, release };
    return new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  } catch (err) {
    release();
    throw err;
  }
}

declare global {
  var __srecpDb: Promise<Db> | undefined;
  var __srecpPglite: { pglite: PGlite; release: () => void } | undefined;
}

/** The shared client; survives hot reload in dev. A failed open is not cached, so the next call retries. */
export const getDb = (): Promise<Db> =>
  (globalThis.__srecpDb ??= createDb().catch((err) => {
    globalThis.__srecpDb = undefined;
    throw err;
  }));

/**
 * Disconnects and, for the embedded database, shuts PGlite down cleanly (a checkpoint, no crash
 * recovery on the next open — which would also skip sequence values) and releases the lock.
 */
export async function closeDb(): Promise<void> {
  const pending = globalThis.__srecpDb;
  if (!pending) return;
  globalThis.__srecpDb = undefined;
  const db = await pending.catch(() => null);
  await db?.$disconnect().catch(() => {});
  const embedded = globalThis.__srecpPglite;
  globalThis.__srecpPglite = undefined;
  if (embedded) {
    await embedded.pglite.close().catch(() => {});
    embedded.release();
  }
}
