import { beforeAll, describe, expect, it } from "vitest";
import { DateTime } from "luxon";
import * as teams from "@/app/api/v1/teams/route";
import * as services from "@/app/api/v1/services/route";
import * as slos from "@/app/api/v1/slos/route";
import * as schedules from "@/app/api/v1/schedules/route";
import * as policies from "@/app/api/v1/escalation-policies/route";
import * as incidents from "@/app/api/v1/incidents/route";
import * as deployments from "@/app/api/v1/deployments/route";
import * as runbook from "@/app/api/v1/slos/[id]/runbook/route";
import { runbookContext } from "@/lib/services/runbooks/context";
import { SYSTEM_ACTOR } from "@/lib/services/system-actor";
import { call, userWithToken } from "./helpers/api";

// The live context of a runbook page (issue 16 item 5) over the known scenario: payments fails exactly
// 1 % of its requests, so a 99.9 % SLO burns at 10× in every window with data; the scenario ends 1–2 h
// before now, so the 5 m window has none (null, never 0). On call, open incidents, deploys, the SLI
// queries linking to the data source's /graph, and the first-five-minutes checklist naming the deploy.
describe("runbook page context", () => {
  let id = "";
  let admin = "";
  const T = "rbc-team";

  beforeAll(async () => {
    admin = (await userWithToken("admin")).token;
    const oncaller = await userWithToken("editor", []);
    expect(
      (await call(teams.POST, { method: "POST", token: admin, body: { slug: T, name: "Runbook context" } })).status,
    ).toBe(201);
    expect(
      (
        await call(services.POST, {
          method: "POST",
          token: admin,
          body: { slug: "rbc-pay", name: "Payments", team: T, dashboardUrl: "https://grafana.example.com/d/pay" },
        })
      ).status,
    ).toBe(201);
    const slo = await call(slos.POST, {
      method: "POST",
      token: admin,
      body: {
        service: "rbc-pay",
        name: "rbc-availability",
        objective: 0.999,
        window: { kind: "rolling", days: 30 },
        sli: {
          kind: "ratio",
          total: 'http_requests_total{service="payments"}',
          bad: 'http_requests_total{service="payments",code=~"5.."}',
        },
      },
    });
    expect(slo.status, JSON.stringify(slo.body)).toBe(201);
    id = slo.body.id;
    const schedule = await call(schedules.POST, {
      method: "POST",
      token: admin,
      body: {
        team: T,
        name: "RBC primary",
        timezone: "UTC",
        requireHandoffNote: false,
        layers: [
          {
            name: "Weekly",
            rotation: { unit: "week", every: 1 },
            handoffTime: "09:00",
            startAt: DateTime.utc().startOf("week").minus({ weeks: 1 }).toISO(),
            participants: [oncaller.id],
          },
        ],
      },
    });
    expect(schedule.status, JSON.stringify(schedule.body)).toBe(201);
    const policy = await call(policies.POST, {
      method: "POST",
      token: admin,
      body: {
        team: T,
        name: "RBC escalation",
        services: ["rbc-pay"],
        steps: [{ delayMinutes: 5, targets: [{ kind: "schedule", scheduleId: schedule.body.id }] }],
      },
    });
    expect(policy.status, JSON.stringify(policy.body)).toBe(201);
    expect(
      (
        await call(incidents.POST, {
          method: "POST",
          token: admin,
          body: { title: "RBC payments errors", severity: "SEV-2", services: ["rbc-pay"] },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await call(deployments.POST, {
          method: "POST",
          token: admin,
          body: { service: "rbc-pay", version: "v7.1.0", at: new Date(Date.now() - 3_600_000).toISOString() },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await call(runbook.PUT, {
          method: "PUT",
          token: admin,
          params: { id },
          body: { tier: "page-fast", body: "## Fast burn", version: 0 },
        })
      ).status,
    ).toBe(200);
  });

  it("shows the tier's runbook, burn per window and budget from the read model, on-call, open work, deploys, queries and the checklist", async () => {
    const ctx = await runbookContext(SYSTEM_ACTOR, id, "page-fast");
    expect(ctx.runbook).toMatchObject({ tier: "page-fast", version: 1, body: "## Fast burn", inherited: false });
    expect(ctx.tiers.map((t) => [t.name, t.covered])).toEqual([
      ["page-fast", true],
      ["page-slow", false],
      ["ticket-fast", false],
      ["ticket-slow", false],
    ]);
    expect(ctx.tier).toMatchObject({ name: "page-fast", factor: 14.4, longWindow: "1h", shortWindow: "5m" });

    const s = ctx.status!;
    expect(s.noData).toBe(false);
    expect(s.burnRates["5m"]).toBeNull();
    for (const w of ["6h", "1d", "3d"] as const) expect(s.burnRates[w]).toBeCloseTo(10, 6);
    expect(s.errorBudget.remaining).toBeLessThan(0); // 10× for 30 days: the budget is spent many times over
    expect(s.alerts.find((a) => a.name === "ticket-slow")!.firing).toBe(true);

    expect(ctx.oncall.policy?.name).toBe("RBC escalation");
    expect(ctx.oncall.firstStep).toHaveLength(1);
    expect(ctx.oncall.schedules).toEqual([
      expect.objectContaining({ name: "RBC primary", users: ctx.oncall.firstStep }),
    ]);
    expect(ctx.incidents.map((i) => i.title)).toEqual(["RBC payments errors"]);
    expect(ctx.deploys.map((d) => d.version)).toEqual(["v7.1.0"]);

    const prom = process.env.PROMETHEUS_URL!.replace(/\/$/, "");
    expect(ctx.queries.map((q) => q.expr)).toContain('slo:sli_error:ratio_rate1h{slo_id="' + id + '"}');
    for (const q of ctx.queries)
      expect(q.href).toBe(`${prom}/graph?g0.expr=${encodeURIComponent(q.expr)}&g0.tab=1&g0.range_input=1h`);

    expect(ctx.checklist.map((c) => c.key)).toEqual(["symptom", "scope", "changes", "resources", "logs"]);
    expect(ctx.checklist[2]!.hint).toMatch(/^Last deployment: v7\.1\.0 to production at /);
    expect(ctx.checklist[3]!.links).toEqual([
      { label: "Service dashboard", href: "https://grafana.example.com/d/pay" },
    ]);

    // another tier without its own runbook shows none (no all-tiers runbook yet)
    expect((await runbookContext(SYSTEM_ACTOR, id, "ticket-slow")).runbook).toBeNull();
  });

  it("an unknown tier or SLO is not found", async () => {
    await expect(runbookContext(SYSTEM_ACTOR, id, "page-medium")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(runbookContext(SYSTEM_ACTOR, "no-such-slo", "page-fast")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
