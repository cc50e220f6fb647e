import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import * as teams from "@/app/api/v1/teams/route";
import * as services from "@/app/api/v1/services/route";
import * as slos from "@/app/api/v1/slos/route";
import { getDb } from "@/lib/db";
import { updateServiceStates } from "@/lib/services/slo/service-states";
import { isListening } from "@/lib/events/bus";
import { call, userWithToken } from "./helpers/api";
import { untilListening, useCountingDb } from "./helpers/counting-db";

// Issue 17 item 1: the overview is sorted and filtered in SQL over the status read model, with the true
// total. The stored figures are set directly so the expected order is known exactly.
process.env.SLO_REFRESH_SECONDS = "600"; // no refresh overwrites the figures set below
const counting = useCountingDb();

const SLI = {
  kind: "ratio",
  total: 'http_requests_total{service="checkout"}',
  bad: 'http_requests_total{service="checkout",code=~"5.."}',
};

describe("GET /api/v1/slos sorted and filtered on the server", () => {
  let token = "";
  const id: Record<string, string> = {};
  const list = async (query: string) => {
    const res = await call(slos.GET, { token, url: `/api/v1/slos?include=status&team=oq-team&${query}` });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { items: { id: string; name: string; policyState?: string | null }[]; total: number };
  };
  const names = async (query: string) => (await list(query)).items.map((s) => s.name);

  beforeAll(async () => {
    token = (await userWithToken("admin")).token;
    expect(
      (await call(teams.POST, { method: "POST", token, body: { slug: "oq-team", name: "Overview query" } })).status,
    ).toBe(201);
    for (const svc of ["oq-alpha", "oq-beta"]) {
      expect(
        (
          await call(services.POST, {
            method: "POST",
            token,
            body: { slug: svc, name: `Service ${svc}`, team: "oq-team" },
          })
        ).status,
      ).toBe(201);
    }
    const make = [
      ["oq-alpha", "a-latency"],
      ["oq-alpha", "b-availability"],
      ["oq-beta", "c-checkout"],
      ["oq-beta", "d-search"],
    ];
    for (const [service, name] of make) {
      const res = await call(slos.POST, {
        method: "POST",
        token,
        body: { service, name, objective: 0.999, window: { kind: "rolling", days: 30 }, sli: SLI },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      id[name!] = res.body.id;
    }
    // compute and store them all, then set known figures
    const db = await getDb();
    for (
      let i = 0;
      i < 100 && (await db.sloStatusRow.count({ where: { sloId: { in: Object.values(id) } } })) < 4;
      i++
    ) {
      await list("pageSize=10");
      await new Promise((r) => setTimeout(r, 200));
    }
    const figures: Record<string, [number | null, number | null]> = {
      "a-latency": [0.5, 1],
      "b-availability": [0.9, 3],
      "c-checkout": [-0.2, 20],
      "d-search": [null, null],
    };
    for (const [name, [budget, burn]] of Object.entries(figures)) {
      await db.sloStatusRow.update({ where: { sloId: id[name] }, data: { budgetRemaining: budget, burnRate: burn } });
    }
    await updateServiceStates([
      ...new Set((await db.slo.findMany({ where: { id: { in: Object.values(id) } } })).map((s) => s.serviceId)),
    ]);
  });

  it("sorts by budget left (worst first, no figures last both ways), fastest burn and name, paging with the true total", async () => {
    expect(await names("sort=remaining&dir=asc")).toEqual(["c-checkout", "a-latency", "b-availability", "d-search"]);
    expect(await names("sort=remaining&dir=desc")).toEqual(["b-availability", "a-latency", "c-checkout", "d-search"]);
    expect(await names("sort=burn&dir=desc")).toEqual(["c-checkout", "b-availability", "a-latency", "d-search"]);
    expect(await names("sort=name&dir=desc")).toEqual(["d-search", "c-checkout", "b-availability", "a-latency"]);
    const page2 = await list("sort=name&dir=asc&pageSize=3&page=2");
    expect(page2.total).toBe(4);
    expect(page2.items.map((s) => s.name)).toEqual(["d-search"]);
  });

  it("stores each service's policy state from all its SLOs and filters and sorts by it", async () => {
    // beta: one SLO over budget → frozen; alpha: 50 % and 90 % left under the default policy → healthy
    const all = await list("sort=state&dir=asc");
    expect(all.items.map((s) => [s.name, s.policyState])).toEqual([
      ["c-checkout", "frozen"],
      ["d-search", "frozen"],
      ["a-latency", "healthy"],
      ["b-availability", "healthy"],
    ]);
    expect(await names("state=frozen")).toEqual(["c-checkout", "d-search"]);
    expect((await list("state=at_risk")).total).toBe(0);
  });

  it("filters by text in the SLO or service name, case-insensitively", async () => {
    expect(await names("q=CHECK")).toEqual(["c-checkout"]);
    expect(await names("q=oq-alpha")).toEqual(["a-latency", "b-availability"]);
    expect(await names("q=Service%20oq-beta")).toEqual(["c-checkout", "d-search"]);
  });

  it("names a bad sort or state in its 422", async () => {
    const res = await call(slos.GET, { token, url: "/api/v1/slos?sort=budget&state=burning" });
    expect(res.status).toBe(422);
    expect(Object.keys(res.body.error.fields).sort()).toEqual(["sort", "state"]);
    expect(res.body.error.fields.sort).toMatch(/must be one of service, name/);
  });

  it("serves a page again without SQL, and reorders when another writer changes a stored figure", async () => {
    await untilListening(isListening);
    const url = "/api/v1/slos?team=oq-team&sort=remaining&dir=asc";
    const read = async () => {
      const res = await call(slos.GET, { token, url });
      expect(res.status).toBe(200);
      return res.body as { items: { name: string }[]; total: number };
    };
    await read(); // who the token is, the definitions and the listing are now cached in this process
    const before = counting.statements();
    expect((await read()).items.map((s) => s.name)).toEqual(["c-checkout", "a-latency", "b-availability", "d-search"]);
    expect(counting.statements() - before).toBe(0);

    // another process (here: plain SQL on a connection of its own) makes d-search the worst: the table's
    // trigger drops the listing in this process, and the next read has the new order
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    await other.query(`UPDATE "SloStatusRow" SET "budgetRemaining" = -1 WHERE "sloId" = $1`, [id["d-search"]]);
    await other.end();
    await expect
      .poll(async () => (await read()).items.map((s) => s.name)[0], { timeout: 5_000, interval: 50 })
      .toBe("d-search");
  });

  it("counts a new SLO in the total at once (the writer drops its own listings)", async () => {
    const res = await call(slos.POST, {
      method: "POST",
      token,
      body: { service: "oq-beta", name: "e-new", objective: 0.99, window: { kind: "rolling", days: 30 }, sli: SLI },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const after = await list("sort=name&dir=asc");
    expect(after.total).toBe(5);
    expect(after.items.map((s) => s.name).at(-1)).toBe("e-new");
  });
});
