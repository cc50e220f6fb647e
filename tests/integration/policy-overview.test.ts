import { beforeAll, describe, expect, it } from "vitest";
import * as teams from "@/app/api/v1/teams/route";
import * as services from "@/app/api/v1/services/route";
import * as servicePolicy from "@/app/api/v1/services/[slug]/policy/route";
import * as teamPolicy from "@/app/api/v1/teams/[slug]/policy/route";
import { ownPolicies, policyThresholdsBySlug } from "@/lib/services/policy-overview";
import { SYSTEM_ACTOR } from "@/lib/services/system-actor";
import { call, userWithToken } from "./helpers/api";

// The read models behind the SLO overview's policy column and the policy editor: every service's
// effective thresholds in one query (service override > team default > built-in), and the own policies.
describe("policy read models", () => {
  let approver: string;

  beforeAll(async () => {
    const admin = (await userWithToken("admin")).token;
    for (const slug of ["pol-a", "pol-b"])
      expect((await call(teams.POST, { method: "POST", token: admin, body: { slug, name: slug } })).status).toBe(201);
    for (const [slug, team] of [
      ["pol-own", "pol-a"],
      ["pol-team", "pol-a"],
      ["pol-none", "pol-b"],
    ]) {
      expect(
        (await call(services.POST, { method: "POST", token: admin, body: { slug, name: slug, team } })).status,
      ).toBe(201);
    }
    approver = (await userWithToken("approver", ["pol-a"])).token;
    expect(
      (
        await call(teamPolicy.PUT, {
          method: "PUT",
          token: approver,
          params: { slug: "pol-a" },
          body: { atRiskBelow: 0.5, freezeAtOrBelow: 0.1, freezeOnPageAlert: false, agreedBy: "Team lead" },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await call(servicePolicy.PUT, {
          method: "PUT",
          token: approver,
          params: { slug: "pol-own" },
          body: { atRiskBelow: 0.8, freezeAtOrBelow: -1, agreedBy: "PM" },
        })
      ).status,
    ).toBe(200);
  });

  it("resolves each service's effective thresholds in one call", async () => {
    const all = await policyThresholdsBySlug(SYSTEM_ACTOR);
    expect(all["pol-own"]).toEqual({
      atRiskBelow: 0.8,
      freezeAtOrBelow: -1,
      freezeOnPageAlert: true,
      scope: "service",
    });
    expect(all["pol-team"]).toEqual({
      atRiskBelow: 0.5,
      freezeAtOrBelow: 0.1,
      freezeOnPageAlert: false,
      scope: "team",
    });
    expect(all["pol-none"]).toEqual({
      atRiskBelow: 0.25,
      freezeAtOrBelow: 0,
      freezeOnPageAlert: true,
      scope: "default",
    });
  });

  it("gives the editor a service's own policy and its team default, with versions for concurrency", async () => {
    const own = await ownPolicies(SYSTEM_ACTOR, "pol-own");
    expect(own).toMatchObject({
      teamSlug: "pol-a",
      service: { atRiskBelow: 0.8, agreedBy: "PM", version: 1 },
      team: { atRiskBelow: 0.5, agreedBy: "Team lead", version: 1 },
    });
    expect(own.service!.agreedAt).toMatch(/^\d{4}-/);
    expect(await ownPolicies(SYSTEM_ACTOR, "pol-none")).toMatchObject({ service: null, team: null, teamSlug: "pol-b" });
    await expect(ownPolicies(SYSTEM_ACTOR, "nope")).rejects.toMatchObject({ code: "NOT_FOUND" });
    // A stale version is refused (the editor sends the version it loaded).
    const stale = await call(servicePolicy.PUT, {
      method: "PUT",
      token: approver,
      params: { slug: "pol-own" },
      body: { atRiskBelow: 0.7, version: 2 },
    }); // stored version is 1
    expect(stale.status).toBe(409);
  });
});
