import { beforeAll, describe, expect, it } from "vitest";
import * as teams from "@/app/api/v1/teams/route";
import * as services from "@/app/api/v1/services/route";
import * as slos from "@/app/api/v1/slos/route";
import * as status from "@/app/api/v1/slos/[id]/status/route";
import { getDb } from "@/lib/db";
import { call, userWithToken } from "./helpers/api";
import { untilListening, useCountingDb } from "./helpers/counting-db";
import { isListening } from "@/lib/events/bus";

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

  it("a read of one SLO issues the same number of SQL statements with 3 SLOs as with 40: one, the stored row", async () => {
    const first = await create("rm-0");
    for (let i = 1; i < 3; i++) await create(`rm-${i}`);
    await statusOf(first); // computes and stores every SLO
    await untilListening(isListening);
    const count = async () => {
      await statusOf(first); // warm: who the token is and the definition are cached for seconds
      const before = counting.statements();
      const body = await statusOf(first);
      expect(body.sloId).toBe(first);
      return counting.statements() - before;
    };
    const small = await count();
    for (let i = 3; i < 40; i++) await create(`rm-${i}`);
    await computedAll(); // the new SLOs are computed once (alone, not with every other SLO)
    const large = await count();
    expect(large).toBe(small);
    expect(small).toBe(1); // the stored row
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

  it("reads serve the stored row, not this process's memory (so a restarted process serves statuses at once)", async () => {
    const db = await getDb();
    const id = ids[0]!;
    const row = await db.sloStatusRow.findUniqueOrThrow({ where: { sloId: id } });
    // mark the stored body: a read that recomputed, or answered from memory, would not show the mark
    await db.sloStatusRow.update({
      where: { sloId: id },
      data: { body: { ...(row.body as object), sliValue: 0.4242 }, computedAt: new Date() },
    });
    const served = await statusOf(id);
    expect(served.sliValue).toBe(0.4242);
    expect(served.stale).toBe(false);
  });

  it("the overview pages with the true total beyond its page size", async () => {
    const res = await call(slos.GET, { token, url: "/api/v1/slos?include=status&service=rm-svc&pageSize=10&page=4" });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(41);
    expect(res.body.items).toHaveLength(10);
    expect(res.body.items.every((s: { status?: unknown }) => s.status)).toBe(true);
  });
});
