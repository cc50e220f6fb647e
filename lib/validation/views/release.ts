import { z } from "zod";
import { DEPLOYMENT_STATUSES } from "@/lib/validation/deployments";
import { instant, itemsOf } from "./common";

/**
 * Response views of the release area: error-budget policies, the release gate and its exceptions,
 * deployment events (GET/PUT /services/{slug}/policy, /release-gate, /gate-exceptions, /deployments).
 * Budget thresholds are fractions of the window's budget (0.25 = 25 %).
 */

export const policyScope = z
  .enum(["service", "team", "default"])
  .describe("where the policy comes from: the service's own, its team's default, or the built-in one");
export const policyState = z.enum(["healthy", "at_risk", "frozen", "no_data"]);

/** The policy that applies to a service (lib/services/policy-effective.ts). */
export const effectivePolicyView = z.object({
  scope: policyScope,
  atRiskBelow: z.number(),
  freezeAtOrBelow: z.number(),
  freezeOnPageAlert: z.boolean(),
  postmortemAbove: z
    .number()
    .describe("an incident that spent more than this share of an SLO's budget requires a postmortem with a P0/P1 item"),
  agreedBy: z.string(),
  agreedAt: instant().nullable(),
  notes: z.string(),
  version: z.number().int().nullable().describe("null for the built-in default (nothing stored)"),
});
export type EffectivePolicyView = z.infer<typeof effectivePolicyView>;

/** A stored policy, as PUT …/policy answers it: a team's default (teamId) or a service's own (serviceId). */
export const budgetPolicyView = z.object({
  id: z.string(),
  teamId: z.string().nullable(),
  serviceId: z.string().nullable(),
  atRiskBelow: z.number(),
  freezeAtOrBelow: z.number(),
  freezeOnPageAlert: z.boolean(),
  postmortemAbove: z.number(),
  agreedBy: z.string(),
  agreedAt: instant().nullable(),
  notes: z.string(),
  version: z.number().int().describe("send it back to guard the next change (409 when stale)"),
  createdAt: instant(),
  updatedAt: instant(),
});
export type BudgetPolicyView = z.infer<typeof budgetPolicyView>;

/** DELETE /services/{slug}/policy: the policy that applies now that the service's own is gone. */
export const removedPolicyView = z.object({ service: z.string(), policy: effectivePolicyView });
export type RemovedPolicyView = z.infer<typeof removedPolicyView>;

export const gateExceptionView = z.object({
  id: z.string(),
  reason: z.string(),
  grantedBy: z.string().describe("e-mail of the approver who granted it"),
  startsAt: instant(),
  endsAt: instant(),
  revokedAt: instant().nullable(),
  createdAt: instant(),
});
export type GateExceptionView = z.infer<typeof gateExceptionView>;

export const gateExceptionList = itemsOf(gateExceptionView);
export type GateExceptionList = z.infer<typeof gateExceptionList>;

/** DELETE …/gate-exceptions[/{id}]: the ids revoked by this call (none when they were already revoked). */
export const revokedExceptionsView = z.object({ revoked: z.array(z.string()) });
export type RevokedExceptionsView = z.infer<typeof revokedExceptionsView>;

export const burnRatesView = z
  .record(z.string(), z.number().nullable())
  .describe("burn rate per window: 5m, 30m, 1h, 2h, 6h, 1d, 3d (null = no data)");

export const gateSloView = z.object({
  id: z.string(),
  name: z.string(),
  objective: z.number(),
  remaining: z.number().nullable().describe("fraction of the window's budget left"),
  burnRates: burnRatesView,
  firing: z.array(z.string()).describe("names of the burn-rate alerts whose condition holds"),
  pageAlertFiring: z.boolean(),
  alerts: z.array(
    z.object({ name: z.string(), severity: z.enum(["page", "ticket"]), factor: z.number(), firing: z.boolean() }),
  ),
  noData: z.boolean(),
  stale: z.boolean(),
});
export type GateSloView = z.infer<typeof gateSloView>;

export const releaseGateView = z.object({
  service: z.string(),
  allowed: z.boolean().describe("false when the policy freezes releases and no exception is active"),
  state: policyState,
  reasons: z.array(z.string()),
  evaluatedAt: instant(),
  policy: effectivePolicyView.pick({ scope: true, atRiskBelow: true, freezeAtOrBelow: true, freezeOnPageAlert: true }),
  slos: z.array(gateSloView),
  exception: gateExceptionView.optional().describe("the exception active at `evaluatedAt`, if any"),
});
export type ReleaseGateView = z.infer<typeof releaseGateView>;

export const deploymentView = z.object({
  id: z.string(),
  service: z.string().describe("service slug"),
  serviceName: z.string(),
  version: z.string(),
  environment: z.string(),
  at: instant().describe("when the deploy happened: the marker position on the charts"),
  link: z.string().nullable(),
  status: z.enum(DEPLOYMENT_STATUSES),
  createdById: z.string().nullable(),
  createdAt: instant(),
});
export type DeploymentView = z.infer<typeof deploymentView>;

export const deploymentList = z.object({ items: z.array(deploymentView), from: instant(), to: instant() });
export type DeploymentList = z.infer<typeof deploymentList>;
