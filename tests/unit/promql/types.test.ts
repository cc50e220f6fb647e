import { describe, expect, it } from "vitest";
import { checkPromqlExpression } from "@/lib/promql/types";
import { formatPromqlError } from "@/lib/promql/parse";

const problem = (text: string, expect?: Parameters<typeof checkPromqlExpression>[1]) => {
  const r = checkPromqlExpression(text, expect);
  return r.ok ? `ok: ${r.type}` : formatPromqlError(r.error);
};

describe("checkPromqlExpression", () => {
  it("infers the result type of valid expressions", () => {
    expect(problem('sum(rate(x_total{a="b"}[5m])) by (job)')).toBe("ok: vector");
    expect(problem("x_total[5m]")).toBe("ok: matrix");
    expect(problem("1 + 2")).toBe("ok: scalar");
    expect(problem("histogram_quantile(0.99, sum by (le) (rate(x_bucket[5m])))")).toBe("ok: vector");
  });

  it("reports type errors the grammar alone accepts, with their position", () => {
    expect(problem("rate(x_total)")).toBe(
      'line 1, column 6: expected type matrix in call to function "rate", got vector',
    );
    expect(problem("sum(x_total[5m])")).toBe(
      "line 1, column 5: expected type vector in aggregation expression, got matrix",
    );
    expect(problem("x_total[5m] + 1")).toContain("binary expression must contain only scalar and instant vector types");
  });

  it("reports syntax errors first", () => {
    expect(problem("http_requests_total{service=}")).toMatch(/^line 1, column 29: parse error: unexpected "}"/);
  });

  it("checks the result type the caller needs", () => {
    expect(problem("x_total[5m]", ["vector", "scalar"])).toBe(
      "line 1, column 1: the expression is a range vector; expected an instant vector or a scalar",
    );
    expect(problem("x_total", ["vector"])).toBe("ok: vector");
  });
});
