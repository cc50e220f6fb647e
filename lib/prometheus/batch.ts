import { PrometheusError } from "./errors";
import type { PrometheusClient } from "./types";

/** One expression of a batch; `expr` must evaluate to at most one series (e.g. a `sum(...)` ratio). */
export type BatchItem = { key: string; expr: string };

export type BatchOptions = {
  /** Evaluation time in epoch seconds; Prometheus' "now" when omitted. */
  timeSec?: number;
  /** Max UTF-8 length of one combined query; larger batches are split into several queries. Default 200 000. */
  maxQueryBytes?: number;
  /** Label that carries the key; must not occur in the expressions' results. Default "__key". */
  keyLabel?: string;
};

export type BatchResult = {
  /** Value per key; keys whose expression returned nothing are absent (NaN from 0/0 is kept). */
  values: Map<string, number>;
  /** Keys whose expression returned more than one series; they are left out of `values`. */
  ambiguousKeys: string[];
  /** HTTP queries made, for benchmarks and logs. */
  queryCount: number;
};

export const DEFAULT_MAX_QUERY_BYTES = 200_000;
const OR = " or ";

/**
 * Wraps one expression so its single result series carries the key. PromQL string literals accept
 * Go escapes, and JSON.stringify produces a compatible double-quoted literal for any key.
 */
export const keyedExpression = (item: BatchItem, keyLabel = "__key"): string =>
  `label_replace(${item.expr}, ${JSON.stringify(keyLabel)}, ${JSON.stringify(item.key)}, "", "")`;

/** Groups keyed expressions into `or` chains no longer than maxQueryBytes (a longer single one stands alone). */
export const chunkKeyedExpressions = (expressions: string[], maxQueryBytes: number): string[] => {
  const chunks: string[] = [];
  let current = "";
  let currentBytes = 0;
  for (const expression of expressions) {
    const bytes = Buffer.byteLength(expression, "utf8");
    if (current !== "" && currentBytes + OR.length + bytes > maxQueryBytes) {
      chunks.push(current);
      current = "";
      currentBytes = 0;
    }
    current = current === "" ? expression : current + OR + expression;
    currentBytes += (currentBytes === 0 ? 0 : OR.length) + bytes;
  }
  if (current !== "") chunks.push(current);
  return chunks;
};

/**
 * Evaluates many single-series expressions with as few HTTP queries as possible:
 * `label_replace(<expr_1>, "__key", "<key_1>", "", "") or label_replace(<expr_2>, ...) or ...`.
 * Why label_replace: each `sum(...)` result has an empty label set, and `a or b` keeps only the
 * elements of b whose label sets are not already in a, so a bare `or` chain would return just the
 * first expression's value. A distinct key label makes every operand's series unique, and the
 * answer splits back into a Map by that label. Prometheus still evaluates each operand, so this
 * saves HTTP round trips and per-query overhead, not evaluation work.
 * Errors of any chunk (bad PromQL in one item fails its whole chunk) propagate as PrometheusError.
 */
export const batchQuery = async (client: PrometheusClient, items: BatchItem[], options: BatchOptions = {}): Promise<BatchResult> => {
  const keyLabel = options.keyLabel ?? "__key";
  const chunks = chunkKeyedExpressions(items.map((item) => keyedExpression(item, keyLabel)), options.maxQueryBytes ?? DEFAULT_MAX_QUERY_BYTES);
  const values = new Map<string, number>();
  const ambiguous = new Set<string>();
  let queryCount = 0;
  for (const query of chunks) {
    queryCount++;
    const samples = await client.instantVector(query, options.timeSec);
    for (const sample of samples) {
      const key = sample.metric[keyLabel];
      if (key === undefined) throw new PrometheusError("bad_response", `batch result without the ${keyLabel} label`);
      if (values.has(key) || ambiguous.has(key)) {
        ambiguous.add(key);
        values.delete(key);
        continue;
      }
      values.set(key, sample.value);
    }
  }
  return { values, ambiguousKeys: [...ambiguous], queryCount };
};
