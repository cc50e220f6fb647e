"use client";
import { LazyTimeSeriesChart as TimeSeriesChart } from "@/components/charts/lazy";
import { Alert } from "@/components/ui/alert";
import { ApiError, errorMessage } from "@/lib/query/api";
import type { SloPreview } from "@/lib/query/slos";
import { formatCount, formatDurationHuman, formatObjective, formatPercent, formatSli } from "@/lib/slo/format";
import { allowedBadSlices, sliceNoun } from "@/lib/slo/timeslice";
import { BudgetBar } from "./budget-bar";

type Props = {
  preview: SloPreview | undefined;
  error: unknown;
  fetching: boolean;
  waiting: boolean;
  objective: number;
  ready: boolean;
  /** A timeslice SLI's slice length: the events are slices (whole ones allowed). */
  sliceMinutes?: number | null;
};

/**
 * What the definition would report right now, before anything is saved: the SLI over the window,
 * traffic, the budget the objective leaves and what one bad event costs (low-traffic warning).
 */
export function SloPreviewPanel({ preview, error, fetching, waiting, objective, ready, sliceMinutes = null }: Props) {
  const many = sliceMinutes ? sliceNoun(sliceMinutes, 2) : "events";
  const one = sliceMinutes ? sliceNoun(sliceMinutes, 1) : "event";
  const allowed = (n: number | null) => (sliceMinutes && n !== null ? allowedBadSlices(n) : n);
  const validObjective = Number.isFinite(objective) && objective > 0 && objective < 1;
  const series = preview?.series.map((p) => ({ t: Date.parse(p.t), v: p.sli })) ?? [];
  return (
    <section className="card preview" aria-labelledby="preview-title" aria-busy={fetching || waiting}>
      <header className="card-header">
        <h2 id="preview-title">Live preview</h2>
        <span className="muted small" aria-live="polite">
          {fetching || waiting ? "Updating…" : preview ? "Up to date" : ""}
        </span>
      </header>
      <div className="card-body stack">
        {!ready ? (
          <p className="muted">
            Choose a service and fill in the SLI: the preview shows what this SLO would report over its window, before
            you save.
          </p>
        ) : error ? (
          <Alert
            tone={error instanceof ApiError && error.code === "VALIDATION" ? "warning" : "danger"}
            title={
              error instanceof ApiError && error.code === "VALIDATION" ? "Fix the highlighted fields" : "No preview"
            }
          >
            {errorMessage(error)}
          </Alert>
        ) : null}
        {preview && ready ? (
          <>
            <dl className="preview-figures" data-testid="preview-figures">
              <div>
                <dt>SLI over the window</dt>
                <dd className="preview-sli" data-testid="preview-sli">
                  {formatSli(preview.sli, validObjective ? objective : undefined)}
                </dd>
              </div>
              <div>
                <dt>{sliceMinutes ? `Measured ${many} per day` : "Events per day"}</dt>
                <dd>{formatCount(preview.eventsPerDay)}</dd>
              </div>
              <div>
                <dt>Budget left at {validObjective ? formatObjective(objective) : "this objective"}</dt>
                <dd>
                  <BudgetBar remaining={preview.budget.remaining} />
                </dd>
              </div>
              <div>
                <dt>Allowed bad {many}</dt>
                <dd data-testid="preview-allowed-bad">
                  {formatCount(allowed(preview.budget.allowedBadEvents))}{" "}
                  <span className="muted small">({formatCount(preview.events.bad)} so far)</span>
                </dd>
              </div>
              <div>
                <dt>Budget as downtime</dt>
                <dd>{formatDurationHuman(preview.budget.downtimeEquivalentSeconds)}</dd>
              </div>
              <div>
                <dt>One bad {one}</dt>
                <dd data-testid="preview-one-bad">
                  {preview.oneBadEventShare === null
                    ? "—"
                    : `= ${formatPercent(preview.oneBadEventShare, 4)} of the budget`}
                </dd>
              </div>
            </dl>
            {preview.lowTraffic && !sliceMinutes ? (
              <Alert tone="warning" title="Low traffic">
                Each failure spends a large share of the budget, so alerts will be noisy. Consider a longer window, a
                lower objective, grouping endpoints, or synthetic probes.
              </Alert>
            ) : null}
            {preview.warnings
              .filter((w) => !w.startsWith("Low traffic"))
              .map((w) => (
                <Alert key={w} tone="warning">
                  {w}
                </Alert>
              ))}
            {series.length > 1 ? (
              <TimeSeriesChart
                title="Daily SLI over the window"
                unit="sli"
                height={160}
                series={[{ name: "Daily SLI", points: series }]}
                reference={validObjective ? { y: objective, label: formatObjective(objective) } : undefined}
                domain={["auto", 1]}
              />
            ) : (
              <p className="muted small">The daily chart needs at least two full days in the window.</p>
            )}
            <p className="muted small">
              Window {preview.windowStart.slice(0, 16).replace("T", " ")} –{" "}
              {preview.windowEnd.slice(0, 16).replace("T", " ")} UTC · {formatCount(preview.events.total)}{" "}
              {sliceMinutes ? `measured ${many}` : "events"}.
            </p>
          </>
        ) : null}
      </div>
    </section>
  );
}
