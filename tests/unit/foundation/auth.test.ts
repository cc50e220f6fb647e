import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { generateToken, hashToken } from "@/lib/auth/tokens";
import { assertAdmin, assertCanApprove, assertCanEditTeam, type Actor } from "@/lib/auth/permissions";

const actor = (role: Actor["role"], teamIds: string[] = ["t1"], tokenScopes: string[] | null = null): Actor => ({
  userId: "u",
  email: "u@example.com",
  name: "U",
  role,
  teamIds,
  tokenScopes,
});

describe("passwords", () => {
  it("hashes with scrypt, salted, and verifies only the right password", async () => {
    const a = await hashPassword("correct horse battery");
    const b = await hashPassword("correct horse battery");
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword("correct horse battery", a)).toBe(true);
    expect(await verifyPassword("wrong", a)).toBe(false);
    expect(await verifyPassword("x", null)).toBe(false);
    expect(await verifyPassword("x", "md5$abc")).toBe(false);
  });
});

describe("API tokens", () => {
  it("are random, prefixed, and stored only as their sha256", () => {
    const { token, hash, prefix } = generateToken();
    expect(token).toMatch(/^srecp_[A-Za-z0-9_-]{43}$/);
    expect(hash).toBe(hashToken(token));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(token.startsWith(prefix)).toBe(true);
    expect(generateToken().token).not.toBe(token);
  });
});

describe("permissions", () => {
  it.each([
    ["viewer", ["t1"], false],
    ["editor", ["t1"], true],
    ["editor", ["t2"], false],
    ["approver", ["t1"], true],
    ["admin", [], true],
  ] as const)("%s of %j editing team t1 → allowed=%s", (role, teams, allowed) => {
    const run = () => assertCanEditTeam(actor(role, [...teams]), "t1");
    if (allowed) expect(run).not.toThrow();
    else expect(run).toThrow(/editor or higher|not a member/);
  });

  it("lets only approvers and admins sign off, and only admins administer", () => {
    expect(() => assertCanApprove(actor("editor"), "t1")).toThrow(/Only approvers/);
    expect(() => assertCanApprove(actor("approver"), "t1")).not.toThrow();
    expect(() => assertAdmin(actor("approver"))).toThrow(/Only admins/);
    expect(() => assertAdmin(actor("admin"))).not.toThrow();
  });

  it("narrows a token to its scopes", () => {
    expect(() => assertCanEditTeam(actor("admin", [], ["gate", "deployments"]), "t1")).toThrow(
      /lacks the "write" scope/,
    );
    expect(() => assertCanEditTeam(actor("admin", [], ["write"]), "t1")).not.toThrow();
  });
});
