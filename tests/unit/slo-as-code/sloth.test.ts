import { describe, expect, it } from "vitest";
import { loadFiles } from "@/lib/slo-as-code";
import { fixtureFiles, lines, load } from "./helpers";

const F = "sloth/invalid/unmappable.yaml";

describe("Sloth prometheus/v1 import", () => {
  it("maps plain specs and the Kubernetes CRD: percent objectives, {{.window}} queries, labels, alerting and runbooks", () => {
    const { desired, issues } = loadFiles(fixtureFiles("sloth/valid"));
    expect(issues).toEqual([]);
    expect(desired.services).toEqual([]); // Sloth declares no services
    expect(desired.slos).toEqual([
      {
        service: "sloth-search", name: "availability", description: "Search requests without errors.", objective: 0.995, window: { kind: "rolling", days: 30 },
        sli: { kind: "ratio", total: 'http_requests_total{service="search"}', bad: 'http_requests_total{service="search",code=~"5.."}' },
        runbookUrl: null, alerting: true, labels: { owner: "search-team" },
      },
      {
        service: "sloth-checkout", name: "requests-availability", description: "Checkout requests that do not fail with a 5xx.", objective: 0.999, window: { kind: "rolling", days: 30 },
        sli: { kind: "ratio", total: 'http_requests_total{service="checkout"}', bad: 'http_requests_total{service="checkout",code=~"(5..|429)"}' },
        runbookUrl: "https://runbooks.example.com/checkout/errors", alerting: true, labels: { owner: "payments-team", tier: "1", category: "availability" },
      },
      {
        service: "sloth-checkout", name: "requests-availability-quiet", description: "", objective: 0.95, window: { kind: "rolling", days: 30 },
        sli: { kind: "ratio", total: 'http_requests_total{service="checkout"}', bad: 'http_requests_total{service="checkout",code=~"5.."}' },
        runbookUrl: null, alerting: false, labels: { owner: "payments-team", tier: "1" },
      },
    ]);
  });

  it("says what cannot be mapped, with file, line and field", () => {
    expect(lines(loadFiles(fixtureFiles("sloth/invalid")).issues)).toEqual([
      `${F}:7: slos.0.sli.raw: raw error-ratio SLIs cannot be mapped: srecp needs error and total event counters (use sli.events)`,
      `${F}:12: slos.1.sli.plugin: SLI plugins cannot be mapped: rewrite the SLI as sli.events with error_query and total_query`,
      `${F}:18: slos.2.sli.events.error_query: cannot reduce it to one counter selector: srecp needs \`metric{labels}\`, optionally wrapped in sum(…) and rate/irate/increase(…[range]); no arithmetic, other functions, \`or\`, offsets or several metrics`,
      `${F}:20: slos.3.name: use lower-case letters, digits and dashes`,
      `${F}:21: slos.3.objective: must be less than 1 (100 % leaves no error budget)`,
    ]);
  });

  it("requires service and slos, checks the version and the CRD kind", () => {
    expect(lines(load({ "a.yaml": 'version: "prometheus/v1"\nslos: []\n' }).issues)).toEqual(["a.yaml:1: service: service is required"]);
    expect(lines(load({ "a.yaml": 'version: "prometheus/v1"\nservice: x1\nslos: []\n' }).issues)).toEqual(["a.yaml:3: slos: slos must be a non-empty list"]);
    expect(lines(load({ "a.yaml": 'version: "prometheus/v2"\nservice: x1\n' }).issues)).toEqual(['a.yaml:1: version: only Sloth specs with version "prometheus/v1" can be imported']);
    expect(lines(load({ "a.yaml": "apiVersion: sloth.slok.dev/v1\nkind: Other\n" }).issues)).toEqual(["a.yaml:2: kind: only kind PrometheusServiceLevel of sloth.slok.dev/v1 can be imported"]);
    const missing = 'version: "prometheus/v1"\nservice: x1\nslos:\n  - name: a1\n    sli:\n      events:\n        total_query: x_total\n';
    expect(lines(load({ "a.yaml": missing }).issues)).toEqual(["a.yaml:4: slos.0.objective: objective is a percentage, e.g. 99.9", "a.yaml:6: slos.0.sli.events.error_query: a PromQL query is required"]);
  });
});
