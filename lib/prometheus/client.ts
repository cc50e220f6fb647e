import "server-only";
import { z } from "zod";
import { PrometheusError } from "./errors";
import { buildInfoSchema, queryDataSchema, seriesListSchema, stringListSchema, type RawQueryData } from "./schemas";
import { createBreaker } from "./breaker";
import { callApi, type ApiRequest, type Transport } from "./transport";
import type {
  BuildInfo,
  MatrixSeries,
  PrometheusClient,
  PrometheusClientOptions,
  QueryResult,
  VectorSample,
} from "./types";
import { parseSampleValue, toPromDuration, toPromTime } from "./values";
import { abortedError, budgetError, upstreamScope } from "./request-scope";

const DEFAULT_TIMEOUT_MS = 10_000;

const toNumber = (raw: string): number => {
  const value = parseSampleValue(raw);
  if (value === undefined)
    throw new PrometheusError(
      "bad_response",
      `Prometheus returned a sample value that is not a number: ${JSON.stringify(raw)}`,
    );
  return value;
};

const toQueryResult = (data: RawQueryData): QueryResult => {
  switch (data.resultType) {
    case "vector":
      return {
        resultType: "vector",
        result: data.result.map(({ metric, value: [timestamp, raw] }) => ({ metric, value: toNumber(raw), timestamp })),
      };
    case "matrix":
      return {
        resultType: "matrix",
        result: data.result.map(({ metric, values }) => ({
          metric,
          values: values.map(([t, raw]): [number, number] => [t, toNumber(raw)]),
        })),
      };
    case "scalar":
      return { resultType: "scalar", result: { timestamp: data.result[0], value: toNumber(data.result[1]) } };
    case "string":
      return { resultType: "string", result: { timestamp: data.result[0], value: data.result[1] } };
  }
};

const authHeaders = (options: PrometheusClientOptions): Record<string, string> => {
  if (options.bearerToken) return { Authorization: `Bearer ${options.bearerToken}` };
  if (options.basicAuth) {
    const { username, password } = options.basicAuth;
    return { Authorization: `Basic ${Buffer.from(`${username}:${password}`, "utf8").toString("base64")}` };
  }
  return {};
};

/**
 * Creates a client for the Prometheus HTTP API. Queries are POSTed as form bodies (30-day
 * expressions for many services get long); every request has a client-side deadline of `timeoutMs`
 * and queries also pass it to Prometheus as `timeout` so the server stops working on them too.
 * Failures throw PrometheusError with a `reason` (see errors.ts).
 */
export const createPrometheusClient = (options: PrometheusClientOptions): PrometheusClient => {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const transport: Transport = {
    baseUrl: options.url.replace(/\/+$/, ""),
    timeoutMs,
    fetch: fetchImpl,
    headers: { Accept: "application/json", ...authHeaders(options), ...options.headers },
  };
  // Prometheus' own evaluation limit: the client's deadline, or what is left of the request's upstream budget.
  const serverTimeout = () => {
    const scope = upstreamScope();
    return toPromDuration(scope ? Math.max(1, Math.min(timeoutMs, scope.deadlineMs - Date.now())) : timeoutMs);
  };
  // Every call goes through the source's breaker: a known-bad Prometheus fails fast (breaker.ts).
  const breaker = createBreaker(options.breaker);
  // A request whose client left or whose upstream budget is spent sends nothing: refused before the
  // breaker, which must not count it against the source (nothing was asked of it).
  const api = <S extends z.ZodType>(request: ApiRequest, schema: S) => {
    const scope = upstreamScope();
    if (scope?.signal?.aborted) return Promise.reject(abortedError());
    if (scope && scope.deadlineMs <= Date.now()) return Promise.reject(budgetError(scope));
    return breaker.run(() => callApi(transport, request, schema));
  };

  const instantQuery = async (query: string, timeSec?: number): Promise<QueryResult> => {
    const params: [string, string][] = [
      ["query", query],
      ["timeout", serverTimeout()],
    ];
    if (timeSec !== undefined) params.push(["time", toPromTime(timeSec)]);
    return toQueryResult(await api({ path: "/api/v1/query", method: "POST", params }, queryDataSchema));
  };

  const instantVector = async (query: string, timeSec?: number): Promise<VectorSample[]> => {
    const result = await instantQuery(query, timeSec);
    if (result.resultType === "vector") return result.result;
    if (result.resultType === "scalar") return [{ metric: {}, ...result.result }];
    throw new PrometheusError(
      "bad_response",
      `Expected an instant vector from ${JSON.stringify(query)}, got ${result.resultType}`,
    );
  };

  const rangeQuery = async (
    query: string,
    startSec: number,
    endSec: number,
    stepSec: number,
  ): Promise<MatrixSeries[]> => {
    const params: [string, string][] = [
      ["query", query],
      ["start", toPromTime(startSec)],
      ["end", toPromTime(endSec)],
      ["step", String(stepSec)],
      ["timeout", serverTimeout()],
    ];
    const result = toQueryResult(await api({ path: "/api/v1/query_range", method: "POST", params }, queryDataSchema));
    if (result.resultType !== "matrix")
      throw new PrometheusError("bad_response", `Expected a matrix from query_range, got ${result.resultType}`);
    return result.result;
  };

  const labelValues = (label: string, match?: string | string[]): Promise<string[]> => {
    const matchers = match === undefined ? [] : Array.isArray(match) ? match : [match];
    const params = matchers.map((m): [string, string] => ["match[]", m]);
    return api({ path: `/api/v1/label/${encodeURIComponent(label)}/values`, method: "GET", params }, stringListSchema);
  };

  const series = (match: string[], startSec?: number, endSec?: number) => {
    const params = match.map((m): [string, string] => ["match[]", m]);
    if (startSec !== undefined) params.push(["start", toPromTime(startSec)]);
    if (endSec !== undefined) params.push(["end", toPromTime(endSec)]);
    return api({ path: "/api/v1/series", method: "POST", params }, seriesListSchema);
  };

  return {
    url: transport.baseUrl,
    health: breaker.health,
    instantQuery,
    instantVector,
    rangeQuery,
    labelValues,
    metricNames: () => labelValues("__name__"),
    series,
    buildInfo: async (): Promise<BuildInfo> =>
      api({ path: "/api/v1/status/buildinfo", method: "GET" }, buildInfoSchema),
    parseQuery: (query: string) =>
      api({ path: "/api/v1/parse_query", method: "POST", params: [["query", query]] }, z.unknown()),
    formatQuery: (query: string) =>
      api({ path: "/api/v1/format_query", method: "POST", params: [["query", query]] }, z.string()),
  };
};
