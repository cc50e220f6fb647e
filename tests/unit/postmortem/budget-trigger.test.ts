import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { budgetTrigger, hasBudgetTriggerActionItem } from "@/lib/postmortem";
import { storedBudgetTriggerSchema } from "@/lib/validation/incidents";

describe("budgetTrigger", () => {
  it("fires above the threshold only (25 % yes, 15 % and exactly 20 % no), worst SLO first", () => {
    expect(budgetTrigger([{ sloId: "a", sloName: "a", consumed: 0.15 }], 0.2)).toBeNull();
    expect(budgetTrigger([{ sloId: "a", sloName: "a", consumed: 0.2 }], 0.2)).toBeNull();
    expect(budgetTrigger([{ sloId: "a", sloName: "a", consumed: null }], 0)).toBeNull();
    expect(
      budgetTrigger(
        [
          { sloId: "a", sloName: "a", consumed: 0.25 },
          { sloId: "b", sloName: "b", consumed: 0.4 },
          { sloId: "c", sloName: "c", consumed: 0.1 },
        ],
        0.2,
      ),
    ).toEqual({
      threshold: 0.2,
      slos: [
        { sloId: "b", sloName: "b", consumed: 0.4 },
        { sloId: "a", sloName: "a", consumed: 0.25 },
      ],
    });
  });

  it("property: fires iff some spend exceeds the threshold; round-trips through JSON and the stored column's schema", () => {
    fc.assert(
      fc.property(
        fc.array(fc.option(fc.double({ min: 0, max: 5, noNaN: true }), { nil: null }), { maxLength: 6 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (consumed, t) => {
          const spends = consumed.map((c, i) => ({ sloId: `s${i}`, sloName: `slo ${i}`, consumed: c }));
          const trigger = budgetTrigger(spends, t);
          expect(trigger !== null).toBe(consumed.some((c) => c !== null && c > t));
          const stored = trigger && { ...trigger, evaluatedAt: "2026-01-01T00:00:00.000Z" };
          expect(storedBudgetTriggerSchema.nullable().parse(JSON.parse(JSON.stringify(stored)))).toEqual(stored);
        },
      ),
    );
  });
});

describe("hasBudgetTriggerActionItem", () => {
  it("needs a P0 or P1 that is not won't do", () => {
    expect(
      hasBudgetTriggerActionItem([
        { priority: "P2", status: "open" },
        { priority: "P1", status: "wont_do" },
      ]),
    ).toBe(false);
    expect(hasBudgetTriggerActionItem([{ priority: "P1", status: "done" }])).toBe(true);
    expect(hasBudgetTriggerActionItem([{ priority: "P0", status: "open" }])).toBe(true);
  });
});
