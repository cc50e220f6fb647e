"use client";
import { useMemo } from "react";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select";
import { useMetadata } from "@/lib/query/slos";
import { formatThreshold } from "@/lib/slo/format";
import { bind, type StepProps } from "./wizard-fields";

/**
 * A latency SLI: the histogram metric (completed from the service's Prometheus), the threshold chosen among
 * the metric's bucket bounds, and label matchers.
 */
export function LatencyFields(p: StepProps) {
  const { s, id } = p;
  const metrics = useMetadata({ kind: "metrics", service: s.service || undefined }, Boolean(s.service));
  const histograms = useMemo(
    () => (metrics.data ?? []).filter((m) => m.endsWith("_bucket")).map((m) => m.slice(0, -"_bucket".length)),
    [metrics.data],
  );
  const metricOk = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(s.metric.trim());
  const les = useMetadata(
    {
      kind: "values",
      service: s.service || undefined,
      label: "le",
      metric: `${s.metric.trim()}_bucket${s.matchers.trim() ? `{${s.matchers.trim()}}` : ""}`,
    },
    metricOk && Boolean(s.service),
  );
  const buckets = useMemo(
    () =>
      (les.data ?? [])
        .filter((le) => le !== "+Inf" && Number.isFinite(Number(le)))
        .sort((a, b) => Number(a) - Number(b)),
    [les.data],
  );
  return (
    <>
      <div className="form-grid">
        <Field
          label="Histogram metric"
          {...bind(p, "metric")}
          list={id("histograms")}
          placeholder="http_request_duration_seconds"
          hint="Without _bucket; completed from the service's Prometheus."
          autoComplete="off"
          spellCheck={false}
        />
        <datalist id={id("histograms")}>
          {histograms.map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
        <SelectField
          label="Threshold"
          {...bind(p, "threshold", "thresholdSeconds")}
          options={(buckets.includes(s.threshold) || !s.threshold ? buckets : [s.threshold, ...buckets]).map((le) => ({
            value: le,
            label: `≤ ${formatThreshold(Number(le))}`,
          }))}
          placeholder={
            les.isFetching
              ? "Loading buckets…"
              : buckets.length
                ? "Choose a bucket"
                : metricOk && les.isFetched
                  ? "No buckets: not a histogram?"
                  : "Enter the metric first"
          }
          hint="A request is good when it finishes within this bucket bound (le)."
        />
      </div>
      <Field
        label="Label matchers"
        {...bind(p, "matchers")}
        placeholder='service="search"'
        hint="The text inside the braces, without le."
        autoComplete="off"
        spellCheck={false}
        className="mono"
      />
    </>
  );
}
