import type { z } from "zod";
import { PrometheusError, fromErrorEnvelope } from "./errors";
import { envelopeSchema } from "./schemas";

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

const snippet = (text: string): string => {
  const trimmed = text.trim();
  return trimmed.length > 200 ? `${trimmed.slice(0, 200)}…` : trimmed;
};

const describeFetchFailure = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  // undici puts the useful part (ECONNREFUSED 127.0.0.1:9090) in `cause`.
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
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

  const controller = new AbortController();
  init.signal = controller.signal;
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Race against our own timer instead of trusting fetch to honour the signal: a hung socket or a
  // fetch that ignores AbortSignal must still end in a "timeout" error.
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new PrometheusError("timeout", `Prometheus did not answer within ${transport.timeoutMs} ms (${request.path})`));
    }, transport.timeoutMs);
  });
  const exchange = (async () => {
    let response: Response;
    try {
      response = await transport.fetch(url, init);
    } catch (error) {
      if (controller.signal.aborted) throw new PrometheusError("timeout", `Prometheus did not answer within ${transport.timeoutMs} ms (${request.path})`);
      throw new PrometheusError("network", `Prometheus unreachable at ${transport.baseUrl}: ${describeFetchFailure(error)}`, { cause: error });
    }
    try {
      return { status: response.status, body: await response.text() };
    } catch (error) {
      if (controller.signal.aborted) throw new PrometheusError("timeout", `Prometheus did not answer within ${transport.timeoutMs} ms (${request.path})`);
      throw new PrometheusError("network", `Reading the Prometheus response failed: ${describeFetchFailure(error)}`, { status: response.status, cause: error });
    }
  })();
  try {
    return await Promise.race([exchange, deadline]);
  } finally {
    clearTimeout(timer);
    exchange.catch(() => undefined); // the loser of the race must not become an unhandled rejection
  }
};

/**
 * Calls a Prometheus API endpoint and returns `data` validated by `schema`.
 * Error envelopes map by errorType; other non-2xx answers (plain-text 404) become "http";
 * 2xx answers that are not the expected JSON become "bad_response".
 */
export const callApi = async <S extends z.ZodType>(transport: Transport, request: ApiRequest, schema: S): Promise<z.infer<S>> => {
  const { status, body } = await send(transport, request);
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    if (status < 200 || status > 299) throw new PrometheusError("http", `HTTP ${status} from Prometheus ${request.path}: ${snippet(body)}`, { status });
    throw new PrometheusError("bad_response", `Prometheus ${request.path} returned non-JSON: ${snippet(body)}`, { status });
  }
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) {
    if (status < 200 || status > 299) throw new PrometheusError("http", `HTTP ${status} from Prometheus ${request.path}: ${snippet(body)}`, { status });
    throw new PrometheusError("bad_response", `Prometheus ${request.path} returned an unexpected envelope: ${snippet(body)}`, { status });
  }
  if (envelope.data.status === "error") throw fromErrorEnvelope(status, envelope.data.errorType, envelope.data.error);
  if (status < 200 || status > 299) throw new PrometheusError("http", `HTTP ${status} from Prometheus ${request.path}`, { status });
  const data = schema.safeParse(envelope.data.data);
  if (!data.success) {
    throw new PrometheusError("bad_response", `Prometheus ${request.path} returned unexpected data: ${data.error.message}`, { status });
  }
  return data.data;
};
