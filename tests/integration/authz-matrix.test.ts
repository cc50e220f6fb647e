import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "@/lib/openapi";
import { discoverRoutes } from "../harness/api-routes";
import { ACTORS, MATRIX, type ActorName, type Row } from "./authz-matrix";
import { buildWorld, type World } from "./helpers/authz-world";
import { call } from "./helpers/api";

// Walks every operation of the OpenAPI document as every actor of the matrix, calling the route handlers
// in-process, and lists each answer that disagrees with the table (issue 12, authorization matrix).
const root = path.resolve(__dirname, "../..");
const files = new Map(discoverRoutes(root).map((r) => [r.path, r.file]));
const documented = Object.entries(buildOpenApiDocument().paths).flatMap(([p, item]) =>
  Object.keys(item as object).map((m) => `${m.toUpperCase()} ${p}`),
);
const key = (r: Pick<Row, "method" | "path">) => `${r.method} ${r.path}`;

type Handler = Parameters<typeof call>[0];

describe("authorization matrix", () => {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld();
  });

  it("lists every documented operation exactly once, and nothing else", () => {
    const rows = MATRIX.map(key);
    expect(
      documented.filter((k) => !rows.includes(k)),
      "operations missing from tests/integration/authz-matrix.ts",
    ).toEqual([]);
    expect(
      rows.filter((k) => !documented.includes(k)),
      "rows for operations the OpenAPI document does not have",
    ).toEqual([]);
    expect(
      rows.filter((k, i) => rows.indexOf(k) !== i),
      "duplicate rows",
    ).toEqual([]);
  });

  it("answers every operation as the table says, for every actor", { timeout: 900_000 }, async () => {
    const problems: string[] = [];
    for (const row of MATRIX) {
      const file = files.get(row.path);
      if (!file) {
        problems.push(`${key(row)}: no route file`);
        continue;
      }
      const handler = (await import(file))[row.method] as Handler | undefined;
      if (!handler) {
        problems.push(`${key(row)}: the route file exports no ${row.method}`);
        continue;
      }
      const allowed = new Set<ActorName>(typeof row.allow === "function" ? row.allow(world) : row.allow);
      // Refusals first, while the fixture is untouched; then the actors who may (one may use it up).
      const order = [...ACTORS.filter((a) => !allowed.has(a.name)), ...ACTORS.filter((a) => allowed.has(a.name))];
      let succeeded = false;
      for (const actor of order) {
        const req = row.request ? await row.request(world) : {};
        const qs = req.query ? `?${new URLSearchParams(req.query)}` : "";
        const res = await call(handler, {
          method: row.method,
          url: `${row.path}${qs}`,
          token: world.tokens[actor.name],
          params: req.params,
          body: req.body,
        });
        const denied = res.status === 401 || res.status === 403 || (row.hidden === true && res.status === 404);
        const shown = `${res.status} ${JSON.stringify(res.body?.error?.message ?? "").slice(0, 160)}`;
        if (allowed.has(actor.name) && res.status < 300) succeeded = true;
        if (res.status >= 500) problems.push(`${key(row)} as ${actor.name}: ${shown} (5xx)`);
        else if (allowed.has(actor.name) && denied)
          problems.push(`${key(row)} as ${actor.name}: expected allowed, got ${shown}`);
        else if (!allowed.has(actor.name) && !denied)
          problems.push(`${key(row)} as ${actor.name}: expected denied, got ${shown}`);
      }
      // The request itself must be sound: at least one allowed actor really succeeds (else a 404/422 for
      // everyone could hide a missing check).
      if (allowed.size > 0 && !succeeded && !row.noSuccess)
        problems.push(`${key(row)}: no allowed actor got a 2xx; fix the row's request`);
    }
    expect(
      problems,
      `${problems.length} disagreements with tests/integration/authz-matrix.ts:\n  ${problems.join("\n  ")}\n`,
    ).toEqual([]);
  });
});
