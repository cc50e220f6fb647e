import { describe, expect, it } from "vitest";
import { formatLe, SloDefinitionError, sliErrorRatioQuery, sliIncreaseQueries, type Sli } from "@/lib/slo";

const total = 'http_requests_total{service="checkout"}';
const bad = 'http_requests_total{service="checkout",code=~"5.."}';
const good = 'http_requests_total{service="checkout",code=~"2.."}';
const latency: Sli = {
  kind: "latency",
  metric: "http_request_duration_seconds",
  matchers: 'service="checkout"',
  thresholdSeconds: 0.3,
};

describe("sliIncreaseQueries", () => {
  it("ratio with bad: good = total − (bad or 0), one label-less series each", () => {
    expect(sliIncreaseQueries({ kind: "ratio", total, bad }, "30d")).toEqual({
      total: `sum(increase(${total}[30d]))`,
      good: `sum(increase(${total}[30d])) - (sum(increase(${bad}[30d])) or vector(0))`,
    });
  });

  it("ratio with good: good or 0", () => {
    expect(sliIncreaseQueries({ kind: "ratio", total, good }, "1h")).toEqual({
      total: `sum(increase(${total}[1h]))`,
      good: `(sum(increase(${good}[1h])) or vector(0))`,
    });
  });

  it("latency: _bucket with le for good, _count for total", () => {
    expect(sliIncreaseQueries(latency, "5m")).toEqual({
      total: 'sum(increase(http_request_duration_seconds_count{service="checkout"}[5m]))',
      good: '(sum(increase(http_request_duration_seconds_bucket{service="checkout",le="0.3"}[5m])) or vector(0))',
    });
  });

  it("latency without matchers", () => {
    expect(sliIncreaseQueries({ ...latency, matchers: "", thresholdSeconds: 1 }, "5m")).toEqual({
      total: "sum(increase(http_request_duration_seconds_count[5m]))",
      good: '(sum(increase(http_request_duration_seconds_bucket{le="1"}[5m])) or vector(0))',
    });
  });

  it("trims whitespace and a trailing comma in matchers", () => {
    expect(sliIncreaseQueries({ ...latency, matchers: ' service="a", ' }, "5m").good).toContain(
      '_bucket{service="a",le="0.3"}',
    );
  });
});

describe("formatLe (Prometheus 2.x bucket labels)", () => {
  it.each([
    [0.3, "0.3"],
    [1, "1"],
    [2.5, "2.5"],
    [0.05, "0.05"],
    [10, "10"],
  ])("%d → %s", (seconds, label) => {
    expect(formatLe(seconds)).toBe(label);
  });
});

describe("sliErrorRatioQuery", () => {
  it("bad / total, with a > 0 filter so no traffic gives no sample instead of NaN", () => {
    expect(sliErrorRatioQuery({ kind: "ratio", total, bad }, "5m")).toBe(
      `(sum(increase(${bad}[5m])) or vector(0)) / (sum(increase(${total}[5m])) > 0)`,
    );
  });

  it("(total − good) / total for good selectors and latency", () => {
    expect(sliErrorRatioQuery({ kind: "ratio", total, good }, "1h")).toBe(
      `(sum(increase(${total}[1h])) - (sum(increase(${good}[1h])) or vector(0))) / (sum(increase(${total}[1h])) > 0)`,
    );
    expect(sliErrorRatioQuery(latency, "1h")).toContain('_bucket{service="checkout",le="0.3"}[1h]');
  });
});

describe("SLI validation", () => {
  it.each([
    ["empty total", { kind: "ratio", total: "  ", bad }, "sli.total"],
    ["neither good nor bad", { kind: "ratio", total }, "sli.good"],
    ["both good and bad", { kind: "ratio", total, good, bad }, "sli.good"],
    ["a range inside the selector", { kind: "ratio", total: `${total}[5m]`, bad }, "sli.total"],
    ["threshold 0", { ...latency, thresholdSeconds: 0 }, "sli.thresholdSeconds"],
    ["negative threshold", { ...latency, thresholdSeconds: -1 }, "sli.thresholdSeconds"],
    ["NaN threshold", { ...latency, thresholdSeconds: Number.NaN }, "sli.thresholdSeconds"],
    ["invalid metric name", { ...latency, metric: "http-duration" }, "sli.metric"],
    ["matchers with braces", { ...latency, matchers: '{service="a"}' }, "sli.matchers"],
    ["matchers with their own le", { ...latency, matchers: 'service="a",le="1"' }, "sli.matchers"],
  ] as [string, Sli, string][])("rejects %s (field %s)", (_label, sli, field) => {
    expect(() => sliIncreaseQueries(sli, "5m")).toThrow(SloDefinitionError);
    expect(() => sliIncreaseQueries(sli, "5m")).toThrow(expect.objectContaining({ field }));
  });

  it.each(["", "5", "0s"])("rejects range %j", (range) => {
    expect(() => sliErrorRatioQuery({ kind: "ratio", total, bad }, range)).toThrow(SloDefinitionError);
  });
});
