import { sloDefaults } from "./helpers";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { exportFiles, exportStream, loadFiles, sortState, type ConfigState } from "@/lib/slo-as-code";

const state: ConfigState = {
  services: [
    {
      slug: "search",
      name: "Search",
      team: "discovery",
      tier: 2,
      description: "",
      runbookUrl: null,
      repoUrl: "https://git.example.com/search",
      dashboardUrl: null,
      dataSource: null,
    },
    {
      slug: "checkout",
      name: "Checkout",
      team: "payments",
      tier: 1,
      description: "Takes orders",
      runbookUrl: "https://r.example.com/c",
      repoUrl: null,
      dashboardUrl: null,
      dataSource: "mimir",
    },
  ],
  slos: [
    {
      ...sloDefaults(),
      service: "checkout",
      name: "latency",
      description: "",
      objective: 0.99,
      window: { kind: "calendar", unit: "month", timezone: "Europe/Berlin" },
      sli: { kind: "latency", metric: "h_seconds", matchers: 'service="checkout"', thresholdSeconds: 0.3 },
      runbookUrl: null,
      alerting: false,
      labels: {},
    },
    // imported from Sloth/OpenSLO: display name, SLI name and alert settings must survive both export formats
    {
      ...sloDefaults(),
      displayName: "Checkout availability",
      sliName: "checkout-errors",
      alertSettings: {
        name: "CheckoutBurn",
        labels: { team: "pay" },
        annotations: { summary: "{{ $labels.slo }} burns" },
        page: { enabled: true, labels: { severity: "critical" }, annotations: {} },
        ticket: { enabled: false, labels: {}, annotations: {} },
      },
      service: "checkout",
      name: "availability",
      description: "Orders",
      objective: 0.999,
      window: { kind: "rolling", days: 30 },
      sli: { kind: "ratio", total: 'x_total{s="c"}', bad: 'x_total{s="c",code=~"5.."}' },
      runbookUrl: "https://r.example.com/a",
      alerting: true,
      labels: { z: "1", a: "2" },
    },
    {
      ...sloDefaults(),
      service: "search",
      name: "availability",
      description: "",
      objective: 0.995,
      window: { kind: "rolling", days: 7 },
      sli: { kind: "ratio", total: "y_total", good: "y_ok_total" },
      runbookUrl: null,
      alerting: true,
      labels: {},
    },
  ],
  policies: [
    {
      scope: "team",
      target: "payments",
      atRiskBelow: 0.3,
      freezeAtOrBelow: 0,
      freezeOnPageAlert: true,
      agreedBy: "CFO",
      notes: "agreed in Q3",
    },
    {
      scope: "service",
      target: "checkout",
      atRiskBelow: 0.5,
      freezeAtOrBelow: 0.05,
      freezeOnPageAlert: false,
      agreedBy: "",
      notes: "",
    },
  ],
};

const reversed: ConfigState = {
  services: [...state.services].reverse(),
  slos: [...state.slos].reverse(),
  policies: [...state.policies].reverse(),
};

describe("export", () => {
  it("writes one file per service and per team policy, with stable names, sorted keys and sorted documents", () => {
    const files = exportFiles(state);
    expect([...files.keys()]).toEqual(["services/checkout.yaml", "services/search.yaml", "teams/payments.yaml"]);
    const checkout = files.get("services/checkout.yaml")!;
    expect(checkout.split("---\n").map((d) => parse(d).kind)).toEqual(["Service", "BudgetPolicy", "SLO", "SLO"]);
    expect(
      checkout
        .split("---\n")
        .slice(2)
        .map((d) => parse(d).metadata.name),
    ).toEqual(["availability", "latency"]);
    expect(checkout).toContain('labels:\n    a: "2"\n    z: "1"\n');
    expect(checkout).toContain("apiVersion: srecp/v1\nkind: SLO\nmetadata:\n");
    // defaults and empty values are left out
    expect(files.get("services/search.yaml")).not.toContain("description");
    expect(files.get("teams/payments.yaml")).toContain("team: payments");
  });

  it("is deterministic: the same state in any order gives the same bytes", () => {
    expect([...exportFiles(reversed)]).toEqual([...exportFiles(state)]);
    expect([...exportFiles(reversed, "openslo")]).toEqual([...exportFiles(state, "openslo")]);
  });

  it.each(["srecp", "openslo"] as const)("imports back to the same state (%s)", (format) => {
    const files = exportFiles(state, format);
    const r = loadFiles([...files].map(([path, text]) => ({ path, text })));
    expect(r.issues).toEqual([]);
    const { origins: _o, warnings: _w, ...back } = r.desired;
    expect(sortState(back)).toEqual(sortState(state));
    expect([...exportFiles(back, format)]).toEqual([...files]);
  });

  it("streams all files as one multi-document text", () => {
    const stream = exportStream(exportFiles(state));
    expect(stream.startsWith("# services/checkout.yaml\n")).toBe(true);
    expect(loadFiles([{ path: "-", text: stream }]).desired.slos).toHaveLength(3);
  });

  it("round-trips a bool gauge SLO (Pyrra's bool_gauge) through both formats; OpenSLO holds it as a gauge with the same good and total", () => {
    const probe = {
      ...sloDefaults(),
      service: "search",
      name: "probes",
      description: "",
      objective: 0.99,
      window: { kind: "rolling" as const, days: 7 },
      sli: { kind: "boolGauge" as const, metric: 'probe_success{job="blackbox"}' },
      runbookUrl: null,
      alerting: false,
      labels: {},
    };
    const one: ConfigState = { services: [state.services[0]!], slos: [probe], policies: [] };
    for (const format of ["srecp", "openslo"] as const) {
      const loaded = loadFiles([{ path: "-", text: exportStream(exportFiles(one, format)) }]);
      expect(loaded.issues).toEqual([]);
      expect(loaded.desired.slos).toEqual([probe]);
    }
    const doc = parse(exportFiles(one, "openslo").get("services/search.yaml")!.split("---\n").at(-1)!);
    expect(doc.spec.indicator.spec.ratioMetric).toEqual({
      counter: false,
      good: { metricSource: { type: "Prometheus", spec: { query: 'probe_success{job="blackbox"}' } } },
      total: { metricSource: { type: "Prometheus", spec: { query: 'probe_success{job="blackbox"}' } } },
    });
  });
});
