import "server-only";
import type { PGlite } from "@electric-sql/pglite";

/**
 * pg-boss's database interface over the embedded PGlite (which has no network socket for pg-boss's own
 * pool). pg-boss sends two kinds of text: parameterised single statements, and multi-statement scripts
 * without parameters (its migrations and `BEGIN; … advisory lock …; COMMIT` blocks). The first go through
 * the extended protocol (query), the second through the simple protocol (exec), which runs the whole
 * script under PGlite's one-connection mutex — so a script's transaction never interleaves with Prisma's.
 */
export function pgliteBossDb(pglite: PGlite) {
  return {
    async executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> {
      if (values && values.length) {
        const r = await pglite.query(text, values as never[]);
        return { rows: r.rows };
      }
      const results = await pglite.exec(text);
      return { rows: results.at(-1)?.rows ?? [] };
    },
  };
}
