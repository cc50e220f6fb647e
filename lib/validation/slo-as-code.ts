import { z } from "zod";
import { nameSchema, optionalUrlSchema, slugSchema } from "./common";
import { managedBySchema } from "./catalog";
import { budgetPolicySchema } from "./policy";
import { storedSliSchema, storedWindowSchema } from "./slo-stored";
import {
  alertSettingsSchema,
  createSloSchema,
  objectiveSchema,
  sliNameSchema,
  sliSchema,
  sloDisplayNameSchema,
  windowSchema,
} from "./slo";

/**
 * SLOs as code, native format `apiVersion: srecp/v1` (docs/slo-as-code.md). One YAML document per
 * resource, Kubernetes style; files may hold several documents separated by `---`.
 */
export const NATIVE_API_VERSION = "srecp/v1";

const sloName = createSloSchema.shape.name;
const labels = createSloSchema.shape.labels;

export const serviceDocSchema = z
  .object({
    apiVersion: z.literal(NATIVE_API_VERSION),
    kind: z.literal("Service"),
    metadata: z.object({ name: slugSchema, displayName: nameSchema.optional() }).strict(),
    spec: z
      .object({
        team: slugSchema.describe("slug of the owning team (must exist)"),
        tier: z.number({ error: "must be 1 to 4" }).int().min(1, "must be 1 to 4").max(4, "must be 1 to 4").default(3),
        description: z.string().max(5000, "must be at most 5000 characters").default(""),
        links: z
          .object({ runbook: optionalUrlSchema, repo: optionalUrlSchema, dashboard: optionalUrlSchema })
          .strict()
          .default({ runbook: null, repo: null, dashboard: null }),
        dataSource: z
          .string()
          .trim()
          .max(120)
          .nullish()
          .transform((v) => v || null),
      })
      .strict(),
  })
  .strict();

export const sloDocSchema = z
  .object({
    apiVersion: z.literal(NATIVE_API_VERSION),
    kind: z.literal("SLO"),
    metadata: z.object({ name: sloName, displayName: sloDisplayNameSchema, labels }).strict(),
    spec: z
      .object({
        service: slugSchema,
        description: z.string().max(5000).default(""),
        objective: objectiveSchema,
        window: windowSchema,
        sli: sliSchema,
        runbookUrl: optionalUrlSchema,
        alerting: z.boolean({ error: "must be true or false" }).default(true),
        sliName: sliNameSchema,
        alertSettings: alertSettingsSchema,
      })
      .strict(),
  })
  .strict();

/** A validated native SLO document; lib/slo-as-code (pure, no zod import) turns it into an SloSpec. */
export type SloDoc = z.infer<typeof sloDocSchema>;
/** A validated native Service document (the OpenSLO import maps its Service onto one), likewise a ServiceSpec. */
export type ServiceDoc = z.infer<typeof serviceDocSchema>;
/** What a failed safeParse of these schemas returns, for lib/slo-as-code to turn into file issues. */
export type DocError = z.ZodError;

const { version: _version, ...policyFields } = budgetPolicySchema.shape;
export const policyDocSchema = z
  .object({
    apiVersion: z.literal(NATIVE_API_VERSION),
    kind: z.literal("BudgetPolicy"),
    spec: z
      .object({ service: slugSchema.optional(), team: slugSchema.optional(), ...policyFields })
      .strict()
      .refine((p) => (p.service === undefined) !== (p.team === undefined), {
        message: "set exactly one of service or team",
        path: ["service"],
      })
      .refine((p) => p.freezeAtOrBelow < p.atRiskBelow, {
        message: "must be below atRiskBelow",
        path: ["freezeAtOrBelow"],
      }),
  })
  .strict();

export const NATIVE_KINDS = { Service: serviceDocSchema, SLO: sloDocSchema, BudgetPolicy: policyDocSchema } as const;

/** GET /api/v1/config/state – everything SLOs-as-code manages, as the server sees it. */
export const configStateSchema = z.object({
  teams: z.array(z.string()),
  dataSources: z.array(z.string()),
  services: z.array(
    z.object({
      slug: z.string(),
      name: z.string(),
      team: z.string(),
      tier: z.number(),
      description: z.string(),
      runbookUrl: z.string().nullable(),
      repoUrl: z.string().nullable(),
      dashboardUrl: z.string().nullable(),
      dataSource: z.string().nullable(),
      managedBy: z.string().nullable(),
      version: z.number(),
    }),
  ),
  slos: z.array(
    z.object({
      id: z.string(),
      service: z.string(),
      name: z.string(),
      description: z.string(),
      objective: z.number(),
      window: storedWindowSchema,
      sli: storedSliSchema,
      runbookUrl: z.string().nullable(),
      alerting: z.boolean(),
      labels: z.record(z.string(), z.string()),
      displayName: z.string(),
      sliName: z.string(),
      alertSettings: alertSettingsSchema,
      managedBy: z.string().nullable(),
      revision: z.number(),
      pendingSignOff: z.boolean().describe("the definition shown is a proposal awaiting an approver's sign-off"),
      inAppRunbook: z
        .boolean()
        .optional()
        .describe("the SLO has an in-app runbook with text (edited in the app, not in the files)"),
    }),
  ),
  policies: z.array(
    z.object({
      scope: z.enum(["service", "team"]),
      target: z.string(),
      atRiskBelow: z.number(),
      freezeAtOrBelow: z.number(),
      freezeOnPageAlert: z.boolean(),
      agreedBy: z.string(),
      notes: z.string(),
      version: z.number(),
    }),
  ),
});
export type ConfigStateResponse = z.infer<typeof configStateSchema>;

export const configStateQuerySchema = z.object({
  managedBy: managedBySchema
    .optional()
    .describe("only resources with this managedBy value (policies are always included)"),
});

/** POST /api/v1/config/plan – the files of a directory, planned on the server exactly as `srecp plan` does. */
export const configPlanRequestSchema = z
  .object({
    files: z
      .array(
        z
          .object({
            path: z.string().trim().min(1, "is required").max(500, "must be at most 500 characters"),
            text: z.string(),
          })
          .strict(),
        { error: "must be a list of { path, text }" },
      )
      .min(1, "give at least one file")
      .max(1000, "must be at most 1000 files"),
    managedBy: managedBySchema.optional().describe("owner whose resources the plan may delete (default srecp)"),
    team: slugSchema.optional().describe("owning team of OpenSLO services without a srecp.dev/team annotation"),
    service: slugSchema.optional().describe("service of Pyrra SLOs without a pyrra.dev/service label"),
  })
  .strict();
export type ConfigPlanRequest = z.infer<typeof configPlanRequestSchema>;

const planIssue = z.object({
  severity: z.enum(["error", "warning"]),
  file: z.string(),
  line: z.number(),
  field: z.string(),
  message: z.string(),
});
export const configPlanResponseSchema = z.object({
  changes: z.array(
    z
      .object({
        action: z.enum(["create", "update", "delete"]),
        kind: z.enum(["service", "slo", "policy"]),
        key: z.string(),
        fields: z
          .array(
            z.object({
              field: z.string(),
              before: z.unknown().describe("the stored value (free-form JSON)"),
              after: z.unknown().describe("the value in the files (free-form JSON)"),
            }),
          )
          .optional(),
      })
      .passthrough()
      .describe("one change; further keys carry the item's definition as the files give it (free-form JSON)"),
  ),
  issues: z.array(planIssue).describe("errors: the files cannot be applied while there are any"),
  warnings: z
    .array(planIssue)
    .describe("what the import drops or changes, and SLOs that get no alerts for want of a runbook"),
  notes: z.array(z.string()),
  counts: z.object({ create: z.number(), update: z.number(), delete: z.number() }),
  text: z.string().describe("the plan as `srecp plan` prints it"),
  managedBy: z.string().optional().describe("the owner the plan was made for (present when the files have errors)"),
});
export type ConfigPlanResponse = z.infer<typeof configPlanResponseSchema>;
