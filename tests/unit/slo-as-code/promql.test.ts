import { describe, expect, it } from "vitest";
import { isSelector, parseMatchers, ratioOrLatency, splitSelector, toCounterSelector } from "@/lib/slo-as-code/promql";

const sel = (q: string) => {
  const r = toCounterSelector(q);
  if (!r.ok) throw new Error(r.reason);
  return r.selector;
};
const reason = (q: string) => {
  const r = toCounterSelector(q);
  if (r.ok) throw new Error(`expected a failure, got ${r.selector}`);
  return r.reason;
};

describe("toCounterSelector", () => {
  it("keeps plain selectors as they are", () => {
    expect(sel('http_requests_total{service="checkout",code=~"5.."}')).toBe(
      'http_requests_total{service="checkout",code=~"5.."}',
    );
    expect(sel("  up  ")).toBe("up");
    expect(sel('{__name__="x_total",job="a"}')).toBe('{__name__="x_total",job="a"}');
  });

  it("strips sum, sum by/without (either position), parentheses and rate/irate/increase with a range", () => {
    expect(sel('sum(rate(http_requests_total{code=~"5.."}[5m]))')).toBe('http_requests_total{code=~"5.."}');
    expect(sel('sum by (service) (rate(x_total{a="b"}[1h]))')).toBe('x_total{a="b"}');
    expect(sel("sum without(instance)(irate(x_total[30s]))")).toBe("x_total");
    expect(sel('sum(increase(x_total{a="1"}[1d])) by (job)')).toBe('x_total{a="1"}');
    expect(sel("((rate(x_total[1h30m])))")).toBe("x_total");
  });

  it("accepts Sloth's {{.window}} placeholder as the range, with or without spaces", () => {
    expect(sel('sum(rate(http_request_duration_seconds_count{job="myservice",code=~"(5..|429)"}[{{.window}}]))')).toBe(
      'http_request_duration_seconds_count{job="myservice",code=~"(5..|429)"}',
    );
    expect(sel("sum(rate(x_total[{{ .window }}]))")).toBe("x_total");
  });

  it("is not fooled by brackets and parentheses inside label values", () => {
    expect(sel('sum(rate(x_total{path=~"/a(b|c)\\\\]", q="}{"}[5m]))')).toBe('x_total{path=~"/a(b|c)\\\\]", q="}{"}');
  });

  it("refuses what is not one counter selector, saying why", () => {
    expect(reason("sum(rate(a_total[5m])) + sum(rate(b_total[5m]))")).toMatch(/one counter selector/);
    expect(reason("histogram_quantile(0.99, sum(rate(x_bucket[5m])) by (le))")).toMatch(/one counter selector/);
    expect(reason("x_total offset 5m")).toMatch(/^line 1, column 1: offsets/);
    expect(reason("sum(rate(x_total[5m]))\n  offset 1h")).toMatch(/^line 1, column 1: offsets/);
    expect(reason("sum(rate(x_total))")).toMatch(/needs a range vector/);
    expect(reason("rate(x_total[$__rate_interval])")).toBe(
      'line 1, column 14: parse error: unexpected "$" in the range (expected a duration such as 5m and a closing ])',
    );
    expect(reason('x_total{job="{{.service}}"}')).toMatch(/template placeholders/);
    expect(reason("sum(rate(x_total[5m])")).toMatch(/^line 1, column 22: parse error: unexpected end of input/);
    expect(reason("sum(rate(x_total{code=}[5m]))")).toMatch(/^line 1, column 23: parse error: unexpected "}"/);
    expect(reason("sum(rate(x_total[5m]))\n  / sum(rate(y_total[5m]))")).toMatch(/one counter selector/);
    expect(reason('sum(rate({code="5xx"} [5m])) +')).toMatch(
      /^line 1, column 31: parse error: unexpected end of input/,
    );
    expect(reason("   ")).toMatch(/empty/);
    expect(reason("avg(x_total)")).toMatch(/one counter selector/);
  });
});

describe("selector helpers", () => {
  it("recognises exactly one selector", () => {
    expect(isSelector('a{b="c"}')).toBe(true);
    expect(isSelector("a")).toBe(true);
    expect(isSelector('a{b="c"} or b')).toBe(false);
    expect(isSelector("1")).toBe(false);
    expect(isSelector("")).toBe(false);
  });

  it("parses matchers with every operator and escaped quotes", () => {
    expect(parseMatchers(' a="1", b!="2",c=~"x|y" , d!~\'z\', e=`r"aw` ')).toEqual([
      { name: "a", op: "=", value: "1" },
      { name: "b", op: "!=", value: "2" },
      { name: "c", op: "=~", value: "x|y" },
      { name: "d", op: "!~", value: "z" },
      { name: "e", op: "=", value: 'r"aw' },
    ]);
    expect(parseMatchers('a="say \\"hi\\""')).toEqual([{ name: "a", op: "=", value: 'say "hi"' }]);
    expect(parseMatchers("")).toEqual([]);
    expect(parseMatchers('a="1" b="2"')).toBeNull();
    expect(parseMatchers("a=1")).toBeNull();
  });

  it("splits a selector into metric and matcher text", () => {
    expect(splitSelector('m_count{ a="b" }')).toEqual({ metric: "m_count", matchers: 'a="b"' });
    expect(splitSelector("m_count")).toEqual({ metric: "m_count", matchers: "" });
    expect(splitSelector('{a="b"}')).toBeNull();
  });
});

describe("ratioOrLatency", () => {
  it("turns bucket-over-count with the same matchers into a latency SLI, whatever the matcher order", () => {
    expect(
      ratioOrLatency({
        good: 'h_seconds_bucket{le="0.3",service="a", code="200"}',
        total: 'h_seconds_count{code="200",service="a"}',
      }),
    ).toEqual({
      kind: "latency",
      metric: "h_seconds",
      matchers: 'code="200",service="a"',
      thresholdSeconds: 0.3,
    });
    expect(ratioOrLatency({ good: 'h_bucket{le="1"}', total: "h_count" })).toEqual({
      kind: "latency",
      metric: "h",
      matchers: "",
      thresholdSeconds: 1,
    });
  });

  it("keeps a ratio when the pair is not exactly a bucket over its count", () => {
    expect(ratioOrLatency({ good: 'h_bucket{le="0.3",service="a"}', total: 'h_count{service="b"}' }).kind).toBe(
      "ratio",
    );
    expect(ratioOrLatency({ good: 'h_bucket{le="+Inf"}', total: "h_count" }).kind).toBe("ratio");
    expect(ratioOrLatency({ good: 'h_bucket{le=~"0.3"}', total: "h_count" }).kind).toBe("ratio");
    expect(ratioOrLatency({ good: 'h_bucket{le="0.30"}', total: "h_count" }).kind).toBe("ratio"); // "0.30" is not how clients write 0.3
    expect(ratioOrLatency({ good: 'g_bucket{le="1"}', total: "h_count" })).toEqual({
      kind: "ratio",
      good: 'g_bucket{le="1"}',
      total: "h_count",
    });
    expect(ratioOrLatency({ bad: "e_total", total: "r_total" })).toEqual({
      kind: "ratio",
      bad: "e_total",
      total: "r_total",
    });
  });
});
