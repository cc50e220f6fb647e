/**
 * Browser-side client for the REST API under /api/v1. Failures arrive as the API's envelope
 * `{"error":{code,message,fields}}` and are thrown as ApiError, so forms can show `fields` inline.
 */
export type FieldErrors = Record<string, string>;

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldErrors;

  constructor(status: number, code: string, message: string, fields: FieldErrors = {}) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.fields = fields;
  }
}

type Envelope = { error?: { code?: string; message?: string; fields?: FieldErrors } };

/** JSON fetch against our own API; `body` is serialised for you. Throws ApiError on any non-2xx. */
export async function apiFetch<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? "GET",
      headers: init.body === undefined ? undefined : { "content-type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      credentials: "same-origin",
    });
  } catch {
    throw new ApiError(0, "NETWORK", "Could not reach the server; check your connection and try again");
  }
  const text = await res.text();
  const data = text ? safeJson(text) : null;
  if (!res.ok) {
    const err = (data as Envelope | null)?.error;
    throw new ApiError(
      res.status,
      err?.code ?? "INTERNAL",
      err?.message ?? `Request failed (${res.status})`,
      err?.fields ?? {},
    );
  }
  return data as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Field errors of a failed mutation, or {} for anything else. */
export const errorFields = (err: unknown): FieldErrors => (err instanceof ApiError ? err.fields : {});

/** A message fit for a banner; a stale-version conflict gets an explicit "reload" hint. */
export function errorMessage(err: unknown): string {
  if (!(err instanceof ApiError)) return err instanceof Error ? err.message : "Something went wrong";
  if (err.code === "CONFLICT" && err.fields.version) {
    return "This record was changed by someone else since you opened it. Reload the page to get the latest version, then apply your edit again.";
  }
  return err.message;
}
