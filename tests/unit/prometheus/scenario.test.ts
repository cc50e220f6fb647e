import { describe, expect, it } from "vitest";
import { createScenario, defaultScenarioEnd, HISTORY_SECONDS } from "@/tests/harness/scenario";

const END = 1_795_788_000; // hour-aligned
const DAY = 86_400;
const scenario = createScenario(END);
const valueOf = (name: string, labels: Record<string, string>, t: number) => {
  const series = scenario.series.find(
    (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  );
  if (!series) throw new Error(`no series ${name} ${JSON.stringify(labels)}`);
  return series.valueAt(t);
};

describe("test scenario closed form", () => {
  it("starts 35 days before an hour-aligned end in the past", () => {
    expect(scenario.start).toBe(END - HISTORY_SECONDS);
    expect(defaultScenarioEnd(Date.UTC(2026, 10, 27, 15, 20))).toBe(Date.UTC(2026, 10, 27, 14) / 1000);
    expect(() => createScenario(END + 60)).toThrow(RangeError);
  });

  it("puts the search incident 72 h before end for 2 h", () => {
    expect(scenario.incident).toEqual({ start: END - 72 * 3600, end: END - 70 * 3600 });
  });

  it.each([
    ["checkout", 0.0005],
    ["search", 7200 / 25_920_000],
    ["payments", 0.01],
  ] as const)("gives the 30-day error ratio of %s exactly", (service, ratio) => {
    expect(scenario.expectedErrorRatio(service, END - 30 * DAY, END)).toBe(ratio);
  });

  it("has no traffic for idle", () => {
    expect(scenario.expectedRequests("idle", END - 30 * DAY, END)).toEqual({ good: 0, bad: 0, total: 0 });
    expect(scenario.expectedErrorRatio("idle", END - 30 * DAY, END)).toBeNaN();
  });

  it("counts the incident's errors only inside it", () => {
    expect(scenario.expectedRequests("search", scenario.incident.start, scenario.incident.end)).toEqual({
      good: 64_800,
      bad: 7200,
      total: 72_000,
    });
    expect(scenario.expectedRequests("search", scenario.incident.end, END).bad).toBe(0);
    expect(
      scenario.expectedRequests("search", scenario.incident.start + 1800, scenario.incident.start + 5400).bad,
    ).toBe(3600);
  });

  it("matches the counters' increases", () => {
    const from = END - 7 * DAY;
    const increase = (labels: Record<string, string>) =>
      valueOf("http_requests_total", labels, END) - valueOf("http_requests_total", labels, from);
    expect(increase({ service: "payments", code: "500" })).toBe(scenario.expectedRequests("payments", from, END).bad);
    expect(increase({ service: "payments", code: "200" })).toBe(scenario.expectedRequests("payments", from, END).good);
    expect(valueOf("http_requests_total", { service: "checkout", code: "200" }, scenario.start)).toBe(0);
  });

  it("has 99 % of checkout requests within 0.3 s and 90 % within 0.1 s", () => {
    const window = [END - 30 * DAY, END] as const;
    const at = (le: "0.1" | "0.3") => scenario.expectedLatency("checkout", le, ...window);
    expect(at("0.3").good / at("0.3").total).toBe(0.99);
    expect(at("0.1").good / at("0.1").total).toBe(0.9);
    expect(valueOf("http_request_duration_seconds_count", { service: "checkout" }, END)).toBe(20 * HISTORY_SECONDS);
  });

  it("labels every series with job, instance and service", () => {
    expect(scenario.series).toHaveLength(4 * 13);
    expect(
      scenario.series.every((s) => s.labels.job === "slo-demo" && s.labels.instance === "demo" && s.labels.service),
    ).toBe(true);
  });
});
