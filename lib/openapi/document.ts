import { z } from "zod";
import { TAGS, type Operation } from "./registry";
import { backtestRoutes } from "./routes/backtest";
import { catalogRoutes } from "./routes/catalog";
import { incidentRoutes } from "./routes/incidents";
import { notifyRoutes } from "./routes/notify";
import { oncallRoutes } from "./routes/oncall";
import { releaseRoutes } from "./routes/release";
import { reportRoutes } from "./routes/reports";
import { runbookRoutes } from "./routes/runbooks";
import { sloRoutes } from "./routes/slos";
import { errorEnvelope } from "./schemas";

/** Every documented /api/v1 operation. */
export const OPERATIONS: Operation[] = [
  ...catalogRoutes,
  ...sloRoutes,
  ...runbookRoutes,
  ...backtestRoutes,
  ...releaseRoutes,
  ...oncallRoutes,
  ...incidentRoutes,
  ...reportRoutes,
  ...notifyRoutes,
];

type JsonSchema = Record<string, unknown>;

/** The request side of a zod schema as JSON Schema 2020-12 (OpenAPI 3.1's dialect), without $schema. */
export function jsonSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    io: "input",
    unrepresentable: "any",
    target: "draft-2020-12",
  }) as JsonSchema;
  return rest;
}

const SUCCESS_TEXT: Record<number, string> = { 200: "OK", 201: "Created", 202: "Accepted", 204: "No content" };

const STATUS_TEXT: Record<number, string> = {
  400: "Malformed request (e.g. the body is not JSON)",
  401: "No session and no valid token",
  403: "The role, team or token scope does not allow it",
  404: "Not found (or not visible to you)",
  409: "Conflict: a stale version/revision, or the state does not allow it",
  412: "Precondition failed (stale If-Match)",
  422: "Validation failed; `error.fields` names each bad field",
  503: "Prometheus could not be reached",
};

const pathParams = (path: string) => [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);

const operationId = (o: Operation) =>
  o.method.toLowerCase() +
  o.path
    .replace(/^\/api\/v1/, "")
    .split("/")
    .filter(Boolean)
    .map((seg) => (seg.startsWith("{") ? `By${cap(seg.slice(1, -1))}` : seg.split(/[-.]/).map(cap).join("")))
    .join("");
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function queryParameters(schema: z.ZodType) {
  const js = jsonSchema(schema);
  const props = (js.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((js.required as string[] | undefined) ?? []);
  return Object.entries(props).map(([name, s]) => {
    const { description, ...rest } = s;
    // query strings are optional when the schema has a default; required only when zod requires them
    return {
      name,
      in: "query",
      required: required.has(name) && rest.default === undefined,
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

function errorStatuses(o: Operation): number[] {
  const s = new Set<number>(o.errors ?? []);
  if (o.auth !== "public") s.add(401);
  if (!o.auth || o.auth === "user") s.add(403);
  if (pathParams(o.path).length) s.add(404);
  if (o.body) s.add(400);
  if (o.body || o.query) s.add(422);
  if (o.method !== "GET") s.add(409);
  return [...s].sort();
}

function operation(o: Operation) {
  const params = [
    ...pathParams(o.path).map((name) => ({
      name,
      in: "path",
      required: true,
      schema: { type: "string" },
      ...(o.params?.[name] ? { description: o.params[name] } : {}),
    })),
    ...(o.query ? queryParameters(o.query) : []),
  ];
  const status = o.response?.status ?? 200;
  const contentType = o.response?.contentType ?? "application/json";
  const success = (s: number) => ({
    description: o.response?.description ?? SUCCESS_TEXT[s] ?? "OK",
    ...(s === 204
      ? {}
      : {
          content: {
            [contentType]: {
              schema: o.response?.schema
                ? jsonSchema(o.response.schema)
                : contentType === "application/json"
                  ? { type: "object" }
                  : { type: "string" },
            },
            ...Object.fromEntries(
              (o.response?.otherContentTypes ?? []).map((t) => [t, { schema: { type: "string" } }]),
            ),
          },
        }),
  });
  const scopes = o.scopes
    ? `\n\nAPI tokens narrowed by scopes need one of: ${o.scopes.map((s) => `\`${s}\``).join(", ")}.`
    : "";
  const auth =
    o.auth === "public"
      ? "\n\nNo authentication."
      : o.auth === "integration-token"
        ? "\n\nAuthenticated by the integration's own token (Authorization: Bearer)."
        : o.auth === "feed-token"
          ? "\n\nThe secret token in the URL is the credential."
          : "";
  return {
    operationId: operationId(o),
    tags: [o.tag],
    summary: o.summary,
    ...(o.description || scopes || auth ? { description: `${o.description ?? ""}${scopes}${auth}`.trim() } : {}),
    ...(params.length ? { parameters: params } : {}),
    ...(o.body
      ? { requestBody: { required: !o.bodyOptional, content: { "application/json": { schema: jsonSchema(o.body) } } } }
      : {}),
    responses: {
      ...Object.fromEntries([status, ...(o.response?.otherStatuses ?? [])].map((s) => [String(s), success(s)])),
      ...Object.fromEntries(
        errorStatuses(o).map((s) => [
          String(s),
          {
            description: STATUS_TEXT[s] ?? "Error",
            content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
          },
        ]),
      ),
    },
    security: o.auth && o.auth !== "user" ? [] : [{ bearerAuth: [] }, { sessionCookie: [] }],
  };
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;

/** The OpenAPI 3.1 document of every registered operation, generated from the same zod schemas the handlers use. */
export function buildOpenApiDocument(ops: readonly Operation[] = OPERATIONS, version = "0.1.0") {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const o of [...ops].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const item = (paths[o.path] ??= {});
    const key = o.method.toLowerCase();
    if (item[key]) throw new Error(`${o.method} ${o.path} is registered twice`);
    item[key] = operation(o);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "SRE control plane API",
      version,
      description:
        'SLOs and error budgets, release gate and deployments, on-call, incidents and postmortems. Authenticate with `Authorization: Bearer <token>` (create one under Settings → API tokens) or a browser session. Errors use one envelope: `{"error":{code,message,fields?}}`.',
    },
    servers: [{ url: "/" }],
    tags: TAGS.map((t) => ({ ...t })),
    paths,
    components: {
      schemas: { Error: jsonSchema(errorEnvelope) },
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "API token (srecp_…)" },
        sessionCookie: { type: "apiKey", in: "cookie", name: "next-auth.session-token" },
      },
    },
  };
}

let cached: OpenApiDocument | undefined;
/** Built once per process: the registry is static. */
export const openApiDocument = () => (cached ??= buildOpenApiDocument());
