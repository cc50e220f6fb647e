import { encode, type JWT } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import * as meRoute from "@/app/api/v1/me/route";
import { authOptions } from "@/lib/auth/options";
import { signInWithPassword } from "@/lib/services/login";
import { SYSTEM_ACTOR } from "@/lib/services/system-actor";
import { createApiToken } from "@/lib/services/tokens";
import { createUser } from "@/lib/services/users";
import { runSrecp } from "../harness/srecp-cli";
import { call } from "./helpers/api";

// The real `srecp users …` process against the test database: recovery and offboarding end sessions.
const PASSWORD = "first password 1";

async function sessionCookie(email: string, password: string) {
  const user = await signInWithPassword({ email, password, ip: `cli-${email}` });
  expect(user).not.toBeNull();
  const token = (await authOptions().callbacks!.jwt!({
    token: { sub: "" },
    user: user!,
    account: null,
    trigger: "signIn",
  } as never)) as JWT;
  return `next-auth.session-token=${await encode({ token, secret: process.env.NEXTAUTH_SECRET! })}`;
}
const me = (headers: Record<string, string>) => call(meRoute.GET, { headers });

describe("srecp users set-password / set-role / deactivate / reactivate", () => {
  it("changes the password and the role, each ending the user's sessions", async () => {
    const email = `cli-user-${Date.now()}@example.com`;
    await createUser(SYSTEM_ACTOR, { email, name: "CLI user", role: "editor", teams: [], password: PASSWORD });
    const first = await sessionCookie(email, PASSWORD);
    expect((await me({ cookie: first })).status).toBe(200);

    const pw = await runSrecp(["users", "set-password", "--email", email, "--password", "second password 2"]);
    expect(pw.stderr).toBe("");
    expect(pw.code).toBe(0);
    expect(pw.stdout).toContain(`password of ${email} changed`);
    expect((await me({ cookie: first })).status).toBe(401);

    const second = await sessionCookie(email, "second password 2");
    const role = await runSrecp(["users", "set-role", "--email", email, "--role", "viewer"]);
    expect(role.code).toBe(0);
    expect((await me({ cookie: second })).status).toBe(401);
    const third = await sessionCookie(email, "second password 2");
    expect((await me({ cookie: third })).body.role).toBe("viewer");
  });

  it("deactivates (tokens and sessions refused) and reactivates", async () => {
    const email = `cli-leaver-${Date.now()}@example.com`;
    const { id } = await createUser(SYSTEM_ACTOR, {
      email,
      name: "Leaver",
      role: "editor",
      teams: [],
      password: PASSWORD,
    });
    const { token } = await createApiToken(SYSTEM_ACTOR, { name: "laptop", scopes: [], ownerId: id });
    const cookie = await sessionCookie(email, PASSWORD);
    const off = await runSrecp(["users", "deactivate", "--email", email]);
    expect(off.code).toBe(0);
    expect((await me({ authorization: `Bearer ${token}` })).status).toBe(401);
    expect((await me({ cookie })).status).toBe(401);
    expect(await signInWithPassword({ email, password: PASSWORD, ip: "cli-2" })).toBeNull();
    expect((await runSrecp(["users", "reactivate", "--email", email])).code).toBe(0);
    expect(await signInWithPassword({ email, password: PASSWORD, ip: "cli-2" })).not.toBeNull();
  });

  it("names the bad flag and exits 1", async () => {
    const short = await runSrecp(["users", "set-password", "--email", "nobody@example.com", "--password", "short"]);
    expect(short.code).toBe(1);
    expect(short.stderr).toMatch(/--password must be at least 10 characters/);
    const role = await runSrecp(["users", "set-role", "--email", "nobody@example.com", "--role", "owner"]);
    expect(role.stderr).toMatch(/--role must be viewer, editor, approver or admin/);
    const missing = await runSrecp(["users", "deactivate", "--email", "nobody@example.com"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no user with email nobody@example.com/);
  });
});
