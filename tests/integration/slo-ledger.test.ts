import { beforeAll, describe, expect, inject, it } from "vitest";
import * as teams from "@/app/api/v1/teams/route";
import * as services from "@/app/api/v1/services/route";
import * as slos from "@/app/api/v1/slos/route";
import * as ledgerRoute from "@/app/api/v1/slos/[id]/ledger/route";
import * as incidents from "@/app/api/v1/incidents/route";
import * as incident from "@/app/api/v1/incidents/[id]/route";
import * as budget from "@/app/api/v1/incidents/[id]/budget/route";
import * as actionItems from "@/app/api/v1/incidents/[id]/action-items/route";
import * as deployments from "@/app/api/v1/deployments/route";
import * as home from "@/app/api/v1/home/route";
import * as scorecard from "@/app/api/v1/scorecard/route";
import * as servicePolicy from "@/app/api/v1/services/[slug]/policy/route";
import * as corrections from "@/app/api/v1/slos/[id]/corrections/route";
import * as approveCorrection from "@/app/api/v1/slos/[id]/corrections/[correctionId]/approve/route";
import { getDb } from "@/lib/db";
import { evaluateRecentIncidentBudgets } from "@/lib/services/incidents/budget-policy-job";
import { createScenario } from "../harness/scenario";
import { call, userWithToken } from "./helpers/api";

// Budget ledger and budget-policy trigger (issue 16 items 1–2) on the closed-form scenario
// (tests/harness/scenario.ts): "payments" serves 5 req/s and fails exactly 1 % of them all the time, so the
// bad events of any range are known in closed form (0.05 per second). A 99.9 % / 30 d SLO over it spends
// ten budgets a month: allowed = 0.001 × 12 960 000 = 12 960 bad events.
const end = inject("SCENARIO_END");
const scenario = createScenario(end);
const H = 3600;
const M = 60;
const iso = (sec: number) => new Date(sec * 1000).toISOString();
const bad = (from: number, to: number) => scenario.expectedRequests("payments", from, to).bad;
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);
const sli = {
  kind: "ratio",
  total: 'http_requests_total{service="payments"}',
  bad: 'http_requests_total{service="payments",code=~"5.."}',
};

type Part = {
  kind: string;
  id: string | null;
  label: string;
  from: string;
  to: string;
  bad: number;
  total: number;
  consumed: number | null;
};

describe("budget ledger and budget policy from exact counts", () => {
  let admin: string;
  const slo: Record<string, string> = {};

  beforeAll(async () => {
    admin = (await userWithToken("admin")).token;
    expect(
      (await call(teams.POST, { method: "POST", token: admin, body: { slug: "ledger-team", name: "Ledger" } })).status,
    ).toBe(201);
    for (const slug of ["ledger-pay", "ledger-pol"]) {
      expect(
        (await call(services.POST, { method: "POST", token: admin, body: { slug, name: slug, team: "ledger-team" } }))
          .status,
      ).toBe(201);
      const res = await call(slos.POST, {
        method: "POST",
        token: admin,
        body: {
          name: `${slug}-availability`,
          service: slug,
          sli,
          objective: 0.999,
          window: { kind: "rolling", days: 30 },
        },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      slo[slug] = res.body.id;
    }
  });

  async function declare(service: string, title: string, from: number, to: number, severity = "SEV-3") {
    const res = await call(incidents.POST, {
      method: "POST",
      token: admin,
      body: {
        title,
        severity,
        services: [service],
        impactStartAt: iso(from),
        detectedAt: iso(from),
        mitigatedAt: iso(to),
        resolvedAt: iso(to),
      },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: string; number: number };
  }

  it("two incidents and one deployment: each part equals its range's bad events, the parts sum to the total", async () => {
    // Incident A mid-hour to an hour edge; incident B inside the deploy's 24 h range (incident first).
    const a = await declare("ledger-pay", "Ledger incident A", end - 50 * H + 20 * M, end - 48 * H);
    const b = await declare("ledger-pay", "Ledger incident B", end - 30 * H, end - 29 * H + 30 * M);
    const dep = await call(deployments.POST, {
      method: "POST",
      token: admin,
      body: { service: "ledger-pay", version: "v42", at: iso(end - 31 * H) },
    });
    expect(dep.status, JSON.stringify(dep.body)).toBe(201);

    const res = await call(ledgerRoute.GET, {
      token: admin,
      params: { id: slo["ledger-pay"]! },
      url: `/?to=${iso(end)}`,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const parts = res.body.parts as Part[];
    const part = (id: string | null) => parts.find((p) => p.id === id)!;
    const expected = {
      a: bad(end - 50 * H + 20 * M, end - 48 * H),
      b: bad(end - 30 * H, end - 29 * H + 30 * M),
      // the deploy's range [−31 h, −7 h) minus incident B
      dep: bad(end - 31 * H, end - 30 * H) + bad(end - 29 * H + 30 * M, end - 7 * H),
      all: bad(end - 30 * 24 * H, end),
    };
    expect([expected.a, expected.b, expected.dep, expected.all]).toEqual([300, 270, 4050, 129_600]);
    expect(rel(part(a.id).bad, expected.a)).toBeLessThan(1e-6);
    expect(rel(part(b.id).bad, expected.b)).toBeLessThan(1e-6);
    expect(rel(part(dep.body.id).bad, expected.dep)).toBeLessThan(1e-6);
    expect(part(dep.body.id)).toMatchObject({
      kind: "deploy",
      label: "Deploy v42",
      from: iso(end - 31 * H),
      to: iso(end - 7 * H),
    });
    expect(rel(part(null).bad, expected.all - expected.a - expected.b - expected.dep)).toBeLessThan(1e-6);
    // Parts sum to the total, exactly (the total is their sum), and the total matches the closed form.
    expect(parts.reduce((s, p) => s + p.bad, 0)).toBe(res.body.bad);
    expect(rel(res.body.bad, expected.all)).toBeLessThan(1e-6);
    expect(rel(res.body.total, 5 * 30 * 86_400)).toBeLessThan(1e-9);
    expect(rel(res.body.consumed, 10)).toBeLessThan(1e-6);
    expect(rel(part(a.id).consumed!, 300 / 12_960)).toBeLessThan(1e-6);
    expect(res.body.excluded).toBeNull();
  });

  it("an approved correction over incident A moves exactly its hours' events to 'corrected (excluded)'", async () => {
    const before = (
      await call(ledgerRoute.GET, { token: admin, params: { id: slo["ledger-pay"]! }, url: `/?to=${iso(end)}` })
    ).body;
    const created = await call(corrections.POST, {
      method: "POST",
      token: admin,
      params: { id: slo["ledger-pay"]! },
      body: {
        startsAt: iso(end - 51 * H),
        endsAt: iso(end - 48 * H),
        category: "maintenance",
        reason: "Planned payments maintenance",
      },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const approver = (await userWithToken("approver", ["ledger-team"])).token;
    const approved = await call(approveCorrection.POST, {
      method: "POST",
      token: approver,
      params: { id: slo["ledger-pay"]!, correctionId: created.body.id },
      body: { version: created.body.version },
    });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);

    const after = (
      await call(ledgerRoute.GET, { token: admin, params: { id: slo["ledger-pay"]! }, url: `/?to=${iso(end)}` })
    ).body;
    const part = (body: { parts: Part[] }, label: string) => body.parts.find((p) => p.label.endsWith(label))!;
    expect(after.excluded).toMatchObject({ corrections: 1 });
    expect(rel(after.excluded.bad, bad(end - 51 * H, end - 48 * H))).toBeLessThan(1e-6);
    expect(part(after, "Ledger incident A").bad).toBe(0);
    expect(
      rel(part(before, "Unattributed").bad - part(after, "Unattributed").bad, bad(end - 51 * H, end - 50 * H + 20 * M)),
    ).toBeLessThan(1e-6);
    expect(part(after, "Ledger incident B").bad).toBe(part(before, "Ledger incident B").bad);
    expect(rel(before.bad - after.bad, 540)).toBeLessThan(1e-6);
    expect((after.parts as Part[]).reduce((x, p) => x + p.bad, 0)).toBe(after.bad);
    expect(rel(after.total, before.total - after.excluded.total)).toBeLessThan(1e-12);
  });

  it("refuses bad ranges with 422 naming the field", async () => {
    const early = await call(ledgerRoute.GET, {
      token: admin,
      params: { id: slo["ledger-pay"]! },
      url: `/?to=${iso(end)}&from=${iso(end - 31 * 24 * H)}`,
    });
    expect(early.status).toBe(422);
    expect(JSON.stringify(early.body)).toContain("from");
    const horizon = await call(ledgerRoute.GET, {
      token: admin,
      params: { id: slo["ledger-pay"]! },
      url: "/?horizonHours=0",
    });
    expect(horizon.status).toBe(422);
    expect(JSON.stringify(horizon.body)).toContain("horizonHours");
    const order = await call(ledgerRoute.GET, {
      token: admin,
      params: { id: slo["ledger-pay"]! },
      url: `/?from=${iso(end)}&to=${iso(end - H)}`,
    });
    expect(order.status).toBe(422);
  });

  it("an incident spending 25 % of a budget requires a postmortem (budget policy) with a P0/P1 item; 15 % does not", async () => {
    // 25 %: 3 240 bad = 18 h at 0.05/s. 15 %: 1 944 bad = 10 h 48 min.
    const big = await declare("ledger-pol", "Ledger policy 25", end - 100 * H, end - 82 * H);
    const small = await declare("ledger-pol", "Ledger policy 15", end - 60 * H, end - 60 * H + 648 * M);
    expect(bad(end - 100 * H, end - 82 * H) / 12_960).toBe(0.25);
    expect(bad(end - 60 * H, end - 60 * H + 648 * M) / 12_960).toBeCloseTo(0.15, 12);

    const spentBig = await call(budget.GET, { token: admin, params: { id: big.id } });
    expect(spentBig.status, JSON.stringify(spentBig.body)).toBe(200);
    expect(spentBig.body.items).toHaveLength(1);
    expect(rel(spentBig.body.items[0].consumed, 0.25)).toBeLessThan(1e-6);
    expect(spentBig.body.items[0]).toMatchObject({
      sloName: "ledger-pol-availability",
      window: "30-day",
      threshold: 0.2,
      aboveThreshold: true,
    });
    expect(spentBig.body.trigger.slos.map((s: { sloName: string }) => s.sloName)).toEqual(["ledger-pol-availability"]);

    const viewBig = (await call(incident.GET, { token: admin, params: { id: big.id } })).body;
    expect(viewBig.postmortem.required).toBe(true);
    expect(viewBig.postmortem.reasons).toEqual(["budget_policy"]);
    expect(viewBig.postmortem.budgetPolicy).toMatchObject({
      threshold: 0.2,
      actionItemRequired: "P0/P1",
      actionItemMet: false,
    });
    // A SEV-3 made required gets a deadline (10 business days), so it can go overdue like any other.
    expect(viewBig.postmortem.dueAt).not.toBeNull();

    const p2 = await call(actionItems.POST, {
      method: "POST",
      token: admin,
      params: { id: big.id },
      body: { title: "Add retries", priority: "P2", type: "mitigate" },
    });
    expect(p2.status, JSON.stringify(p2.body)).toBe(201);
    expect(
      (await call(incident.GET, { token: admin, params: { id: big.id } })).body.postmortem.budgetPolicy.actionItemMet,
    ).toBe(false);
    const p1 = await call(actionItems.POST, {
      method: "POST",
      token: admin,
      params: { id: big.id },
      body: { title: "Cap the payments queue", priority: "P1", type: "prevent" },
    });
    expect(p1.status, JSON.stringify(p1.body)).toBe(201);
    expect(
      (await call(incident.GET, { token: admin, params: { id: big.id } })).body.postmortem.budgetPolicy.actionItemMet,
    ).toBe(true);

    // Home and scorecard treat it like any required postmortem (a member of the team sees it as due).
    const viewer = (await userWithToken("viewer", ["ledger-team"])).token;
    const homeItems = (await call(home.GET, { token: viewer })).body.postmortems.items as {
      key: string;
      budgetPolicy: boolean;
      status: string;
    }[];
    expect(homeItems.find((i) => i.key === `INC-${big.number}`)).toMatchObject({
      budgetPolicy: true,
      status: "pending",
    });
    expect(homeItems.find((i) => i.key === `INC-${small.number}`)).toBeUndefined();
    type Score = { service: { slug: string }; checks: { key: string; status: string; details: string[] }[] };
    const scores = (
      await call(scorecard.GET, { token: viewer, url: "/api/v1/scorecard?team=ledger-team" })
    ).body.teams.flatMap((t: { serviceScores: Score[] }) => t.serviceScores) as Score[];
    const pmCheck = scores.find((x) => x.service.slug === "ledger-pol")!.checks.find((c) => c.key === "postmortems")!;
    expect(pmCheck.details.some((d) => d.startsWith(`INC-${big.number} (budget policy): due`))).toBe(true);

    const spentSmall = await call(budget.GET, { token: admin, params: { id: small.id } });
    expect(spentSmall.status).toBe(200);
    expect(rel(spentSmall.body.items[0].consumed, 0.15)).toBeLessThan(1e-6);
    expect(spentSmall.body.items[0].aboveThreshold).toBe(false);
    expect(spentSmall.body.trigger).toBeNull();
    const viewSmall = (await call(incident.GET, { token: admin, params: { id: small.id } })).body;
    expect(viewSmall.postmortem).toMatchObject({ required: false, reasons: [], budgetPolicy: null, dueAt: null });

    // The share is a policy setting: at 10 % the 15 % incident triggers too; out of range is a 422 naming it.
    const refused = await call(servicePolicy.PUT, {
      method: "PUT",
      token: admin,
      params: { slug: "ledger-pol" },
      body: { postmortemAbove: 1.5 },
    });
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body.error)).toContain("postmortemAbove");
    const set = await call(servicePolicy.PUT, {
      method: "PUT",
      token: admin,
      params: { slug: "ledger-pol" },
      body: { postmortemAbove: 0.1, agreedBy: "SRE lead" },
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    const again = await call(budget.GET, { token: admin, params: { id: small.id } });
    expect(again.body.trigger).toMatchObject({ threshold: 0.1 });
    const viewAgain = (await call(incident.GET, { token: admin, params: { id: small.id } })).body;
    expect(viewAgain.postmortem).toMatchObject({ required: true, reasons: ["budget_policy"] });
    expect(viewAgain.postmortem.dueAt).not.toBeNull();
  });

  it("the background job stores the trigger of an incident nobody opened", async () => {
    expect(
      (await call(teams.POST, { method: "POST", token: admin, body: { slug: "ledger-job", name: "Ledger job" } }))
        .status,
    ).toBe(201);
    expect(
      (
        await call(services.POST, {
          method: "POST",
          token: admin,
          body: { slug: "ledger-job-pay", name: "ledger-job-pay", team: "ledger-job" },
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await call(slos.POST, {
          method: "POST",
          token: admin,
          body: {
            name: "ledger-job-availability",
            service: "ledger-job-pay",
            sli,
            objective: 0.999,
            window: { kind: "rolling", days: 30 },
          },
        })
      ).status,
    ).toBe(201);
    const inc = await declare("ledger-job-pay", "Ledger job 25", end - 100 * H, end - 82 * H);
    expect((await call(incident.GET, { token: admin, params: { id: inc.id } })).body.postmortem.required).toBe(false);
    const team = await (await getDb()).team.findUniqueOrThrow({ where: { slug: "ledger-job" } });
    expect(await evaluateRecentIncidentBudgets(Date.now(), { teamId: team.id })).toEqual({ evaluated: 1, failed: 0 });
    const view = (await call(incident.GET, { token: admin, params: { id: inc.id } })).body;
    expect(view.postmortem).toMatchObject({ required: true, reasons: ["budget_policy"] });
    expect(view.postmortem.budgetPolicy.slos[0].sloName).toBe("ledger-job-availability");
  });
});
