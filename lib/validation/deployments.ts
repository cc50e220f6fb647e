import { z } from "zod";
import { INSTANT_RANGE_MESSAGE, instantInRange, nameSchema, optionalUrlSchema, slugSchema } from "./common";
import { asOfParam, instantParam } from "./slo";

/**
 * Release engineering: deployment events, the release gate and its exceptions, CI service tokens.
 * Shared by the route handlers, the CLI (`srecp deploy record`, `srecp gate`) and the admin UI.
 */

export const DEPLOYMENT_STATUSES = ["started", "succeeded", "failed", "rolled_back"] as const;
export type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number];
const statusSchema = z.enum(DEPLOYMENT_STATUSES, { error: "must be started, succeeded, failed or rolled_back" });

/** How far in the future a deploy time may lie (clock skew between CI runners and the server). */
export const MAX_FUTURE_SKEW_MS = 5 * 60_000;

/** An ISO 8601 instant with an explicit offset (e.g. 2026-03-01T12:00:00Z), as a Date. */
export const isoInstantSchema = z.iso
  .datetime({
    offset: true,
    abort: true,
    error: "must be an ISO 8601 instant with a time zone, e.g. 2026-03-01T12:00:00Z",
  })
  .refine((v) => instantInRange(Date.parse(v)), { message: INSTANT_RANGE_MESSAGE, abort: true })
  .transform((v) => new Date(v));

export const createDeploymentSchema = z.object({
  service: slugSchema.describe("slug of the deployed service"),
  version: z
    .string()
    .trim()
    .min(1, "is required")
    .max(200, "must be at most 200 characters")
    .describe("what was deployed: a tag, a commit, a build number"),
  environment: z
    .string()
    .trim()
    .min(1, "is required")
    .max(63, "must be at most 63 characters")
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "use letters, digits, dots, dashes and underscores")
    .default("production"),
  at: isoInstantSchema
    .refine((d) => d.getTime() <= Date.now() + MAX_FUTURE_SKEW_MS, "must not be in the future")
    .optional()
    .describe("when the deploy happened; default now"),
  link: optionalUrlSchema.describe("link to the pipeline run or release notes"),
  status: statusSchema.default("succeeded"),
});
export type CreateDeploymentInput = z.infer<typeof createDeploymentSchema>;

export const updateDeploymentSchema = z
  .object({
    status: statusSchema,
    link: optionalUrlSchema,
  })
  .partial()
  .strict()
  .refine((v) => v.status !== undefined || v.link !== undefined, { message: "send status or link", path: ["status"] });
export type UpdateDeploymentInput = z.infer<typeof updateDeploymentSchema>;

export const listDeploymentsSchema = z
  .object({
    service: slugSchema.optional(),
    environment: z.string().trim().max(63).optional(),
    status: statusSchema.optional(),
    from: instantParam.describe("ISO 8601 instant or epoch seconds; default 30 days before `to`"),
    to: instantParam.describe("ISO 8601 instant or epoch seconds; default now"),
    limit: z.coerce.number().int().min(1, "must be 1 or more").max(1000, "must be at most 1000").default(200),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
    message: "must not be after to",
    path: ["from"],
  });
export type ListDeploymentsQuery = z.infer<typeof listDeploymentsSchema>;

/** GET /api/v1/services/{slug}/release-gate?at= */
export const releaseGateQuerySchema = z.object({
  at: asOfParam.describe("evaluate as of this instant (ISO 8601 or epoch seconds); default now"),
});

/** Longest exception an approver may grant: a week. */
export const MAX_EXCEPTION_MINUTES = 7 * 24 * 60;

export const grantGateExceptionSchema = z
  .object({
    reason: z
      .string()
      .trim()
      .min(3, "say why releases may pass the frozen gate")
      .max(2000, "must be at most 2000 characters"),
    startsAt: isoInstantSchema.optional().describe("default now"),
    endsAt: isoInstantSchema.optional().describe("end of the exception; or send durationMinutes"),
    durationMinutes: z
      .number()
      .int("must be whole minutes")
      .min(1, "must be at least 1 minute")
      .max(MAX_EXCEPTION_MINUTES, "must be at most 7 days (10080 minutes)")
      .optional(),
  })
  .refine((v) => (v.endsAt === undefined) !== (v.durationMinutes === undefined), {
    message: "set exactly one of endsAt or durationMinutes",
    path: ["endsAt"],
  });
export type GrantGateExceptionInput = z.infer<typeof grantGateExceptionSchema>;

export const listGateExceptionsSchema = z.object({
  include: z.enum(["active", "all"], { error: "must be active or all" }).default("active"),
});

/**
 * Every API token scope (docs/security.md): `read` GETs, `write` changes, `gate` the release gate,
 * `deployments` deploy events, `tokens` minting (only scopes the token holds) and revoking tokens.
 */
export const TOKEN_SCOPE_VALUES = ["read", "write", "gate", "deployments", "tokens"] as const;
export const serviceTokenSchema = z.object({
  ownerId: z.string().trim().min(1, "choose the user the token acts as"),
  name: nameSchema,
  scopes: z.array(z.enum(TOKEN_SCOPE_VALUES)).min(1, "choose at least one scope: a service token should be narrow"),
});
export type ServiceTokenInput = z.infer<typeof serviceTokenSchema>;
