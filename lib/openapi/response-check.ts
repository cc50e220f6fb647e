import type { z } from "zod";
import { OPERATIONS } from "./document";
import type { Operation } from "./registry";

/**
 * Tests only (SRECP_CHECK_RESPONSES=1, read by lib/http/api-route.ts, which imports this module lazily so
 * a production server never loads the registry for it): does a 2xx answer match what the OpenAPI document
 * promises? The status must be the documented one and a JSON body must parse with the operation's
 * response schema. Operations without a schema only get the status check.
 */

/** "/api/v1/services/[slug]" (the Next route pattern given to apiRoute) → "/api/v1/services/{slug}". */
export const openApiPath = (route: string) => route.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, "{$1}");

let byKey: Map<string, Operation> | undefined;

/** The documented operation of a request, by method and route pattern; undefined when there is none. */
export function operationFor(
  method: string,
  route: string,
  ops: readonly Operation[] = OPERATIONS,
): Operation | undefined {
  if (ops !== OPERATIONS) return ops.find((o) => o.method === method && o.path === openApiPath(route));
  byKey ??= new Map(OPERATIONS.map((o) => [`${o.method} ${o.path}`, o]));
  return byKey.get(`${method} ${openApiPath(route)}`);
}

/** The 2xx statuses an operation documents (200 unless it says otherwise). */
export const documentedStatuses = (o: Operation) => [o.response?.status ?? 200, ...(o.response?.otherStatuses ?? [])];

export type ResponseMismatch = { message: string; issues: z.core.$ZodIssue[] };

const issuePath = (i: z.core.$ZodIssue) => (i.path.length ? i.path.map(String).join(".") : "(body)");

/**
 * Why a 2xx answer does not match its operation, or null when it does. `body` is the parsed JSON of the
 * answer (the wire format: instants are strings), undefined when the answer is not JSON; `mediaType` the
 * answer's content type without parameters (a non-JSON one must be in the operation's otherContentTypes).
 */
export function responseMismatch(
  o: Operation,
  status: number,
  body: unknown,
  mediaType?: string,
): ResponseMismatch | null {
  const label = `${o.method} ${o.path}`;
  const statuses = documentedStatuses(o);
  if (!statuses.includes(status))
    return { message: `${label} answered ${status}; the document says ${statuses.join(" or ")}`, issues: [] };
  const schema = o.response?.schema;
  if (!schema || status === 204) return null;
  if (body === undefined) {
    const others = o.response?.otherContentTypes ?? [];
    if (mediaType && others.includes(mediaType)) return null;
    return {
      message: `${label} answered ${status} ${mediaType ? `as ${mediaType}` : "without a body"}; the document says application/json${others.length ? ` or ${others.join(", ")}` : ""}`,
      issues: [],
    };
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return null;
  const paths = parsed.error.issues.map((i) => `${issuePath(i)}: ${i.message}`);
  const shown = paths.slice(0, 10).join("; ") + (paths.length > 10 ? `; and ${paths.length - 10} more` : "");
  return {
    message: `${label} answered a body that does not match its response schema: ${shown}`,
    issues: parsed.error.issues,
  };
}

/** responseMismatch for a Response (read from a clone; the original stays unread). */
export async function checkResponse(
  method: string,
  route: string,
  res: Response,
  ops: readonly Operation[] = OPERATIONS,
): Promise<ResponseMismatch | null> {
  if (res.status < 200 || res.status > 299) return null;
  const o = operationFor(method, route, ops);
  if (!o)
    return route.startsWith("/api/v1/")
      ? { message: `${method} ${openApiPath(route)} is not in the OpenAPI registry (lib/openapi/routes)`, issues: [] }
      : null;
  const type = res.headers.get("content-type") ?? "";
  // Streams (text/event-stream) and other non-JSON answers are never read: only their status is checked.
  const isJson = /^application\/(.+\+)?json\b/i.test(type);
  let body: unknown;
  if (isJson) {
    const text = await res.clone().text();
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      return { message: `${method} ${o.path} answered ${type} that is not JSON`, issues: [] };
    }
  }
  return responseMismatch(o, res.status, body, type.split(";")[0]!.trim().toLowerCase() || undefined);
}
