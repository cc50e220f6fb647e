import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import * as teams from "@/app/api/v1/teams/route";
import * as services from "@/app/api/v1/services/route";
import * as slos from "@/app/api/v1/slos/route";
import * as status from "@/app/api/v1/slos/[id]/status/route";
import { getDb } from "@/lib/db";
import { call, userWithToken } from "./helpers/api";
import { untilListening, useCountingDb } from "./helpers/counting-db";
import { isListening } from "@/lib/events/bus";
import { dropCached } from "@/lib/cache/shared-cache";
import { findStatusRows } from "@/lib/db/repos/slos";
import { storedOrComputed, servedStatus } from "@/lib/services/slo/status-read";
import { loadSloDefs } from "@/lib/services/slo/store";

// Issue 17 items 1-2: statuses are served from the persisted read model (SloStatusRow).
// SQL statements are counted on a pool of our own that this file's app code uses instead of the shared one.
// A long refresh interval: no background refresh runs during a count (the job keeps rows fresh in production).
process.env.SLO_REFRESH_SECONDS = "600";
const counting = useCountingDb();

const SLI = (svc: string) => ({
  kind: "ratio",
  total: `http_requests_total{service="${svc}"}`,
  bad: `http_requests_total{service="${svc}",code=~"5.."}`,
});

describe("SLO status read model", () => {
  let token = "";
  const ids: string[] = [];
  const create = async (name: string) => {
    const res = await call(slos.POST, {
      method: "POST",
      token,
      body: { service: "rm-svc", name, objective: 0.999, window: { kind: "rolling", days: 30 }, sli: SLI("checkout") },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    ids.push(res.body.id);
    return res.body.id as string;
  };
  const statusOf = async (id: string) => (await call(status.GET, { token, params: { id } })).body;
  /** Another process writes the stored status: its own connection sets the SLI to `sliValue` (a mark no computation gives). */
  const markElsewhere = async (id: string, sliValue: number) => {
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    try {
      await other.query(
        `UPDATE "SloStatusRow" SET "body" = jsonb_set("body", '{sliValue}', to_jsonb($2::float8)), "computedAt" = now() WHERE "sloId" = $1`,
        [id, sliValue],
      );
    } finally {
      await other.end();
    }
  };
  /** Reads the overview (which computes the SLOs never computed) until every SLO of the file has a stored status. */
  const computedAll = async () => {
    const db = await getDb();
    for (let i = 0; i < 100; i++) {
      const list = await call(slos.GET, { token, url: "/api/v1/slos?include=status&service=rm-svc&pageSize=100" });
      expect(list.status).toBe(200);
      if ((await db.sloStatusRow.count({ where: { sloId: { in: ids } } })) === ids.length) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error("not every SLO was computed within 20 s");
  };

  beforeAll(async () => {
    token = (await userWithToken("admin")).token;
    expect(
      (await call(teams.POST, { method: "POST", token, body: { slug: "rm-team", name: "Read model" } })).status,
    ).toBe(201);
    expect(
      (
        await call(services.POST, {
          method: "POST",
          token,
          body: { slug: "rm-svc", name: "Read model", team: "rm-team" },
        })
      ).status,
    ).toBe(201);
  });

  it("the first read of one SLO issues the same number of SQL statements with 3 SLOs as with 40 (one, the stored row); a warm read none", async () => {
    const first = await create("rm-0");
    for (let i = 1; i < 3; i++) await create(`rm-${i}`);
    await statusOf(first); // computes and stores every SLO
    await untilListening(isListening);
    const count = async () => {
      await statusOf(first); // who the token is and the definition are cached for seconds
      dropCached("statuses"); // as after a write of the read model: the next read goes to the database
      const before = counting.statements();
      expect((await statusOf(first)).sloId).toBe(first);
      const cold = counting.statements() - before;
      expect((await statusOf(first)).sloId).toBe(first);
      return { cold, warm: counting.statements() - before - cold };
    };
    const small = await count();
    for (let i = 3; i < 40; i++) await create(`rm-${i}`);
    await computedAll(); // the new SLOs are computed once (alone, not with every other SLO)
    const large = await count();
    expect(large).toEqual(small);
    expect(small).toEqual({ cold: 1, warm: 0 }); // the stored row, then this process's cached copy of it
  }, 120_000);

  it("creating an SLO leaves the stored statuses of the others untouched until they are recomputed", async () => {
    const db = await getDb();
    const before = await db.sloStatusRow.findMany({ where: { sloId: { in: ids } }, orderBy: { sloId: "asc" } });
    expect(before).toHaveLength(ids.length);
    await create("rm-new");
    const after = await db.sloStatusRow.findMany({
      where: { sloId: { in: ids.slice(0, -1) } },
      orderBy: { sloId: "asc" },
    });
    expect(after).toEqual(before);
    expect(await db.sloStatusRow.findUnique({ where: { sloId: ids.at(-1)! } })).toBeNull(); // not computed yet
  });

  it("a status written by another process is served by the next read here once its notification arrives", async () => {
    const id = ids[0]!;
    await statusOf(id);
    const before = counting.statements();
    expect((await statusOf(id)).sliValue).not.toBe(0.4242);
    expect(counting.statements() - before).toBe(0); // served from this process's cache
    // another process: its own connection, marking the stored body (a read that recomputed, or kept
    // serving its copy, would not show the mark); the table's trigger notifies every process at commit
    await markElsewhere(id, 0.4242);
    let served = await statusOf(id);
    for (let i = 0; i < 100 && served.sliValue !== 0.4242; i++) {
      await new Promise((r) => setTimeout(r, 20));
      served = await statusOf(id);
    }
    expect(served.sliValue).toBe(0.4242);
    expect(served.stale).toBe(false);
  });

  it("a status written elsewhere drops only that SLO's cached row, which is reloaded in the background; the others stay cached", async () => {
    const [changed, untouched] = [ids[0]!, ids[1]!];
    await statusOf(changed);
    await statusOf(untouched);
    await markElsewhere(changed, 0.5151);
    // the notification names the SLO; this process reloads its row in one statement without a read asking
    await new Promise((r) => setTimeout(r, 1_000));
    const before = counting.statements();
    expect((await statusOf(changed)).sliValue).toBe(0.5151);
    expect((await statusOf(untouched)).sliValue).not.toBe(0.5151);
    expect(counting.statements() - before).toBe(0);
  });

  it("drops of many other SLOs' rows, as a refresh of a large fleet sends them, leave a cached row cached", async () => {
    const id = ids[1]!;
    await statusOf(id);
    // 30 batches of 1,000 ids, more SLOs than the cache holds: the record of drops must not grow into
    // dropping everything (it only serves loads in flight, and none is)
    for (let b = 0; b < 30; b++)
      dropCached("statuses", { ids: Array.from({ length: 1000 }, (_, i) => `elsewhere-${b}-${i}`) });
    const before = counting.statements();
    expect((await statusOf(id)).sloId).toBe(id);
    expect(counting.statements() - before).toBe(0);
  });

  it("a cached row is served as a process without the cache serves it: ages and staleness computed at serve time", async () => {
    const [def] = await loadSloDefs({ ids: [ids[0]!] });
    const intervalMs = 600_000;
    // the refresh an old row asks for is not run here (its SQL would land in the count): kicked "just now"
    globalThis.__srecpStatusKick = { atMs: Number.MAX_SAFE_INTEGER };
    const { computedAtMs } = (await findStatusRows([def!.id]))[0]!;
    for (const nowMs of [computedAtMs + 1_000, computedAtMs + 2 * intervalMs, computedAtMs + 11 * intervalMs]) {
      await storedOrComputed([def!], nowMs); // fills this process's cache
      const before = counting.statements();
      const cached = (await storedOrComputed([def!], nowMs)).get(def!.id);
      expect(counting.statements() - before).toBe(0);
      // what another process (or this one restarted) serves from the same stored row at the same instant
      const uncached = servedStatus((await findStatusRows([def!.id]))[0]!, nowMs);
      expect(cached).toEqual(uncached);
    }
    const old = (await storedOrComputed([def!], computedAtMs + 11 * intervalMs)).get(def!.id)!;
    expect(old.stale).toBe(true);
    expect(old.staleAgeSeconds).toBe(Math.round((11 * intervalMs) / 1000));
    globalThis.__srecpStatusKick = undefined;
  });

  it("the overview pages with the true total beyond its page size", async () => {
    const res = await call(slos.GET, { token, url: "/api/v1/slos?include=status&service=rm-svc&pageSize=10&page=4" });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(41);
    expect(res.body.items).toHaveLength(10);
    expect(res.body.items.every((s: { status?: unknown }) => s.status)).toBe(true);
  });
});
