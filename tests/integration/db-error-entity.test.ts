import { describe, expect, it } from "vitest";
import { getDb, knownDbError } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { createUser } from "@/lib/services/users";
import { SYSTEM_ACTOR } from "@/lib/services/system-actor";
import { toFormState } from "@/lib/actions/errors";

// Issue 15 item 3: Prisma errors are mapped once, by the entry point (knownDbError through appErrorOf),
// and name the entity from the model Prisma reports — no per-call-site withDbErrors("entity").
const caught = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a failure");
    },
    (e: unknown) => e,
  );

describe("known Prisma errors name their entity", () => {
  it("a unique violation, a missing row and a foreign key, on real PostgreSQL", async () => {
    const db = await getDb();
    await db.team.create({ data: { slug: "dbent-a", name: "A" } });
    const dup = knownDbError(await caught(db.team.create({ data: { slug: "dbent-a", name: "again" } })));
    expect(dup).toMatchObject({
      code: "CONFLICT",
      message: "team with this slug already exists",
      fields: { slug: "already taken" },
    });
    expect(dup?.cause).toBeDefined();

    const missing = knownDbError(
      await caught(db.escalationPolicy.update({ where: { id: "nope" }, data: { name: "x" } })),
    );
    expect(missing).toMatchObject({ code: "NOT_FOUND", message: "escalation policy not found" });

    const orphan = knownDbError(
      await caught(db.escalationPolicy.create({ data: { teamId: "no-such-team", name: "x" } })),
    );
    expect(orphan).toMatchObject({ code: "CONFLICT" });
    expect(orphan?.message).toMatch(/^escalation policy /);
  });

  it("a duplicate user reads the same from the service's callers (server action form state)", async () => {
    const email = `dbent-${Date.now()}@example.com`;
    await createUser(SYSTEM_ACTOR, { email, name: "One", role: "viewer", teams: [], password: undefined });
    const err = await caught(
      createUser(SYSTEM_ACTOR, { email, name: "Two", role: "viewer", teams: [], password: undefined }),
    );
    expect(err).not.toBeInstanceOf(AppError); // mapped by the entry point, not by the service
    expect(knownDbError(err)?.message).toBe("user with this email already exists");
    expect(toFormState(err)).toMatchObject({
      status: "error",
      message: "user with this email already exists",
      fields: { email: "already taken" },
    });
  });
});
