import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  batchQuery,
  createPrometheusClient,
  PrometheusError,
  validatePromQL,
  type PrometheusClient,
} from "@/lib/prometheus";
import { startPrometheusStack, type PrometheusStack } from "@/tests/harness/prometheus-stack";
import type { ScenarioServiceName } from "@/tests/harness/scenario";

// The Prometheus client against a real Prometheus 2.42 holding the backfilled scenario of
// tests/harness/scenario.ts. At time=end the 30-day windows sit exactly on the sample grid, so
// ratios are exact; elsewhere increase() extrapolates and we allow 1e-4 relative error.
const DAY = 86_400;

let stack: PrometheusStack;
let client: PrometheusClient;

beforeAll(async () => {
  stack = await startPrometheusStack();
  client = createPrometheusClient({ url: stack.prometheusUrl });
});

afterAll(async () => {
  await stack?.stop();
});

const errorRatio = (service: string, window = "30d") =>
  `sum(increase(http_requests_total{service="${service}",code=~"5.."}[${window}])) / sum(increase(http_requests_total{service="${service}"}[${window}]))`;
const latencyFraction = (service: string, le: string) =>
  `sum(increase(http_request_duration_seconds_bucket{service="${service}",le="${le}"}[30d])) / sum(increase(http_request_duration_seconds_count{service="${service}"}[30d]))`;

const single = async (query: string, timeSec: number): Promise<number> => {
  const samples = await client.instantVector(query, timeSec);
  expect(samples).toHaveLength(1);
  return samples[0]!.value;
};

const captureError = async (promise: Promise<unknown>): Promise<PrometheusError> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PrometheusError);
  return error as PrometheusError;
};

describe("Prometheus client on the backfilled scenario", () => {
  it.each([
    ["checkout", 0.0005],
    ["search", 7200 / 25_920_000],
    ["payments", 0.01],
  ] as const)("reads the exact 30-day error ratio of %s at end", async (service, expected) => {
    expect(await single(errorRatio(service), stack.end)).toBe(expected);
    expect(stack.scenario.expectedErrorRatio(service, stack.end - 30 * DAY, stack.end)).toBe(expected);
  });

  it.each(["checkout", "search", "payments"] as const)(
    "matches the closed form off the sample grid for %s within 1e-4",
    async (service: ScenarioServiceName) => {
      const time = stack.end - 3 * 3600 - 30;
      const expected = stack.scenario.expectedErrorRatio(service, time - 30 * DAY, time);
      const actual = await single(errorRatio(service), time);
      expect(Math.abs(actual - expected) / expected).toBeLessThan(1e-4);
    },
  );

  it("reads the latency good fraction of checkout", async () => {
    expect(await single(latencyFraction("checkout", "0.3"), stack.end)).toBe(0.99);
    expect(await single(latencyFraction("checkout", "0.1"), stack.end)).toBe(0.9);
  });

  it("returns NaN for the idle service whose series exist without traffic", async () => {
    expect(await single(errorRatio("idle"), stack.end)).toBeNaN();
    expect(await client.labelValues("service")).toEqual(["checkout", "idle", "payments", "search"]);
    const series = await client.series(['http_requests_total{service="idle"}'], stack.end - 3600, stack.end);
    expect(series.map((s) => s.code).sort()).toEqual(["200", "500"]);
  });

  it("shows the search incident hour by hour in a range query", async () => {
    const { incident } = stack.scenario;
    const [series, ...rest] = await client.rangeQuery(
      'sum(increase(http_requests_total{service="search",code="503"}[1h]))',
      incident.start - 3600,
      incident.end + 3600,
      3600,
    );
    expect(rest).toHaveLength(0);
    expect(series?.values).toEqual([
      [incident.start - 3600, 0],
      [incident.start, 0],
      [incident.start + 3600, 3600],
      [incident.end, 3600],
      [incident.end + 3600, 0],
    ]);
  });

  it("lists metric names and build info", async () => {
    expect(await client.metricNames()).toEqual(
      expect.arrayContaining(["http_requests_total", "http_request_duration_seconds_bucket"]),
    );
    expect((await client.buildInfo()).version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("answers 4 keyed expressions with one HTTP query", async () => {
    const items = [
      { key: "checkout-availability", expr: errorRatio("checkout") },
      { key: "search-availability", expr: errorRatio("search") },
      { key: "payments-availability", expr: errorRatio("payments") },
      { key: "checkout-latency", expr: latencyFraction("checkout", "0.3") },
    ];
    const result = await batchQuery(client, items, { timeSec: stack.end });
    expect(result.queryCount).toBe(1);
    expect(Object.fromEntries(result.values)).toEqual({
      "checkout-availability": 0.0005,
      "search-availability": 7200 / 25_920_000,
      "payments-availability": 0.01,
      "checkout-latency": 0.99,
    });
  });

  it("leaves keys without data out of a batch", async () => {
    const result = await batchQuery(
      client,
      [
        { key: "ghost", expr: "sum(rate(no_such_metric[5m]))" },
        { key: "one", expr: "vector(1)" },
      ],
      { timeSec: stack.end },
    );
    expect([...result.values]).toEqual([["one", 1]]);
  });
});

describe("Prometheus client errors against a real server", () => {
  it("reports bad PromQL as bad_query with Prometheus' parse message", async () => {
    const error = await captureError(client.instantQuery("sum(rate(http_requests_total[5m])", stack.end));
    expect(error.reason).toBe("bad_query");
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/^1:\d+: parse error: unclosed left parenthesis$/);
  });

  it("reports a type error as bad_query", async () => {
    const error = await captureError(client.instantQuery("rate(http_requests_total)"));
    expect(error.message).toBe(
      '1:6: parse error: expected type range vector in call to function "rate", got instant vector',
    );
  });

  it("validates PromQL through Prometheus", async () => {
    expect(await validatePromQL(client, errorRatio("checkout"))).toEqual({ ok: true, source: "prometheus" });
    expect(await validatePromQL(client, "foo{")).toEqual({
      ok: false,
      message: "1:5: parse error: unexpected end of input inside braces",
      source: "prometheus",
    });
  });

  it("reports a wrong base path as http 404", async () => {
    const wrong = createPrometheusClient({ url: `${stack.prometheusUrl}/not-prometheus` });
    expect(await captureError(wrong.instantQuery("up"))).toMatchObject({ reason: "http", status: 404 });
  });

  it("reports a query slower than the deadline as timeout", async () => {
    const impatient = createPrometheusClient({ url: stack.prometheusUrl, timeoutMs: 1 });
    const error = await captureError(
      impatient.instantQuery("sum by (service, le) (rate(http_request_duration_seconds_bucket[30d]))", stack.end),
    );
    expect(error.reason).toBe("timeout");
  });

  it("reports a stopped Prometheus as network and recovers after restart", async () => {
    await stack.stopPrometheus();
    try {
      const error = await captureError(client.instantQuery("vector(1)"));
      expect(error.reason).toBe("network");
      expect((await validatePromQL(client, "sum(up")).source).toBe("local");
    } finally {
      await stack.startPrometheus();
    }
    expect(await single(errorRatio("payments"), stack.end)).toBe(0.01);
  });
});
