/**
 * Outcome of a pure domain operation that can be refused. Refusals carry a stable machine code
 * (`error`, for API responses and tests) and a human sentence (`message`, for the UI).
 */
export type Result<T, E extends string> = { ok: true; value: T } | { ok: false; error: E; message: string };

/** Wraps a successful value. */
export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });

/** Builds a refusal with a stable code and a readable message. */
export const err = <E extends string>(error: E, message: string): { ok: false; error: E; message: string } => ({
  ok: false,
  error,
  message,
});
