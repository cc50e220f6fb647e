import { beforeAll, describe, expect, it } from "vitest";
import * as teams from "@/app/api/v1/teams/route";
import * as services from "@/app/api/v1/services/route";
import * as servicePolicy from "@/app/api/v1/services/[slug]/policy/route";
import * as audit from "@/app/api/v1/audit/route";
import { call, userWithToken } from "./helpers/api";

// Issue 12 finding 9: 20 concurrent first PUTs of a service's policy raced on the unique owner key and
// 7 answered 500. Every one must now be applied (2xx) or, when it named a version, refused as stale (409).
describe("concurrent PUT /services/{slug}/policy", () => {
  let admin: string, approver: string;
  beforeAll(async () => {
    admin = (await userWithToken("admin")).token;
    await call(teams.POST, { method: "POST", token: admin, body: { slug: "polrace-team", name: "Policy race" } });
    for (const slug of ["polrace-a", "polrace-b"])
      await call(services.POST, { method: "POST", token: admin, body: { slug, name: slug, team: "polrace-team" } });
    approver = (await userWithToken("approver", ["polrace-team"])).token;
  });

  it("20 concurrent first PUTs without a version: all 200, each applied once in turn (version 1…20)", async () => {
    const params = { slug: "polrace-a" };
    const res = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        call(servicePolicy.PUT, {
          method: "PUT",
          token: approver,
          params,
          body: { atRiskBelow: 0.3, agreedBy: `writer ${i}` },
        }),
      ),
    );
    expect(
      res.map((r) => r.status),
      JSON.stringify(res.find((r) => r.status >= 500)?.body),
    ).toEqual(Array(20).fill(200));
    expect(res.map((r) => r.body.version).sort((a: number, b: number) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    const state = await call(servicePolicy.GET, { token: approver, params });
    expect(state.body.policy).toMatchObject({ scope: "service", version: 20 });
    const events = (await call(audit.GET, { token: admin, url: "/api/v1/audit?entityType=budgetPolicy&pageSize=200" }))
      .body.items;
    const ids = new Set(res.map((r) => r.body.id));
    expect(ids.size).toBe(1);
    expect(
      events.filter((e: { action: string; entityId: string }) => e.action === "policy.set" && ids.has(e.entityId)),
    ).toHaveLength(20);
  });

  it("20 concurrent edits of version 1: exactly one wins, the others get 409 stale (no silent overwrite, no 500)", async () => {
    const params = { slug: "polrace-b" };
    expect(
      (await call(servicePolicy.PUT, { method: "PUT", token: approver, params, body: { atRiskBelow: 0.2 } })).status,
    ).toBe(200);
    const res = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        call(servicePolicy.PUT, {
          method: "PUT",
          token: approver,
          params,
          body: { atRiskBelow: 0.4, agreedBy: `editor ${i}`, version: 1 },
        }),
      ),
    );
    const statuses = res.map((r) => r.status).sort();
    expect(statuses).toEqual([200, ...Array(19).fill(409)]);
    expect(res.filter((r) => r.status === 409).every((r) => r.body.error.fields.version === "stale")).toBe(true);
  });
});
