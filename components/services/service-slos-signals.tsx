"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { LazyTimeSeriesChart as TimeSeriesChart } from "@/components/charts/lazy";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TextAreaField } from "@/components/ui/field";
import { ApiError, apiFetch, errorMessage } from "@/lib/query/api";
import { sloKeys, useServiceSignals, type ServiceSignals } from "@/lib/query/slos";

const RANGES = [
  { hours: 1, label: "1 h" },
  { hours: 6, label: "6 h" },
  { hours: 24, label: "24 h" },
  { hours: 24 * 7, label: "7 d" },
];

const seriesName = (labels: Record<string, string>, fallback: string) => {
  const parts = Object.entries(labels)
    .filter(([k]) => k !== "__name__")
    .map(([k, v]) => `${k}=${v}`);
  return parts.length ? parts.join(", ") : fallback;
};

/**
 * The four golden signals (latency p99, traffic, error ratio, saturation) as charts: PromQL configured
 * per service, or derived from its SLIs; one range query per signal (GET /api/v1/services/{slug}/signals).
 */
export function ServiceSlosSignals({ slug, canEdit }: { slug: string; canEdit: boolean }) {
  const [hours, setHours] = useState(6);
  const q = useServiceSignals(slug, hours);
  return (
    <Card
      title="Golden signals"
      id="signals"
      actions={
        <div className="row" role="group" aria-label="Time range">
          {RANGES.map((r) => (
            <Button
              key={r.hours}
              size="sm"
              variant={r.hours === hours ? "primary" : "secondary"}
              aria-pressed={r.hours === hours}
              onClick={() => setHours(r.hours)}
            >
              {r.label}
            </Button>
          ))}
        </div>
      }
    >
      {q.isPending ? (
        <div className="signal-grid" role="status" aria-label="Loading golden signals">
          {[0, 1, 2, 3].map((i) => (
            <div key={i} className="skeleton" style={{ height: 160 }} />
          ))}
        </div>
      ) : q.isError ? (
        <Alert tone="danger" title="Could not load the golden signals">
          {errorMessage(q.error)}
        </Alert>
      ) : (
        <>
          <div className="signal-grid">
            {q.data.signals.map((s) => (
              <div className="signal" key={s.key} data-signal={s.key}>
                <div className="signal-head">
                  <h3>{s.label}</h3>
                  {s.source === "derived" ? (
                    <Badge title="Derived from the service's SLIs">from SLI</Badge>
                  ) : s.source === "configured" ? (
                    <Badge tone="info">configured</Badge>
                  ) : null}
                </div>
                {s.query ? (
                  <code className="signal-query" title={s.query}>
                    {s.query}
                  </code>
                ) : null}
                {s.source === "none" ? (
                  <div className="signal-empty">
                    Not configured
                    {s.key === "saturation"
                      ? ": set a PromQL query for how full the service is (CPU, memory, queue depth)."
                      : ": no SLI to derive it from."}
                  </div>
                ) : s.error ? (
                  <div className="signal-empty" role="alert">
                    {s.error}
                  </div>
                ) : s.series.length === 0 ? (
                  <div className="signal-empty">No data in this range.</div>
                ) : (
                  <TimeSeriesChart
                    title={s.label}
                    unit={s.unit}
                    height={150}
                    series={s.series.map((x) => ({
                      name: seriesName(x.labels, s.label),
                      points: x.points.map((p) => ({ t: Date.parse(p.t), v: p.v })),
                    }))}
                  />
                )}
                {s.truncated ? <p className="small muted">Showing the first 5 series.</p> : null}
              </div>
            ))}
          </div>
          {canEdit ? <SignalsForm slug={slug} data={q.data} /> : null}
        </>
      )}
    </Card>
  );
}

function SignalsForm({ slug, data }: { slug: string; data: ServiceSignals }) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState(
    () => Object.fromEntries(data.signals.map((s) => [s.key, data.configured[s.key] ?? ""])) as Record<string, string>,
  );
  const mutation = useMutation({
    mutationFn: () =>
      apiFetch(`/api/v1/services/${slug}/signals`, { method: "PUT", body: { ...values, version: data.version } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sloKeys.signals(slug) }),
  });
  const fields = mutation.error instanceof ApiError ? mutation.error.fields : {};
  const submit = (e: FormEvent) => {
    e.preventDefault();
    mutation.mutate();
  };
  return (
    <details className="signals-config">
      <summary>Configure the PromQL of each signal</summary>
      <form className="form" onSubmit={submit} noValidate>
        <p className="small muted">Leave a query empty to use the default derived from the service&apos;s SLIs.</p>
        {data.signals.map((s) => (
          <TextAreaField
            key={s.key}
            label={s.label}
            name={s.key}
            id={`signal-${s.key}`}
            rows={2}
            className="mono"
            value={values[s.key] ?? ""}
            onChange={(e) => setValues((v) => ({ ...v, [s.key]: e.target.value }))}
            placeholder={
              s.source === "derived"
                ? (s.query ?? "")
                : s.key === "saturation"
                  ? 'avg(rate(process_cpu_seconds_total{job="search"}[5m]))'
                  : ""
            }
            error={fields[s.key]}
          />
        ))}
        {mutation.error && !Object.keys(fields).some((k) => k in values) ? (
          <Alert tone="danger">{errorMessage(mutation.error)}</Alert>
        ) : null}
        {mutation.isSuccess ? <Alert tone="success">Saved.</Alert> : null}
        <div className="form-actions">
          <Button type="submit" variant="primary" pending={mutation.isPending}>
            Save signals
          </Button>
        </div>
      </form>
    </details>
  );
}
