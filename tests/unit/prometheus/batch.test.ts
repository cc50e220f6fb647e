import { describe, expect, it } from "vitest";
import {
  batchQuery,
  chunkKeyedExpressions,
  createPrometheusClient,
  keyedExpression,
  PrometheusError,
} from "@/lib/prometheus";
import { fakeFetch, formFields, vector } from "./fake-fetch";

describe("keyedExpression", () => {
  it("wraps the expression in label_replace with the key as a string literal", () => {
    expect(keyedExpression({ key: "slo-1", expr: "sum(rate(x[5m]))" })).toBe(
      'label_replace(sum(rate(x[5m])), "__key", "slo-1", "", "")',
    );
  });

  it("escapes quotes and backslashes in keys", () => {
    expect(keyedExpression({ key: 'a"b\\c', expr: "up" }, "k")).toBe('label_replace(up, "k", "a\\"b\\\\c", "", "")');
  });
});

describe("chunkKeyedExpressions", () => {
  it("joins everything with or, as a balanced tree, when it fits", () => {
    expect(chunkKeyedExpressions(["a", "b", "c"], 100)).toEqual(["((a or b) or c)"]);
    expect(chunkKeyedExpressions(["a", "b", "c", "d"], 100)).toEqual(["((a or b) or (c or d))"]);
  });

  it("splits so that no chunk exceeds the byte limit", () => {
    const parts = Array.from({ length: 10 }, (_, i) => `expr${i}`); // 5 bytes each, " or " + parens is 6
    const chunks = chunkKeyedExpressions(parts, 22); // "(expr0 or expr1)" = 16 bytes
    expect(chunks).toEqual([
      "(expr0 or expr1)",
      "(expr2 or expr3)",
      "(expr4 or expr5)",
      "(expr6 or expr7)",
      "(expr8 or expr9)",
    ]);
    expect(chunks.every((c) => c.length <= 22)).toBe(true);
  });

  it("splits by the number of operands", () => {
    expect(chunkKeyedExpressions(["a", "b", "c", "d", "e"], 1000, 2)).toEqual(["(a or b)", "(c or d)", "e"]);
  });

  it("keeps an oversize expression alone", () => {
    expect(chunkKeyedExpressions(["a", "x".repeat(50), "b"], 10)).toEqual(["a", "x".repeat(50), "b"]);
  });

  it("returns no chunks for no expressions", () => {
    expect(chunkKeyedExpressions([], 10)).toEqual([]);
  });
});

describe("batchQuery", () => {
  // Answers each query with one sample per label_replace key found in it, value = key length.
  const echoKeys = () =>
    fakeFetch((request) => {
      const query = formFields(request).get("query") ?? "";
      const keys = [...query.matchAll(/"__key", "([^"]*)"/g)].map((m) => m[1] ?? "");
      return vector(
        keys
          .filter((k) => !k.startsWith("missing"))
          .map((k) => ({ metric: { __key: k }, value: [100, String(k.length)] })),
      );
    });

  it("asks one query for all keys and splits the answer into a map", async () => {
    const fake = echoKeys();
    const client = createPrometheusClient({ url: "http://p", fetch: fake.fetch });
    const items = ["a", "bb", "ccc", "missing-1"].map((key) => ({ key, expr: `sum(up{job="${key}"})` }));
    const result = await batchQuery(client, items, { timeSec: 100 });
    expect(result.queryCount).toBe(1);
    expect([...result.values]).toEqual([
      ["a", 1],
      ["bb", 2],
      ["ccc", 3],
    ]);
    expect(result.values.has("missing-1")).toBe(false);
    expect(formFields(fake.requests[0]!).get("time")).toBe("100");
  });

  it("sends an expression shared by several keys once and gives every key its value", async () => {
    const fake = echoKeys();
    const client = createPrometheusClient({ url: "http://p", fetch: fake.fetch });
    const items = [
      { key: "a", expr: "sum(up)" },
      { key: "bb", expr: "sum(up)" },
      { key: "ccc", expr: 'sum(up{job="x"})' },
      { key: "dddd", expr: "sum(up)" },
    ];
    const result = await batchQuery(client, items);
    const query = formFields(fake.requests[0]!).get("query")!;
    expect(query.match(/label_replace/g)).toHaveLength(2);
    expect([...result.values].sort()).toEqual([
      ["a", 1],
      ["bb", 1],
      ["ccc", 3],
      ["dddd", 1],
    ]);
  });

  it("uses several queries when the combined query exceeds maxQueryBytes", async () => {
    const fake = echoKeys();
    const client = createPrometheusClient({ url: "http://p", fetch: fake.fetch });
    const items = Array.from({ length: 1000 }, (_, i) => ({
      key: `slo-${i}`,
      expr: `sum(rate(http_requests_total{service="svc-${i}"}[30d]))`,
    }));
    const result = await batchQuery(client, items, { maxQueryBytes: 20_000 });
    expect(result.values.size).toBe(1000);
    expect(result.queryCount).toBe(fake.requests.length);
    expect(result.queryCount).toBeGreaterThan(1);
    expect(result.queryCount).toBeLessThan(10);
  });

  it("reports keys whose expression returned several series instead of guessing", async () => {
    const fake = fakeFetch(() =>
      vector([
        { metric: { __key: "a", service: "x" }, value: [1, "1"] },
        { metric: { __key: "a", service: "y" }, value: [1, "2"] },
        { metric: { __key: "b" }, value: [1, "NaN"] },
      ]),
    );
    const result = await batchQuery(createPrometheusClient({ url: "http://p", fetch: fake.fetch }), [
      { key: "a", expr: "sum by (service) (up)" },
      { key: "b", expr: "sum(up)" },
    ]);
    expect(result.ambiguousKeys).toEqual(["a"]);
    expect(result.values.has("a")).toBe(false);
    expect(result.values.get("b")).toBeNaN();
  });

  it("makes no request for an empty batch", async () => {
    const fake = echoKeys();
    const result = await batchQuery(createPrometheusClient({ url: "http://p", fetch: fake.fetch }), []);
    expect(result).toEqual({ values: new Map(), ambiguousKeys: [], queryCount: 0 });
    expect(fake.requests).toHaveLength(0);
  });

  it("propagates query errors", async () => {
    const fake = fakeFetch(() => ({
      status: 400,
      body: {
        status: "error",
        errorType: "bad_data",
        error: 'invalid parameter "query": 1:20: parse error: unclosed left parenthesis',
      },
    }));
    await expect(
      batchQuery(createPrometheusClient({ url: "http://p", fetch: fake.fetch }), [{ key: "a", expr: "sum(" }]),
    ).rejects.toBeInstanceOf(PrometheusError);
  });
});
