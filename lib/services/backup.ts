import "server-only";
import fs from "node:fs";
import readline from "node:readline";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import zlib from "node:zlib";
import {
  appliedMigrations,
  insertRows,
  resetSequences,
  rowCount,
  tablePager,
  tablesInDependencyOrder,
} from "@/lib/db/backup";
import { AppError } from "@/lib/errors";

/**
 * Backups that are restored (issue 18; the source's first lesson): a gzip'd file of JSON lines — a header
 * (format, version, the migrations the data was written under), then every application table in
 * foreign-key order as pages of rows, then the row counts. It is consistent for a quiet database; take it
 * from a running app through the same command (PostgreSQL) or with the app stopped (embedded database).
 * Restore needs a migrated, empty database (or `force`), refuses a dump written under migrations this
 * version does not know (a newer schema), and checks every table's row count afterwards.
 */
export const BACKUP_FORMAT = "srecp-backup";
export const BACKUP_VERSION = 1;
const PAGE = 1000;

type Header = { format: string; version: number; createdAt: string; migrations: string[] };
type Line =
  { header: Header } | { table: string; rows: Record<string, unknown>[] } | { counts: Record<string, number> };

export async function writeBackup(file: string, nowMs = Date.now()): Promise<{ tables: number; rows: number }> {
  const tables = await tablesInDependencyOrder();
  const migrations = await appliedMigrations();
  const counts: Record<string, number> = {};
  async function* lines() {
    yield `${JSON.stringify({ header: { format: BACKUP_FORMAT, version: BACKUP_VERSION, createdAt: new Date(nowMs).toISOString(), migrations } })}\n`;
    for (const table of tables) {
      counts[table] = 0;
      const page = await tablePager(table);
      for (let offset = 0; ; offset += PAGE) {
        const rows = await page(offset, PAGE);
        if (!rows.length) break;
        counts[table] += rows.length;
        yield `${JSON.stringify({ table, rows })}\n`;
        if (rows.length < PAGE) break;
      }
    }
    yield `${JSON.stringify({ counts })}\n`;
  }
  await pipeline(Readable.from(lines()), zlib.createGzip(), fs.createWriteStream(file, { mode: 0o600 }));
  return { tables: tables.length, rows: Object.values(counts).reduce((a, b) => a + b, 0) };
}

export async function restoreBackup(
  file: string,
  opts: { knownMigrations: string[]; force?: boolean },
): Promise<{ tables: number; rows: number }> {
  if (!fs.existsSync(file)) throw new AppError("VALIDATION", `no backup file ${file}`, { file: "does not exist" });
  checkHeader(await readHeader(file), opts.knownMigrations); // before touching the database
  const tables = await tablesInDependencyOrder();
  const nonEmpty: string[] = [];
  for (const t of tables) if ((await rowCount(t)) > 0) nonEmpty.push(t);
  if (nonEmpty.length && !opts.force) {
    throw new AppError(
      "INVALID_STATE",
      `the target database is not empty (${nonEmpty.slice(0, 5).join(", ")}${nonEmpty.length > 5 ? ", …" : ""} have rows); restore into an empty database, or pass --force to replace its data`,
    );
  }
  const input = readline.createInterface({
    input: fs.createReadStream(file).pipe(zlib.createGunzip()),
    crlfDelay: Infinity,
  });
  let header: Header | null = null;
  let expected: Record<string, number> | null = null;
  const restored: Record<string, number> = {};
  for await (const raw of input) {
    if (!raw.trim()) continue;
    const line = JSON.parse(raw) as Line;
    if ("header" in line) {
      header = line.header;
      if (nonEmpty.length) await truncate(tables);
    } else if ("table" in line) {
      if (!header) throw new AppError("VALIDATION", "the backup has no header", { file: "unknown format" });
      await insertRows(line.table, line.rows);
      restored[line.table] = (restored[line.table] ?? 0) + line.rows.length;
    } else if ("counts" in line) {
      expected = line.counts;
    }
  }
  if (!expected)
    throw new AppError("VALIDATION", "the backup is truncated (no row counts at its end)", { file: "incomplete" });
  for (const [t, n] of Object.entries(expected)) {
    if ((restored[t] ?? 0) !== n || (await rowCount(t)) !== n)
      throw new AppError("INTERNAL", `restore check failed: ${t} has ${await rowCount(t)} rows, the backup ${n}`);
  }
  await resetSequences();
  return { tables: Object.keys(expected).length, rows: Object.values(expected).reduce((a, b) => a + b, 0) };
}

/** The first line of the file, or a 422 when it is not one of our backups. */
async function readHeader(file: string): Promise<unknown> {
  const input = readline.createInterface({
    input: fs.createReadStream(file).pipe(zlib.createGunzip()),
    crlfDelay: Infinity,
  });
  try {
    for await (const raw of input) return (JSON.parse(raw) as { header?: unknown }).header;
  } catch {
    // not gzip, or not JSON
  } finally {
    input.close();
  }
  return undefined;
}

function checkHeader(header: unknown, knownMigrations: string[]): asserts header is Header {
  const h = header as Partial<Header> | undefined;
  if (!h || h.format !== BACKUP_FORMAT || h.version !== BACKUP_VERSION || !Array.isArray(h.migrations)) {
    throw new AppError("VALIDATION", `not a ${BACKUP_FORMAT} v${BACKUP_VERSION} file`, { file: "unknown format" });
  }
  const unknown = h.migrations.filter((m) => !knownMigrations.includes(m));
  if (unknown.length)
    throw new AppError(
      "INVALID_STATE",
      `the backup was written by a newer version (migrations ${unknown.join(", ")} are unknown here); upgrade before restoring`,
    );
}

async function truncate(tables: string[]) {
  const { getDb } = await import("@/lib/db");
  await (await getDb()).$executeRawUnsafe(`TRUNCATE ${tables.map((t) => `"${t}"`).join(", ")} CASCADE`);
}
