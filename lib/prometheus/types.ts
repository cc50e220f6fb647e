import type { BreakerHealth, BreakerOptions } from "./breaker";
/** Label set of one series, `__name__` included when Prometheus keeps it. */
export type Labels = Record<string, string>;

/** One sample of an instant vector. `timestamp` is epoch seconds (float). */
export type VectorSample = { metric: Labels; value: number; timestamp: number };

/** One series of a range query: `[epochSeconds, value]` pairs in time order. */
export type MatrixSeries = { metric: Labels; values: [number, number][] };

/** Result of a scalar expression such as `1 + 1` or `scalar(...)`. */
export type ScalarSample = { value: number; timestamp: number };

/** Typed result of `/api/v1/query`, discriminated by Prometheus' `resultType`. */
export type QueryResult =
  | { resultType: "vector"; result: VectorSample[] }
  | { resultType: "matrix"; result: MatrixSeries[] }
  | { resultType: "scalar"; result: ScalarSample }
  | { resultType: "string"; result: { value: string; timestamp: number } };

/** `/api/v1/status/buildinfo` data; extra fields Prometheus may add are kept. */
export type BuildInfo = {
  version: string;
  revision?: string;
  branch?: string;
  buildUser?: string;
  buildDate?: string;
  goVersion?: string;
  [key: string]: unknown;
};

export type PrometheusClientOptions = {
  /** Base URL, e.g. `http://127.0.0.1:9090` or `https://host/prometheus/` (path prefix kept). */
  url: string;
  bearerToken?: string;
  basicAuth?: { username: string; password: string };
  /** Extra headers (tenant headers, proxies); applied after the auth header, so they can override it. */
  headers?: Record<string, string>;
  /** Client-side deadline per request in milliseconds, also sent to Prometheus as `timeout`. Default 10 000. */
  timeoutMs?: number;
  /** Injected fetch (unit tests); defaults to globalThis.fetch. */
  fetch?: typeof fetch;
  /** Circuit breaker settings (breaker.ts): 3 outages in a row open it for 5 s by default. */
  breaker?: BreakerOptions;
};

export type PrometheusClient = {
  /** Base URL without trailing slash. */
  readonly url: string;
  /** The breaker's view of this source: closed/open/half-open, failures in a row, last good answer. */
  health(): BreakerHealth;
  /** Instant query (POST /api/v1/query) at `timeSec` (epoch seconds; Prometheus' "now" when omitted). */
  instantQuery(query: string, timeSec?: number): Promise<QueryResult>;
  /**
   * Instant query that must yield an instant vector; a scalar becomes one sample with empty labels.
   * Throws PrometheusError("bad_response") for matrix/string results.
   */
  instantVector(query: string, timeSec?: number): Promise<VectorSample[]>;
  /** Range query (POST /api/v1/query_range); all times and the step in seconds. */
  rangeQuery(query: string, startSec: number, endSec: number, stepSec: number): Promise<MatrixSeries[]>;
  /** Values of one label (GET /api/v1/label/<label>/values), optionally restricted by series selectors. */
  labelValues(label: string, match?: string | string[]): Promise<string[]>;
  /** All metric names (label values of `__name__`). */
  metricNames(): Promise<string[]>;
  /** Label sets of the series matching any selector (POST /api/v1/series); times in seconds. */
  series(match: string[], startSec?: number, endSec?: number): Promise<Labels[]>;
  buildInfo(): Promise<BuildInfo>;
  /** AST from /api/v1/parse_query (Prometheus ≥ 2.47 or so; 2.42 answers plain-text 404 → reason "http"). */
  parseQuery(query: string): Promise<unknown>;
  /** Canonical text from /api/v1/format_query (Prometheus ≥ 2.32; parses and type-checks, evaluates nothing). */
  formatQuery(query: string): Promise<string>;
};
