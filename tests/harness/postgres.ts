import path from "node:path";
import pg from "pg";

/**
 * A fresh PostgreSQL database per test run, migrated with the project's migrations, dropped after.
 * Server: TEST_PG_ADMIN_URL (default postgresql://postgres@127.0.0.1:5432/postgres, trust auth).
 */
export const ADMIN_URL = process.env.TEST_PG_ADMIN_URL || "postgresql://postgres@127.0.0.1:5432/postgres";

export async function createTestDatabase(prefix = "srecp_test"): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${Date.now()}_${process.pid}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const root = process.cwd();
  const { runMigrator } = await import(path.join(root, "scripts/lib/migrator.mjs"));
  await runMigrator({ root, command: "deploy", databaseUrl: url.toString(), pgliteDir: "" });
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** Empties every application table between tests (keeps _prisma_migrations). */
export async function truncateAll(url: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ tablename: string }>(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
    );
    if (rows.length)
      await c.query(`TRUNCATE ${rows.map((r) => `"${r.tablename}"`).join(", ")} RESTART IDENTITY CASCADE`);
  } finally {
    await c.end();
  }
}
