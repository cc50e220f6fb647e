import { beforeAll, describe, expect, it } from "vitest";
import * as teams from "@/app/api/v1/teams/route";
import * as services from "@/app/api/v1/services/route";
import * as servicePolicy from "@/app/api/v1/services/[slug]/policy/route";
import * as teamPolicy from "@/app/api/v1/teams/[slug]/policy/route";
import * as audit from "@/app/api/v1/audit/route";
import { call, userWithToken } from "./helpers/api";

describe("removing a service's own budget policy", () => {
  let admin: string, approver: string, editor: string;
  const params = { slug: "polrm-svc" };

  beforeAll(async () => {
    admin = (await userWithToken("admin")).token;
    await call(teams.POST, { method: "POST", token: admin, body: { slug: "polrm-team", name: "Policy removal" } });
    await call(services.POST, {
      method: "POST",
      token: admin,
      body: { slug: "polrm-svc", name: "Svc", team: "polrm-team" },
    });
    approver = (await userWithToken("approver", ["polrm-team"])).token;
    editor = (await userWithToken("editor", ["polrm-team"])).token;
    expect(
      (
        await call(teamPolicy.PUT, {
          method: "PUT",
          token: approver,
          params: { slug: "polrm-team" },
          body: { atRiskBelow: 0.5, agreedBy: "VP Eng" },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await call(servicePolicy.PUT, {
          method: "PUT",
          token: approver,
          params,
          body: { atRiskBelow: 0.1, agreedBy: "Lead" },
        })
      ).status,
    ).toBe(200);
  });

  it("lets the team default apply again, audited; editors may not; a second removal is 404", async () => {
    expect((await call(servicePolicy.GET, { token: editor, params })).body.policy).toMatchObject({
      scope: "service",
      atRiskBelow: 0.1,
    });
    expect((await call(servicePolicy.DELETE, { method: "DELETE", token: editor, params })).status).toBe(403);
    const removed = await call(servicePolicy.DELETE, { method: "DELETE", token: approver, params });
    expect(removed.status).toBe(200);
    expect(removed.body.policy).toMatchObject({ scope: "team", atRiskBelow: 0.5, agreedBy: "VP Eng" });
    expect((await call(servicePolicy.DELETE, { method: "DELETE", token: approver, params })).status).toBe(404);
    const events = (await call(audit.GET, { token: admin, url: "/api/v1/audit?entityType=budgetPolicy&pageSize=50" }))
      .body.items;
    expect(events.map((e: { action: string }) => e.action)).toContain("policy.remove");
  });
});
