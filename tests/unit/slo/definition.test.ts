import { describe, expect, it } from "vitest";
import { definitionChanged, type SloDefinition } from "@/lib/slo/definition";

const current: SloDefinition = {
  sli: {
    kind: "ratio",
    total: 'http_requests_total{service="x"}',
    bad: 'http_requests_total{service="x",code=~"5.."}',
  },
  objective: 0.999,
  window: { kind: "calendar", unit: "month", timezone: "Europe/Berlin" },
};

describe("definitionChanged", () => {
  it("is false for an edit that leaves the definition out (description, labels, … only)", () => {
    expect(definitionChanged(current, {})).toBe(false);
  });

  it("is false for the same definition with its keys in another order (as jsonb returns it)", () => {
    const reordered = {
      sli: {
        bad: 'http_requests_total{service="x",code=~"5.."}',
        total: 'http_requests_total{service="x"}',
        kind: "ratio" as const,
      },
      objective: 0.999,
      window: { timezone: "Europe/Berlin", unit: "month" as const, kind: "calendar" as const },
    };
    expect(definitionChanged(current, reordered)).toBe(false);
    expect(definitionChanged(reordered, current)).toBe(false);
  });

  it("is true when any one of sli, objective or window changes", () => {
    expect(definitionChanged(current, { objective: 0.995 })).toBe(true);
    expect(definitionChanged(current, { window: { kind: "rolling", days: 30 } })).toBe(true);
    expect(definitionChanged(current, { window: { kind: "calendar", unit: "month", timezone: "UTC" } })).toBe(true);
    expect(
      definitionChanged(current, {
        sli: {
          kind: "ratio",
          total: 'http_requests_total{service="x"}',
          good: 'http_requests_total{service="x",code!~"5.."}',
        },
      }),
    ).toBe(true);
  });

  it("counts a selector that moved from bad to good as a change, not the same keys", () => {
    const sli = { kind: "ratio" as const, total: "t", bad: "b" };
    expect(definitionChanged({ ...current, sli }, { sli: { kind: "ratio", total: "t", good: "b" } })).toBe(true);
  });
});
