import { describe, expect, it } from "vitest";
import { parseRole, parseRoleMap, roleForClaims } from "@/lib/auth/sso-roles";

describe("SSO role mapping", () => {
  const cfg = {
    claim: "groups",
    map: parseRoleMap("sre-leads=approver, sre=editor,ops=admin"),
    defaultRole: "viewer" as const,
  };

  it("takes the highest role among the user's groups", () => {
    expect(roleForClaims({ groups: ["sre", "sre-leads"] }, cfg)).toBe("approver");
    expect(roleForClaims({ groups: ["everyone", "ops", "sre"] }, cfg)).toBe("admin");
    expect(roleForClaims({ groups: "sre" }, cfg)).toBe("editor");
  });

  it("falls back to the default role without a matching group or claim", () => {
    expect(roleForClaims({ groups: ["everyone"] }, cfg)).toBe("viewer");
    expect(roleForClaims({}, cfg)).toBe("viewer");
    expect(roleForClaims({ groups: [1, null] }, { ...cfg, defaultRole: "editor" })).toBe("editor");
  });

  it("refuses malformed settings naming the variable", () => {
    expect(() => parseRoleMap("sre=root")).toThrow(/OIDC_ROLE_MAP: "sre=root"/);
    expect(() => parseRoleMap("=editor")).toThrow(/OIDC_ROLE_MAP/);
    expect(() => parseRole("OIDC_DEFAULT_ROLE", "boss", "viewer")).toThrow(
      /OIDC_DEFAULT_ROLE must be one of viewer, editor, approver, admin/,
    );
    expect(parseRole("OIDC_DEFAULT_ROLE", " ", "viewer")).toBe("viewer");
    expect(parseRoleMap("a=b=editor")).toEqual({ "a=b": "editor" });
  });
});
