import { z } from "zod";
import { TOKEN_SCOPE_VALUES } from "@/lib/validation/deployments";
import { roleSchema } from "@/lib/validation/users";
import { instant, itemsOf, pageOf } from "./common";

/**
 * Response views of Access: who you are, API tokens, users, data sources, background jobs, the audit log,
 * and Meta (the OpenAPI document). Secrets never appear in them: tokens show their prefix, data sources
 * whether a secret is set.
 */

export const meView = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  teamIds: z.array(z.string()),
  tokenScopes: z
    .array(z.string())
    .nullable()
    .describe("null for a session or an unscoped token (the owner's full permissions)"),
});
export type MeView = z.infer<typeof meView>;

const tokenScopes = z.array(z.enum(TOKEN_SCOPE_VALUES)).describe("empty = the owner's full permissions");

export const apiTokenView = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string().describe("the token's first characters, to recognise it"),
  scopes: tokenScopes,
  lastUsedAt: instant().nullable(),
  revokedAt: instant().nullable(),
  createdAt: instant(),
  user: z.object({ email: z.string() }).describe("the owner"),
});
export type ApiTokenView = z.infer<typeof apiTokenView>;
export const apiTokenList = itemsOf(apiTokenView);

/** POST /tokens: the plain token, in this answer only (only its hash is stored). */
export const createdApiTokenView = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  scopes: tokenScopes,
  createdAt: instant(),
  token: z.string(),
});
export type CreatedApiTokenView = z.infer<typeof createdApiTokenView>;

export const revokedApiTokenView = z.object({ id: z.string(), revokedAt: instant() });
export type RevokedApiTokenView = z.infer<typeof revokedApiTokenView>;

/** PATCH /users/{id}, POST …/deactivate and …/reactivate: the account after the change. */
export const userStateView = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  deactivatedAt: instant().nullable(),
});
export type UserStateView = z.infer<typeof userStateView>;

export const dataSourceView = z.object({
  id: z.string(),
  name: z.string(),
  url: z.string(),
  authType: z.enum(["none", "bearer", "basic"]),
  basicUser: z.string().nullable(),
  headers: z.record(z.string(), z.string()).describe("extra request headers, e.g. X-Scope-OrgID"),
  timeoutMs: z.number().int(),
  isDefault: z.boolean().describe("the source of services that name none, in place of PROMETHEUS_URL"),
  createdAt: instant(),
  updatedAt: instant(),
  hasBearerToken: z.boolean(),
  hasBasicPassword: z.boolean().describe("secrets are never returned, only whether they are set"),
});
export type DataSourceView = z.infer<typeof dataSourceView>;
export const dataSourceList = itemsOf(dataSourceView);

export const dataSourceTestView = z.discriminatedUnion("ok", [
  z.object({
    ok: z.literal(true),
    latencyMs: z.number(),
    query: z.string(),
    resultType: z.enum(["vector", "matrix", "scalar", "string"]),
    series: z.number().int().describe("how many series the query returned"),
    sample: z
      .array(
        z.object({
          metric: z.record(z.string(), z.string()),
          value: z.union([z.number(), z.string()]).nullable().describe("null for NaN or ±Inf"),
        }),
      )
      .describe("the first few series"),
    version: z.string().nullable().describe("the server's build version, when it tells"),
  }),
  z.object({
    ok: z.literal(false),
    latencyMs: z.number(),
    query: z.string(),
    message: z.string().describe("why the query failed (never the upstream body)"),
  }),
]);
export type DataSourceTestView = z.infer<typeof dataSourceTestView>;

export const jobQueueView = z.object({
  name: z.string(),
  description: z.string(),
  everySeconds: z.number().nullable().describe("null = runs on demand only"),
  queued: z.number().int().describe("waiting to run (created or retry)"),
  active: z.number().int(),
  completed24h: z.number().int(),
  failed24h: z.number().int().describe("runs finished in the last 24 h"),
  lastCompletedAt: instant().nullable(),
  lastDurationMs: z.number().nullable(),
  lastFailedAt: instant().nullable(),
  lastError: z.string().nullable().describe("our own error message (truncated); never an upstream body"),
  nextRunAt: instant().nullable(),
});
export type JobQueueView = z.infer<typeof jobQueueView>;
export const jobQueueList = itemsOf(jobQueueView);

export const auditEventView = z.object({
  id: z.string(),
  actorId: z.string().nullable().describe("null for the system or a deleted user"),
  actorLabel: z.string().describe('e-mail or "system"'),
  action: z.string().describe("e.g. service.update"),
  entityType: z.string(),
  entityId: z.string(),
  before: z.unknown().describe("free-form JSON snapshot of the entity before the change (null when none)"),
  after: z.unknown().describe("free-form JSON snapshot after the change (null when none)"),
  at: instant(),
});
export type AuditEventView = z.infer<typeof auditEventView>;
export const auditPage = pageOf(auditEventView);
export type AuditPage = z.infer<typeof auditPage>;

/** GET /openapi.json: an OpenAPI 3.1 document (https://spec.openapis.org/oas/v3.1.0). */
export const openApiDocumentView = z.object({
  openapi: z.literal("3.1.0"),
  info: z.object({ title: z.string(), version: z.string(), description: z.string() }),
  servers: z.array(z.object({ url: z.string() })),
  tags: z.array(z.object({ name: z.string(), description: z.string() })),
  paths: z.record(z.string(), z.record(z.string(), z.unknown()).describe("OpenAPI operation objects by HTTP method")),
  components: z.record(z.string(), z.unknown()).describe("OpenAPI components: schemas and security schemes"),
});
