/**
 * The one typed error of the application. Domain-facing code throws AppError with a code from this
 * closed set; each entry point (route handler, server action, page, CLI) maps it once.
 */
export const ERROR_CODES = {
  /** Input failed validation; `fields` names each bad field. HTTP 422. */
  VALIDATION: 422,
  /** No session and no valid token. HTTP 401. */
  UNAUTHENTICATED: 401,
  /** Authenticated, but the role or team scope does not allow it. HTTP 403. */
  FORBIDDEN: 403,
  /** The entity does not exist or is not visible to the actor. HTTP 404. */
  NOT_FOUND: 404,
  /** Unique key taken, or a stale version was edited (optimistic concurrency). HTTP 409. */
  CONFLICT: 409,
  /** The request is well-formed but the state does not allow it (e.g. publish an unapproved doc). HTTP 409. */
  INVALID_STATE: 409,
  /** Malformed request (bad JSON, bad query parameter syntax). HTTP 400. */
  BAD_REQUEST: 400,
  /** The request body is larger than the route accepts (lib/http/body.ts). HTTP 413. */
  PAYLOAD_TOO_LARGE: 413,
  /** The request body is not `application/json` (or the type the route documents). HTTP 415. */
  UNSUPPORTED_MEDIA_TYPE: 415,
  /** Too many failed sign-ins for the account or address (lib/services/login.ts). HTTP 429. */
  TOO_MANY_REQUESTS: 429,
  /** The database cannot serve now (unreachable, or the embedded one is held by another process). HTTP 503. */
  DB_UNAVAILABLE: 503,
  /** Prometheus (or another upstream) could not be reached or timed out. HTTP 503. */
  UPSTREAM_UNAVAILABLE: 503,
  /** The upstream answered with something we cannot use. HTTP 502. */
  UPSTREAM_BAD_RESPONSE: 502,
  /** Anything unexpected; the message shown to clients is generic. HTTP 500. */
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;
export type FieldErrors = Record<string, string>;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields?: FieldErrors;

  /**
   * `message` is for people and reaches clients: no internal URL, host:port, stack or upstream body.
   * What failed underneath goes in `options.cause`; the route wrapper logs it with the request id.
   */
  constructor(code: ErrorCode, message: string, fields?: FieldErrors, options?: ErrorOptions) {
    super(message, options);
    this.name = "AppError";
    this.code = code;
    this.fields = fields;
  }

  get status(): number {
    return ERROR_CODES[this.code];
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

/** Anything thrown, as an Error (a thrown non-Error is wrapped): for logs and for failures kept to rethrow later. */
export const asError = (err: unknown): Error => (err instanceof Error ? err : new Error(String(err)));

export const notFound = (what: string) => new AppError("NOT_FOUND", `${what} not found`);
export const validation = (fields: FieldErrors, message = "Invalid input") =>
  new AppError(
    "VALIDATION",
    `${message}: ${Object.entries(fields)
      .map(([f, m]) => `${f}: ${m}`)
      .join("; ")}`,
    fields,
  );
