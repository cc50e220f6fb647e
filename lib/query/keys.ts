/**
 * Query-key factory: hierarchical keys so a mutation can invalidate a whole family
 * (e.g. `queryKeys.services.all` after any service change).
 */
export const queryKeys = {
  services: {
    all: ["services"] as const,
    list: (filters: { team?: string; q?: string; page?: number }) => ["services", "list", filters] as const,
    detail: (slug: string) => ["services", "detail", slug] as const,
  },
  teams: {
    all: ["teams"] as const,
    detail: (slug: string) => ["teams", "detail", slug] as const,
  },
  tokens: { all: ["tokens"] as const },
} as const;
