import { beforeAll, describe, expect, it } from "vitest";
import * as teams from "@/app/api/v1/teams/route";
import * as services from "@/app/api/v1/services/route";
import * as policies from "@/app/api/v1/escalation-policies/route";
import * as policy from "@/app/api/v1/escalation-policies/[id]/route";
import * as integrations from "@/app/api/v1/integrations/route";
import * as webhook from "@/app/api/v1/integrations/alertmanager/route";
import { getDb } from "@/lib/db";
import { escalateDuePages } from "@/lib/services/oncall/escalation";
import { call, userWithToken } from "./helpers/api";

// Issue 13 item 5: the policy setting "who hears about a page that went through every step unacknowledged".
type U = { email: string; token: string; id: string };

describe("escalation policy fallback", () => {
  let admin: U, lead: U, oncall: U;
  let channelId = "";
  let otherChannelId = "";

  beforeAll(async () => {
    admin = await userWithToken("admin");
    for (const slug of ["fb-team", "fb-other"])
      expect((await call(teams.POST, { method: "POST", token: admin.token, body: { slug, name: slug } })).status).toBe(
        201,
      );
    lead = await userWithToken("editor", ["fb-team"]);
    oncall = await userWithToken("editor", ["fb-team"]);
    expect(
      (
        await call(services.POST, {
          method: "POST",
          token: admin.token,
          body: { slug: "fb-api", name: "FB API", team: "fb-team" },
        })
      ).status,
    ).toBe(201);
    const db = await getDb();
    const team = await db.team.findUniqueOrThrow({ where: { slug: "fb-team" } });
    const other = await db.team.findUniqueOrThrow({ where: { slug: "fb-other" } });
    channelId = (
      await db.contactMethod.create({
        data: {
          teamId: team.id,
          kind: "slack",
          name: "#fb",
          targetSealed: "unused",
          targetLabel: "https://hooks.example.com",
          verifiedAt: new Date(),
        },
      })
    ).id;
    otherChannelId = (
      await db.contactMethod.create({
        data: {
          teamId: other.id,
          kind: "slack",
          name: "#other",
          targetSealed: "unused",
          targetLabel: "https://hooks.example.com",
          verifiedAt: new Date(),
        },
      })
    ).id;
    await db.contactMethod.create({
      data: {
        userId: lead.id,
        kind: "email",
        name: "work",
        targetSealed: "unused",
        targetLabel: lead.email,
        verifiedAt: new Date(),
      },
    });
  });

  it("sets, shows, validates and clears the fallback; an exhausted page notifies the fallback user and channel", async () => {
    const bad = await call(policies.POST, {
      method: "POST",
      token: lead.token,
      body: {
        team: "fb-team",
        name: "Bad",
        steps: [{ delayMinutes: 5, targets: [{ kind: "user", userId: oncall.id }] }],
        fallbackUserId: "ghost",
        fallbackChannelId: otherChannelId,
      },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields).toEqual({
      fallbackUserId: 'unknown or deactivated user "ghost"',
      fallbackChannelId: "not a team channel of this policy's team",
    });

    const created = await call(policies.POST, {
      method: "POST",
      token: lead.token,
      body: {
        team: "fb-team",
        name: "FB",
        services: ["fb-api"],
        steps: [{ delayMinutes: 5, targets: [{ kind: "user", userId: oncall.id }] }],
        fallbackUserId: lead.id,
        fallbackChannelId: channelId,
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      fallbackUserId: lead.id,
      fallbackUser: { id: lead.id },
      fallbackChannelId: channelId,
    });

    const integration = await call(integrations.POST, {
      method: "POST",
      token: admin.token,
      body: { name: "fb-am", routes: [], defaultService: "fb-api" },
    });
    const t0 = Date.now();
    const opened = await call(webhook.POST, {
      method: "POST",
      token: integration.body.token,
      body: {
        version: "4",
        status: "firing",
        receiver: "srecp",
        groupKey: "fb-1",
        truncatedAlerts: 0,
        externalURL: "http://am.local",
        groupLabels: { alertname: "FB" },
        commonLabels: { alertname: "FB" },
        commonAnnotations: {},
        alerts: [
          {
            status: "firing",
            labels: { alertname: "FB" },
            annotations: {},
            startsAt: new Date(t0).toISOString(),
            endsAt: "0001-01-01T00:00:00Z",
            generatorURL: "",
            fingerprint: "fp-fb-1",
          },
        ],
      },
    });
    expect(opened.status).toBe(201);
    await escalateDuePages(t0 + 6 * 60_000); // past the only step's delay, nobody acknowledged
    const rows = await (
      await getDb()
    ).notification.findMany({ where: { pageId: opened.body.pageId, kind: "fallback" } });
    expect(rows).toHaveLength(2); // the team channel, and the lead's e-mail
    expect(rows.map((r) => r.contactMethodId)).toContain(channelId);
    expect(rows.some((r) => r.userId === lead.id)).toBe(true);

    const cleared = await call(policy.PATCH, {
      method: "PATCH",
      token: lead.token,
      params: { id: created.body.id },
      body: { version: created.body.version, fallbackUserId: null, fallbackChannelId: null },
    });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ fallbackUserId: null, fallbackUser: null, fallbackChannelId: null });
  });
});
