import { randomUUID } from "node:crypto";
import type { z } from "zod";
import { requireActor } from "@/lib/auth/actor";
import { env } from "@/lib/env";
import { withUpstreamScope } from "@/lib/prometheus";
import type { Actor } from "@/lib/auth/permissions";
import { logger } from "@/lib/observability/logger";
import { observeRequest } from "@/lib/observability/metrics";
import { DEFAULT_BODY_LIMIT, readJsonBody } from "./body";
import { assertSameOrigin } from "./csrf";
import { appErrorOf, causeForLog } from "./error-policy";
import { assertNoNulInBody, assertNoNulInUrl } from "./nul-bytes";

type Params = Record<string, string>;
type Ctx = { params: Promise<Params> };
export type HandlerArgs = { req: Request; params: Params; actor: Actor; requestId: string };
type Options = { auth?: true };
type PublicArgs = Omit<HandlerArgs, "actor">;

/** Seconds a client should wait before retrying a 503 (database or upstream unavailable). */
const RETRY_AFTER_SECONDS = 5;

/**
 * Maps any thrown value to the API's error envelope `{"error":{code,message,fields?}}` (the mapping is
 * appErrorOf, lib/http/error-policy.ts). A 5xx keeps what failed underneath in the log with the request
 * id; its message for the client never carries it.
 */
export function errorResponse(err: unknown, requestId: string): Response {
  const app = appErrorOf(err);
  if (!app) {
    logger().error(
      { requestId, err: err instanceof Error ? { message: err.message, stack: err.stack } : String(err) },
      "unhandled error",
    );
    return Response.json(
      { error: { code: "INTERNAL", message: "Internal error; see the server log", requestId } },
      { status: 500, headers: { "x-request-id": requestId } },
    );
  }
  const headers: Record<string, string> = { "x-request-id": requestId };
  if (app.status >= 500) {
    logger().warn(
      { requestId, code: app.code, message: app.message, cause: causeForLog(app.cause) },
      "request failed on the server side",
    );
    // An outage is not a defect: say when to come back, so clients and load balancers retry.
    if (app.status === 503) headers["retry-after"] = String(RETRY_AFTER_SECONDS);
  }
  return Response.json(
    { error: { code: app.code, message: app.message, ...(app.fields ? { fields: app.fields } : {}) } },
    { status: app.status, headers },
  );
}

/**
 * Tests only (SRECP_CHECK_RESPONSES=1): a 2xx answer whose status or JSON body breaks what the OpenAPI
 * document promises becomes a 500 RESPONSE_SCHEMA naming the failing fields, so the test that made the call
 * fails where it happened. The registry is imported here, lazily: production never loads it for this.
 */
async function checkedResponse(route: string, method: string, res: Response, requestId: string): Promise<Response> {
  const { checkResponse } = await import("@/lib/openapi/response-check");
  const mismatch = await checkResponse(method, route, res);
  if (!mismatch) return res;
  logger().error({ requestId, method, route, status: res.status, issues: mismatch.issues }, mismatch.message);
  // The log is silent in most test runs; the failing test's output should still say why.
  process.stderr.write(`RESPONSE_SCHEMA (request ${requestId}): ${mismatch.message}\n`);
  return Response.json(
    { error: { code: "RESPONSE_SCHEMA", message: mismatch.message, requestId } },
    { status: 500, headers: { "x-request-id": requestId } },
  );
}

function wrap(route: string, run: (args: PublicArgs) => Promise<Response | unknown>) {
  return async (req: Request, ctx: Ctx): Promise<Response> => {
    const started = performance.now();
    const requestId = req.headers.get("x-request-id")?.slice(0, 128) || randomUUID();
    let res: Response;
    try {
      const params = ctx?.params ? await ctx.params : {};
      assertNoNulInUrl(params, req.url);
      // Prometheus calls below wait at most the upstream budget and stop when the client disconnects
      // (Next aborts req.signal when the response closes): lib/prometheus/request-scope.ts.
      const out = await withUpstreamScope({ signal: req.signal, budgetMs: env().upstreamBudgetMs }, () =>
        run({ req, params, requestId }),
      );
      res = out instanceof Response ? out : Response.json(out);
      res.headers.set("x-request-id", requestId);
    } catch (err) {
      res = errorResponse(err, requestId);
    }
    if (env().checkResponses && res.ok) res = await checkedResponse(route, req.method, res, requestId);
    const seconds = (performance.now() - started) / 1000;
    observeRequest(route, req.method, res.status, seconds);
    logger().info(
      { requestId, method: req.method, route, status: res.status, ms: Math.round(seconds * 1000) },
      "request",
    );
    return res;
  };
}

/**
 * The one wrapper for API route handlers: request id (X-Request-ID or generated), CSRF check for
 * cookie-authenticated writes (403, lib/http/csrf.ts), authentication (401), error mapping
 * (AppError → status, ZodError → 422), metrics and a JSON access log.
 * `route` is the route pattern used as metrics label, e.g. "/api/v1/services/[slug]".
 */
export function apiRoute(
  route: string,
  handler: (args: HandlerArgs) => Promise<Response | unknown>,
  _opts: Options = { auth: true },
) {
  return wrap(route, async (args) => {
    assertSameOrigin(args.req);
    return handler({ ...args, actor: await requireActor(args.req) });
  });
}

/** Same wrapper without authentication (health, readiness, metrics, webhooks with their own auth). */
export function publicRoute(route: string, handler: (args: PublicArgs) => Promise<Response | unknown>) {
  return wrap(route, handler);
}

/**
 * Parses a JSON body with a zod schema: not `application/json` → 415, over `limit` bytes → 413
 * (checked before parsing, lib/http/body.ts), bad JSON → 400, invalid → 422 naming the fields.
 */
export async function parseBody<T extends z.ZodType>(
  req: Request,
  schema: T,
  limit = DEFAULT_BODY_LIMIT,
): Promise<z.infer<T>> {
  const raw = await readJsonBody(req, limit);
  assertNoNulInBody(raw);
  return schema.parse(raw);
}

export function parseQuery<T extends z.ZodType>(req: Request, schema: T): z.infer<T> {
  return schema.parse(Object.fromEntries(new URL(req.url).searchParams));
}

export const created = (body: unknown) => Response.json(body, { status: 201 });
