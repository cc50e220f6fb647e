import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { exportFiles, exportStream, loadFiles, type ConfigState } from "@/lib/slo-as-code";
import { lines, load, sloDefaults } from "./helpers";

// OpenSLO Timeslices ⇄ srecp's timeslice SLI (issue 16 item 6): the indicator is the judged SLI, the
// objective carries target (share of good slices), timeSliceTarget (per-slice threshold) and timeSliceWindow.
const service = {
  slug: "search",
  name: "Search",
  team: "discovery",
  tier: 2,
  description: "",
  runbookUrl: null,
  repoUrl: null,
  dashboardUrl: null,
  dataSource: null,
};
const minutes = {
  ...sloDefaults(),
  service: "search",
  name: "good-minutes",
  description: "",
  objective: 0.999,
  window: { kind: "rolling" as const, days: 30 },
  sli: {
    kind: "timeslice" as const,
    sliceMinutes: 1 as const,
    threshold: 0.99,
    of: {
      kind: "ratio" as const,
      total: 'http_requests_total{service="search"}',
      bad: 'http_requests_total{service="search",code=~"5.."}',
    },
  },
  runbookUrl: null,
  alerting: false,
  labels: {},
};
const latencySlices = {
  ...minutes,
  name: "p99-slices",
  sli: {
    kind: "timeslice" as const,
    sliceMinutes: 5 as const,
    threshold: 0.99,
    of: {
      kind: "latency" as const,
      metric: "http_request_duration_seconds",
      matchers: 'service="search"',
      thresholdSeconds: 0.3,
    },
  },
};
const state: ConfigState = { services: [service], slos: [minutes, latencySlices], policies: [] };

const openslo = (objective: string, method = "Timeslices") => `apiVersion: openslo/v1
kind: Service
metadata:
  name: search
  annotations:
    srecp.dev/team: discovery
---
apiVersion: openslo/v1
kind: SLO
metadata:
  name: good-minutes
spec:
  service: search
  budgetingMethod: ${method}
  timeWindow:
    - duration: 4w
      isRolling: true
  indicator:
    metadata:
      name: good-minutes
    spec:
      ratioMetric:
        counter: true
        good:
          metricSource:
            type: Prometheus
            spec:
              query: http_requests_total{service="search",code!~"5.."}
        total:
          metricSource:
            type: Prometheus
            spec:
              query: http_requests_total{service="search"}
  objectives:
${objective}
`;

describe("OpenSLO Timeslices", () => {
  it("exports a timeslice SLO as budgetingMethod Timeslices with timeSliceTarget and timeSliceWindow", () => {
    const docs = exportFiles(state, "openslo")
      .get("services/search.yaml")!
      .split("---\n")
      .map((d) => parse(d));
    const slo = docs.find((d) => d.kind === "SLO" && d.metadata.name === "good-minutes");
    expect(slo.spec.budgetingMethod).toBe("Timeslices");
    expect(slo.spec.objectives).toEqual([{ target: 0.999, timeSliceTarget: 0.99, timeSliceWindow: "1m" }]);
    expect(slo.spec.indicator.spec.ratioMetric).toEqual({
      counter: true,
      bad: {
        metricSource: { type: "Prometheus", spec: { query: 'http_requests_total{service="search",code=~"5.."}' } },
      },
      total: { metricSource: { type: "Prometheus", spec: { query: 'http_requests_total{service="search"}' } } },
    });
    const p99 = docs.find((d) => d.kind === "SLO" && d.metadata.name === "p99-slices");
    expect(p99.spec.objectives[0]).toMatchObject({ timeSliceTarget: 0.99, timeSliceWindow: "5m" });
  });

  it.each(["srecp", "openslo"] as const)("imports back to the same timeslice SLOs (%s)", (format) => {
    const loaded = loadFiles([{ path: "-", text: exportStream(exportFiles(state, format)) }]);
    expect(loaded.issues).toEqual([]);
    expect(loaded.desired.slos).toEqual(expect.arrayContaining([minutes, latencySlices]));
  });

  it("imports OpenSLO's own form: a number of minutes as timeSliceWindow", () => {
    const { desired, issues } = load(
      { "a.yaml": openslo("    - target: 0.95\n      timeSliceTarget: 0.9\n      timeSliceWindow: 5") },
      { defaultTeam: "discovery" },
    );
    expect(issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(desired.slos[0]!.sli).toEqual({
      kind: "timeslice",
      sliceMinutes: 5,
      threshold: 0.9,
      of: {
        kind: "ratio",
        total: 'http_requests_total{service="search"}',
        good: 'http_requests_total{service="search",code!~"5.."}',
      },
    });
  });

  it("names the field of what cannot be mapped", () => {
    const errors = (objective: string, method?: string) =>
      lines(load({ "a.yaml": openslo(objective, method) }).issues.filter((i) => i.severity === "error"));
    expect(errors("    - target: 0.95\n      timeSliceTarget: 0.9\n      timeSliceWindow: 2m")).toEqual([
      'a.yaml:37: spec.objectives.0.timeSliceWindow: timeSliceWindow must be 1m or 5m (srecp slices are 1 or 5 minutes, divisors of its 5 m records); got "2m"',
    ]);
    expect(errors("    - target: 0.95\n      timeSliceWindow: 1m")[0]).toMatch(
      /spec\.objectives\.0\.timeSliceTarget: timeSliceTarget is required for Timeslices/,
    );
    expect(errors("    - target: 0.95\n      timeSliceTarget: 1.5\n      timeSliceWindow: 1m")[0]).toMatch(
      /timeSliceTarget: timeSliceTarget is required for Timeslices: .* at most 1$/,
    );
    expect(errors("    - target: 0.95\n      timeSliceWindow: 1m", "RatioTimeslices")[0]).toMatch(
      /spec\.budgetingMethod: only budgetingMethod Occurrences or Timeslices can be mapped \(got "RatioTimeslices"/,
    );
    expect(errors("    - target: 0.95\n      timeSliceTarget: 0.9", "Occurrences")[0]).toMatch(
      /spec\.objectives\.0\.timeSliceTarget: timeSliceTarget cannot be mapped \(time-slice fields need budgetingMethod: Timeslices\)/,
    );
  });
});
