import { budgetPolicySchema } from "@/lib/validation/policy";
import {
  createDeploymentSchema,
  grantGateExceptionSchema,
  listDeploymentsSchema,
  listGateExceptionsSchema,
  releaseGateQuerySchema,
  updateDeploymentSchema,
} from "@/lib/validation/deployments";
import {
  configPlanRequestSchema,
  configPlanResponseSchema,
  configStateQuerySchema,
  configStateSchema,
} from "@/lib/validation/slo-as-code";
import { serviceBudgetStateView } from "@/lib/validation/views/policy-state";
import { operationsOf, type Operation } from "../registry";
import {
  budgetPolicyView,
  deploymentList,
  deploymentView,
  gateExceptionList,
  gateExceptionView,
  releaseGateView,
  removedPolicyView,
  revokedExceptionsView,
} from "@/lib/validation/views/release";

const asCode = operationsOf("SLOs as code");
const release = operationsOf("Release");
const gate = ["gate", "read"];
export const releaseRoutes: Operation[] = [
  release(
    "GET",
    "/api/v1/services/{slug}/policy",
    "Effective error-budget policy and the service's state with reasons",
    { response: { schema: serviceBudgetStateView } },
  ),
  release("PUT", "/api/v1/services/{slug}/policy", "Set the service's own policy (approver)", {
    body: budgetPolicySchema,
    response: { schema: budgetPolicyView },
  }),
  release(
    "DELETE",
    "/api/v1/services/{slug}/policy",
    "Remove the service's own policy; the team default applies again (approver)",
    { response: { schema: removedPolicyView } },
  ),
  release("PUT", "/api/v1/teams/{slug}/policy", "Set the team's default policy (approver)", {
    body: budgetPolicySchema,
    response: { schema: budgetPolicyView },
  }),
  release("GET", "/api/v1/services/{slug}/release-gate", "May this service release? (CI/CD gate)", {
    description:
      "Applies the service's error-budget policy to its SLOs now (or at `at`). `allowed` is false when the policy freezes releases — a budget at or below the freeze threshold, or a firing page-level burn alert — unless an approver's exception is active. `srecp gate` exits 0/1 on it.",
    query: releaseGateQuerySchema,
    response: { schema: releaseGateView },
    scopes: gate,
  }),
  release("GET", "/api/v1/services/{slug}/gate-exceptions", "Exceptions to a frozen gate (active by default)", {
    query: listGateExceptionsSchema,
    response: { schema: gateExceptionList },
    scopes: gate,
  }),
  release(
    "POST",
    "/api/v1/services/{slug}/gate-exceptions",
    "Let releases through a frozen gate for a bounded time (approver, audited)",
    {
      description: "At most 7 days; send `durationMinutes` or `endsAt`.",
      body: grantGateExceptionSchema,
      response: { status: 201, schema: gateExceptionView },
    },
  ),
  release("DELETE", "/api/v1/services/{slug}/gate-exceptions", "Revoke every active exception (approver, audited)", {
    response: { schema: revokedExceptionsView },
  }),
  release("DELETE", "/api/v1/services/{slug}/gate-exceptions/{id}", "Revoke one exception (approver, audited)", {
    response: { schema: revokedExceptionsView },
  }),
  release("GET", "/api/v1/deployments", "Deployment events, newest first (chart markers)", {
    description: "Each item's `at` is the marker position on burndown and SLI charts.",
    query: listDeploymentsSchema,
    response: { schema: deploymentList },
    scopes: ["deployments", "gate", "read"],
  }),
  release("POST", "/api/v1/deployments", "Record a deploy (editor of the service's team)", {
    body: createDeploymentSchema,
    response: { status: 201, schema: deploymentView },
    scopes: ["deployments", "write"],
  }),
  release("GET", "/api/v1/deployments/{id}", "A deployment event", {
    response: { schema: deploymentView },
    scopes: ["deployments", "gate", "read"],
  }),
  release("PATCH", "/api/v1/deployments/{id}", "Move a deploy's status on (e.g. rolled_back) or fix its link", {
    description: "Compare-and-set on the status: a concurrent change answers 409.",
    body: updateDeploymentSchema,
    response: { schema: deploymentView },
    scopes: ["deployments", "write"],
  }),
  asCode("GET", "/api/v1/config/state", "Services, SLOs and policies as srecp plan/export see them", {
    query: configStateQuerySchema,
    response: { schema: configStateSchema },
  }),
  asCode("POST", "/api/v1/config/plan", "Plan SLO-as-code files (native, OpenSLO, Sloth, Pyrra) against the server", {
    description:
      "What `srecp plan` computes: changes, errors (issues) and warnings for what the import drops or changes. Read-only; files with errors answer 200 with issues and no changes.",
    body: configPlanRequestSchema,
    response: { schema: configPlanResponseSchema },
  }),
];
