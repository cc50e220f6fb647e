import path from "node:path";
import { PrismaClient } from "./generated/client";
import { env } from "@/lib/env";

export type Db = PrismaClient;

/**
 * One Prisma client per process. DATABASE_URL=postgres://… → PostgreSQL through adapter-pg;
 * unset → embedded PGlite persisted under DATA_DIR/pglite (migrated by scripts/app.mjs before start).
 */
async function createDb(): Promise<Db> {
  const { databaseUrl, dataDir } = env();
  if (databaseUrl) {
    const { PrismaPg } = await import("@prisma/adapter-pg");
    return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { PrismaPGlite } = await import("pglite-prisma-adapter");
  return new PrismaClient({ adapter: new PrismaPGlite(new PGlite(path.join(dataDir, "pglite"))) });
}

declare global {
  var __srecpDb: Promise<Db> | undefined;
}

/** The shared client; survives hot reload in dev. */
export const getDb = (): Promise<Db> => (globalThis.__srecpDb ??= createDb());
