import path from "node:path";
import { env } from "@/lib/env";

type Migrator = { runMigrator: (o: Record<string, unknown>) => Promise<string> };

/** Applies pending migrations to DATABASE_URL or the embedded database. */
export async function migrate(root: string): Promise<string> {
  const { runMigrator } = (await import(path.join(root, "scripts/lib/migrator.mjs"))) as Migrator;
  const { databaseUrl, dataDir } = env();
  return runMigrator({ root, command: "deploy", databaseUrl, pgliteDir: path.join(dataDir, "pglite") });
}

/** The embedded database migrates itself on first use, so a fresh clone's CLI just works. */
export async function ensureEmbeddedDbMigrated(root: string) {
  if (!env().databaseUrl) await migrate(root);
}
