import { describe, expect, it } from "vitest";
import { assertCanRead, holdsScope, requireScope, type Actor } from "@/lib/auth/permissions";

const actor = (tokenScopes: string[] | null): Actor => ({
  userId: "u",
  email: "u@example.com",
  name: "U",
  role: "editor",
  teamIds: ["t1"],
  tokenScopes,
});

describe("token scopes", () => {
  it("gives sessions and unscoped tokens every scope, tokens included", () => {
    for (const scopes of [null, []])
      for (const s of ["read", "write", "gate", "deployments", "tokens"])
        expect(holdsScope(actor(scopes), s)).toBe(true);
  });

  it("lets write imply read (a change answers with what it changed), and nothing else imply anything", () => {
    expect(holdsScope(actor(["write"]), "read")).toBe(true);
    expect(() => assertCanRead(actor(["write"]))).not.toThrow();
    expect(holdsScope(actor(["read"]), "write")).toBe(false);
    expect(holdsScope(actor(["write"]), "tokens")).toBe(false);
    expect(holdsScope(actor(["gate"]), "read")).toBe(false);
    expect(holdsScope(actor(["tokens"]), "write")).toBe(false);
    expect(() => requireScope(actor(["gate", "deployments"]), "tokens")).toThrow(/lacks the "tokens" scope/);
  });
});
