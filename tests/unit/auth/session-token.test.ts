import { beforeAll, describe, expect, it } from "vitest";
import { encode } from "next-auth/jwt";

const SECRET = "unit-test-secret-for-session-claims";
process.env.NEXTAUTH_SECRET = SECRET;
const { sessionClaims } = await import("@/lib/auth/session-token");

const cookieOf = (token: string) => new Headers({ cookie: `theme=dark; next-auth.session-token=${token}; other=1` });

describe("sessionClaims", () => {
  let token = "";
  const nowS = Math.floor(Date.now() / 1000);
  beforeAll(async () => {
    token = await encode({ token: { sub: "user-1", gen: 3 }, secret: SECRET, maxAge: 60 });
  });

  it("decodes the user id and session generation of the session cookie", async () => {
    expect(await sessionClaims(cookieOf(token))).toMatchObject({ sub: "user-1", gen: 3 });
  });

  it("refuses a kept token once it has expired, and a cookie that does not decode", async () => {
    await sessionClaims(cookieOf(token)); // kept
    expect(await sessionClaims(cookieOf(token), (nowS + 61) * 1000)).toBeNull();
    expect(await sessionClaims(cookieOf("not-a-jwt"))).toBeNull();
    expect(await sessionClaims(new Headers({ cookie: "theme=dark" }))).toBeNull();
  });

  it("does not keep an answer across different cookies", async () => {
    const other = await encode({ token: { sub: "user-2", gen: 1 }, secret: SECRET, maxAge: 60 });
    expect(await sessionClaims(cookieOf(other))).toMatchObject({ sub: "user-2", gen: 1 });
    expect(await sessionClaims(cookieOf(token))).toMatchObject({ sub: "user-1" });
  });
});
