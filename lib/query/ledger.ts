import { useQuery } from "@tanstack/react-query";
import type { SloLedgerView } from "@/lib/services/slo/ledger";
import type { IncidentBudgetView } from "@/lib/validation/views/incidents";
import { apiFetch } from "./api";
import { HISTORY_STALE_MS } from "./slos";

// The budget ledger of an SLO (who spent the budget) and what one incident spent of each SLO's budget.

export type { IncidentBudgetView };

export const ledgerKeys = {
  slo: (id: string) => ["slos", "ledger", id] as const,
  incident: (id: string) => ["incidents", "budget", id] as const,
};

/** Same cadence as the burndown it annotates. */
export function useSloLedger(id: string, enabled = true) {
  return useQuery({
    queryKey: ledgerKeys.slo(id),
    queryFn: () => apiFetch<SloLedgerView>(`/api/v1/slos/${id}/ledger`),
    staleTime: HISTORY_STALE_MS,
    refetchInterval: HISTORY_STALE_MS,
    enabled,
    retry: false,
  });
}

/** Re-read every 30 s: a P0/P1 action item added on the same page then shows the requirement met. */
export function useIncidentBudget(id: string) {
  return useQuery({
    queryKey: ledgerKeys.incident(id),
    queryFn: () => apiFetch<IncidentBudgetView>(`/api/v1/incidents/${id}/budget`),
    staleTime: 30_000,
    refetchInterval: 30_000,
    retry: false,
  });
}
