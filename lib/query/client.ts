import { QueryClient } from "@tanstack/react-query";

/** Data is considered fresh for 30 s: pages are server-rendered, so the client rarely needs to refetch. */
export const STALE_TIME_MS = 30_000;

/** One QueryClient per browser session (and a fresh one per server render), never shared across users. */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: STALE_TIME_MS, retry: 1, refetchOnWindowFocus: false },
      mutations: { retry: 0 },
    },
  });
}
