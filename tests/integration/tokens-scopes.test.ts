import { beforeAll, describe, expect, it } from "vitest";
import * as teams from "@/app/api/v1/teams/route";
import * as services from "@/app/api/v1/services/route";
import * as tokens from "@/app/api/v1/tokens/route";
import * as token from "@/app/api/v1/tokens/[id]/route";
import * as me from "@/app/api/v1/me/route";
import { SYSTEM_ACTOR } from "@/lib/services/system-actor";
import { createApiToken } from "@/lib/services/tokens";
import { actorForUserId } from "@/lib/services/users";
import { call, userWithToken } from "./helpers/api";

// Issue 12, finding 1: a token must never mint a token wider than itself, nor revoke tokens without the
// `tokens` scope. Each case goes through the real route handlers with a Bearer token.
describe("API token scopes cannot be escaped", () => {
  let owner: { id: string; token: string };
  const scoped = async (scopes: string[]) =>
    (await createApiToken(SYSTEM_ACTOR, { name: `t-${scopes.join("-")}`, scopes, ownerId: owner.id })).token;
  const mint = (tok: string, scopes: string[]) =>
    call(tokens.POST, { method: "POST", token: tok, body: { name: "minted", scopes } });
  const createService = (tok: string, slug: string) =>
    call(services.POST, { method: "POST", token: tok, body: { slug, name: slug, team: "tok-team" } });

  beforeAll(async () => {
    const admin = await userWithToken("admin");
    expect(
      (await call(teams.POST, { method: "POST", token: admin.token, body: { slug: "tok-team", name: "Tokens team" } }))
        .status,
    ).toBe(201);
    owner = await userWithToken("editor", ["tok-team"]);
  });

  it("refuses a read token minting any token, so {scopes: []} cannot become a full token (the reported escape)", async () => {
    const read = await scoped(["read"]);
    const res = await mint(read, []);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toContain('"tokens" scope');
    expect((await mint(read, ["read"])).status).toBe(403);
  });

  it("lets a tokens-scoped token mint only scopes it holds, listed explicitly", async () => {
    const parent = await scoped(["read", "tokens"]);
    const empty = await mint(parent, []);
    expect(empty.status).toBe(422);
    expect(empty.body.error.fields.scopes).toMatch(/list the scopes/);
    const wider = await mint(parent, ["read", "write"]);
    expect(wider.status).toBe(403);
    expect(wider.body.error.message).toContain("write");

    const child = await mint(parent, ["read"]);
    expect(child.status).toBe(201);
    expect(child.body.scopes).toEqual(["read"]);
    const who = await call(me.GET, { token: child.body.token });
    expect(who.body.tokenScopes).toEqual(["read"]);
    // the minted token is as narrow as asked: it reads but cannot write or mint
    expect((await createService(child.body.token, "tok-child")).status).toBe(403);
    expect((await mint(child.body.token, ["read"])).status).toBe(403);
  });

  it("lets sessions and unscoped tokens mint full tokens (they hold every scope), and those write", async () => {
    const full = await mint(owner.token, []);
    expect(full.status).toBe(201);
    expect((await createService(full.body.token, "tok-full")).status).toBe(201);
    const session = (await actorForUserId(owner.id))!;
    expect(session.tokenScopes).toBeNull();
    const fromSession = await createApiToken(session, { name: "from session", scopes: ["gate", "tokens"] });
    expect(fromSession.scopes).toEqual(["gate", "tokens"]);
  });

  it("refuses a gate token revoking its owner's tokens; a tokens-scoped token may", async () => {
    const gate = await scoped(["gate"]);
    const victim = await mint(owner.token, ["read"]);
    const refused = await call(token.DELETE, { method: "DELETE", token: gate, params: { id: victim.body.id } });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain('"tokens" scope');
    expect((await call(me.GET, { token: victim.body.token })).status).toBe(200);

    const manager = await scoped(["tokens"]);
    expect(
      (await call(token.DELETE, { method: "DELETE", token: manager, params: { id: victim.body.id } })).status,
    ).toBe(200);
    expect((await call(me.GET, { token: victim.body.token })).status).toBe(401);
  });

  it("lists tokens with read or tokens scope only", async () => {
    expect((await call(tokens.GET, { token: await scoped(["gate"]) })).status).toBe(403);
    expect((await call(tokens.GET, { token: await scoped(["tokens"]) })).status).toBe(200);
    expect((await call(tokens.GET, { token: await scoped(["read"]) })).status).toBe(200);
  });

  it("names the scope field when an unknown scope is asked for", async () => {
    const res = await mint(owner.token, ["admin"]);
    expect(res.status).toBe(422);
    expect(res.body.error.fields["scopes.0"] ?? res.body.error.fields.scopes).toMatch(
      /must be one of read, write, gate, deployments, tokens/,
    );
    // the CLI and admin actions call the service directly: it checks the names too
    await expect(
      createApiToken(SYSTEM_ACTOR, { name: "cli", scopes: ["admin"], ownerId: owner.id }),
    ).rejects.toMatchObject({ code: "VALIDATION", fields: { scopes: expect.stringContaining("unknown scope admin") } });
  });
});
