import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as readyz from "@/app/api/readyz/route";
import * as teams from "@/app/api/v1/teams/route";
import * as services from "@/app/api/v1/services/route";
import { PrismaClient } from "@/lib/db/generated/client";
import { startPgCluster, type PgCluster } from "../harness/pg-cluster";
import { call, userWithToken } from "./helpers/api";

// Issue 18 acceptance: the database stopped under write load. A PostgreSQL cluster of this test's own
// (tests/harness/pg-cluster.ts) serves the app's client; 10 writers create services through the real route
// handler while the server is stopped (`pg_ctl stop -m fast`: sessions terminated, new ones refused) for
// 3 s and started again. Every answer is 201 or 503 DB_UNAVAILABLE with Retry-After and a message (never
// 500), every 201 is in the database afterwards, and writes succeed again without a new client (no restart).
const WRITERS = 10;
const BEFORE_MS = 1500;
const DOWN_MS = 3000;
const AFTER_MS = 3000;

type Outcome = {
  slug: string;
  status: number;
  code?: string;
  message?: string;
  retryAfter: string | null;
  startedAt: number;
  endedAt: number;
};

describe("database stopped under write load", () => {
  const saved = globalThis.__srecpDb;
  let cluster: PgCluster;
  let db: PrismaClient;
  let token = "";
  const team = `outage-${Date.now()}`;

  beforeAll(async () => {
    cluster = await startPgCluster();
    // The client exactly as lib/db/client.ts builds it for DATABASE_URL, made the process' one client.
    db = new PrismaClient({ adapter: new PrismaPg({ connectionString: cluster.url }) });
    globalThis.__srecpDb = Promise.resolve(db);
    token = (await userWithToken("admin")).token;
    expect((await call(teams.POST, { method: "POST", token, body: { slug: team, name: "Outage" } })).status).toBe(201);
  }, 60_000);

  afterAll(async () => {
    globalThis.__srecpDb = saved;
    await db?.$disconnect().catch(() => {});
    await cluster?.destroy();
  });

  it("answers 503 with Retry-After while it is down, loses no acknowledged write, and recovers by itself", async () => {
    const outcomes: Outcome[] = [];
    let running = true;
    const writer = async (w: number) => {
      for (let i = 0; running; i++) {
        const slug = `${team}-w${w}-${i}`;
        const startedAt = Date.now();
        const res = await call(services.POST, { method: "POST", token, body: { slug, name: slug, team } });
        outcomes.push({
          slug,
          status: res.status,
          code: res.body?.error?.code,
          message: res.body?.error?.message,
          retryAfter: res.headers.get("retry-after"),
          startedAt,
          endedAt: Date.now(),
        });
        // While the database is down each answer is immediate: pace retries as a client honouring Retry-After would not, but without spinning.
        if (res.status === 503) await new Promise((r) => setTimeout(r, 20));
      }
    };
    const writers = Array.from({ length: WRITERS }, (_, w) => writer(w));

    await new Promise((r) => setTimeout(r, BEFORE_MS));
    const stoppedAt = Date.now();
    await cluster.stop();
    const ready = await call(readyz.GET);
    await new Promise((r) => setTimeout(r, DOWN_MS));
    await cluster.start();
    const startedAt = Date.now();
    await new Promise((r) => setTimeout(r, AFTER_MS));
    running = false;
    await Promise.all(writers);

    // Readiness during the outage: 503 without the driver's text.
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ checks: { database: "down" } });
    expect(JSON.stringify(ready.body)).not.toMatch(/127\.0\.0\.1|ECONN|P1001|terminat/i);

    const byStatus: Record<string, Outcome[]> = {};
    for (const o of outcomes) (byStatus[String(o.status)] ??= []).push(o);
    const counts = Object.fromEntries(Object.entries(byStatus).map(([k, v]) => [k, v.length]));
    expect(Object.keys(byStatus).sort(), JSON.stringify(counts)).toEqual(["201", "503"]); // never a 500, nothing else
    const failed = byStatus["503"]!;
    for (const o of failed) {
      expect(o.code).toBe("DB_UNAVAILABLE");
      expect(o.retryAfter).toMatch(/^\d+$/);
      expect(o.message).toMatch(/database is unavailable/i);
    }
    // Failures belong to the outage: none began after the server was accepting connections again plus a second.
    expect(failed.filter((o) => o.startedAt > startedAt + 1000)).toEqual([]);
    expect(failed.every((o) => o.endedAt >= stoppedAt)).toBe(true);

    // No silent loss: every write acknowledged with 201 is in the database.
    const acknowledged = byStatus["201"]!.map((o) => o.slug);
    const stored = new Set(
      (await db.service.findMany({ where: { slug: { in: acknowledged } }, select: { slug: true } })).map((s) => s.slug),
    );
    expect(acknowledged.filter((slug) => !stored.has(slug))).toEqual([]);

    // Writes succeeded before the stop and again after the start, with the same client (no restart).
    expect(byStatus["201"]!.some((o) => o.endedAt < stoppedAt)).toBe(true);
    const recovered = byStatus["201"]!.filter((o) => o.startedAt >= startedAt);
    expect(recovered.length).toBeGreaterThan(WRITERS);
    const firstOk = Math.min(...recovered.map((o) => o.endedAt));
    expect(firstOk - startedAt).toBeLessThan(1000);
    expect((await call(readyz.GET)).status).toBe(200);
  }, 60_000);
});
