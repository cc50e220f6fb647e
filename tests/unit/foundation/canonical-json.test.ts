import { describe, expect, it } from "vitest";
import { canonicalJson, sameJson } from "@/lib/canonical-json";
import { sameValue } from "@/lib/slo-as-code/model";

// Issue 11 item 3: jsonb hands stored definitions back with keys reordered (by length, then bytes).
describe("canonical JSON comparison", () => {
  const sent = { kind: "ratio", total: 'http_requests_total{service="a"}', bad: 'http_requests_total{code="500"}' };
  const stored = { bad: 'http_requests_total{code="500"}', kind: "ratio", total: 'http_requests_total{service="a"}' };

  it("treats the same definition with reordered keys as equal, at every level", () => {
    expect(JSON.stringify(sent)).not.toBe(JSON.stringify(stored)); // what save-slo.ts compared before
    expect(sameJson(sent, stored)).toBe(true);
    expect(
      sameJson(
        { window: { kind: "calendar", unit: "month", timezone: "UTC" }, n: [1, { b: 1, a: 2 }] },
        { n: [1, { a: 2, b: 1 }], window: { timezone: "UTC", unit: "month", kind: "calendar" } },
      ),
    ).toBe(true);
    expect(canonicalJson({ b: 1, a: { d: 1, c: 2 } })).toBe('{"a":{"c":2,"d":1},"b":1}');
  });

  it("still sees real differences, array order and missing vs null", () => {
    expect(sameJson(sent, { ...stored, bad: 'http_requests_total{code="503"}' })).toBe(false);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
    expect(sameJson({ a: null }, {})).toBe(false);
    expect(sameJson({ a: undefined, b: 1 }, { b: 1 })).toBe(true); // undefined members are not stored
    expect(sameJson({ t: new Date("2026-01-01T00:00:00Z") }, { t: "2026-01-01T00:00:00.000Z" })).toBe(true);
  });

  it("is the comparison SLOs-as-code plans use", () => {
    expect(sameValue(sent, stored)).toBe(true);
    expect(sameValue(sent, { ...stored, kind: "latency" })).toBe(false);
  });
});
