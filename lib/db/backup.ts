import "server-only";
import { getDb } from "./client";

// Raw SQL for backups (lib/services/backup.ts): every application table as JSON rows through
// PostgreSQL's own row_to_json / json_populate_recordset, so each column type (timestamptz, jsonb,
// enums, arrays) round-trips exactly, on PostgreSQL and on the embedded PGlite alike — no pg_dump needed.

const MIGRATIONS_TABLE = "_prisma_migrations";
const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Application tables in foreign-key order: every table after the tables it references. */
export async function tablesInDependencyOrder(): Promise<string[]> {
  const db = await getDb();
  const tables = (
    await db.$queryRawUnsafe<{ name: string }[]>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '${MIGRATIONS_TABLE}' ORDER BY table_name`,
    )
  ).map((r) => r.name);
  const edges = await db.$queryRawUnsafe<{ child: string; parent: string }[]>(
    `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent FROM pg_constraint c
     JOIN pg_namespace n ON n.oid = c.connamespace WHERE c.contype = 'f' AND n.nspname = 'public'`,
  );
  const unquote = (t: string) => t.replace(/^"|"$/g, "");
  const deps = new Map(tables.map((t) => [t, new Set<string>()]));
  for (const e of edges) if (unquote(e.child) !== unquote(e.parent)) deps.get(unquote(e.child))?.add(unquote(e.parent));
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (t: string) => {
    if (seen.has(t)) return;
    seen.add(t);
    for (const p of deps.get(t) ?? []) visit(p);
    out.push(t);
  };
  tables.forEach(visit);
  return out;
}

/** Migration names applied to this database, in order. */
export async function appliedMigrations(): Promise<string[]> {
  const db = await getDb();
  const rows = await db.$queryRawUnsafe<{ name: string }[]>(
    `SELECT migration_name AS name FROM ${MIGRATIONS_TABLE} WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
  );
  return rows.map((r) => r.name);
}

/**
 * Reads a table's rows as JSON objects page by page, in a stable order (by every column of its primary
 * key, looked up once per table rather than once per page).
 */
export async function tablePager(
  table: string,
): Promise<(offset: number, limit: number) => Promise<Record<string, unknown>[]>> {
  const db = await getDb();
  const order = await orderBy(table);
  return async (offset, limit) => {
    const rows = await db.$queryRawUnsafe<{ row: Record<string, unknown> }[]>(
      `SELECT row_to_json(t) AS row FROM ${ident(table)} t ORDER BY ${order} LIMIT ${Number(limit)} OFFSET ${Number(offset)}`,
    );
    return rows.map((r) => r.row);
  };
}

async function orderBy(table: string): Promise<string> {
  const db = await getDb();
  const cols = await db.$queryRawUnsafe<{ col: string }[]>(
    `SELECT a.attname AS col FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
     WHERE i.indrelid = '${ident(table)}'::regclass AND i.indisprimary ORDER BY a.attnum`,
  );
  return cols.length ? cols.map((c) => `t.${ident(c.col)}`).join(", ") : "t::text";
}

export async function rowCount(table: string): Promise<number> {
  const db = await getDb();
  const [r] = await db.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM ${ident(table)}`);
  return r?.n ?? 0;
}

/** Inserts rows (JSON objects as written by tableRows) with their own column values. */
export async function insertRows(table: string, rows: Record<string, unknown>[]): Promise<void> {
  if (!rows.length) return;
  const db = await getDb();
  await db.$executeRawUnsafe(
    `INSERT INTO ${ident(table)} SELECT * FROM json_populate_recordset(NULL::${ident(table)}, $1::json)`,
    JSON.stringify(rows),
  );
}

/** After a restore: every serial/identity sequence continues after the largest value restored. */
export async function resetSequences(): Promise<void> {
  const db = await getDb();
  const cols = await db.$queryRawUnsafe<{ tbl: string; col: string }[]>(
    `SELECT table_name AS tbl, column_name AS col FROM information_schema.columns WHERE table_schema = 'public' AND column_default LIKE 'nextval(%'`,
  );
  for (const { tbl, col } of cols) {
    await db.$executeRawUnsafe(
      `SELECT setval(pg_get_serial_sequence('${ident(tbl)}', '${col}'), COALESCE((SELECT max(${ident(col)}) FROM ${ident(tbl)}), 0) + 1, false)`,
    );
  }
}
