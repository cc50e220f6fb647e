import { AsyncLocalStorage } from "node:async_hooks";
import { PrometheusError } from "./errors";

/**
 * The upstream scope of one HTTP request (issue 18: bounded waits). `apiRoute` runs every handler inside
 * one: the request's AbortSignal (aborted by Next when the client disconnects) and a deadline `budgetMs`
 * after the request began (SRECP_UPSTREAM_BUDGET_MS, default 2 s). Every Prometheus call made inside it
 * (transport.ts) waits at most until the deadline (and tells Prometheus so with its `timeout` parameter),
 * and is cancelled — its connection closed — when the client goes away. Work outside a request (the
 * jobs) has no scope and keeps each source's own timeout. The scope is carried by AsyncLocalStorage so
 * that services need no extra parameter: whatever a handler awaits sees it.
 */
export type UpstreamScope = { signal: AbortSignal | undefined; deadlineMs: number; budgetMs: number };

const storage = new AsyncLocalStorage<UpstreamScope>();

export function withUpstreamScope<T>(
  options: { signal?: AbortSignal; budgetMs: number; nowMs?: number },
  run: () => Promise<T>,
): Promise<T> {
  const scope = {
    signal: options.signal,
    budgetMs: options.budgetMs,
    deadlineMs: (options.nowMs ?? Date.now()) + options.budgetMs,
  };
  return storage.run(scope, run);
}

export const upstreamScope = (): UpstreamScope | undefined => storage.getStore();

/**
 * Runs `start` outside any request scope: for work shared by several readers (a single-flight refresh,
 * a first status computation) that one reader's budget or disconnect must not cut short. Readers then
 * wait for it with `withinBudget`.
 */
export const detachedFromRequest = <T>(start: () => T): T => storage.exit(start);

const budgetMessage = (scope: UpstreamScope) =>
  `Prometheus did not answer within this request's upstream budget of ${scope.budgetMs} ms; try again shortly`;
export const budgetError = (scope: UpstreamScope) =>
  new PrometheusError("timeout", budgetMessage(scope), {
    detail: "request budget",
    publicMessage: budgetMessage(scope),
  });
export const abortedError = () =>
  new PrometheusError("aborted", "The request was cancelled by its client", { detail: "client disconnected" });

/**
 * Waits for `promise` at most until the current request's deadline, or until its client disconnects
 * (rejecting with budgetError / abortedError); outside a request, simply awaits it. The promise itself
 * goes on (it is shared work, see detachedFromRequest).
 */
export async function withinBudget<T>(promise: Promise<T>): Promise<T> {
  const scope = upstreamScope();
  if (!scope) return promise;
  if (scope.signal?.aborted) throw abortedError();
  const remaining = scope.deadlineMs - Date.now();
  if (remaining <= 0) throw budgetError(scope);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  const cut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(budgetError(scope)), remaining);
    onAbort = () => reject(abortedError());
    scope.signal?.addEventListener("abort", onAbort, { once: true });
  });
  try {
    return await Promise.race([promise, cut]);
  } finally {
    clearTimeout(timer);
    if (onAbort) scope.signal?.removeEventListener("abort", onAbort);
    promise.catch(() => undefined); // a shared run failing after we left is its owner's business
  }
}
