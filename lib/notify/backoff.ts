import "server-only";
// Retry schedule of a notification (issue 13: at least 5 attempts over at least 10 minutes).
// Attempt n (1-based) that asks for a retry waits BASE × 2^(n-1): 40 s, 80 s, 160 s, 320 s — the fifth
// attempt comes 600 s after the first; a retry answer to it is final ("failed after 5 attempts").

export const MAX_ATTEMPTS = 5;
export const BASE_RETRY_SECONDS = 40;

/** Seconds to wait after the `attempt`-th try (1-based) asked for a retry; null when none is left. */
export function retryDelaySeconds(attempt: number): number | null {
  if (attempt >= MAX_ATTEMPTS) return null;
  return BASE_RETRY_SECONDS * 2 ** (attempt - 1);
}

/** Provider answers and error messages are kept short and on one line in attempts and logs. */
export const truncate = (text: string, max = 300): string => {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
};
