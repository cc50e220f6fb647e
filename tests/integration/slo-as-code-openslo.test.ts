import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import * as teams from "@/app/api/v1/teams/route";
import * as services from "@/app/api/v1/services/route";
import * as slos from "@/app/api/v1/slos/route";
import * as status from "@/app/api/v1/slos/[id]/status/route";
import * as sloRules from "@/app/api/v1/slos/[id]/rules/route";
import { parse } from "yaml";
import * as state from "@/app/api/v1/config/state/route";
import * as configPlan from "@/app/api/v1/config/plan/route";
import fs from "node:fs";
import { startApiServer } from "../harness/api-server";
import { runSrecp } from "../harness/srecp-cli";
import { call, userWithToken } from "./helpers/api";

// OpenSLO v1, Sloth and Pyrra files (tests/fixtures, written from the specs and the projects' examples) imported with the real CLI over HTTP
// give SLOs whose status at the scenario's end equals that of the equivalent SLOs made by hand. Each set
// is applied under its own --managed-by owner, so the plans ignore whatever else the database holds.
const end = inject("SCENARIO_END");
const root = path.resolve(__dirname, "../..");
const fixture = (p: string) => path.join("tests/fixtures", p);

type Status = {
  windowStart: string;
  windowEnd: string;
  noData: boolean;
  sliValue: number;
  events: { good: number; bad: number; total: number };
  errorBudget: { total: number; consumed: number; remaining: number; allowedBadEvents: number };
  burnRates: Record<string, number | null>;
  alerts: { name: string; firing: boolean; factor: number }[];
  exhaustsAt: string | null;
};

const close = (a: number | null, b: number | null) =>
  a === null || b === null ? a === b : Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));

function expectSameStatus(imported: Status, hand: Status) {
  expect(imported.windowStart).toBe(hand.windowStart);
  expect(imported.windowEnd).toBe(hand.windowEnd);
  expect(imported.noData).toBe(false);
  for (const k of ["good", "bad", "total"] as const)
    expect(close(imported.events[k], hand.events[k]), `events.${k} ${imported.events[k]} vs ${hand.events[k]}`).toBe(
      true,
    );
  expect(close(imported.sliValue, hand.sliValue)).toBe(true);
  for (const k of ["total", "consumed", "remaining", "allowedBadEvents"] as const)
    expect(close(imported.errorBudget[k], hand.errorBudget[k]), `errorBudget.${k}`).toBe(true);
  for (const w of Object.keys(hand.burnRates))
    expect(
      close(imported.burnRates[w]!, hand.burnRates[w]!),
      `burnRates.${w} ${imported.burnRates[w]} vs ${hand.burnRates[w]}`,
    ).toBe(true);
  expect(imported.alerts.map((a) => [a.name, a.factor, a.firing])).toEqual(
    hand.alerts.map((a) => [a.name, a.factor, a.firing]),
  );
  expect(imported.exhaustsAt === null ? null : Math.round(Date.parse(imported.exhaustsAt) / 1000)).toBe(
    hand.exhaustsAt === null ? null : Math.round(Date.parse(hand.exhaustsAt) / 1000),
  );
}

describe("OpenSLO and Sloth import", () => {
  let server: { url: string; close: () => Promise<void> };
  let admin: string;
  const srecp = (...args: string[]) => runSrecp(args, { SRECP_URL: server.url, SRECP_TOKEN: admin });
  const hand: Record<string, string> = {};

  beforeAll(async () => {
    server = await startApiServer(root, (f) => import(/* @vite-ignore */ f));
    admin = (await userWithToken("admin")).token;
    expect(
      (await call(teams.POST, { method: "POST", token: admin, body: { slug: "oslo-team", name: "OpenSLO" } })).status,
    ).toBe(201);
    for (const s of [
      "hand-checkout",
      "hand-search",
      "hand-payments",
      "sloth-checkout",
      "sloth-search",
      "pyrra-search",
      "pyrra-checkout",
      "pyrra-probes",
    ]) {
      expect(
        (await call(services.POST, { method: "POST", token: admin, body: { slug: s, name: s, team: "oslo-team" } }))
          .status,
      ).toBe(201);
    }
    const make = async (key: string, body: Record<string, unknown>) => {
      const res = await call(slos.POST, { method: "POST", token: admin, body });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      hand[key] = res.body.id;
    };
    const errors = (svc: string) => ({
      kind: "ratio",
      total: `http_requests_total{service="${svc}"}`,
      bad: `http_requests_total{service="${svc}",code=~"5.."}`,
    });
    await make("oslo-checkout/availability", {
      service: "hand-checkout",
      name: "availability",
      objective: 0.999,
      window: { kind: "rolling", days: 30 },
      sli: errors("checkout"),
    });
    await make("oslo-checkout/latency", {
      service: "hand-checkout",
      name: "latency",
      objective: 0.99,
      window: { kind: "rolling", days: 28 },
      sli: {
        kind: "latency",
        metric: "http_request_duration_seconds",
        matchers: 'service="checkout"',
        thresholdSeconds: 0.3,
      },
    });
    await make("oslo-search/availability", {
      service: "hand-search",
      name: "availability",
      objective: 0.995,
      window: { kind: "calendar", unit: "month", timezone: "Europe/Berlin" },
      sli: errors("search"),
    });
    await make("oslo-payments/availability", {
      service: "hand-payments",
      name: "availability",
      objective: 0.995,
      window: { kind: "calendar", unit: "week", timezone: "UTC" },
      sli: errors("payments"),
    });
    await make("sloth-search/availability", {
      service: "hand-search",
      name: "availability-30d",
      objective: 0.995,
      window: { kind: "rolling", days: 30 },
      sli: errors("search"),
    });
  });
  afterAll(async () => server?.close());

  const statusAt = async (id: string) => {
    const res = await call(status.GET, { token: admin, url: `/x?at=${end}`, params: { id } });
    expect(res.status).toBe(200);
    expect(res.body.stale).toBe(false);
    return res.body as Status;
  };
  const alertRules = async (id: string) => {
    const res = await call(sloRules.GET, { token: admin, params: { id } });
    expect(res.status).toBe(200);
    const file = parse(res.body as string) as {
      groups: { rules: { alert?: string; labels?: Record<string, string>; annotations?: Record<string, string> }[] }[];
    };
    return file.groups.flatMap((g) => g.rules).filter((r) => r.alert);
  };
  const importedIds = async (owner = "oslo-test") => {
    const s = (await call(state.GET, { token: admin, url: `/x?managedBy=${owner}` })).body;
    return Object.fromEntries(
      s.slos.map((x: { service: string; name: string; id: string }) => [`${x.service}/${x.name}`, x.id]),
    );
  };

  it("imports the OpenSLO example files with srecp apply; their status matches the hand-made SLOs exactly", async () => {
    const plan = await srecp("plan", "-f", fixture("openslo/valid"), "--managed-by", "oslo-test");
    expect(plan.code, plan.stderr).toBe(2);
    expect(plan.stdout.trim().split("\n").at(-1)).toBe("Plan: 7 to create, 0 to change, 0 to delete.");
    // what the import does not keep is said, in the plan and again by apply
    expect(plan.stdout).toContain(
      `tests/fixtures/openslo/valid/checkout.yaml:38: warning: spec.alertPolicies: alert policies "fast-burn" are replaced by srecp's burn-rate tiers`,
    );
    const apply = await srecp("apply", "-f", fixture("openslo/valid"), "--managed-by", "oslo-test");
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(apply.stdout).toContain(
      "warning: spec.objectives.0.displayName: the objective's displayName is not kept by srecp (dropped)",
    );
    expect((await srecp("plan", "-f", fixture("openslo/valid"), "--managed-by", "oslo-test")).code).toBe(0);
    // the list-form payments.yaml keeps its displayName and SLI name; export → import gives them back
    const held = (await call(state.GET, { token: admin, url: "/x?managedBy=oslo-test" })).body;
    expect(held.slos.find((x: { service: string }) => x.service === "oslo-payments")).toMatchObject({
      displayName: "Payments availability",
      sliName: "payments-errors",
      alerting: false,
    });
    const exported = await srecp("export", "--format", "openslo", "--managed-by", "oslo-test");
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toContain("displayName: Payments availability");
    expect(exported.stdout).toContain("name: payments-errors");

    const ids = await importedIds();
    expect(Object.keys(ids).sort()).toEqual([
      "oslo-checkout/availability",
      "oslo-checkout/latency",
      "oslo-payments/availability",
      "oslo-search/availability",
    ]);
    for (const key of Object.keys(ids)) {
      const [imported, made] = await Promise.all([statusAt(ids[key]!), statusAt(hand[key]!)]);
      expectSameStatus(imported, made);
    }
    // spot checks of the numbers themselves: payments' 1 % errors are twice a 99.5 % budget, checkout latency sits at its objective
    expect((await statusAt(ids["oslo-payments/availability"]!)).burnRates["1h"]).toBeCloseTo(2, 6);
    expect((await statusAt(ids["oslo-checkout/latency"]!)).sliValue).toBeCloseTo(0.99, 6);
  }, 120_000);

  it("imports Sloth specs into existing services; the status matches the hand-made SLO", async () => {
    const apply = await srecp("apply", "-f", fixture("sloth/valid"), "--managed-by", "sloth-test");
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(apply.stdout).toContain("+ slo sloth-checkout/requests-availability");
    // the CRD (camelCase) has no runbook: it imports without alerts, and apply says so
    expect(apply.stdout).toContain(
      "tests/fixtures/sloth/valid/crd.yaml:16: warning: runbookUrl: slo sloth-search/availability has no runbook URL, so it gets no alert rules",
    );
    expect(apply.stdout).toContain("warning: service: srecp's alerts do not carry Sloth's sloth_severity");
    const s = (await call(state.GET, { token: admin, url: "/x" })).body;
    const sloth = s.slos.find(
      (x: { service: string; name: string }) => x.service === "sloth-search" && x.name === "availability",
    );
    expect(sloth).toMatchObject({
      objective: 0.995,
      managedBy: "sloth-test",
      labels: { owner: "search-team" },
      window: { kind: "rolling", days: 30 },
    });
    expectSameStatus(await statusAt(sloth.id), await statusAt(hand["sloth-search/availability"]!));
    const quiet = s.slos.find((x: { name: string }) => x.name === "requests-availability-quiet");
    expect(quiet.alerting).toBe(false);
    // Sloth's alert name and page/ticket labels are in the served rules, so Alertmanager routes keep matching
    const checkout = s.slos.find(
      (x: { service: string; name: string }) => x.service === "sloth-checkout" && x.name === "requests-availability",
    );
    const alerts = await alertRules(checkout.id);
    expect(alerts.map((a) => [a.alert, a.labels!.tier, a.labels!.severity, a.labels!.category])).toEqual([
      ["CheckoutHighErrorRate", "page-fast", "pageteam", "availability"],
      ["CheckoutHighErrorRate", "page-slow", "pageteam", "availability"],
      ["CheckoutHighErrorRate", "ticket-fast", "slack", "availability"],
      ["CheckoutHighErrorRate", "ticket-slow", "slack", "availability"],
    ]);
    expect(await alertRules(sloth.id)).toEqual([]);
    expect(sloth.alertSettings).toMatchObject({
      name: "SearchErrors",
      page: { labels: { routing_key: "search-team", severity: "pageteam" } },
    });
    // the services stay unmanaged: Sloth files only describe SLOs
    expect(s.services.find((x: { slug: string }) => x.slug === "sloth-search").managedBy).toBeNull();
  }, 120_000);

  it("imports Pyrra ServiceLevelObjectives; status matches the hand-made SLOs and the alerts keep Pyrra's name and severities", async () => {
    // the same plan through the API (POST /api/v1/config/plan), with its warnings, for clients without the CLI
    const files = ["pyrra/valid/checkout-latency.yaml", "pyrra/valid/search-errors.yaml"].map((p) => ({
      path: p,
      text: fs.readFileSync(path.join(root, "tests/fixtures", p), "utf8"),
    }));
    const viewer = (await userWithToken("viewer")).token;
    const api = await call(configPlan.POST, {
      method: "POST",
      token: viewer,
      body: { files, managedBy: "pyrra-test" },
    });
    expect(api.status, JSON.stringify(api.body)).toBe(200);
    expect(api.body.changes.map((c: { action: string; key: string }) => `${c.action} ${c.key}`)).toEqual([
      "create slo pyrra-checkout/checkout-latency",
      "create slo pyrra-search/search-errors",
    ]);
    expect(api.body.issues).toEqual([]);
    expect(api.body.warnings).toContainEqual({
      severity: "warning",
      file: "pyrra/valid/search-errors.yaml",
      line: 9,
      field: "metadata.labels",
      message:
        "Kubernetes labels prometheus, role are not imported (only pyrra.dev/ labels go onto alerts, as in Pyrra)",
    });
    expect(api.body.counts).toEqual({ create: 2, update: 0, delete: 0 });
    expect(api.body.text).toContain(
      "warning: spec.alerting: the absent-metric alert (SLOMetricAbsent) is not generated by srecp",
    );
    const broken = await call(configPlan.POST, {
      method: "POST",
      token: viewer,
      body: {
        files: [
          {
            path: "x.yaml",
            text: "apiVersion: pyrra.dev/v1alpha1\nkind: ServiceLevelObjective\nmetadata:\n  name: x1\nspec:\n  window: 2w\n",
          },
        ],
      },
    });
    expect(broken.status).toBe(200);
    expect(broken.body.changes).toEqual([]);
    expect(broken.body.issues.map((i: { line: number; field: string }) => `${i.line}: ${i.field}`)).toContain(
      "6: spec.window",
    );
    const invalid = await call(configPlan.POST, { method: "POST", token: viewer, body: { files: [] } });
    expect(invalid.status).toBe(422);
    expect(JSON.stringify(invalid.body)).toContain("give at least one file");

    const apply = await srecp("apply", "-f", fixture("pyrra/valid"), "--managed-by", "pyrra-test");
    expect(apply.code, apply.stdout + apply.stderr).toBe(0);
    expect(apply.stdout).toContain(
      "warning: spec.alerting: the absent-metric alert (SLOMetricAbsent) is not generated by srecp",
    );
    // the folder holds three Pyrra files: checkout latency, search errors and the bool_gauge probe
    expect(apply.stdout).toContain("Apply complete: 3 created, 0 changed, 0 deleted.");
    const replan = await srecp("plan", "-f", fixture("pyrra/valid"), "--managed-by", "pyrra-test");
    expect(replan.code, replan.stdout + replan.stderr).toBe(0);
    const ids = await importedIds("pyrra-test");
    expectSameStatus(
      await statusAt(ids["pyrra-search/search-errors"]!),
      await statusAt(hand["sloth-search/availability"]!),
    );
    expectSameStatus(
      await statusAt(ids["pyrra-checkout/checkout-latency"]!),
      await statusAt(hand["oslo-checkout/latency"]!),
    );
    const alerts = await alertRules(ids["pyrra-search/search-errors"]!);
    expect(alerts.map((a) => [a.alert, a.labels!.severity, a.labels!.team, a.annotations!.runbook_url])).toEqual([
      ["SearchErrorBudgetBurn", "page", "discovery", "https://runbooks.example.com/search/errors"],
      ["SearchErrorBudgetBurn", "page", "discovery", "https://runbooks.example.com/search/errors"],
      ["SearchErrorBudgetBurn", "ticket", "discovery", "https://runbooks.example.com/search/errors"],
      ["SearchErrorBudgetBurn", "ticket", "discovery", "https://runbooks.example.com/search/errors"],
    ]);
    const pyrra = await srecp("plan", "-f", fixture("pyrra/invalid"));
    expect(pyrra.code).toBe(1);
    expect(pyrra.stderr).toContain(
      "tests/fixtures/pyrra/invalid/unmappable.yaml:12: spec.indicator.latencyNative: native-histogram latency SLIs cannot be mapped",
    );
  }, 120_000);

  it("refuses files it cannot map, naming file, line and field, and changes nothing", async () => {
    const openslo = await srecp("plan", "-f", fixture("openslo/invalid"));
    expect(openslo.code).toBe(1);
    expect(openslo.stderr).toContain(
      'tests/fixtures/openslo/invalid/unmappable.yaml:8: spec.budgetingMethod: only budgetingMethod Occurrences or Timeslices can be mapped (got "RatioTimeslices"',
    );
    expect(openslo.stderr).toContain(
      "tests/fixtures/openslo/invalid/unmappable.yaml:48: spec.timeWindow.0.duration: rolling windows must be 7, 28 or 30 days",
    );
    const sloth = await srecp("apply", "-f", fixture("sloth/invalid"));
    expect(sloth.code).toBe(1);
    expect(sloth.stderr).toContain(
      "tests/fixtures/sloth/invalid/unmappable.yaml:7: slos.0.sli.raw: raw error-ratio SLIs cannot be mapped",
    );
    expect(sloth.stderr).toContain("Apply refused: fix the errors first; nothing was changed.");
  }, 60_000);
});
