import type { z } from "zod";

/**
 * The API's route registry: every /api/v1 operation with the zod schemas its handler validates with
 * (query, body) and what it answers. lib/openapi/document.ts turns it into the OpenAPI 3.1 document
 * (GET /api/v1/openapi.json) and app/(app)/api-docs renders it. tests/integration/openapi.test.ts walks
 * app/api/v1/**\/route.ts and fails, listing what is missing, when a route and the registry disagree.
 *
 * To document a new route: add an entry to the area file in lib/openapi/routes/ (built by the area's
 * `operationsOf` builder) with the SAME schema objects the handler passes to parseQuery/parseBody (import
 * them from lib/validation).
 */
export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** Who may call: a session or API token (default), nobody (public), or a credential of its own. */
export type Auth = "user" | "public" | "integration-token" | "feed-token";

export type Operation = {
  method: HttpMethod;
  /** OpenAPI path: /api/v1/services/{slug} */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  /** Descriptions of path parameters (every {param} is documented; these add meaning). */
  params?: Record<string, string>;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Body optional (e.g. POST /incidents/from-page/{pageId}). */
  bodyOptional?: boolean;
  /**
   * The success answer: `status` (default 200) with a JSON `schema` (its wire format), a non-JSON
   * `contentType`, or 204 without a body. `otherStatuses`: further 2xx statuses the handler answers with
   * the same body (e.g. 200 when a webhook changes nothing, 201 when it opens something).
   * `otherContentTypes`: non-JSON representations the same answer may take instead of the schema's JSON
   * (chosen by a format= parameter, a path suffix or Accept), e.g. ["text/csv", "text/markdown"].
   */
  response?: {
    status?: number;
    otherStatuses?: number[];
    description?: string;
    schema?: z.ZodType;
    contentType?: string;
    otherContentTypes?: string[];
  };
  /** Token scopes that allow the call when a token is narrowed (besides unscoped tokens and sessions). */
  scopes?: string[];
  auth?: Auth;
  /** Extra documented error statuses beyond the standard ones. */
  errors?: number[];
};

/** The document's tags (its sections) in order, with what each holds. */
const TAG_DESCRIPTIONS = {
  Catalog: "Teams and services.",
  SLOs: "SLO definitions, versions and sign-off, status, burndown, Prometheus rules.",
  Release: "Error-budget policies, the release gate and its exceptions, deployment events.",
  "SLOs as code": "The state srecp plan/apply/export work on.",
  "On-call": "Schedules, overrides, cover requests, handoff notes, escalation policies, calendar feeds.",
  Alerting: "Alertmanager integrations and the pages they open.",
  Incidents: "Incidents, timelines, roles, postmortems and action items.",
  Reports: "Home, the readiness scorecard and manager reports.",
  Access: "Who you are, API tokens, data sources, the audit log.",
  Notifications: "Your contact methods and their verification, notification rules; outgoing e-mail settings (admin).",
  Meta: "This document.",
} as const;

export const TAGS = Object.entries(TAG_DESCRIPTIONS).map(([name, description]) => ({ name, description }));

export type TagName = keyof typeof TAG_DESCRIPTIONS;

export const op = (o: Operation & { tag: TagName }): Operation => o;

/** What an operation says besides its method, path, tag and summary. */
type OperationDetails = Omit<Operation, "method" | "path" | "tag" | "summary">;

/**
 * The builder of one area's operations: `build("GET", path, summary, details)` with the area's tag, and any
 * details all its operations share (e.g. what a path parameter means), said once.
 */
export const operationsOf =
  (tag: TagName, shared: OperationDetails = {}) =>
  (method: HttpMethod, path: string, summary: string, details: OperationDetails = {}): Operation => ({
    method,
    path,
    tag,
    summary,
    ...shared,
    ...details,
  });
