import { z } from "zod";
import { instant } from "./common";

/**
 * The alert backtest's answer (POST /slos/{id}/backtest and /slos/backtest): when each tier would have
 * fired and resolved over the replayed days, as Prometheus evaluates the rules. Thresholds are error ratios.
 */

const severity = z.enum(["page", "ticket"]);
const severityCounts = z.object({
  count: z.number().int(),
  duringIncident: z.number().int(),
  precision: z.number().nullable().describe("duringIncident / count; null without alerts"),
});

export const backtestRunView = z.object({
  headline: z.string().describe('e.g. "3 pages and 1 ticket in 30 days, 2 during INC-12; no alert during INC-13"'),
  tiers: z.array(
    z.object({
      name: z.string(),
      severity,
      factor: z.number(),
      threshold: z.number(),
      longWindow: z.string(),
      shortWindow: z.string(),
      for: z.string(),
    }),
  ),
  intervals: z
    .array(
      z.object({
        tier: z.string(),
        severity,
        activeAt: instant(),
        firedAt: instant(),
        resolvedAt: instant().nullable(),
      }),
    )
    .describe("per tier: pending from activeAt, firing from firedAt until resolvedAt (null: still firing at `to`)"),
  episodes: z
    .array(
      z.object({
        severity,
        start: instant(),
        end: instant().nullable(),
        tiers: z.array(z.string()),
        incidents: z.array(z.string()),
      }),
    )
    .describe("a severity's overlapping tiers merged: what Alertmanager notifies once"),
  pages: severityCounts,
  tickets: severityCounts,
  incidents: z.array(z.object({ key: z.string(), pages: z.number().int(), tickets: z.number().int() })),
  missed: z.array(z.string()).describe("keys of the incidents no alert overlapped"),
});
export type BacktestRunView = z.infer<typeof backtestRunView>;

export const backtestResultView = z.object({
  sloId: z.string().nullable().describe("null for an unsaved definition"),
  from: instant(),
  to: instant(),
  days: z.number().int(),
  evaluationInterval: z.string(),
  source: z.literal("prometheus"),
  alertsSkipped: z
    .object({ code: z.enum(["ALERTING_DISABLED", "NO_RUNBOOK"]), message: z.string() })
    .nullable()
    .describe("why the served rule file has no alerts for this SLO; the current tiers are replayed anyway"),
  incidents: z.array(
    z.object({ id: z.string(), key: z.string(), title: z.string(), start: instant(), end: instant().nullable() }),
  ),
  burn: z
    .array(z.object({ t: instant(), burnRate: z.number().nullable() }))
    .describe("hourly burn rate over 1 h; null without traffic"),
  current: backtestRunView,
  candidate: backtestRunView.nullable(),
  computeMs: z.number().int(),
});
export type BacktestResultView = z.infer<typeof backtestResultView>;
