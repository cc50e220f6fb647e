"use client";
import { useId, useMemo, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ApiError, errorMessage } from "@/lib/query/api";
import { useBacktest, type BacktestDefinition, type BacktestRequest } from "@/lib/query/backtest";
import { burnRateAlerts } from "@/lib/slo/alerts";
import type { SloWindow } from "@/lib/slo/types";
import { BacktestResultView } from "./backtest-result";
import { BacktestTierForm, candidatesOf, draftsOf, type TierDrafts } from "./backtest-tier-form";

/** Days of the alerts' nominal window (lib/slo/window nominalWindowSeconds, without luxon in the bundle). */
export const nominalWindowDays = (w: SloWindow): number =>
  w.kind === "rolling" ? w.days : w.unit === "month" ? 30 : 7;

type Props = {
  /** A saved SLO, or the wizard's current definition (null while it is incomplete). */
  target: { sloId: string } | { definition: BacktestDefinition | null };
  /** The SLO window in days (nominal: calendar month 30, week 7): the longest replay. */
  windowDays: number;
};

/**
 * "How would these alerts have behaved?": replays the last N days through the current alert tiers and,
 * optionally, candidate settings, on demand (a month of 5-minute counts takes a moment, so it runs on
 * the button, with a progress indicator, not on every keystroke).
 */
export function BacktestPanel({ target, windowDays }: Props) {
  const id = useId();
  const current = useMemo(() => burnRateAlerts(windowDays * 86_400), [windowDays]);
  const [days, setDays] = useState(Math.min(30, windowDays));
  const [compare, setCompare] = useState(false);
  const [drafts, setDrafts] = useState<TierDrafts>(() => draftsOf(current));
  const [request, setRequest] = useState<BacktestRequest | null>(null);
  const q = useBacktest(request);
  const ready = "sloId" in target || target.definition !== null;
  const dayChoices = [...new Set([1, 7, 14, Math.min(30, windowDays), windowDays])]
    .filter((d) => d <= windowDays)
    .sort((a, b) => a - b);

  const run = () => {
    const options = { days, ...(compare ? { tiers: candidatesOf(drafts, current) } : {}) };
    if ("sloId" in target) setRequest({ sloId: target.sloId, options });
    else if (target.definition) setRequest({ definition: target.definition, options });
  };
  const fields = q.error instanceof ApiError ? q.error.fields : {};
  const stale =
    request !== null &&
    "definition" in request &&
    "definition" in target &&
    JSON.stringify(request.definition) !== JSON.stringify(target.definition);

  return (
    <section className="card" aria-labelledby={`${id}-title`} data-testid="backtest-panel">
      <header className="card-header">
        <h2 id={`${id}-title`}>Alert backtest</h2>
        <span className="muted small">How would the page and ticket alerts have behaved?</span>
      </header>
      <div className="card-body stack">
        <div className="form-grid">
          <div className="field">
            <label htmlFor={`${id}-days`}>Replay the last</label>
            <select id={`${id}-days`} value={days} onChange={(e) => setDays(Number(e.target.value))}>
              {dayChoices.map((d) => (
                <option key={d} value={d}>
                  {d} {d === 1 ? "day" : "days"}
                </option>
              ))}
            </select>
            {fields.days ? <p className="field-error">{fields.days}</p> : null}
          </div>
          <div className="checks">
            <label>
              <input type="checkbox" checked={compare} onChange={(e) => setCompare(e.target.checked)} /> Compare with
              candidate settings
            </label>
          </div>
        </div>
        {compare ? <BacktestTierForm drafts={drafts} onChange={setDrafts} errors={fields} idPrefix={id} /> : null}
        <div className="form-actions">
          <Button variant="primary" onClick={run} pending={q.isFetching} disabled={!ready}>
            Run backtest
          </Button>
          {!ready ? <span className="muted small">Fill in the service and SLI first.</span> : null}
          {q.isFetching ? (
            <span className="backtest-progress" role="status" aria-live="polite" data-testid="backtest-progress">
              <progress aria-label="Backtest running" /> Replaying {days} {days === 1 ? "day" : "days"} of 5-minute
              counts…
            </span>
          ) : null}
        </div>
        {q.error ? (
          <Alert
            tone={q.error instanceof ApiError && q.error.code === "VALIDATION" ? "warning" : "danger"}
            title="No backtest"
          >
            {errorMessage(q.error)}
          </Alert>
        ) : null}
        {stale && q.data ? (
          <Alert tone="info">The definition changed since this backtest: run it again to see the new settings.</Alert>
        ) : null}
        {q.data && !q.isFetching ? <BacktestResultView result={q.data} /> : null}
      </div>
    </section>
  );
}
