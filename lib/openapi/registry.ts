import type { z } from "zod";

/**
 * The API's route registry: every /api/v1 operation with the zod schemas its handler validates with
 * (query, body) and what it answers. lib/openapi/document.ts turns it into the OpenAPI 3.1 document
 * (GET /api/v1/openapi.json) and app/(app)/api-docs renders it. tests/integration/openapi.test.ts walks
 * app/api/v1/**\/route.ts and fails, listing what is missing, when a route and the registry disagree.
 *
 * To document a new route: add an entry to the area file in lib/openapi/routes/ with the SAME schema
 * objects the handler passes to parseQuery/parseBody (import them from lib/validation).
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

export const TAGS = [
  { name: "Catalog", description: "Teams and services." },
  { name: "SLOs", description: "SLO definitions, versions and sign-off, status, burndown, Prometheus rules." },
  { name: "Release", description: "Error-budget policies, the release gate and its exceptions, deployment events." },
  { name: "SLOs as code", description: "The state srecp plan/apply/export work on." },
  {
    name: "On-call",
    description: "Schedules, overrides, cover requests, handoff notes, escalation policies, calendar feeds.",
  },
  { name: "Alerting", description: "Alertmanager integrations and the pages they open." },
  { name: "Incidents", description: "Incidents, timelines, roles, postmortems and action items." },
  { name: "Reports", description: "Home, the readiness scorecard and manager reports." },
  { name: "Access", description: "Who you are, API tokens, data sources, the audit log." },
  {
    name: "Notifications",
    description: "Your contact methods and their verification, notification rules; outgoing e-mail settings (admin).",
  },
  { name: "Meta", description: "This document." },
] as const;

export type TagName = (typeof TAGS)[number]["name"];

export const op = (o: Operation & { tag: TagName }): Operation => o;
