import { z } from "zod";
import { asOfParam, instantParam } from "./slo";

// Query of GET /api/v1/slos/{id}/ledger: the range (default: the SLO window ending now) and how long a
// deployment stays "in force" when no later one follows (hours).
export const ledgerQuerySchema = z.object({
  from: instantParam,
  to: asOfParam,
  horizonHours: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === "") return undefined;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > 24 * 35) {
        ctx.addIssue({ code: "custom", message: "must be a whole number of hours from 1 to 840" });
        return z.NEVER;
      }
      return n;
    }),
});
