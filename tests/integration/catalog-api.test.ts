import { beforeAll, describe, expect, it } from "vitest";
import * as teams from "@/app/api/v1/teams/route";
import * as services from "@/app/api/v1/services/route";
import * as service from "@/app/api/v1/services/[slug]/route";
import * as audit from "@/app/api/v1/audit/route";
import * as tokenRoute from "@/app/api/v1/tokens/[id]/route";
import * as me from "@/app/api/v1/me/route";
import { call, userWithToken } from "./helpers/api";

describe("service catalog over the REST API", () => {
  let admin: string, editor: string, viewer: string, outsider: string;

  beforeAll(async () => {
    admin = (await userWithToken("admin")).token;
    expect(
      (
        await call(teams.POST, {
          method: "POST",
          token: admin,
          body: { slug: "cat-payments", name: "Payments", timezone: "Europe/Berlin" },
        })
      ).status,
    ).toBe(201);
    expect(
      (await call(teams.POST, { method: "POST", token: admin, body: { slug: "cat-other", name: "Other" } })).status,
    ).toBe(201);
    editor = (await userWithToken("editor", ["cat-payments"])).token;
    viewer = (await userWithToken("viewer", ["cat-payments"])).token;
    outsider = (await userWithToken("editor", ["cat-other"])).token;
  });

  it("rejects requests without a token (401) and with an unknown token (401)", async () => {
    expect((await call(services.GET, { url: "/api/v1/services" })).status).toBe(401);
    const res = await call(services.GET, { url: "/api/v1/services", token: "srecp_nope" });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe("UNAUTHENTICATED");
  });

  it("creates, lists, reads, updates and deletes a service, auditing each change", async () => {
    const body = {
      slug: "cat-checkout",
      name: "Checkout",
      team: "cat-payments",
      tier: 1,
      runbookUrl: "https://runbooks.example.com/checkout",
    };
    const created = await call(services.POST, { method: "POST", token: editor, body });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ slug: "cat-checkout", tier: 1, version: 1, team: { slug: "cat-payments" } });

    const list = await call(services.GET, { url: "/api/v1/services?team=cat-payments", token: viewer });
    expect(list.status).toBe(200);
    expect(list.body.items.map((s: { slug: string }) => s.slug)).toEqual(["cat-checkout"]);
    expect(list.body).toMatchObject({ page: 1, total: 1 });

    const patched = await call(service.PATCH, {
      method: "PATCH",
      token: editor,
      params: { slug: "cat-checkout" },
      body: { description: "Takes orders", version: 1 },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ description: "Takes orders", version: 2 });

    expect(
      (await call(service.DELETE, { method: "DELETE", token: editor, params: { slug: "cat-checkout" } })).status,
    ).toBe(200);
    expect((await call(service.GET, { token: viewer, params: { slug: "cat-checkout" } })).status).toBe(404);

    const log = await call(audit.GET, {
      url: `/api/v1/audit?entityType=service&entityId=${created.body.id}`,
      token: admin,
    });
    expect(log.status).toBe(200);
    expect(log.body.items.map((e: { action: string }) => e.action)).toEqual([
      "service.delete",
      "service.update",
      "service.create",
    ]);
    const update = log.body.items[1];
    expect(update.before.description).toBe("");
    expect(update.after.description).toBe("Takes orders");
  });

  it("answers 422 naming each bad field", async () => {
    const res = await call(services.POST, {
      method: "POST",
      token: editor,
      body: { slug: "Bad Slug!", name: "", team: "cat-payments", tier: 9, runbookUrl: "ftp://x" },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("VALIDATION");
    expect(Object.keys(res.body.error.fields).sort()).toEqual(["name", "runbookUrl", "slug", "tier"]);
  });

  it("answers 400 for a body that is not JSON and 422 for an unknown team", async () => {
    expect((await call(services.POST, { method: "POST", token: editor, body: "{not json" })).status).toBe(400);
    const res = await call(services.POST, {
      method: "POST",
      token: editor,
      body: { slug: "x-svc", name: "X", team: "nope" },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.fields.team).toMatch(/unknown team/);
  });

  it("forbids viewers and editors of other teams from writing (403)", async () => {
    const body = { slug: "cat-search", name: "Search", team: "cat-payments" };
    const byViewer = await call(services.POST, { method: "POST", token: viewer, body });
    expect(byViewer.status).toBe(403);
    expect(byViewer.body.error.code).toBe("FORBIDDEN");
    expect((await call(services.POST, { method: "POST", token: outsider, body })).status).toBe(403);
  });

  it("answers 409 for a duplicate slug and for a stale version", async () => {
    const body = { slug: "cat-ledger", name: "Ledger", team: "cat-payments" };
    expect((await call(services.POST, { method: "POST", token: editor, body })).status).toBe(201);
    const dup = await call(services.POST, { method: "POST", token: editor, body });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe("CONFLICT");

    const first = await call(service.PATCH, {
      method: "PATCH",
      token: editor,
      params: { slug: "cat-ledger" },
      body: { name: "Ledger A", version: 1 },
    });
    const second = await call(service.PATCH, {
      method: "PATCH",
      token: editor,
      params: { slug: "cat-ledger" },
      body: { name: "Ledger B", version: 1 },
    });
    expect(first.status).toBe(200);
    expect(second.status).toBe(409);
    expect((await call(service.GET, { token: viewer, params: { slug: "cat-ledger" } })).body.name).toBe("Ledger A");
  });

  it("serves two concurrent edits of the same version with exactly one winner", async () => {
    await call(services.POST, {
      method: "POST",
      token: editor,
      body: { slug: "cat-race", name: "Race", team: "cat-payments" },
    });
    const results = await Promise.all(
      ["A", "B", "C"].map((x) =>
        call(service.PATCH, {
          method: "PATCH",
          token: editor,
          params: { slug: "cat-race" },
          body: { name: `Race ${x}`, version: 1 },
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
  });

  it("stops accepting a revoked token", async () => {
    const u = await userWithToken("viewer");
    const who = await call(me.GET, { token: u.token });
    expect(who.body.email).toBe(u.email);
    const tokens = await call((await import("@/app/api/v1/tokens/route")).GET, { token: u.token });
    const id = tokens.body.items[0].id;
    expect(tokens.body.items[0].lastUsedAt).not.toBeNull();
    expect((await call(tokenRoute.DELETE, { method: "DELETE", token: u.token, params: { id } })).status).toBe(200);
    expect((await call(me.GET, { token: u.token })).status).toBe(401);
  });
});
