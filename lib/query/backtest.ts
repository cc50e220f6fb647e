import { useQuery } from "@tanstack/react-query";
import type {
  BacktestResultView as BacktestResult,
  BacktestRunView as BacktestRun,
} from "@/lib/validation/views/backtest";
import type { TierCandidate } from "@/lib/slo/backtest-tiers";
import type { Sli, SloWindow } from "@/lib/slo/types";
import { apiFetch } from "./api";

// Alert backtests (POST but read-only): a query keyed by its whole request, run when the user asks
// (`request` non-null), kept a few minutes — the past does not change while one looks at it.

export type { BacktestResult, BacktestRun, TierCandidate };
export type TierName = "page-fast" | "page-slow" | "ticket-fast" | "ticket-slow";
export type BacktestOptionsInput = { days?: number; tiers?: Partial<Record<TierName, TierCandidate>> };
export type BacktestDefinition = { service: string; sli: Sli; objective: number; window: SloWindow };

export type BacktestRequest =
  { sloId: string; options: BacktestOptionsInput } | { definition: BacktestDefinition; options: BacktestOptionsInput };

export const backtestKeys = { run: (request: BacktestRequest | null) => ["slos", "backtest", request] as const };

const run = (r: BacktestRequest) =>
  "sloId" in r
    ? apiFetch<BacktestResult>(`/api/v1/slos/${encodeURIComponent(r.sloId)}/backtest`, {
        method: "POST",
        body: r.options,
      })
    : apiFetch<BacktestResult>("/api/v1/slos/backtest", { method: "POST", body: { ...r.definition, ...r.options } });

export function useBacktest(request: BacktestRequest | null) {
  return useQuery({
    queryKey: backtestKeys.run(request),
    queryFn: () => run(request!),
    enabled: request !== null,
    staleTime: 5 * 60_000,
    retry: false,
  });
}
