import { z } from "zod";
import { versionSchema } from "./common";

// The API takes fractions of the budget, the form shows percent: messages say both, percent first, and
// name the other threshold by its label on the form.
const fraction = (what: string) =>
  z
    .number({ error: `${what} must be a number` })
    .min(-10, "must be at least -1000 % (-10)")
    .max(1, "must be at most 100 % (1)");

export const budgetPolicySchema = z
  .object({
    atRiskBelow: fraction("atRiskBelow").default(0.25),
    freezeAtOrBelow: fraction("freezeAtOrBelow").default(0),
    freezeOnPageAlert: z.boolean().default(true),
    /** Budget-policy trigger: an incident spending more than this share of an SLO's budget needs a postmortem with a P0/P1 action item. */
    postmortemAbove: z
      .number({ error: "postmortemAbove must be a number" })
      .min(0, "must be at least 0 % (0)")
      .max(1, "must be at most 100 % (1)")
      .default(0.2),
    agreedBy: z.string().trim().max(500).default(""),
    notes: z.string().max(5000).default(""),
    version: versionSchema.optional(),
  })
  .refine((p) => p.freezeAtOrBelow < p.atRiskBelow, {
    message: "must be below the at-risk threshold (At risk below)",
    path: ["freezeAtOrBelow"],
  });
export type BudgetPolicyInput = z.infer<typeof budgetPolicySchema>;
