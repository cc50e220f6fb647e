import { describe, expect, it } from "vitest";
import { parseDataSourceRow } from "@/lib/db/repos/datasources";
import type { DataSource } from "@/lib/db";

const row = (over: Partial<DataSource> = {}): DataSource => ({
  id: "ds1",
  name: "mimir",
  url: "http://mimir:9009/prometheus",
  authType: "bearer",
  bearerToken: "v1:k:sealed",
  basicUser: null,
  basicPassword: null,
  headers: { "X-Scope-OrgID": "tenant-a" },
  timeoutMs: 10_000,
  isDefault: false,
  createdAt: new Date(0),
  updatedAt: new Date(0),
  ...over,
});

// DataSource.headers is a Json column and authType a string: read back with the schema that checks them on write.
describe("parseDataSourceRow", () => {
  it("gives typed headers and auth type, the other columns unchanged", () => {
    const r = parseDataSourceRow(row());
    expect(r.headers).toEqual({ "X-Scope-OrgID": "tenant-a" });
    expect(r.authType).toBe("bearer");
    expect(r.bearerToken).toBe("v1:k:sealed");
  });

  it("throws naming the table, row and column when a stored value breaks the schema (a defect, never a default)", () => {
    expect(() => parseDataSourceRow(row({ headers: { "X-Scope-OrgID": 7 } }))).toThrow(
      /^DataSource ds1: column headers does not match its schema \(X-Scope-OrgID: /,
    );
    expect(() => parseDataSourceRow(row({ headers: ["a"] }))).toThrow(/DataSource ds1: column headers/);
    expect(() => parseDataSourceRow(row({ authType: "kerberos" }))).toThrow(/DataSource ds1: column authType/);
  });
});
