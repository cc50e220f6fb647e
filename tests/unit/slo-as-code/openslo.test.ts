import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { openSloService, openSloSlo, type ServiceSpec, type SloSpec } from "@/lib/slo-as-code";
import { defaultAlertSettings } from "@/lib/slo";
import { fixtureFiles, lines, load, sloDefaults } from "./helpers";
import { loadFiles } from "@/lib/slo-as-code";

const F = "openslo/invalid/unmappable.yaml";

describe("OpenSLO v1 import", () => {
  it("maps the example set: services with annotations, inline and referenced SLIs, rate() wrappers, windows, alert policies", () => {
    const { desired, issues } = loadFiles(fixtureFiles("openslo/valid"));
    expect(issues).toEqual([]);
    expect(desired.services.map((s) => [s.slug, s.name, s.team, s.tier, s.runbookUrl])).toEqual([
      ["oslo-checkout", "Checkout (OpenSLO)", "oslo-team", 1, "https://runbooks.example.com/checkout"],
      ["oslo-search", "oslo-search", "oslo-team", 3, null],
      ["oslo-payments", "Payments", "oslo-team", 2, null],
    ]);
    const byKey = Object.fromEntries(desired.slos.map((s) => [`${s.service}/${s.name}`, s]));
    expect(byKey["oslo-checkout/availability"]).toEqual({
      service: "oslo-checkout",
      name: "availability",
      description: "Orders that do not fail with a server error",
      objective: 0.999,
      window: { kind: "rolling", days: 30 },
      sli: {
        kind: "ratio",
        good: 'http_requests_total{service="checkout",code!~"5.."}',
        total: 'http_requests_total{service="checkout"}',
      },
      runbookUrl: "https://runbooks.example.com/checkout/availability",
      alerting: true,
      labels: { category: "availability" },
      ...sloDefaults(),
      displayName: "Checkout availability",
      sliName: "checkout-good-requests",
    });
    expect(byKey["oslo-checkout/latency"]).toMatchObject({
      objective: 0.99,
      window: { kind: "rolling", days: 28 },
      alerting: false,
      sli: {
        kind: "latency",
        metric: "http_request_duration_seconds",
        matchers: 'service="checkout"',
        thresholdSeconds: 0.3,
      },
    });
    expect(byKey["oslo-search/availability"]).toMatchObject({
      objective: 0.995,
      window: { kind: "calendar", unit: "month", timezone: "Europe/Berlin" },
      sli: {
        kind: "ratio",
        bad: 'http_requests_total{service="search",code=~"5.."}',
        total: 'http_requests_total{service="search"}',
      },
    });
    // payments.yaml is one YAML list of documents with an empty `alertPolicies:`
    expect(byKey["oslo-payments/availability"]).toMatchObject({
      objective: 0.995,
      window: { kind: "calendar", unit: "week", timezone: "UTC" },
      alerting: false,
      displayName: "Payments availability",
      sliName: "payments-errors",
      sli: {
        kind: "ratio",
        bad: 'http_requests_total{service="payments",code=~"5.."}',
        total: 'http_requests_total{service="payments"}',
      },
    });
  });

  it("warns about what it reads but does not keep: alert policies replaced by srecp's tiers, notification targets, display names", () => {
    expect(lines(loadFiles(fixtureFiles("openslo/valid")).warnings)).toEqual([
      `openslo/valid/checkout.yaml:94: warning: spec.notificationTargets: AlertPolicy "fast-burn": notification targets are dropped; route srecp's alerts with Alertmanager`,
      `openslo/valid/checkout.yaml:38: warning: spec.alertPolicies: alert policies "fast-burn" are replaced by srecp's burn-rate tiers: page when the 1h and 5m burn rates are ≥ 14.4; page when the 6h and 30m burn rates are ≥ 6; ticket when the 1d and 2h burn rates are ≥ 3; ticket when the 3d and 6h burn rates are ≥ 1`,
      "openslo/valid/checkout.yaml:36: warning: spec.objectives.0.displayName: the objective's displayName is not kept by srecp (dropped)",
      "openslo/valid/checkout.yaml:45: warning: metadata.displayName: the SLI's displayName is not kept by srecp (dropped)",
    ]);
  });

  it("reads a file written as one YAML list, locating errors inside the list item", () => {
    const list = `- apiVersion: openslo/v1\n  kind: SLO\n  metadata:\n    name: s1\n  spec:\n    service: svc\n    budgetingMethod: RatioTimeslices\n- 42\n`;
    expect(lines(load({ "a.yaml": list }).issues)).toEqual([
      "a.yaml:8: 1: a file written as a list must list documents (maps with apiVersion and kind)",
      "a.yaml:5: spec: an SLO needs spec.indicator or spec.indicatorRef",
      'a.yaml:7: spec.budgetingMethod: only budgetingMethod Occurrences or Timeslices can be mapped (got "RatioTimeslices"; RatioTimeslices averages per-slice ratios, which srecp does not)',
    ]);
  });

  it("keeps srecp's own alert policies silently, and alert settings through the srecp.dev/alert-settings annotation", () => {
    const spec: SloSpec = {
      ...sloDefaults(),
      service: "svc",
      name: "avail",
      description: "",
      objective: 0.999,
      window: { kind: "rolling", days: 28 },
      sli: { kind: "ratio", total: "t_total", bad: "e_total" },
      runbookUrl: "https://r.example.com/a",
      alerting: true,
      labels: {},
      displayName: "Availability",
      sliName: "errors",
      alertSettings: {
        ...defaultAlertSettings(),
        name: "AvailBurn",
        page: { enabled: true, labels: { team: "a" }, annotations: {} },
      },
    };
    const r = load({ "a.yaml": stringify(openSloSlo(spec)) });
    expect(r.issues).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.desired.slos).toEqual([spec]);
    expect(
      lines(
        load({
          "a.yaml": stringify({
            ...openSloSlo(spec),
            metadata: { name: "avail", annotations: { "srecp.dev/alert-settings": "{nope" } },
          }),
        }).issues,
      ),
    ).toEqual(["a.yaml:6: metadata.annotations.srecp.dev/alert-settings: must be the JSON srecp export writes"]);
  });

  it("explains everything it cannot map with file, line and field", () => {
    expect(lines(loadFiles(fixtureFiles("openslo/invalid")).issues)).toEqual([
      `${F}:19: spec.thresholdMetric: thresholdMetric SLIs cannot be mapped: srecp SLIs count good and total events (use ratioMetric)`,
      `${F}:8: spec.budgetingMethod: only budgetingMethod Occurrences or Timeslices can be mapped (got "RatioTimeslices"; RatioTimeslices averages per-slice ratios, which srecp does not)`,
      `${F}:41: spec.indicator.spec.ratioMetric.good.metricSource.spec.query: cannot reduce it to one counter selector: srecp needs \`metric{labels}\`, optionally wrapped in sum(…) and rate/irate/increase(…[range]); no arithmetic, other functions, \`or\`, offsets or several metrics`,
      `${F}:44: spec.indicator.spec.ratioMetric.total.metricSource.type: only Prometheus metric sources can be mapped (got "Datadog")`,
      `${F}:48: spec.timeWindow.0.duration: rolling windows must be 7, 28 or 30 days (7d, 4w, 28d, 30d); got 14d`,
      `${F}:51: spec.objectives: exactly one objective is required (srecp SLOs have one target; split others into separate SLOs)`,
      `${F}:61: spec.indicatorRef: no SLI named "no-such-sli" in the files`,
      `${F}:63: spec.timeWindow.0.duration: calendar windows must be one month (1M) or one week (1w); got 1Q`,
      `${F}:73: metadata.annotations: the owning team is missing: add the annotation "srecp.dev/team: <team slug>" (or pass --team)`,
    ]);
  });

  const slo = (spec: string) =>
    `apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: s1\nspec:\n  service: svc\n${spec}`;
  const ratio = (extra = "", good = "x_good_total") =>
    `  indicator:\n    metadata: { name: i }\n    spec:\n      ratioMetric:\n${extra}        good: { metricSource: { type: Prometheus, spec: { query: ${good} } } }\n        total: { metricSource: { spec: { query: x_total } } }\n`;
  const objective = "  objectives:\n    - target: 0.99\n";

  it("refuses gauges, raw ratios, both indicator and indicatorRef, list-valued labels and dangling alert policy refs", () => {
    const r = load({
      "a.yaml": slo(`${ratio("        counter: false\n")}${objective}`),
      "b.yaml": slo(
        `  indicator:\n    spec:\n      ratioMetric:\n        rawType: success\n        raw: { metricSource: { spec: { query: x } } }\n${objective}`,
      ),
      "c.yaml": slo(`${ratio()}  indicatorRef: other\n${objective}`),
      "d.yaml": `apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: s1\n  labels:\n    team: [a, b]\nspec:\n  service: svc\n${ratio()}${objective}  alertPolicies:\n    - alertPolicyRef: missing\n    - 42\n`,
    });
    expect(lines(r.issues)).toEqual([
      "a.yaml:11: spec.indicator.spec.ratioMetric.counter: gauges (counter: false) map only as a 0/1 gauge with the same good and total query (the share of samples that are 1); srecp counts other events with increase() over counters",
      "b.yaml:11: spec.indicator.spec.ratioMetric.raw: precomputed (raw) ratios cannot be mapped: give good or bad and total event counters",
      "c.yaml:13: spec.indicatorRef: set indicator or indicatorRef, not both",
      'd.yaml:18: spec.alertPolicies.0.alertPolicyRef: no AlertPolicy named "missing" in the files',
      "d.yaml:19: spec.alertPolicies.1: each item is an alertPolicyRef or an inline AlertPolicy",
      "d.yaml:6: metadata.labels.team: label values must be strings (lists cannot be mapped to Prometheus labels)",
    ]);
  });

  it("checks calendar windows: one month or week, a real time zone, a start aligned the way srecp aligns windows", () => {
    const cal = (duration: string, start: string, tz = "Europe/Berlin") =>
      slo(
        `${ratio()}${objective}  timeWindow:\n    - duration: ${duration}\n      calendar:\n        startTime: "${start}"\n        timeZone: ${tz}\n`,
      );
    expect(load({ "ok.yaml": cal("1M", "2024-03-01 00:00:00") }).issues).toEqual([]);
    expect(load({ "ok.yaml": cal("7d", "2024-01-08 00:00:00") }).desired.slos[0]!.window).toEqual({
      kind: "calendar",
      unit: "week",
      timezone: "Europe/Berlin",
    });
    expect(lines(load({ "m.yaml": cal("1M", "2024-03-15 00:00:00") }).issues)).toEqual([
      "m.yaml:18: spec.timeWindow.0.calendar.startTime: srecp aligns calendar windows to the 1st of the month 00:00 in the time zone; startTime must be such an instant",
    ]);
    expect(lines(load({ "w.yaml": cal("1w", "2024-01-03 00:00:00") }).issues)[0]).toContain("to Monday 00:00");
    expect(lines(load({ "t.yaml": cal("1M", "2024-03-01 00:00:00", "Mars/Base") }).issues)).toEqual([
      't.yaml:19: spec.timeWindow.0.calendar.timeZone: unknown IANA time zone "Mars/Base"',
    ]);
    expect(lines(load({ "f.yaml": cal("1M", "01/03/2024") }).issues)[0]).toContain(
      "startTime must look like 2024-01-01 00:00:00",
    );
  });

  it("defaults a missing time window to 30 rolling days, reads targetPercent exactly, and takes --team for services without the annotation", () => {
    const r = load({ "a.yaml": slo(`${ratio()}  objectives:\n    - targetPercent: 99.9\n`) });
    expect(r.desired.slos[0]).toMatchObject({ objective: 0.999, window: { kind: "rolling", days: 30 } });
    const svc = "apiVersion: openslo/v1\nkind: Service\nmetadata:\n  name: svc\n";
    expect(load({ "s.yaml": svc }, { defaultTeam: "core" }).desired.services[0]).toMatchObject({
      slug: "svc",
      team: "core",
      tier: 3,
    });
  });

  it("maps API validation errors back to the OpenSLO field (objective, query, annotation)", () => {
    const r = load({
      "a.yaml": `apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: s1\n  annotations:\n    srecp.dev/runbook-url: ftp://nope\nspec:\n  service: svc\n${ratio()}  objectives:\n    - target: 1\n`,
      "b.yaml":
        'apiVersion: openslo/v1\nkind: Service\nmetadata:\n  name: svc\n  annotations:\n    srecp.dev/team: core\n    srecp.dev/tier: "9"\n',
    });
    expect(lines(r.issues)).toEqual([
      "a.yaml:16: spec.objectives.0: must be less than 1 (100 % leaves no error budget)",
      "a.yaml:6: metadata.annotations.srecp.dev/runbook-url: must be an http(s) URL",
      "b.yaml:7: metadata.annotations.srecp.dev/tier: must be 1 to 4",
    ]);
  });

  it("only imports openslo/v1", () => {
    expect(lines(load({ "a.yaml": "apiVersion: openslo/v1alpha\nkind: SLO\n" }).issues)).toEqual([
      "a.yaml:1: apiVersion: only openslo/v1 can be imported (got openslo/v1alpha)",
    ]);
    expect(lines(load({ "a.yaml": "apiVersion: openslo/v1\nkind: Composite\n" }).issues)).toEqual([
      'a.yaml:2: kind: unknown OpenSLO kind "Composite"',
    ]);
  });
});

describe("OpenSLO v1 export", () => {
  const service: ServiceSpec = {
    slug: "checkout",
    name: "Checkout",
    team: "payments",
    tier: 1,
    description: "Orders",
    runbookUrl: "https://r.example.com/c",
    repoUrl: null,
    dashboardUrl: "https://d.example.com",
    dataSource: "mimir",
  };
  const slos: SloSpec[] = [
    {
      ...sloDefaults(),
      service: "checkout",
      name: "availability",
      description: "d",
      objective: 0.999,
      window: { kind: "rolling", days: 30 },
      sli: { kind: "ratio", total: 'x_total{a="b"}', bad: 'x_total{a="b",code=~"5.."}' },
      runbookUrl: "https://r.example.com/a",
      alerting: true,
      labels: { tier: "1" },
    },
    {
      ...sloDefaults(),
      service: "checkout",
      name: "latency",
      description: "",
      objective: 0.99,
      window: { kind: "calendar", unit: "month", timezone: "Europe/Berlin" },
      sli: { kind: "latency", metric: "h_seconds", matchers: 'job="x"', thresholdSeconds: 0.25 },
      runbookUrl: null,
      alerting: false,
      labels: {},
    },
    {
      ...sloDefaults(),
      service: "checkout",
      name: "good-ratio",
      description: "",
      objective: 0.95,
      window: { kind: "calendar", unit: "week", timezone: "UTC" },
      sli: { kind: "ratio", total: "x_total", good: "y_total" },
      runbookUrl: null,
      alerting: true,
      labels: {},
    },
  ];

  it("writes Occurrences SLOs with inline Prometheus ratio SLIs and one alert policy per burn-rate tier", () => {
    const doc = openSloSlo(slos[0]!);
    expect(doc.spec.budgetingMethod).toBe("Occurrences");
    expect(doc.spec.indicator.spec.ratioMetric).toEqual({
      counter: true,
      bad: { metricSource: { type: "Prometheus", spec: { query: 'x_total{a="b",code=~"5.."}' } } },
      total: { metricSource: { type: "Prometheus", spec: { query: 'x_total{a="b"}' } } },
    });
    expect(
      doc.spec.alertPolicies.map((p) => [
        p.metadata.name,
        p.spec.conditions[0]!.spec.severity,
        p.spec.conditions[0]!.spec.condition.threshold,
        p.spec.conditions[0]!.spec.condition.lookbackWindow,
      ]),
    ).toEqual([
      ["availability-page-fast", "page", 14.4, "1h"],
      ["availability-page-slow", "page", 6, "6h"],
      ["availability-ticket-fast", "ticket", 3, "1d"],
      ["availability-ticket-slow", "ticket", 1, "3d"],
    ]);
    expect(openSloSlo(slos[1]!).spec.timeWindow).toEqual([
      { duration: "1M", isRolling: false, calendar: { startTime: "2024-01-01 00:00:00", timeZone: "Europe/Berlin" } },
    ]);
    expect(openSloSlo(slos[1]!).spec.indicator.spec.ratioMetric.good!.metricSource.spec.query).toBe(
      'h_seconds_bucket{job="x",le="0.25"}',
    );
  });

  it("imports back to exactly the same services and SLOs", () => {
    const text = [openSloService(service), ...slos.map(openSloSlo)].map((d) => stringify(d)).join("---\n");
    const r = load({ "export.yaml": text });
    expect(r.issues).toEqual([]);
    expect(r.desired.services).toEqual([service]);
    expect(r.desired.slos).toEqual(slos);
  });
});
