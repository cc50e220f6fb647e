import "server-only";
import type { BurnWindow, Sli, SloWindow } from "@/lib/slo";

/** The JSON status of one SLO (GET /api/v1/slos/{id}/status). No NaN or Infinity ever: no data is null. */
export type SloStatus = {
  sloId: string;
  name: string;
  service: string;
  version: number;
  objective: number;
  window: SloWindow;
  sli: Sli;
  windowStart: string;
  windowEnd: string;
  /** True when the window saw no traffic: the SLI and budget figures are null. */
  noData: boolean;
  sliValue: number | null;
  events: { good: number; bad: number; total: number };
  /** Events of the window that approved corrections took out of `events` (present when the SLO has any). */
  excludedByCorrections?: { good: number; bad: number; total: number };
  errorBudget: {
    /** 1 − objective */
    total: number;
    consumed: number | null;
    remaining: number | null;
    allowedBadEvents: number | null;
    downtimeEquivalentSeconds: number;
  };
  burnRates: Record<BurnWindow, number | null>;
  alerts: { name: string; severity: "page" | "ticket"; longWindow: string; shortWindow: string; factor: number; firing: boolean }[];
  exhaustsAt: string | null;
  asOf: string;
  /** True when Prometheus could not be asked and this is the last good value (or empty). */
  stale: boolean;
  staleAgeSeconds?: number;
  /** Why it is stale: no Prometheus is configured at all, or the configured one does not answer. */
  staleReason?: "not_configured" | "unreachable";
  /** When Prometheus first failed in the current run of failures (ISO), for "unreachable since …". */
  unavailableSince?: string;
  error?: string;
};
