"use client";
import { LazyBacktestTimeline as BacktestTimeline } from "@/components/charts/lazy";
import { Alert } from "@/components/ui/alert";
import type { BacktestResult, BacktestRun } from "@/lib/query/backtest";

const pct = (v: number | null) => (v === null ? "—" : `${Math.round(v * 100)} %`);
const band = (toMs: number) => (b: { start: string; end: string | null }) => ({
  startMs: Date.parse(b.start),
  endMs: b.end === null ? toMs : Date.parse(b.end),
});

function RunFigures({ run, label, testId }: { run: BacktestRun; label: string; testId: string }) {
  return (
    <div className="stack" data-testid={testId}>
      <p>
        <strong>{label}:</strong> <span data-testid={`${testId}-headline`}>{run.headline}</span>
      </p>
      <div className="stat-grid">
        <div className="stat">
          <div className="stat-label">Pages</div>
          <div className="stat-value" data-testid={`${testId}-pages`}>
            {run.pages.count}
          </div>
          <div className="stat-hint">{run.pages.duringIncident} during an incident</div>
        </div>
        <div className="stat">
          <div className="stat-label">Tickets</div>
          <div className="stat-value" data-testid={`${testId}-tickets`}>
            {run.tickets.count}
          </div>
          <div className="stat-hint">{run.tickets.duringIncident} during an incident</div>
        </div>
        <div className="stat">
          <div className="stat-label">Page precision</div>
          <div className="stat-value">{pct(run.pages.precision)}</div>
          <div className="stat-hint">pages that overlapped an incident</div>
        </div>
        <div className="stat">
          <div className="stat-label">Missed incidents</div>
          <div className="stat-value" data-testid={`${testId}-missed`}>
            {run.missed.length}
          </div>
          <div className="stat-hint">{run.missed.length ? run.missed.join(", ") : "every incident alerted"}</div>
        </div>
      </div>
    </div>
  );
}

function RunTimeline({ result, run, title }: { result: BacktestResult; run: BacktestRun; title: string }) {
  const toMs = Date.parse(result.to);
  const toBand = band(toMs);
  return (
    <BacktestTimeline
      title={title}
      burn={result.burn.map((p) => ({ t: Date.parse(p.t), burnRate: p.burnRate }))}
      pages={run.episodes
        .filter((e) => e.severity === "page")
        .map((e) => ({ ...toBand(e), label: e.tiers.join(", ") }))}
      tickets={run.episodes
        .filter((e) => e.severity === "ticket")
        .map((e) => ({ ...toBand(e), label: e.tiers.join(", ") }))}
      incidents={result.incidents.map((i) => ({ ...toBand(i), label: i.key }))}
    />
  );
}

/** One backtest answer: figures of the current (and candidate) settings, their timelines, the incidents. */
export function BacktestResultView({ result }: { result: BacktestResult }) {
  return (
    <div className="stack" data-testid="backtest-result">
      {result.alertsSkipped ? (
        <Alert tone="info" title="These alerts are not served yet">
          {result.alertsSkipped.message} The backtest replays the tiers they would have.
        </Alert>
      ) : null}
      <RunFigures run={result.current} label="Current settings" testId="backtest-current" />
      <RunTimeline result={result} run={result.current} title="Current settings: pages, tickets and incidents" />
      {result.candidate ? (
        <>
          <RunFigures run={result.candidate} label="With these settings" testId="backtest-candidate" />
          <RunTimeline
            result={result}
            run={result.candidate}
            title="Candidate settings: pages, tickets and incidents"
          />
        </>
      ) : null}
      {result.incidents.length ? (
        <table className="table">
          <caption className="small muted">Incidents of the service in the replayed range</caption>
          <thead>
            <tr>
              <th scope="col">Incident</th>
              <th scope="col">Impact</th>
              <th scope="col">Pages</th>
              <th scope="col">Tickets</th>
              {result.candidate ? (
                <>
                  <th scope="col">Pages (candidate)</th>
                  <th scope="col">Tickets (candidate)</th>
                </>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {result.incidents.map((i) => {
              const cur = result.current.incidents.find((x) => x.key === i.key);
              const cand = result.candidate?.incidents.find((x) => x.key === i.key);
              return (
                <tr key={i.id}>
                  <td>
                    <a href={`/incidents/${i.id}`}>{i.key}</a> {i.title}
                  </td>
                  <td className="small">
                    {i.start.slice(0, 16).replace("T", " ")} –{" "}
                    {i.end ? i.end.slice(0, 16).replace("T", " ") : "ongoing"} UTC
                  </td>
                  <td>{cur?.pages ?? 0}</td>
                  <td>{cur?.tickets ?? 0}</td>
                  {result.candidate ? (
                    <>
                      <td>{cand?.pages ?? 0}</td>
                      <td>{cand?.tickets ?? 0}</td>
                    </>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : (
        <p className="muted small">
          No incident of this service in the replayed range: precision and missed incidents need incidents to compare
          with.
        </p>
      )}
      <p className="muted small">
        Replayed {result.from.slice(0, 16).replace("T", " ")} – {result.to.slice(0, 16).replace("T", " ")} UTC from
        Prometheus 5-minute increases, rules evaluated every {result.evaluationInterval} as Prometheus does (a page is
        one notification: overlapping page tiers count once).
      </p>
    </div>
  );
}
