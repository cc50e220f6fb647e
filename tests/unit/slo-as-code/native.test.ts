import { describe, expect, it } from "vitest";
import { load, lines, sloDefaults } from "./helpers";

const service = `apiVersion: srecp/v1
kind: Service
metadata:
  name: checkout
  displayName: Checkout
spec:
  team: payments
  tier: 1
  links:
    runbook: https://runbooks.example.com/checkout
`;

const slo = `apiVersion: srecp/v1
kind: SLO
metadata:
  name: availability
  labels:
    category: availability
spec:
  service: checkout
  objective: 0.999
  window: { kind: rolling, days: 30 }
  sli:
    kind: ratio
    total: http_requests_total{service="checkout"}
    bad: http_requests_total{service="checkout",code=~"5.."}
`;

describe("native srecp/v1 documents", () => {
  it("reads services, SLOs and policies with the API's defaults", () => {
    const policy = "apiVersion: srecp/v1\nkind: BudgetPolicy\nspec:\n  team: payments\n  atRiskBelow: 0.5\n";
    const r = load({ "checkout.yaml": `${service}---\n${slo}`, "team.yaml": policy });
    expect(r.issues).toEqual([]);
    expect(r.desired.services).toEqual([
      {
        slug: "checkout",
        name: "Checkout",
        team: "payments",
        tier: 1,
        description: "",
        runbookUrl: "https://runbooks.example.com/checkout",
        repoUrl: null,
        dashboardUrl: null,
        dataSource: null,
      },
    ]);
    expect(r.desired.slos).toEqual([
      {
        service: "checkout",
        name: "availability",
        description: "",
        objective: 0.999,
        window: { kind: "rolling", days: 30 },
        sli: {
          kind: "ratio",
          total: 'http_requests_total{service="checkout"}',
          bad: 'http_requests_total{service="checkout",code=~"5.."}',
        },
        runbookUrl: null,
        alerting: true,
        labels: { category: "availability" },
        ...sloDefaults(),
      },
    ]);
    expect(r.desired.policies).toEqual([
      {
        scope: "team",
        target: "payments",
        atRiskBelow: 0.5,
        freezeAtOrBelow: 0,
        freezeOnPageAlert: true,
        agreedBy: "",
        notes: "",
      },
    ]);
    expect(r.desired.origins.get("slo checkout/availability")).toEqual({ file: "checkout.yaml", line: 15 });
  });

  it("defaults a calendar window's time zone to UTC and a service's name to its slug", () => {
    const r = load({
      "a.yaml":
        "apiVersion: srecp/v1\nkind: Service\nmetadata: { name: svc }\nspec: { team: tm }\n---\n" +
        "apiVersion: srecp/v1\nkind: SLO\nmetadata: { name: lat }\nspec:\n  service: svc\n  objective: 0.99\n  window: { kind: calendar, unit: week }\n" +
        "  sli: { kind: latency, metric: h_seconds, thresholdSeconds: 0.5 }\n",
    });
    expect(r.issues).toEqual([]);
    expect(r.desired.services[0]).toMatchObject({ name: "svc", tier: 3 });
    expect(r.desired.slos[0]).toMatchObject({
      window: { kind: "calendar", unit: "week", timezone: "UTC" },
      sli: { kind: "latency", metric: "h_seconds", matchers: "", thresholdSeconds: 0.5 },
    });
  });

  it("names file, line and field of every invalid value, with the API's messages", () => {
    const bad = `apiVersion: srecp/v1
kind: SLO
metadata:
  name: Availability
spec:
  service: checkout
  objective: 99.9
  window:
    kind: rolling
    days: 31
  sli:
    kind: ratio
    total: x_total
    good: a
    bad: b
  colour: red
`;
    expect(lines(load({ "bad.yaml": bad }).issues)).toEqual([
      "bad.yaml:4: metadata.name: use lower-case letters, digits and dashes",
      "bad.yaml:7: spec.objective: must be less than 1 (100 % leaves no error budget)",
      "bad.yaml:10: spec.window.days: must be 7, 28 or 30",
      "bad.yaml:14: spec.sli.good: set exactly one of good or bad",
      "bad.yaml:16: spec: unknown field(s): colour",
    ]);
  });

  it("points at the parent when a required field is missing, and reports YAML syntax errors with their line", () => {
    expect(
      lines(
        load({ "a.yaml": "apiVersion: srecp/v1\nkind: Service\nmetadata:\n  name: x1\nspec:\n  tier: 2\n" }).issues,
      ),
    ).toEqual(["a.yaml:5: spec.team: is required"]);
    const syntax = load({ "b.yaml": "apiVersion: srecp/v1\nkind: Service\nmetadata: {name: x\n" }).issues;
    expect(syntax).toHaveLength(1);
    expect(syntax[0]).toMatchObject({ file: "b.yaml", severity: "error" });
    expect(syntax[0]!.message).toMatch(/^YAML: /);
    expect(lines(load({ "c.yaml": "a: 1\na: 2\n" }).issues)[0]).toMatch(/^c\.yaml:2: YAML: .*unique/i);
  });

  it("rejects unknown kinds, documents and policies that name both or neither of service and team", () => {
    const r = load({
      "k.yaml":
        "apiVersion: srecp/v1\nkind: Team\n---\nfoo: bar\n---\napiVersion: srecp/v1\nkind: BudgetPolicy\nspec:\n  service: a1\n  team: b1\n---\napiVersion: srecp/v1\nkind: BudgetPolicy\nspec:\n  atRiskBelow: 0.1\n  freezeAtOrBelow: 0.2\n",
    });
    expect(lines(r.issues)).toEqual([
      "k.yaml:2: kind: kind must be one of Service, SLO, BudgetPolicy for apiVersion srecp/v1",
      'k.yaml:4: apiVersion: unknown document: expected apiVersion srecp/v1, openslo/v1, sloth.slok.dev/v1 or pyrra.dev/v1alpha1, or a Sloth spec with version "prometheus/v1"',
      "k.yaml:9: spec.service: set exactly one of service or team",
      "k.yaml:14: spec.service: set exactly one of service or team",
      "k.yaml:16: spec.freezeAtOrBelow: must be below atRiskBelow",
    ]);
  });

  it("refuses a resource declared twice, naming both places", () => {
    const r = load({ "a.yaml": service, "b.yaml": service });
    expect(lines(r.issues)).toEqual(["b.yaml:4: service checkout is declared twice (first in a.yaml:4)"]);
    expect(r.desired.services).toHaveLength(1);
  });

  it("skips empty documents", () => {
    expect(load({ "a.yaml": `---\n${service}---\n` }).desired.services).toHaveLength(1);
  });
});
