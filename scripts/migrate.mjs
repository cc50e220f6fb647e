#!/usr/bin/env node
// npm run db:migrate            apply pending migrations (DATABASE_URL, or embedded PGlite under DATA_DIR)
// npm run db:diff -- <name>     write prisma/migrations/<stamp>_<name> from the schema change
import { runMigrator, pgliteDirFromEnv } from "./lib/migrator.mjs";

const root = process.cwd();
const [command = "deploy", name] = process.argv.slice(2);
try {
  const result = await runMigrator({
    root,
    command,
    name,
    databaseUrl: process.env.DATABASE_URL,
    pgliteDir: pgliteDirFromEnv(root),
    log: (m) => process.env.DEBUG_SE && console.error("[schema-engine]", m),
  });
  console.log(result);
  process.exit(0);
} catch (err) {
  console.error(`migration failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
