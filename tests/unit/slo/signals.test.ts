import { describe, expect, it } from "vitest";
import { resolveSignals } from "@/lib/slo/signals";
import type { Sli } from "@/lib/slo";

const ratio: Sli = {
  kind: "ratio",
  total: 'http_requests_total{service="search"}',
  bad: 'http_requests_total{service="search",code=~"5.."}',
};
const latency: Sli = {
  kind: "latency",
  metric: "http_request_duration_seconds",
  matchers: 'service="search"',
  thresholdSeconds: 0.3,
};
const byKey = (list: ReturnType<typeof resolveSignals>) => Object.fromEntries(list.map((s) => [s.key, s]));

describe("resolveSignals", () => {
  it("derives latency, traffic and error ratio from the SLIs; saturation stays unconfigured", () => {
    const s = byKey(resolveSignals({}, [ratio, latency]));
    expect(s.latencyP99).toEqual({
      key: "latencyP99",
      source: "derived",
      query: 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{service="search"}[5m])))',
    });
    expect(s.traffic!.query).toBe('sum(rate(http_requests_total{service="search"}[5m]))');
    expect(s.errorRatio!.query).toBe(
      '(sum(increase(http_requests_total{service="search",code=~"5.."}[5m])) or vector(0)) / (sum(increase(http_requests_total{service="search"}[5m])) > 0)',
    );
    expect(s.saturation).toEqual({ key: "saturation", query: null, source: "none" });
  });

  it("uses the latency histogram's _count for traffic when there is no ratio SLI", () => {
    const s = byKey(resolveSignals({}, [latency]));
    expect(s.traffic!.query).toBe('sum(rate(http_request_duration_seconds_count{service="search"}[5m]))');
    expect(s.errorRatio!.source).toBe("none");
  });

  it("prefers configured queries and ignores blank ones", () => {
    const s = byKey(resolveSignals({ saturation: "avg(cpu_usage)", traffic: "  ", latencyP99: null }, []));
    expect(s.saturation).toEqual({ key: "saturation", query: "avg(cpu_usage)", source: "configured" });
    expect(s.traffic!.source).toBe("none");
    expect(s.latencyP99!.source).toBe("none");
  });

  it("gives no default for an SLI that does not validate", () => {
    expect(byKey(resolveSignals({}, [{ kind: "ratio", total: "", bad: "x" }])).traffic!.source).toBe("none");
  });
});
