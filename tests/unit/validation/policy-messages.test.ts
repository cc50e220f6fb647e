import { describe, expect, it } from "vitest";
import { fieldErrors } from "@/lib/validation/common";
import { budgetPolicySchema } from "@/lib/validation/policy";

// The policy form shows percent and labels ("At risk below", "Frozen at or below"); the messages under
// those fields must not speak in API names or bare fractions only.
const errors = (body: Record<string, unknown>) => {
  const r = budgetPolicySchema.safeParse(body);
  if (r.success) throw new Error("expected a validation error");
  return fieldErrors(r.error);
};

describe("error-budget policy messages in the form's words", () => {
  it("names the other threshold by its label", () => {
    expect(errors({ atRiskBelow: 0.1, freezeAtOrBelow: 0.2 })).toEqual({
      freezeAtOrBelow: "must be below the at-risk threshold (At risk below)",
    });
  });
  it("states the limits in percent first", () => {
    expect(errors({ atRiskBelow: 1.5 })).toEqual({ atRiskBelow: "must be at most 100 % (1)" });
    expect(errors({ freezeAtOrBelow: -11 })).toEqual({ freezeAtOrBelow: "must be at least -1000 % (-10)" });
  });
});
