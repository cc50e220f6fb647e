import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as me from "@/app/api/v1/me/route";
import * as token from "@/app/api/v1/tokens/[id]/route";
import * as user from "@/app/api/v1/users/[id]/route";
import * as teams from "@/app/api/v1/teams/route";
import * as services from "@/app/api/v1/services/route";
import * as slos from "@/app/api/v1/slos/route";
import * as slo from "@/app/api/v1/slos/[id]/route";
import { getDb } from "@/lib/db";
import { isListening } from "@/lib/events/bus";
import { dropCached, sharedCache } from "@/lib/cache/shared-cache";
import { hashToken } from "@/lib/auth/tokens";
import { call, userWithToken } from "./helpers/api";
import { untilListening } from "./helpers/counting-db";

// Who a token is and SLO definitions are cached for seconds per process (lib/cache/shared-cache.ts).
// A change must show on the very next request in the writing process, and within moments in every other
// process — here "another process" is a plain SQL connection, as the CLI or an operator would write.

const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
/** Polls `probe` until it returns true; how long it took (ms). Fails after 2 s — well inside no TTL. */
async function within2s(probe: () => Promise<boolean>): Promise<number> {
  const start = Date.now();
  while (!(await probe())) {
    if (Date.now() - start > 2_000) throw new Error("the change was not seen within 2 s");
    await new Promise((r) => setTimeout(r, 10));
  }
  return Date.now() - start;
}

describe("request-path caches", () => {
  let admin = "";
  beforeAll(async () => {
    await other.connect();
    admin = (await userWithToken("admin")).token;
    await call(me.GET, { token: admin }); // subscribes this process to invalidations
    await untilListening(isListening);
  });
  afterAll(() => other.end());

  it("a token revoked through the API is refused by the very next request", async () => {
    const { token: t } = await userWithToken("editor");
    expect((await call(me.GET, { token: t })).status).toBe(200);
    expect((await call(me.GET, { token: t })).status).toBe(200); // served from the cache now
    const db = await getDb();
    const row = await db.apiToken.findUniqueOrThrow({ where: { tokenHash: hashToken(t) } });
    expect((await call(token.DELETE, { method: "DELETE", token: admin, params: { id: row.id } })).status).toBe(200);
    expect((await call(me.GET, { token: t })).status).toBe(401);
  });

  it("a token revoked by another process (plain SQL) is refused within moments, not after the cache's 5 s", async () => {
    const { token: t } = await userWithToken("editor");
    expect((await call(me.GET, { token: t })).status).toBe(200);
    await other.query(`UPDATE "ApiToken" SET "revokedAt" = now() WHERE "tokenHash" = $1`, [hashToken(t)]);
    await within2s(async () => (await call(me.GET, { token: t })).status === 401);
  });

  it("a role changed through the API applies to the next request", async () => {
    const u = await userWithToken("admin");
    expect((await call(me.GET, { token: u.token })).body.role).toBe("admin");
    expect(
      (await call(user.PATCH, { method: "PATCH", token: admin, params: { id: u.id }, body: { role: "viewer" } }))
        .status,
    ).toBe(200);
    expect((await call(me.GET, { token: u.token })).body.role).toBe("viewer");
  });

  it("an SLO renamed by another process is served renamed within moments", async () => {
    expect(
      (await call(teams.POST, { method: "POST", token: admin, body: { slug: "cache-team", name: "Cache" } })).status,
    ).toBe(201);
    expect(
      (
        await call(services.POST, {
          method: "POST",
          token: admin,
          body: { slug: "cache-svc", name: "Cache", team: "cache-team" },
        })
      ).status,
    ).toBe(201);
    const created = await call(slos.POST, {
      method: "POST",
      token: admin,
      body: {
        service: "cache-svc",
        name: "cached",
        objective: 0.99,
        window: { kind: "rolling", days: 7 },
        sli: { kind: "ratio", total: "up", bad: "up" },
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id as string;
    expect((await call(slo.GET, { token: admin, params: { id } })).body.name).toBe("cached");
    await other.query(`UPDATE "Slo" SET name = 'renamed-elsewhere' WHERE id = $1`, [id]);
    await within2s(
      async () => (await call(slo.GET, { token: admin, params: { id } })).body.name === "renamed-elsewhere",
    );
  });

  it("a soft kind invalidated by another process serves the cached value while one reload runs; this process's own drop waits", async () => {
    const cache = sharedCache<string>(["slos", "slo-ranks"], {
      ttlMs: 60_000,
      maxEntries: 4,
      soft: ["slo-ranks"],
      minReloadMs: 300,
    });
    let loads = 0;
    let release = () => {};
    const load =
      (v: string, gate = false) =>
      () => {
        loads += 1;
        return gate ? new Promise<string>((r) => (release = () => r(v))) : Promise.resolve(v);
      };
    expect(await cache.get("k", load("first"))).toBe("first");
    await new Promise((r) => setTimeout(r, 300)); // past minReloadMs

    await other.query(`SELECT pg_notify('srecp_events', '{"topic":"invalidate","kind":"slo-ranks"}')`);
    // the notification arrives: the first read still gets the cached value and starts the one reload
    await within2s(async () => {
      const v = await cache.get("k", load("second", true));
      return v === "first" && loads === 2;
    });
    expect(await cache.get("k", load("never"))).toBe("first"); // while it runs: no second reload
    expect(loads).toBe(2);
    release();
    await within2s(async () => (await cache.get("k", load("never"))) === "second");
    expect(loads).toBe(2);

    // this process's own write drops outright: the next read waits for the new value
    dropCached("slo-ranks");
    expect(await cache.get("k", load("third"))).toBe("third");
    // "slos" is not soft: another process's change drops it too
    await other.query(`SELECT pg_notify('srecp_events', '{"topic":"invalidate","kind":"slos"}')`);
    await within2s(async () => (await cache.get("k", load("fourth"))) === "fourth");
  });
});
