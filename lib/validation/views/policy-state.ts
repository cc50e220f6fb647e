import { z } from "zod";
import { effectivePolicyView, policyState } from "./release";
import { sloStatusView } from "./slos";

/** GET /services/{slug}/policy: the policy applied to the current status of the service's SLOs. */
export const serviceBudgetStateView = z.object({
  service: z.string(),
  state: policyState,
  reasons: z.array(z.string()),
  policy: effectivePolicyView,
  slos: z.array(sloStatusView),
});
export type ServiceBudgetStateView = z.infer<typeof serviceBudgetStateView>;
