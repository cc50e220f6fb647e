import { beforeAll, describe, expect, it } from "vitest";
import * as teams from "@/app/api/v1/teams/route";
import * as services from "@/app/api/v1/services/route";
import * as integrations from "@/app/api/v1/integrations/route";
import * as webhook from "@/app/api/v1/integrations/alertmanager/route";
import * as fromPage from "@/app/api/v1/incidents/from-page/[pageId]/route";
import { getPageDetail } from "@/lib/services/oncall/page-detail";
import { actorForToken } from "@/lib/services/users";
import { call, userWithToken } from "./helpers/api";

// The on-call page detail view's data (issue 11 item 12): the alerts of an Alertmanager group with links
// to the SLO, runbook and dashboard, and the incident once the page is declared one.

const payload = {
  version: "4",
  status: "firing",
  receiver: "srecp",
  groupKey: '{}:{alertname="SLOBurnRate"}',
  truncatedAlerts: 0,
  externalURL: "http://am.local",
  groupLabels: { alertname: "SLOBurnRate" },
  commonLabels: { alertname: "SLOBurnRate", service: "detail-api", severity: "page" },
  commonAnnotations: { dashboard_url: "https://grafana.example.com/d/detail-api" },
  alerts: [
    {
      status: "firing",
      labels: { alertname: "SLOBurnRate", service: "detail-api", severity: "page", slo_id: "slo-123", tier: "fast" },
      annotations: { summary: "availability burning at 14.4x", runbook_url: "https://runbooks.example.com/detail-api" },
      startsAt: "2027-01-01T10:00:00Z",
      endsAt: "0001-01-01T00:00:00Z",
      generatorURL: "http://prometheus.local/graph?g0.expr=x",
      fingerprint: "fp-fast",
    },
    {
      status: "firing",
      labels: { alertname: "SLOBurnRate", service: "detail-api", severity: "page", slo_id: "slo-123", tier: "slow" },
      annotations: { summary: "availability burning at 6x", runbook_url: "javascript:alert(1)" },
      startsAt: "2027-01-01T10:01:00Z",
      endsAt: "0001-01-01T00:00:00Z",
      generatorURL: "",
      fingerprint: "fp-slow",
    },
  ],
};

describe("on-call page detail", () => {
  let editor: { token: string };
  let hookToken: string;

  beforeAll(async () => {
    const admin = await userWithToken("admin");
    expect(
      (
        await call(teams.POST, {
          method: "POST",
          token: admin.token,
          body: { slug: "detail-team", name: "Detail team" },
        })
      ).status,
    ).toBe(201);
    editor = await userWithToken("editor", ["detail-team"]);
    expect(
      (
        await call(services.POST, {
          method: "POST",
          token: editor.token,
          body: { slug: "detail-api", name: "Detail API", team: "detail-team" },
        })
      ).status,
    ).toBe(201);
    const created = await call(integrations.POST, {
      method: "POST",
      token: admin.token,
      body: { name: "detail-am", defaultService: "detail-api" },
    });
    expect(created.status).toBe(201);
    hookToken = created.body.token;
  });

  it("shows every alert with its SLO, runbook and dashboard links, then the incident it was declared as", async () => {
    const opened = await call(webhook.POST, { method: "POST", token: hookToken, body: payload });
    expect(opened.status).toBe(201);
    const actor = (await actorForToken(editor.token))!;
    const before = await getPageDetail(actor, opened.body.pageId);
    expect(before.incident).toBeNull();
    expect(before.alertList.map((a) => [a.fingerprint, a.status, a.summary])).toEqual([
      ["fp-fast", "firing", "availability burning at 14.4x"],
      ["fp-slow", "firing", "availability burning at 6x"],
    ]);
    expect(before.alertList[0]!.links).toEqual({
      slo: "/slos/slo-123",
      runbook: "https://runbooks.example.com/detail-api",
      dashboard: "https://grafana.example.com/d/detail-api",
      source: "http://prometheus.local/graph?g0.expr=x",
    });
    expect(before.alertList[1]!.links).toEqual({
      slo: "/slos/slo-123",
      dashboard: "https://grafana.example.com/d/detail-api",
    });

    const declared = await call(fromPage.POST, {
      method: "POST",
      token: editor.token,
      params: { pageId: opened.body.pageId },
      body: { severity: "SEV-1" },
    });
    expect(declared.status).toBe(201);
    const after = await getPageDetail(actor, opened.body.pageId);
    expect(after.incident).toEqual({ number: declared.body.number, title: before.title });
  });

  it("404s an unknown page", async () => {
    const actor = (await actorForToken(editor.token))!;
    await expect(getPageDetail(actor, "no-such-page")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
