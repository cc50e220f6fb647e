import {
  createServiceSchema,
  createTeamSchema,
  listServicesSchema,
  updateServiceSchema,
  updateTeamSchema,
} from "@/lib/validation/catalog";
import { paginationSchema } from "@/lib/validation/common";
import { dataSourceSchema } from "@/lib/validation/slo";
import { testDataSourceSchema, updateDataSourceSchema } from "@/lib/validation/datasources";
import { createTokenSchema, updateUserSchema } from "@/lib/validation/users";
import { operationsOf, type Operation } from "../registry";
import { auditQuery } from "../schemas";
import {
  apiTokenList,
  auditPage,
  createdApiTokenView,
  dataSourceList,
  dataSourceTestView,
  dataSourceView,
  jobQueueList,
  meView,
  openApiDocumentView,
  revokedApiTokenView,
  userStateView,
} from "@/lib/validation/views/access";
import {
  deletedView,
  serviceView,
  servicePage,
  teamDetailView,
  teamPage,
  teamRowView,
} from "@/lib/validation/views/catalog";

// Catalog (teams, services), Access (me, tokens, data sources, audit) and Meta.
const access = operationsOf("Access");
const catalog = operationsOf("Catalog");
const meta = operationsOf("Meta");
export const catalogRoutes: Operation[] = [
  catalog("GET", "/api/v1/teams", "List teams", { query: paginationSchema, response: { schema: teamPage } }),
  catalog("POST", "/api/v1/teams", "Create a team (admin)", {
    body: createTeamSchema,
    response: { status: 201, schema: teamRowView },
  }),
  catalog("GET", "/api/v1/teams/{slug}", "A team with its members", { response: { schema: teamDetailView } }),
  catalog("PATCH", "/api/v1/teams/{slug}", "Change a team (admin)", {
    body: updateTeamSchema,
    response: { schema: teamRowView },
  }),
  catalog("DELETE", "/api/v1/teams/{slug}", "Delete a team without services (admin)", {
    response: { schema: deletedView },
  }),
  catalog("GET", "/api/v1/services", "List services", { query: listServicesSchema, response: { schema: servicePage } }),
  catalog("POST", "/api/v1/services", "Create a service (editor of the owning team)", {
    description: '`managedBy` marks it as managed as code (srecp apply sets "srecp").',
    body: createServiceSchema,
    response: { status: 201, schema: serviceView },
  }),
  catalog("GET", "/api/v1/services/{slug}", "A service", { response: { schema: serviceView } }),
  catalog("PATCH", "/api/v1/services/{slug}", "Change a service", {
    description: "Send `version` for optimistic concurrency: a stale version answers 409.",
    body: updateServiceSchema,
    response: { schema: serviceView },
  }),
  catalog("DELETE", "/api/v1/services/{slug}", "Delete a service and its SLOs", { response: { schema: deletedView } }),

  access("GET", "/api/v1/me", "Who the session or token belongs to", { response: { schema: meView } }),
  access("GET", "/api/v1/tokens", "Your API tokens (admins: everyone's)", {
    response: { schema: apiTokenList },
    scopes: ["tokens", "read"],
  }),
  access("POST", "/api/v1/tokens", "Create an API token (the token is in this answer only)", {
    description:
      "`scopes` empty = the owner's full permissions, which only a session or an unscoped token may mint. A scoped token needs `tokens` and can grant only scopes it holds, listed explicitly (empty → 422, wider → 403).",
    body: createTokenSchema,
    response: { status: 201, schema: createdApiTokenView },
    scopes: ["tokens"],
  }),
  access("DELETE", "/api/v1/tokens/{id}", "Revoke an API token", {
    response: { schema: revokedApiTokenView },
    scopes: ["tokens"],
  }),
  access("GET", "/api/v1/datasources", "Prometheus data sources (secrets hidden)", {
    response: { schema: dataSourceList },
  }),
  access("POST", "/api/v1/datasources", "Add a Prometheus data source (admin)", {
    body: dataSourceSchema,
    response: { status: 201, schema: dataSourceView },
  }),
  access("PATCH", "/api/v1/datasources/{id}", "Change a data source (admin)", {
    description:
      'Only the fields sent change. A secret (`bearerToken`, `basicPassword`) is replaced by a string, removed by null or "", kept when absent; it is never returned. `isDefault: true` makes the source the one of services that name none, in place of `PROMETHEUS_URL`. A URL on a loopback, private, link-local or metadata address is a 422 on `url` (see docs/security.md).',
    body: updateDataSourceSchema,
    response: { schema: dataSourceView },
  }),
  access("POST", "/api/v1/datasources/{id}/test", "Test a data source with a sample instant query (admin)", {
    description: "200 with `ok`, `latencyMs` and a few samples, or `ok: false` and why the query failed.",
    body: testDataSourceSchema,
    response: { schema: dataSourceTestView },
  }),
  access("DELETE", "/api/v1/datasources/{id}", "Delete a data source; its services fall back to the default source", {
    response: { schema: deletedView },
  }),
  access("PATCH", "/api/v1/users/{id}", "Change a user's role (admin); ends that user's sessions", {
    body: updateUserSchema,
    response: { schema: userStateView },
    scopes: ["write"],
  }),
  access(
    "POST",
    "/api/v1/users/{id}/deactivate",
    "Deactivate a user (admin): no sign-in, sessions ended, API tokens revoked",
    {
      description: "Idempotent. An admin cannot deactivate themselves (409).",
      response: { schema: userStateView },
      scopes: ["write"],
    },
  ),
  access(
    "POST",
    "/api/v1/users/{id}/reactivate",
    "Reactivate a deactivated user (admin); ended sessions and revoked tokens stay ended",
    { response: { schema: userStateView }, scopes: ["write"] },
  ),
  access("GET", "/api/v1/events", "Live events (Server-Sent Events): slo-status and page changes", {
    description:
      "A `text/event-stream`: `ready` first, then `slo-status` ({sloIds}) when SLO statuses change and `page` ({pageId, title, severity, status, service, forYou}) when a page opens or changes. The stream ends after SRECP_SSE_MAX_SECONDS; EventSource reconnects.",
    response: { contentType: "text/event-stream" },
  }),
  access(
    "GET",
    "/api/v1/admin/jobs",
    "Background jobs: queued, running, recent runs and failures across all processes (admin)",
    { response: { schema: jobQueueList } },
  ),
  access("GET", "/api/v1/audit", "Audit events, newest first (admin)", {
    query: auditQuery,
    response: { schema: auditPage },
  }),

  meta("GET", "/api/v1/openapi.json", "This OpenAPI 3.1 document", {
    auth: "public",
    response: { schema: openApiDocumentView },
  }),
];
