// Public API of the Prometheus HTTP client (server-side; no Next imports so tests can use it directly).
export { createPrometheusClient } from "./client";
export { createBreaker, type Breaker, type BreakerHealth, type BreakerOptions, type BreakerState } from "./breaker";
export { PrometheusError, isPrometheusError, type PrometheusErrorReason } from "./errors";
export { isUpstreamFailure, publicUpstreamMessage, upstreamAppError, upstreamError } from "./app-error";
export { detachedFromRequest, withinBudget, withUpstreamScope, type UpstreamScope } from "./request-scope";
export {
  batchQuery,
  batchRangeQuery,
  chunkKeyedExpressions,
  keyedExpression,
  type BatchItem,
  type BatchOptions,
  type BatchResult,
} from "./batch";
export { localPromqlCheck, type PromqlCheck } from "./local-check";
export { validatePromQL, type PromqlValidation } from "./validate";
export { parseSampleValue } from "./values";
export type {
  BuildInfo,
  Labels,
  MatrixSeries,
  PrometheusClient,
  PrometheusClientOptions,
  QueryResult,
  ScalarSample,
  VectorSample,
} from "./types";
