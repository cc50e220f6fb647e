import "server-only";
import type { z } from "zod";
import { NO_PROMETHEUS_PUBLIC, PrometheusError, fromErrorEnvelope } from "./errors";
import { envelopeSchema } from "./schemas";
import { abortedError, budgetError, upstreamScope } from "./request-scope";

export type Transport = {
  baseUrl: string;
  timeoutMs: number;
  fetch: typeof fetch;
  headers: Record<string, string>;
};

export type ApiRequest = {
  path: string;
  /** POST sends params as an x-www-form-urlencoded body (queries get long); GET puts them in the URL. */
  method: "GET" | "POST";
  params?: [string, string][];
};

/**
 * The one message for "no Prometheus API here": a refused connection, a reset, an HTML login page and
 * a plain-text 502 all read the same, so a data source URL cannot be used to tell open ports from
 * closed ones, and no upstream body is ever echoed to whoever sees the error (finding 12.6). The
 * distinguishing facts (errno code, HTTP status) stay on the error's `detail` for server logs only.
 */
const noPrometheus = (transport: Transport, path: string) =>
  `No Prometheus API answered at ${transport.baseUrl}${path} (unreachable, or not a Prometheus server)`;

/** errno-style code of a fetch failure (ECONNREFUSED, ENOTFOUND...) without its address text. */
const failureCode = (error: unknown): string => {
  const cause = error instanceof Error ? (error as { cause?: unknown }).cause : undefined;
  const code = (cause as { code?: unknown } | undefined)?.code ?? (error as { code?: unknown } | undefined)?.code;
  return typeof code === "string" ? code : error instanceof Error ? error.name : "unknown";
};

/** A refusal by the outbound address policy (lib/net) is the admin's business, not a port fact: say so. */
const policyRefusal = (error: unknown): string | undefined => {
  for (
    let e: unknown = error, depth = 0;
    e instanceof Error && depth < 3;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    if ((e as { code?: unknown }).code === "ERR_OUTBOUND_BLOCKED") return e.message;
  }
  return undefined;
};

/** Sends one request and returns the raw HTTP status and body text, mapping transport failures. */
const send = async (transport: Transport, request: ApiRequest): Promise<{ status: number; body: string }> => {
  const params = new URLSearchParams(request.params ?? []);
  let url = `${transport.baseUrl}${request.path}`;
  const init: RequestInit = { method: request.method, headers: { ...transport.headers } };
  if (request.method === "GET") {
    const query = params.toString();
    if (query !== "") url += `?${query}`;
  } else {
    init.body = params.toString();
    init.headers = { ...transport.headers, "Content-Type": "application/x-www-form-urlencoded" };
  }

  // Inside an HTTP request (request-scope.ts): wait no longer than its budget, stop when its client leaves.
  const scope = upstreamScope();
  if (scope?.signal?.aborted) throw abortedError();
  const budgetLeft = scope ? scope.deadlineMs - Date.now() : Infinity;
  if (budgetLeft <= 0) throw budgetError(scope!);
  const waitMs = Math.min(transport.timeoutMs, budgetLeft);
  const timeoutError = () =>
    waitMs < transport.timeoutMs
      ? budgetError(scope!)
      : new PrometheusError("timeout", `Prometheus did not answer within ${transport.timeoutMs} ms (${request.path})`);

  const controller = new AbortController();
  init.signal = controller.signal;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onClientAbort: (() => void) | undefined;
  // Race against our own timer instead of trusting fetch to honour the signal: a hung socket or a
  // fetch that ignores AbortSignal must still end in a "timeout" error. Aborting the controller closes
  // the connection, so Prometheus stops working on a query nobody waits for.
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(timeoutError());
    }, waitMs);
    onClientAbort = () => {
      controller.abort();
      reject(abortedError());
    };
    scope?.signal?.addEventListener("abort", onClientAbort, { once: true });
  });
  const exchange = (async () => {
    let response: Response;
    try {
      response = await transport.fetch(url, init);
    } catch (error) {
      if (controller.signal.aborted) throw scope?.signal?.aborted ? abortedError() : timeoutError();
      const blocked = policyRefusal(error);
      if (blocked)
        throw new PrometheusError("network", blocked, {
          cause: error,
          detail: "ERR_OUTBOUND_BLOCKED",
          publicMessage: "the outbound address policy refuses this data source's address",
        });
      throw new PrometheusError("network", noPrometheus(transport, request.path), {
        cause: error,
        detail: failureCode(error),
      });
    }
    try {
      return { status: response.status, body: await response.text() };
    } catch (error) {
      if (controller.signal.aborted) throw scope?.signal?.aborted ? abortedError() : timeoutError();
      throw new PrometheusError("network", noPrometheus(transport, request.path), {
        cause: error,
        detail: `reading the body failed: ${failureCode(error)}`,
      });
    }
  })();
  try {
    return await Promise.race([exchange, deadline]);
  } finally {
    clearTimeout(timer);
    if (onClientAbort) scope?.signal?.removeEventListener("abort", onClientAbort);
    exchange.catch(() => undefined); // the loser of the race must not become an unhandled rejection
  }
};

/**
 * Calls a Prometheus API endpoint and returns `data` validated by `schema`.
 * Error envelopes map by errorType; other non-2xx answers (plain-text 404) become "http";
 * 2xx answers that are not the expected JSON become "bad_response". Neither quotes the body.
 */
export const callApi = async <S extends z.ZodType>(
  transport: Transport,
  request: ApiRequest,
  schema: S,
): Promise<z.infer<S>> => {
  const { status, body } = await send(transport, request);
  const notPrometheus = (what: string) =>
    new PrometheusError(
      status >= 200 && status <= 299 ? "bad_response" : "http",
      noPrometheus(transport, request.path),
      { status, detail: `HTTP ${status} with ${what}`, publicMessage: NO_PROMETHEUS_PUBLIC },
    );
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw notPrometheus("a non-JSON body");
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) throw notPrometheus("JSON that is not a Prometheus envelope");
  if (envelope.data.status === "error") throw fromErrorEnvelope(status, envelope.data.errorType, envelope.data.error);
  if (status < 200 || status > 299)
    throw new PrometheusError("http", `HTTP ${status} from Prometheus ${request.path}`, { status });
  const data = schema.safeParse(envelope.data.data);
  if (!data.success) {
    throw new PrometheusError("bad_response", `Prometheus ${request.path} returned data of an unexpected shape`, {
      status,
      detail: data.error.message.slice(0, 500),
    });
  }
  return data.data;
};
