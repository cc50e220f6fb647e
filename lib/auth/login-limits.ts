/**
 * Brute-force limits for password sign-in (documented in docs/security.md, "Sessions and sign-in").
 * Failures are counted over a sliding window per account (e-mail, known or not) and per client
 * address. The account limit is low because a person mistypes a few times at most; the address
 * limit is higher because an office or a NAT shares one address.
 */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const ACCOUNT_FAILURE_LIMIT = 5;
export const IP_FAILURE_LIMIT = 20;

export type ThrottleDecision = { locked: false } | { locked: true; retryAfterSeconds: number };

/**
 * Pure decision: given the instants of the failures that count (already inside the window,
 * oldest first) and the limit, is a new attempt refused, and when does the oldest counted
 * failure leave the window so that one more attempt is allowed again?
 */
export function throttleDecision(
  failures: readonly Date[],
  limit: number,
  now: Date,
  windowMs = LOGIN_WINDOW_MS,
): ThrottleDecision {
  const inWindow = failures.filter((f) => now.getTime() - f.getTime() < windowMs);
  if (inWindow.length < limit) return { locked: false };
  // One slot frees up when failure number (count - limit) (0-based, oldest first) leaves the window.
  const freeing = inWindow[inWindow.length - limit] ?? inWindow[0];
  const ms = (freeing?.getTime() ?? now.getTime()) + windowMs - now.getTime();
  return { locked: true, retryAfterSeconds: Math.max(1, Math.ceil(ms / 1000)) };
}

/** The stricter of two decisions: locked if either is, with the longer wait. */
export function stricter(a: ThrottleDecision, b: ThrottleDecision): ThrottleDecision {
  if (!a.locked) return b;
  if (!b.locked) return a;
  return a.retryAfterSeconds >= b.retryAfterSeconds ? a : b;
}

export const lockoutMessage = (seconds: number) => `Too many failed sign-ins; try again in ${seconds} s`;

/**
 * The client address as seen by the nearest proxy: the last X-Forwarded-For hop (a proxy appends
 * the peer it saw, so earlier hops are client-supplied). Next sets the header from the socket when
 * it is absent. Behind no proxy a client can choose this value, which is why the per-account limit
 * does not depend on it.
 */
export function clientAddress(forwardedFor: string | null | undefined): string {
  const hops = (forwardedFor ?? "")
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean);
  return (hops.at(-1) ?? "unknown").slice(0, 64);
}
