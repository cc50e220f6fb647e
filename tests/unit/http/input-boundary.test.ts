import { describe, expect, it } from "vitest";
import { z } from "zod";
import { assertNoNulInBody, assertNoNulInUrl, findNul } from "@/lib/http/nul-bytes";
import { isoInstantSchema, listDeploymentsSchema } from "@/lib/validation/deployments";
import { instantSchema as incidentInstant } from "@/lib/validation/incidents";
import { coverRequestInputSchema, overrideInputSchema, windowQuerySchema } from "@/lib/validation/oncall";
import { burndownQuerySchema } from "@/lib/validation/slo";
import { postmortemExportQuerySchema, versionNumberParamSchema } from "@/lib/validation/queries";
import { budgetPolicySchema } from "@/lib/validation/policy";
import { paginationSchema } from "@/lib/validation/common";
import { createActionItemSchema } from "@/lib/validation/incidents";
import { isAppError } from "@/lib/errors";

// Inputs the fuzzer (issue 12 finding 9) turned into HTTP 500s; each must be refused as a 422 naming the field.
const fieldsOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    if (isAppError(err)) return { status: err.status, fields: err.fields };
    if (err instanceof z.ZodError)
      return { status: 422, fields: Object.fromEntries(err.issues.map((i) => [i.path.join("."), i.message])) };
    throw err;
  }
  return null;
};

describe("NUL characters are refused at the boundary", () => {
  it("finds NUL in nested strings and keys and names the dotted path", () => {
    expect(findNul({ a: [{ b: "ok" }, { c: "x\u0000y" }] })).toBe("a.1.c");
    expect(findNul({ labels: { "k\u0000": "v" } })).toBe("labels.k\\u0000");
    expect(findNul("\u0000")).toBe("body");
    expect(findNul({ a: 1, b: null, c: ["fine"] })).toBeNull();
  });

  it("a body with NUL → 422 naming the field", () => {
    expect(fieldsOf(() => assertNoNulInBody({ title: "a\u0000" }))).toEqual({
      status: 422,
      fields: { title: expect.stringContaining("NUL") },
    });
  });

  it("a path or query parameter with NUL → 422 naming the parameter", () => {
    expect(fieldsOf(() => assertNoNulInUrl({ id: "\u0000" }, "http://x/api/v1/incidents/%00"))).toEqual({
      status: 422,
      fields: { id: expect.stringContaining("NUL") },
    });
    expect(fieldsOf(() => assertNoNulInUrl({}, "http://x/api/v1/incidents?q=a%00b"))).toEqual({
      status: 422,
      fields: { q: expect.any(String) },
    });
    expect(fieldsOf(() => assertNoNulInUrl({ slug: "checkout" }, "http://x/api/v1/services/checkout?x=1"))).toBeNull();
  });
});

describe("instants", () => {
  const ok = "2027-03-22T08:00:00Z";
  it.each(["abc", "2027-02-30T00:00:00Z", "", "0000-01-01T00:00:00Z"])(
    "override and cover request startAt/endAt %j → 422 naming the field",
    (bad) => {
      expect(
        overrideInputSchema
          .safeParse({ kind: "add", userId: "u1", startAt: bad, endAt: ok })
          .error?.issues.map((i) => i.path.join(".")),
      ).toEqual(["startAt"]);
      expect(
        overrideInputSchema
          .safeParse({ kind: "add", userId: "u1", startAt: ok, endAt: bad })
          .error?.issues.map((i) => i.path.join(".")),
      ).toEqual(["endAt"]);
      expect(
        coverRequestInputSchema.safeParse({ startAt: bad, endAt: ok }).error?.issues.map((i) => i.path.join(".")),
      ).toEqual(["startAt"]);
      expect(windowQuerySchema.safeParse({ from: ok, to: bad }).error?.issues.map((i) => i.path.join("."))).toEqual([
        "to",
      ]);
    },
  );

  it.each(["99999999999999", "+275760-09-13T00:00:00Z", "-271821-04-20T00:00:00Z", "1800-01-01T00:00:00Z"])(
    "from/to/at %j out of range → 422 naming the field",
    (bad) => {
      expect(burndownQuerySchema.safeParse({ from: bad }).error?.issues.map((i) => i.path.join("."))).toEqual(["from"]);
      expect(burndownQuerySchema.safeParse({ at: bad }).error?.issues.map((i) => i.path.join("."))).toEqual(["at"]);
      expect(listDeploymentsSchema.safeParse({ to: bad }).error?.issues.map((i) => i.path.join("."))).toContain("to");
    },
  );

  it("rejects years outside 1900–9999 in every instant schema and keeps accepting normal instants", () => {
    for (const s of [isoInstantSchema, incidentInstant]) {
      expect(s.safeParse("9999-12-31T23:59:59Z").success).toBe(true);
      expect(s.safeParse("1899-12-31T23:59:59Z").error?.issues[0]?.message).toMatch(/1900 and 9999/);
      expect(s.parse(ok)).toEqual(new Date(ok));
    }
    expect(burndownQuerySchema.parse({ from: "1700000000" }).from).toBe(1_700_000_000_000);
  });
});

describe("SLO version number path parameter", () => {
  it.each(["abc", "0", "-1", "1.5", "99999999999", ""])("%j → 422 naming number", (bad) => {
    expect(
      versionNumberParamSchema.safeParse({ id: "x", number: bad }).error?.issues.map((i) => i.path.join(".")),
    ).toEqual(["number"]);
  });
  it("a version number parses", () => expect(versionNumberParamSchema.parse({ number: "12" }).number).toBe(12));
});

describe("integers bound for PostgreSQL integer columns (2^31 − 1)", () => {
  const too = 2 ** 31;
  it("versions, pages, revisions and incident numbers above it → 422 naming the field", () => {
    expect(budgetPolicySchema.safeParse({ version: too }).error?.issues.map((i) => i.path.join("."))).toEqual([
      "version",
    ]);
    expect(paginationSchema.safeParse({ page: String(too) }).error?.issues.map((i) => i.path.join("."))).toEqual([
      "page",
    ]);
    expect(
      postmortemExportQuerySchema
        .safeParse({ revision: "3740955715387704" })
        .error?.issues.map((i) => i.path.join(".")),
    ).toEqual(["revision"]);
    expect(
      createActionItemSchema
        .safeParse({ incident: 1521351585439874, title: "x" })
        .error?.issues.map((i) => i.path.join(".")) ?? [],
    ).toContain("incident");
    expect(budgetPolicySchema.safeParse({ version: too - 1 }).success).toBe(true);
  });
});
