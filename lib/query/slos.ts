import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { PolicyThresholds } from "@/lib/slo/policy";
import type { Sli, SloWindow } from "@/lib/slo/types";
import { formatSliKind } from "@/lib/slo/format";
import type {
  SloListItemView,
  SloSavedView,
  SloStatusView,
  SloVersionView,
  SloView,
} from "@/lib/validation/views/slos";
import type { SloSortKey } from "@/lib/validation/slo";
import type { SloStatus } from "@/lib/services/slo/status-types";
import type { Burndown } from "@/lib/services/slo/burndown";
import type { SloPreview } from "@/lib/services/slo/preview";
import type { ServiceBudgetState } from "@/lib/services/policy";
import type { ServiceSignals } from "@/lib/services/signals";
import { apiFetch } from "./api";

/**
 * Browser-side data access for the SLO screens: JSON shapes of the REST API (types only, nothing of the
 * server is bundled), query keys, and TanStack Query hooks. Every hook refreshes on its own where the
 * data is live (status every 30 s); charts of history are cached for minutes.
 */
export type { SloView, SloStatus, Burndown, SloPreview, ServiceBudgetState, ServiceSignals };
/** A row of GET /api/v1/slos (with include=status). */
export type SloRow = SloListItemView;
type ServedStatus = SloStatusView;
/** What the overview keeps of a status (a tenth of its size: 1,000 rows stay small on the wire and in memory). */
export type SlimStatus = Pick<
  ServedStatus,
  "sliValue" | "stale" | "staleAgeSeconds" | "staleReason" | "unavailableSince" | "computing"
> & {
  errorBudget: { remaining: number | null };
  burnRates: { "1h": number | null; "6h": number | null };
  alerts: { name: string; severity: "page" | "ticket"; firing: boolean }[];
};
/** One SLO as the overview needs it: no selectors, descriptions or timestamps (1,000 rows stay small). */
export type OverviewSlo = {
  id: string;
  name: string;
  service: string;
  serviceName: string;
  team: string;
  objective: number;
  window: SloWindow;
  /** "ratio" or "latency ≤ 300 ms". */
  sliText: string;
  version: { number: number; status: string };
  pendingVersion: { number: number } | null;
  /** The service's budget-policy state as stored over all its SLOs (null: none computed yet). */
  policyState?: SloListItemView["policyState"];
  /** The service's effective budget-policy thresholds (with the status). */
  policyThresholds?: PolicyThresholds;
  status?: SlimStatus;
};

export function slimSloRow(row: SloRow): OverviewSlo {
  const { status } = row;
  return {
    id: row.id,
    name: row.name,
    service: row.service,
    serviceName: row.serviceName,
    team: row.team,
    objective: row.objective,
    window: row.window,
    sliText: formatSliKind(row.sli),
    version: { number: row.version.number, status: row.version.status },
    pendingVersion: row.pendingVersion ? { number: row.pendingVersion.number } : null,
    ...(row.policyState !== undefined ? { policyState: row.policyState } : {}),
    ...(row.policyThresholds
      ? {
          policyThresholds: {
            atRiskBelow: row.policyThresholds.atRiskBelow,
            freezeAtOrBelow: row.policyThresholds.freezeAtOrBelow,
            freezeOnPageAlert: row.policyThresholds.freezeOnPageAlert,
          },
        }
      : {}),
    ...(status
      ? {
          status: {
            sliValue: status.sliValue,
            stale: status.stale,
            ...(status.staleAgeSeconds !== undefined ? { staleAgeSeconds: status.staleAgeSeconds } : {}),
            ...(status.staleReason ? { staleReason: status.staleReason } : {}),
            ...(status.unavailableSince ? { unavailableSince: status.unavailableSince } : {}),
            ...(status.computing ? { computing: true as const } : {}),
            errorBudget: { remaining: status.errorBudget.remaining },
            burnRates: { "1h": status.burnRates["1h"], "6h": status.burnRates["6h"] },
            alerts: status.alerts.map((a) => ({ name: a.name, severity: a.severity, firing: a.firing })),
          },
        }
      : {}),
  };
}

export type SloVersionItem = SloVersionView;
type Page<T> = { items: T[]; page: number; pageSize: number; total: number };

export const REFRESH_MS = 30_000;
/** While a first status is being computed (seconds, usually). */
const COMPUTING_POLL_MS = 2_000;
/** History charts change slowly: a sparkline or burndown is reused for 5 minutes. */
export const HISTORY_STALE_MS = 5 * 60_000;
/** The API's largest page. */
export const MAX_PAGE_SIZE = 1000;
/**
 * Rows per page of the SLO overview (server-rendered first page and the API pages after it). 50: the
 * server render of a page costs about 0.3 ms of CPU per row on top of ~10 ms for the shell, and at 10
 * concurrent viewers a page of 100 rows kept its p99 well above 300 ms (bench/load.mjs, issue 17).
 */
export const OVERVIEW_PAGE_SIZE = 50;

export const sloKeys = {
  all: ["slos"] as const,
  list: (params: SloPageParams) => ["slos", "list", params] as const,
  detail: (id: string) => ["slos", "detail", id] as const,
  status: (id: string) => ["slos", "status", id] as const,
  burndown: (id: string) => ["slos", "burndown", id] as const,
  versions: (id: string) => ["slos", "versions", id] as const,
  rules: (id: string) => ["slos", "rules", id] as const,
  preview: (input: unknown) => ["slos", "preview", input] as const,
  metadata: (q: Record<string, string | undefined>) => ["prometheus", "metadata", q] as const,
  policy: (service: string) => ["services", "policy", service] as const,
  signals: (service: string) => ["services", "signals", service] as const,
};

const qs = (params: Record<string, string | number | undefined>) => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") q.set(k, String(v));
  return q.toString();
};

/** What the overview asks the server for: filters, sort and page (all applied in SQL). */
export type SloPageParams = {
  team?: string;
  service?: string;
  state?: string;
  q?: string;
  sort: SloSortKey;
  dir: "asc" | "desc";
  page: number;
  pageSize: number;
};

const pageUrl = (p: SloPageParams) => `/api/v1/slos?${qs({ include: "status", ...p })}`;

export async function fetchSloPage(p: SloPageParams): Promise<Page<OverviewSlo>> {
  const res = await apiFetch<Page<SloRow>>(pageUrl(p));
  return { ...res, items: res.items.map(slimSloRow) };
}

/** Every SLO matching `p` in its order, a page of 1,000 at a time (for CSV export); `progress` after each. */
export async function fetchAllMatching(
  p: Omit<SloPageParams, "page" | "pageSize">,
  progress: (loaded: number, total: number) => void,
): Promise<OverviewSlo[]> {
  const items: OverviewSlo[] = [];
  for (let page = 1; ; page++) {
    const res = await fetchSloPage({ ...p, page, pageSize: MAX_PAGE_SIZE });
    items.push(...res.items);
    progress(items.length, res.total);
    if (items.length >= res.total || res.items.length === 0) return items;
  }
}

/** One page of the overview, refreshed every 30 s (and at once on live events); the previous page stays shown while the next loads. */
export function useSloPage(p: SloPageParams, initialData?: Page<OverviewSlo>) {
  return useQuery({
    queryKey: sloKeys.list(p),
    queryFn: () => fetchSloPage(p),
    initialData,
    initialDataUpdatedAt: initialData ? Date.now() : undefined,
    placeholderData: keepPreviousData,
    refetchInterval: REFRESH_MS,
    staleTime: REFRESH_MS,
  });
}

export function useSloStatus(id: string, enabled = true) {
  return useQuery({
    queryKey: sloKeys.status(id),
    queryFn: () => apiFetch<ServedStatus>(`/api/v1/slos/${id}/status`),
    // a first computation in progress is announced over the live-events stream; polled too in case that is down
    refetchInterval: (q) => (q.state.data?.computing ? COMPUTING_POLL_MS : REFRESH_MS),
    staleTime: REFRESH_MS,
    enabled,
  });
}

export function useBurndown(id: string, enabled = true) {
  return useQuery({
    queryKey: sloKeys.burndown(id),
    queryFn: () => apiFetch<Burndown>(`/api/v1/slos/${id}/burndown`),
    staleTime: HISTORY_STALE_MS,
    refetchInterval: HISTORY_STALE_MS,
    enabled,
  });
}

/** The generated Prometheus rule file (YAML text). */
export function useSloRules(id: string, enabled: boolean) {
  return useQuery({
    queryKey: sloKeys.rules(id),
    enabled,
    queryFn: async () => {
      const res = await fetch(`/api/v1/slos/${id}/rules`, { credentials: "same-origin" });
      const text = await res.text();
      if (!res.ok) {
        let message = `Could not load the rules (${res.status})`;
        try {
          message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? message;
        } catch {
          /* not JSON */
        }
        throw new Error(message);
      }
      return text;
    },
  });
}

/** What the wizard sends (the server validates it with createSloSchema / updateSloSchema). */
type SloBody = {
  description?: string;
  sli?: Sli;
  objective?: number;
  window?: SloWindow;
  runbookUrl?: string | null;
  alerting?: boolean;
};
/** Defines an SLO (POST /api/v1/slos): the saved SLO with its versions, newest first. */
export const createSlo = (body: SloBody & { service: string; name: string }) =>
  apiFetch<SloSavedView>("/api/v1/slos", { method: "POST", body });
/** Changes an SLO (PATCH /api/v1/slos/{id}); the answer has the shape of createSlo's. */
export const updateSlo = (id: string, body: SloBody & { revision: number }) =>
  apiFetch<SloSavedView>(`/api/v1/slos/${encodeURIComponent(id)}`, { method: "PATCH", body });

export type PreviewInput = { service: string; sli: Sli; objective: number; window: SloWindow };

/** The wizard's live preview of a (debounced, valid) definition; null input = nothing to preview yet. */
export function useSloPreview(input: PreviewInput | null) {
  return useQuery({
    queryKey: sloKeys.preview(input),
    queryFn: () => apiFetch<SloPreview>("/api/v1/slos/preview", { method: "POST", body: input }),
    enabled: input !== null,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    retry: false,
  });
}

export function fetchMetadata(q: {
  kind: "metrics" | "labels" | "values";
  service?: string;
  metric?: string;
  label?: string;
}) {
  return apiFetch<{ items: string[] }>(`/api/v1/prometheus/metadata?${qs(q)}`).then((r) => r.items);
}

export function useMetadata(
  q: { kind: "metrics" | "labels" | "values"; service?: string; metric?: string; label?: string },
  enabled = true,
) {
  return useQuery({
    queryKey: sloKeys.metadata(q),
    queryFn: () => fetchMetadata(q),
    enabled,
    staleTime: HISTORY_STALE_MS,
    retry: false,
  });
}

export function useServicePolicy(slug: string, initialData?: ServiceBudgetState) {
  return useQuery({
    queryKey: sloKeys.policy(slug),
    queryFn: () => apiFetch<ServiceBudgetState>(`/api/v1/services/${slug}/policy`),
    initialData,
    initialDataUpdatedAt: initialData ? Date.now() : undefined,
    refetchInterval: REFRESH_MS,
    staleTime: REFRESH_MS,
  });
}

/** Golden signals over the last `hours` (the range moves with every refresh). */
export function useServiceSignals(slug: string, hours: number) {
  return useQuery({
    queryKey: [...sloKeys.signals(slug), hours] as const,
    queryFn: () => {
      const to = Date.now();
      return apiFetch<ServiceSignals>(
        `/api/v1/services/${slug}/signals?${qs({ from: new Date(to - hours * 3_600_000).toISOString(), to: new Date(to).toISOString() })}`,
      );
    },
    refetchInterval: 60_000,
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
}
