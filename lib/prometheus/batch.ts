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
  /**
   * Max expressions per query. Measured on Prometheus 2.42: one query's evaluation time grows
   * quadratically with its number of selectors (2,000 sums: 0.95 s; 4 × 500: 0.2 s), so big batches
   * are split. Default 250.
   */
  maxItemsPerQuery?: number;
  /** Chunks evaluated at once. Default 2. */
  concurrency?: number;
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
export const DEFAULT_MAX_ITEMS_PER_QUERY = 250;
const OR = " or ";

/**
 * Wraps one expression so its single result series carries the key. PromQL string literals accept
 * Go escapes, and JSON.stringify produces a compatible double-quoted literal for any key.
 */
export const keyedExpression = (item: BatchItem, keyLabel = "__key"): string =>
  `label_replace(${item.expr}, ${JSON.stringify(keyLabel)}, ${JSON.stringify(item.key)}, "", "")`;

/**
 * Combines expressions with `or` as a balanced tree, `((a or b) or (c or d))`: a left-deep chain
 * re-copies the growing result at every step (1,000 operands: 0.87 s vs 0.25 s as a tree).
 */
export const orTree = (expressions: string[]): string => {
  let level = expressions;
  while (level.length > 1) {
    const next: string[] = [];
    for (let i = 0; i < level.length; i += 2)
      next.push(i + 1 < level.length ? `(${level[i]}${OR}${level[i + 1]})` : level[i]!);
    level = next;
  }
  return level[0] ?? "";
};

/**
 * Groups keyed expressions into `or` trees of at most maxItems operands and no longer than
 * maxQueryBytes (a longer single one stands alone).
 */
export const chunkKeyedExpressions = (
  expressions: string[],
  maxQueryBytes: number,
  maxItems = Number.POSITIVE_INFINITY,
): string[] => {
  const chunks: string[][] = [];
  let current: string[] = [];
  let currentBytes = 0;
  for (const expression of expressions) {
    const bytes = Buffer.byteLength(expression, "utf8") + OR.length + 2;
    if (current.length && (currentBytes + bytes > maxQueryBytes || current.length >= maxItems)) {
      chunks.push(current);
      current = [];
      currentBytes = 0;
    }
    current.push(expression);
    currentBytes += bytes;
  }
  if (current.length) chunks.push(current);
  return chunks.map(orTree);
};

/**
 * Identical expressions (many SLOs over one SLI, each window's sums) are sent once: the first key of each
 * distinct expression stands for the others, whose values are copied back from it.
 */
function dedupe(items: BatchItem[]): {
  unique: BatchItem[];
  fanOut: <V>(r: { values: Map<string, V>; ambiguous: string[] }) => { values: Map<string, V>; ambiguous: string[] };
} {
  const byExpr = new Map<string, string[]>();
  for (const item of items) byExpr.set(item.expr, [...(byExpr.get(item.expr) ?? []), item.key]);
  const unique = [...byExpr].map(([expr, keys]) => ({ key: keys[0]!, expr }));
  const fanOut = <V>({ values, ambiguous }: { values: Map<string, V>; ambiguous: string[] }) => {
    const out = new Map<string, V>();
    const amb = new Set(ambiguous);
    for (const keys of byExpr.values()) {
      const v = values.get(keys[0]!);
      for (const k of keys) {
        if (v !== undefined) out.set(k, v);
        if (amb.has(keys[0]!)) amb.add(k);
      }
    }
    return { values: out, ambiguous: [...amb] };
  };
  return { unique, fanOut };
}

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
/** The items' distinct expressions, keyed by `keyLabel` and packed into queries within the options' limits. */
function keyedChunks(items: BatchItem[], options: Omit<BatchOptions, "timeSec">) {
  const keyLabel = options.keyLabel ?? "__key";
  const { unique, fanOut } = dedupe(items);
  const chunks = chunkKeyedExpressions(
    unique.map((item) => keyedExpression(item, keyLabel)),
    options.maxQueryBytes ?? DEFAULT_MAX_QUERY_BYTES,
    options.maxItemsPerQuery ?? DEFAULT_MAX_ITEMS_PER_QUERY,
  );
  return { keyLabel, fanOut, chunks };
}

export const batchQuery = async (
  client: PrometheusClient,
  items: BatchItem[],
  options: BatchOptions = {},
): Promise<BatchResult> => {
  const { keyLabel, fanOut, chunks } = keyedChunks(items, options);
  const results = await mapChunks(chunks, options.concurrency ?? 2, (q) => client.instantVector(q, options.timeSec));
  const { values, ambiguous } = fanOut(splitByKey(results.flat(), keyLabel, (sample) => sample.value));
  return { values, ambiguousKeys: ambiguous, queryCount: chunks.length };
};

/** Runs fn over the chunks with at most `concurrency` in flight; results in chunk order. */
async function mapChunks<T>(chunks: string[], concurrency: number, fn: (query: string) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(chunks.length);
  let next = 0;
  const worker = async () => {
    while (next < chunks.length) {
      const i = next++;
      results[i] = await fn(chunks[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, chunks.length) }, worker));
  return results;
}

/** Splits keyed series back by their key label; a key seen twice is ambiguous and dropped. */
function splitByKey<S extends { metric: Record<string, string> }, V>(
  series: S[],
  keyLabel: string,
  value: (s: S) => V,
) {
  const values = new Map<string, V>();
  const ambiguous = new Set<string>();
  for (const s of series) {
    const key = s.metric[keyLabel];
    if (key === undefined) throw new PrometheusError("bad_response", `batch result without the ${keyLabel} label`);
    if (values.has(key) || ambiguous.has(key)) {
      ambiguous.add(key);
      values.delete(key);
      continue;
    }
    values.set(key, value(s));
  }
  return { values, ambiguous: [...ambiguous] };
}

/**
 * The range-query form of batchQuery: many single-series expressions over the same [start, end] at
 * the same step, as keyed `or` trees; returns each key's `[epochSeconds, value]` points.
 */
export const batchRangeQuery = async (
  client: PrometheusClient,
  items: BatchItem[],
  range: { startSec: number; endSec: number; stepSec: number },
  options: Omit<BatchOptions, "timeSec"> = {},
): Promise<{ values: Map<string, [number, number][]>; ambiguousKeys: string[]; queryCount: number }> => {
  const { keyLabel, fanOut, chunks } = keyedChunks(items, options);
  const results = await mapChunks(chunks, options.concurrency ?? 2, (q) =>
    client.rangeQuery(q, range.startSec, range.endSec, range.stepSec),
  );
  const { values, ambiguous } = fanOut(splitByKey(results.flat(), keyLabel, (series) => series.values));
  return { values, ambiguousKeys: ambiguous, queryCount: chunks.length };
};
