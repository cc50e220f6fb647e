import { encode, type JWT } from "next-auth/jwt";
import { beforeAll, describe, expect, it } from "vitest";
import * as meRoute from "@/app/api/v1/me/route";
import * as teamsRoute from "@/app/api/v1/teams/route";
import * as userRoute from "@/app/api/v1/users/[id]/route";
import * as deactivateRoute from "@/app/api/v1/users/[id]/deactivate/route";
import * as reactivateRoute from "@/app/api/v1/users/[id]/reactivate/route";
import { authOptions } from "@/lib/auth/options";
import { getDb } from "@/lib/db";
import { signInWithPassword } from "@/lib/services/login";
import { setUserPassword } from "@/lib/services/user-lifecycle";
import { SYSTEM_ACTOR } from "@/lib/services/system-actor";
import { createUser } from "@/lib/services/users";
import { call, userWithToken } from "./helpers/api";

const PASSWORD = "correct horse battery";
const secret = process.env.NEXTAUTH_SECRET!; // set by tests/integration/setup-env.ts
let n = 0;

/** A user with a password, signed in through the real credentials path and NextAuth's jwt callback. */
async function signedIn(role: "viewer" | "editor" | "admin" = "editor") {
  n += 1;
  const email = `session${n}-${Date.now()}@example.com`;
  const { id } = await createUser(SYSTEM_ACTOR, { email, name: `Session ${n}`, role, teams: [], password: PASSWORD });
  const user = await signInWithPassword({ email, password: PASSWORD, ip: `10.9.0.${n}` });
  expect(user).not.toBeNull();
  const token = (await authOptions().callbacks!.jwt!({
    token: { sub: "" },
    user: user!,
    account: null,
    trigger: "signIn",
  } as never)) as JWT;
  return { id, email, token, cookie: `next-auth.session-token=${await encode({ token, secret })}` };
}

const me = (cookie: string) => call(meRoute.GET, { url: "/api/v1/me", headers: { cookie } });

let admin: Awaited<ReturnType<typeof userWithToken>>;
beforeAll(async () => {
  admin = await userWithToken("admin");
});

describe("cookie-authenticated writes", () => {
  it("reach the handler with their body intact (resolving the session must not take over the body stream)", async () => {
    const admin2 = await signedIn("admin");
    const res = await call(teamsRoute.POST, {
      method: "POST",
      url: "/api/v1/teams",
      body: { slug: `cookie-${Date.now()}`, name: "Cookie team" },
      headers: { cookie: admin2.cookie, origin: "http://test.local" },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.name).toBe("Cookie team");
  });
});

describe("sessions are revocable", () => {
  it("a session cookie replayed after sign-out answers 401", async () => {
    const s = await signedIn();
    expect((await me(s.cookie)).status).toBe(200);
    // What NextAuth runs when the browser's sign-out button posts to /api/auth/signout.
    await authOptions().events!.signOut!({ token: s.token, session: undefined as never });
    const replay = await me(s.cookie);
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe("UNAUTHENTICATED");
  });

  it("refuses a JWT without a generation (issued before revocation existed) and one for another secret", async () => {
    const s = await signedIn();
    const legacy = await encode({ token: { sub: s.id }, secret });
    expect((await me(`next-auth.session-token=${legacy}`)).status).toBe(401);
    const forged = await encode({ token: s.token, secret: "not-the-server-secret" });
    expect((await me(`next-auth.session-token=${forged}`)).status).toBe(401);
  });

  it("a role change ends the user's sessions (PATCH /api/v1/users/{id})", async () => {
    const s = await signedIn();
    const res = await call(userRoute.PATCH, {
      method: "PATCH",
      token: admin.token,
      params: { id: s.id },
      body: { role: "viewer" },
    });
    expect(res.status).toBe(200);
    expect(res.body.role).toBe("viewer");
    expect((await me(s.cookie)).status).toBe(401);
    const bad = await call(userRoute.PATCH, {
      method: "PATCH",
      token: admin.token,
      params: { id: s.id },
      body: { role: "owner" },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields.role).toMatch(/viewer, editor, approver or admin/);
  });

  it("a password change ends the user's sessions and only the new password signs in", async () => {
    const s = await signedIn();
    await setUserPassword(SYSTEM_ACTOR, s.id, "a brand new passphrase");
    expect((await me(s.cookie)).status).toBe(401);
    expect(await signInWithPassword({ email: s.email, password: PASSWORD, ip: "10.9.1.1" })).toBeNull();
    expect(
      await signInWithPassword({ email: s.email, password: "a brand new passphrase", ip: "10.9.1.1" }),
    ).not.toBeNull();
  });
});

describe("deactivation (offboarding)", () => {
  it("ends sessions, stops API tokens, refuses sign-in; reactivation restores sign-in only", async () => {
    const s = await signedIn();
    const worker = await userWithToken("editor");
    const db = await getDb();
    await db.user.update({
      where: { id: worker.id },
      data: { passwordHash: (await db.user.findUniqueOrThrow({ where: { id: s.id } })).passwordHash },
    });
    expect((await call(meRoute.GET, { token: worker.token })).status).toBe(200);

    for (const id of [s.id, worker.id]) {
      const res = await call(deactivateRoute.POST, { method: "POST", token: admin.token, params: { id } });
      expect(res.status).toBe(200);
      expect(res.body.deactivatedAt).toEqual(expect.any(String));
    }
    expect((await me(s.cookie)).status).toBe(401);
    expect((await call(meRoute.GET, { token: worker.token })).status).toBe(401);
    expect(await signInWithPassword({ email: worker.email, password: PASSWORD, ip: "10.9.2.1" })).toBeNull();
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "user.deactivate", entityId: worker.id } });
    expect(audit.after).toMatchObject({ tokensRevoked: 1 });

    const again = await call(reactivateRoute.POST, { method: "POST", token: admin.token, params: { id: worker.id } });
    expect(again.status).toBe(200);
    expect(again.body.deactivatedAt).toBeNull();
    expect(await signInWithPassword({ email: worker.email, password: PASSWORD, ip: "10.9.2.1" })).not.toBeNull();
    // The token that was out while the user was deactivated stays revoked.
    expect((await call(meRoute.GET, { token: worker.token })).status).toBe(401);
    expect(await db.auditEvent.count({ where: { action: "user.reactivate", entityId: worker.id } })).toBe(1);
  });

  it("only admins deactivate, never themselves; unknown ids are 404", async () => {
    const editor = await userWithToken("editor");
    const target = await userWithToken("viewer");
    const denied = await call(deactivateRoute.POST, { method: "POST", token: editor.token, params: { id: target.id } });
    expect(denied.status).toBe(403);
    const self = await call(deactivateRoute.POST, { method: "POST", token: admin.token, params: { id: admin.id } });
    expect(self.status).toBe(409);
    expect(self.body.error.message).toMatch(/cannot deactivate yourself/);
    expect(
      (await call(deactivateRoute.POST, { method: "POST", token: admin.token, params: { id: "nope" } })).status,
    ).toBe(404);
    // A NUL byte never reaches PostgreSQL: refused as input (422) or as no such user (404), never a 500.
    const nul = await call(deactivateRoute.POST, { method: "POST", token: admin.token, params: { id: "bad\u0000id" } });
    expect([404, 422]).toContain(nul.status);
  });

  it("a deactivated user cannot sign in through SSO either", async () => {
    const s = await signedIn();
    await call(deactivateRoute.POST, { method: "POST", token: admin.token, params: { id: s.id } });
    const allowed = await authOptions().callbacks!.signIn!({
      user: { id: "sub-1", email: s.email, name: "x" },
      account: { provider: "oidc", type: "oauth", providerAccountId: "sub-1" },
    } as never);
    expect(allowed).toBe(false);
  });
});
