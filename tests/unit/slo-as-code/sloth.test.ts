import { describe, expect, it } from "vitest";
import { defaultAlertSettings, generateRuleGroups, type AlertingRule } from "@/lib/slo";
import { formatPlan, loadFiles, makePlan } from "@/lib/slo-as-code";
import { fixtureFiles, lines, load, sloDefaults } from "./helpers";

const F = "sloth/invalid/unmappable.yaml";

describe("Sloth prometheus/v1 import", () => {
  it("maps plain specs and the Kubernetes CRD: percent objectives, {{.window}} queries, labels, alerting and runbooks", () => {
    const { desired, issues } = loadFiles(fixtureFiles("sloth/valid"));
    expect(issues).toEqual([]);
    expect(desired.services).toEqual([]); // Sloth declares no services
    const quietAlerts = {
      ...defaultAlertSettings(),
      page: { enabled: false, labels: {}, annotations: {} },
      ticket: { enabled: false, labels: {}, annotations: {} },
    };
    expect(desired.slos).toEqual([
      {
        ...sloDefaults(),
        service: "sloth-search",
        name: "availability",
        description: "Search requests without errors.",
        objective: 0.995,
        window: { kind: "rolling", days: 30 },
        sli: {
          kind: "ratio",
          total: 'http_requests_total{service="search"}',
          bad: 'http_requests_total{service="search",code=~"5.."}',
        },
        runbookUrl: null,
        alerting: true,
        labels: { owner: "search-team" },
        alertSettings: {
          name: "SearchErrors",
          labels: { category: "availability" },
          annotations: { summary: "High error rate on 'search' requests responses" },
          page: { enabled: true, labels: { routing_key: "search-team", severity: "pageteam" }, annotations: {} },
          ticket: { enabled: true, labels: { severity: "slack", slack_channel: "#alerts-search" }, annotations: {} },
        },
      },
      {
        ...sloDefaults(),
        service: "sloth-checkout",
        name: "requests-availability",
        description: "Checkout requests that do not fail with a 5xx.",
        objective: 0.999,
        window: { kind: "rolling", days: 30 },
        sli: {
          kind: "ratio",
          total: 'http_requests_total{service="checkout"}',
          bad: 'http_requests_total{service="checkout",code=~"(5..|429)"}',
        },
        runbookUrl: "https://runbooks.example.com/checkout/errors",
        alerting: true,
        labels: { owner: "payments-team", tier: "1", category: "availability" },
        alertSettings: {
          name: "CheckoutHighErrorRate",
          labels: { category: "availability" },
          annotations: { runbook_url: "https://runbooks.example.com/checkout/errors" },
          page: { enabled: true, labels: { severity: "pageteam" }, annotations: {} },
          ticket: { enabled: true, labels: { severity: "slack" }, annotations: {} },
        },
      },
      {
        ...sloDefaults(),
        service: "sloth-checkout",
        name: "requests-availability-quiet",
        description: "",
        objective: 0.95,
        window: { kind: "rolling", days: 30 },
        sli: {
          kind: "ratio",
          total: 'http_requests_total{service="checkout"}',
          bad: 'http_requests_total{service="checkout",code=~"5.."}',
        },
        runbookUrl: null,
        alerting: false,
        labels: { owner: "payments-team", tier: "1" },
        alertSettings: quietAlerts,
      },
    ]);
  });

  it("keeps Sloth's alert name, labels and annotations in the generated alert rules", () => {
    const { desired } = loadFiles(fixtureFiles("sloth/valid"));
    const spec = desired.slos.find((s) => s.name === "requests-availability")!;
    const file = generateRuleGroups([{ id: "c1", ...spec }]);
    const alerts = file.groups[0]!.rules.filter((r): r is AlertingRule => "alert" in r);
    expect(alerts.map((a) => [a.alert, a.labels.tier, a.labels.severity, a.labels.category])).toEqual([
      ["CheckoutHighErrorRate", "page-fast", "pageteam", "availability"],
      ["CheckoutHighErrorRate", "page-slow", "pageteam", "availability"],
      ["CheckoutHighErrorRate", "ticket-fast", "slack", "availability"],
      ["CheckoutHighErrorRate", "ticket-slow", "slack", "availability"],
    ]);
    expect(alerts[0]!.labels).toMatchObject({ slo_id: "c1", service: "sloth-checkout", slo: "requests-availability" });
    expect(alerts[0]!.annotations.runbook_url).toBe("https://runbooks.example.com/checkout/errors");
    // a disabled page alert leaves only the ticket tiers
    const ticketOnly = {
      ...spec,
      alertSettings: { ...spec.alertSettings, page: { ...spec.alertSettings.page, enabled: false } },
    };
    expect(
      generateRuleGroups([{ id: "c2", ...ticketOnly }])
        .groups[0]!.rules.filter((r) => "alert" in r)
        .map((r) => (r as AlertingRule).labels.tier),
    ).toEqual(["ticket-fast", "ticket-slow"]);
  });

  it("warns about what it drops or changes: SLO plugins, sloth_* alert labels, and alerts lost for want of a runbook", () => {
    const spec = (alerting: string) =>
      `version: "prometheus/v1"\nservice: svc1\nslo_plugins:\n  chain:\n    - id: sloth.dev/core/debug/v1\nslos:\n  - name: a1\n    objective: 99\n    plugins:\n      chain: []\n    sli:\n      events:\n        error_query: rate(e_total[{{.window}}])\n        total_query: rate(t_total[{{.window}}])\n${alerting}`;
    const r = load({ "a.yaml": spec("    alerting:\n      name: A1Errors\n") });
    expect(r.issues).toEqual([]);
    expect(lines(r.warnings)).toEqual([
      "a.yaml:3: warning: slo_plugins: SLO plugins are not run by srecp; they are dropped from every SLO of this spec",
      "a.yaml:9: warning: slos.0.plugins: SLO plugins are not run by srecp; this SLO's plugins are dropped",
      expect.stringMatching(/^a\.yaml:2: warning: service: srecp's alerts do not carry Sloth's sloth_severity/),
    ]);
    const plan = makePlan(r.desired, {
      teams: [],
      dataSources: [],
      services: [
        {
          slug: "svc1",
          name: "svc1",
          team: "t",
          tier: 3,
          description: "",
          runbookUrl: null,
          repoUrl: null,
          dashboardUrl: null,
          dataSource: null,
          managedBy: null,
          version: 1,
        },
      ],
      slos: [],
      policies: [],
    });
    expect(lines(plan.warnings).at(-1)).toBe(
      "a.yaml:7: warning: runbookUrl: slo svc1/a1 has no runbook URL, so it gets no alert rules (every srecp alert needs a runbook); add one to get its burn-rate alerts",
    );
    expect(formatPlan(plan)).toContain("warning: runbookUrl: slo svc1/a1 has no runbook URL");
    // both alerts disabled: nothing is lost, so no sloth_* warning
    expect(
      load({
        "a.yaml": spec("    alerting:\n      page_alert: { disable: true }\n      ticket_alert: { disable: true }\n"),
      }).warnings,
    ).toHaveLength(2);
  });

  it("reads the CRD in camelCase only, naming the spelling to use", () => {
    expect(lines(loadFiles(fixtureFiles("sloth/invalid")).issues).filter((l) => l.includes("crd-snake-case"))).toEqual([
      "sloth/invalid/crd-snake-case.yaml:14: spec.slos.0.sli.events.error_query: Sloth's PrometheusServiceLevel (sloth.slok.dev/v1) spells this field errorQuery",
      "sloth/invalid/crd-snake-case.yaml:18: spec.slos.0.alerting.page_alert: Sloth's PrometheusServiceLevel (sloth.slok.dev/v1) spells this field pageAlert",
    ]);
    const plain =
      'version: "prometheus/v1"\nservice: x1\nslos:\n  - name: a1\n    objective: 99\n    sli:\n      events:\n        errorQuery: rate(e_total[5m])\n        total_query: rate(t_total[5m])\n';
    expect(lines(load({ "a.yaml": plain }).issues)).toEqual([
      "a.yaml:8: slos.0.sli.events.errorQuery: A Sloth prometheus/v1 spec spells this field error_query",
    ]);
  });

  it("maps invalid alert settings back to the Sloth field", () => {
    const bad =
      'version: "prometheus/v1"\nservice: x1\nslos:\n  - name: a1\n    objective: 99\n    sli:\n      events:\n        error_query: rate(e_total[5m])\n        total_query: rate(t_total[5m])\n    alerting:\n      name: "not an alert name"\n      page_alert:\n        labels:\n          slo_id: mine\n';
    expect(lines(load({ "a.yaml": bad }).issues)).toEqual([
      "a.yaml:11: slos.0.alerting.name: must be a Prometheus alert name, e.g. CheckoutHighErrorRate",
      "a.yaml:14: slos.0.alerting.page_alert.labels.slo_id: is set by srecp on every alert (slo_id, service, slo, tier, long_window, short_window)",
    ]);
    // values are Prometheus templates: an unclosed action would fail the whole rule file under promtool
    const template = bad
      .replace('name: "not an alert name"', "name: A1Burn")
      .replace("slo_id: mine", 'team: "{{ $labels.team"')
      .replace("      page_alert:", '      annotations:\n        summary: "{{ $value }} of {{ }}"\n      page_alert:');
    expect(lines(load({ "a.yaml": template }).issues)).toEqual([
      "a.yaml:13: slos.0.alerting.annotations.summary: has an unclosed or empty {{ … }} template action (Prometheus reads alert labels and annotations as templates)",
      "a.yaml:16: slos.0.alerting.page_alert.labels.team: has an unclosed or empty {{ … }} template action (Prometheus reads alert labels and annotations as templates)",
    ]);
  });

  it("says what cannot be mapped, with file, line and field", () => {
    expect(lines(loadFiles(fixtureFiles("sloth/invalid")).issues).filter((l) => l.startsWith(F))).toEqual([
      `${F}:7: slos.0.sli.raw: raw error-ratio SLIs cannot be mapped: srecp needs error and total event counters (use sli.events)`,
      `${F}:12: slos.1.sli.plugin: SLI plugins cannot be mapped: rewrite the SLI as sli.events with error_query and total_query`,
      `${F}:18: slos.2.sli.events.error_query: cannot reduce it to one counter selector: srecp needs \`metric{labels}\`, optionally wrapped in sum(…) and rate/irate/increase(…[range]); no arithmetic, other functions, \`or\`, offsets or several metrics`,
      `${F}:20: slos.3.name: use lower-case letters, digits and dashes`,
      `${F}:21: slos.3.objective: must be less than 1 (100 % leaves no error budget)`,
    ]);
  });

  it("requires service and slos, checks the version and the CRD kind", () => {
    expect(lines(load({ "a.yaml": 'version: "prometheus/v1"\nslos: []\n' }).issues)).toEqual([
      "a.yaml:1: service: service is required",
    ]);
    expect(lines(load({ "a.yaml": 'version: "prometheus/v1"\nservice: x1\nslos: []\n' }).issues)).toEqual([
      "a.yaml:3: slos: slos must be a non-empty list",
    ]);
    expect(lines(load({ "a.yaml": 'version: "prometheus/v2"\nservice: x1\n' }).issues)).toEqual([
      'a.yaml:1: version: only Sloth specs with version "prometheus/v1" can be imported',
    ]);
    expect(lines(load({ "a.yaml": "apiVersion: sloth.slok.dev/v1\nkind: Other\n" }).issues)).toEqual([
      "a.yaml:2: kind: only kind PrometheusServiceLevel of sloth.slok.dev/v1 can be imported",
    ]);
    const missing =
      'version: "prometheus/v1"\nservice: x1\nslos:\n  - name: a1\n    sli:\n      events:\n        total_query: x_total\n';
    expect(lines(load({ "a.yaml": missing }).issues)).toEqual([
      "a.yaml:4: slos.0.objective: objective is a percentage, e.g. 99.9",
      "a.yaml:6: slos.0.sli.events.error_query: a PromQL query is required",
    ]);
  });
});
