import "server-only";
import { getDb } from "@/lib/db";
import { findServiceRef } from "@/lib/db/repos/catalog";
import { AppError } from "@/lib/errors";
import { assertCanRead, type Actor } from "@/lib/auth/permissions";
import {
  alertsSkippedReason,
  candidateTiers,
  currentTiers,
  errorBudgetRatio,
  nominalWindowSeconds,
  parseDuration,
  replayAlerts,
  SloDefinitionError,
  summarizeBacktest,
  type AlertSettingsInput,
  type AlertsSkipped,
  type AlertTier,
  type BacktestIncident,
  type Sli,
  type SloWindow,
} from "@/lib/slo";
import type { BacktestDefinitionInput, BacktestOptions } from "@/lib/validation/backtest";
import type { BacktestResultView } from "@/lib/validation/views/backtest";
import { fetchIncreaseSeries } from "./backtest-data";
import { backtestRun, burnSeries } from "./backtest-view";
import { incidentRanges } from "./ledger";
import { prometheusFor } from "./prometheus-source";
import { requireSloDef } from "./read-slos";
import { validateSli } from "./validate-sli";

// Alert backtester use cases (issue 16 item 4): replay the last N days (default and at most the SLO
// window) through the SLO's current alert tiers and, when given, candidate tiers; compare with the
// incidents of the SLO's service. Data: Prometheus 5 m increases (backtest-data.ts); math: lib/slo.

const DAY_MS = 86_400_000;
const STEP_MS = 300_000;

type Subject = {
  sloId: string | null;
  serviceId: string;
  dataSourceId: string | null;
  sli: Sli;
  objective: number;
  window: SloWindow;
  alertSettings: AlertSettingsInput | null;
  skipped: AlertsSkipped | null;
};

/** A definition the domain refuses (a candidate tier, an SLI stored before today's checks) is a 422 naming the field. */
const asValidation = (err: unknown): never => {
  if (err instanceof SloDefinitionError)
    throw new AppError("VALIDATION", err.message, { [err.field]: err.message.replace(`${err.field}: `, "") });
  throw err;
};
const domain = <T>(fn: () => T): T => {
  try {
    return fn();
  } catch (err) {
    return asValidation(err);
  }
};

const run = (subject: Subject, opts: BacktestOptions, nowMs: number): Promise<BacktestResultView> =>
  replay(subject, opts, nowMs).catch(asValidation);

async function replay(subject: Subject, opts: BacktestOptions, nowMs: number): Promise<BacktestResultView> {
  const windowSeconds = nominalWindowSeconds(subject.window);
  const windowDays = Math.floor(windowSeconds / 86_400);
  const days = opts.days ?? windowDays;
  if (days > windowDays)
    throw new AppError("VALIDATION", `days must be at most the SLO window (${windowDays})`, {
      days: `must be at most ${windowDays}, the SLO window`,
    });
  const current = currentTiers(windowSeconds, subject.alertSettings);
  const candidate = opts.tiers ? domain(() => candidateTiers(windowSeconds, opts.tiers!, subject.alertSettings)) : null;
  const toMs = Math.floor(nowMs / STEP_MS) * STEP_MS;
  const fromMs = toMs - days * DAY_MS;
  // Lead-in: the first evaluations in range must see full windows and any `for` already running.
  const leadMs = Math.max(
    0,
    ...[...current, ...(candidate ?? [])].map((t) => (parseDuration(t.longWindow) + parseDuration(t.for)) * 1000),
  );
  const fetchFromMs = fromMs - Math.ceil(leadMs / STEP_MS) * STEP_MS - STEP_MS;
  const client = await prometheusFor(subject.dataSourceId);
  const series = await fetchIncreaseSeries(client, subject.sli, fetchFromMs, toMs);
  const started = performance.now();
  const incidents: BacktestIncident[] = (await incidentRanges(subject.serviceId, fromMs, toMs, nowMs)).map(
    ({ row, range }) => ({
      id: row.id,
      key: `INC-${row.number}`,
      title: row.title,
      startMs: range.startMs,
      endMs: row.mitigatedAt || row.resolvedAt ? range.endMs : null,
    }),
  );
  const budget = errorBudgetRatio(subject.objective);
  const evalIntervalMs = parseDuration(opts.evaluationInterval) * 1000;
  const runTiers = (tiers: AlertTier[]) => {
    const intervals = domain(() => replayAlerts({ series, tiers, budget, evalIntervalMs }));
    return backtestRun(tiers, budget, intervals, summarizeBacktest(intervals, incidents, fromMs, toMs), days);
  };
  const result = { current: runTiers(current), candidate: candidate ? runTiers(candidate) : null };
  return {
    sloId: subject.sloId,
    from: new Date(fromMs).toISOString(),
    to: new Date(toMs).toISOString(),
    days,
    evaluationInterval: opts.evaluationInterval,
    source: "prometheus",
    alertsSkipped: subject.skipped,
    incidents: incidents.map((i) => ({
      id: i.id,
      key: i.key,
      title: i.title,
      start: new Date(i.startMs).toISOString(),
      end: i.endMs === null ? null : new Date(i.endMs).toISOString(),
    })),
    burn: burnSeries(series, budget, fromMs, toMs),
    ...result,
    computeMs: Math.round(performance.now() - started),
  };
}

/** POST /api/v1/slos/{id}/backtest: the saved SLO's version in force. */
export async function backtestSlo(
  actor: Actor,
  id: string,
  opts: BacktestOptions,
  nowMs: number,
): Promise<BacktestResultView> {
  assertCanRead(actor);
  const def = await requireSloDef(id);
  return run(
    {
      sloId: def.id,
      serviceId: def.service.id,
      dataSourceId: def.service.dataSourceId,
      sli: def.version.sli,
      objective: def.version.objective,
      window: def.version.window,
      alertSettings: def.alertSettings,
      skipped: alertsSkippedReason(def),
    },
    opts,
    nowMs,
  );
}

/** POST /api/v1/slos/backtest: an unsaved definition (the wizard's preview). */
export async function backtestDefinition(
  actor: Actor,
  input: BacktestDefinitionInput,
  nowMs: number,
): Promise<BacktestResultView> {
  assertCanRead(actor);
  const service = await findServiceRef(await getDb(), input.service);
  if (!service)
    throw new AppError("VALIDATION", `service "${input.service}" does not exist`, {
      service: `unknown service "${input.service}"`,
    });
  await validateSli(input.sli, service.dataSourceId);
  const { days, evaluationInterval, tiers } = input;
  return run(
    {
      sloId: null,
      serviceId: service.id,
      dataSourceId: service.dataSourceId,
      sli: input.sli,
      objective: input.objective,
      window: input.window,
      alertSettings: input.alertSettings,
      skipped: null,
    },
    { days, evaluationInterval, tiers },
    nowMs,
  );
}
