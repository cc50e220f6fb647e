import { PrismaPg } from "@prisma/adapter-pg";
import { afterEach, describe, expect, inject, it } from "vitest";
import * as readyz from "@/app/api/readyz/route";
import * as services from "@/app/api/v1/services/route";
import { isDbUnavailable } from "@/lib/db";
import { PrismaClient } from "@/lib/db/generated/client";
import { freePort } from "../harness/process";
import { call, userWithToken } from "./helpers/api";

// Issue 18 item 1: a database outage is a 503 DB_UNAVAILABLE with Retry-After, never a 500 that looks like
// a bug, and the unauthenticated readiness probe says "down" without the driver's text (hosts, users).
// The errors come from the real driver: a client pointed at a closed port, and a backend PostgreSQL kills.
describe("database unavailable", () => {
  const saved = globalThis.__srecpDb;
  afterEach(() => {
    globalThis.__srecpDb = saved;
  });

  const closedPortClient = async () => {
    const port = await freePort();
    return new PrismaClient({
      adapter: new PrismaPg({
        connectionString: `postgresql://postgres@127.0.0.1:${port}/gone`,
        connectionTimeoutMillis: 2000,
      }),
    });
  };

  it("recognises real driver errors of an outage, and not ordinary ones", async () => {
    const down = await closedPortClient();
    const unreachable = await down.user.findFirst().catch((e: unknown) => e);
    expect(isDbUnavailable(unreachable)).toBe(true);
    const live = new PrismaClient({ adapter: new PrismaPg({ connectionString: inject("DATABASE_URL") }) });
    const terminated = await live
      .$queryRawUnsafe("select pg_terminate_backend(pg_backend_pid())")
      .catch((e: unknown) => e);
    expect(isDbUnavailable(terminated)).toBe(true);
    // A transaction whose session the server terminates (a stop or failover mid-write): Prisma passes on
    // node-postgres' code-less "Client has encountered a connection error and is not queryable".
    const killer = new PrismaClient({ adapter: new PrismaPg({ connectionString: inject("DATABASE_URL") }) });
    const midTransaction = await live
      .$transaction(async (tx) => {
        const [session] = await tx.$queryRawUnsafe<{ pid: number }[]>("select pg_backend_pid() as pid");
        await killer.$queryRawUnsafe("select pg_terminate_backend($1)", session!.pid);
        await new Promise((r) => setTimeout(r, 200));
        await tx.$queryRawUnsafe("select 1");
      })
      .catch((e: unknown) => e);
    await killer.$disconnect();
    expect(midTransaction).toBeInstanceOf(Error);
    expect(isDbUnavailable(midTransaction)).toBe(true);
    const syntax = await live.$queryRawUnsafe("select from where").catch((e: unknown) => e);
    expect(isDbUnavailable(syntax)).toBe(false);
    await live.$disconnect();
  });

  it("answers 503 DB_UNAVAILABLE with Retry-After on API routes and readyz, with no internal text", async () => {
    const { token } = await userWithToken("admin");
    expect((await call(services.GET, { token })).status).toBe(200);
    const down = await closedPortClient();
    globalThis.__srecpDb = Promise.resolve(down);
    const res = await call(services.GET, { token });
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe("DB_UNAVAILABLE");
    expect(res.headers.get("retry-after")).toBe("5");
    const ready = await call(readyz.GET);
    expect(ready.status).toBe(503);
    expect(ready.headers.get("retry-after")).toBe("5");
    expect(ready.body).toMatchObject({ status: "unavailable", checks: { database: "down" } });
    for (const body of [JSON.stringify(res.body), JSON.stringify(ready.body)])
      expect(body).not.toMatch(/127\.0\.0\.1|postgres|gone|P1001/);
  });
});
