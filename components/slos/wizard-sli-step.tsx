"use client";
import { RadioGroup } from "@/components/ui/radio-group";
import { EditorField } from "./editor-field";
import { LatencyFields } from "./latency-fields";
import { SliceBudgeting } from "./slice-budgeting";
import type { StepProps } from "./wizard-fields";

const KINDS = [
  { value: "ratio", label: "Ratio of events (availability)" },
  { value: "latency", label: "Latency (histogram)" },
  { value: "boolGauge", label: "Share of good samples (0/1 gauge, e.g. probes)" },
] as const;

const MODES = [
  { value: "bad", label: "Bad events (errors)" },
  { value: "good", label: "Good events" },
] as const;

/** Step 2: what the SLI counts (ratio, latency histogram or 0/1 gauge) and how it is budgeted. */
export function SliStep(p: StepProps) {
  const { s, update, errors, id } = p;
  const service = s.service || undefined;
  return (
    <fieldset className="fieldset wizard-step">
      <legend>2. SLI</legend>
      <RadioGroup
        name="kind"
        value={s.kind}
        choices={KINDS}
        onChange={(v) => update("kind", v)}
        aria-label="SLI kind"
      />
      {s.kind === "boolGauge" ? (
        <EditorField
          id={id("metric")}
          label="0/1 gauge"
          error={errors.metric}
          hint={
            <>
              A gauge whose samples are 1 (good) or 0 (bad), e.g.{" "}
              <code>
                probe_success{"{"}job=&quot;blackbox&quot;{"}"}
              </code>
              : good = samples that are 1, total = all samples.
            </>
          }
          value={s.metric}
          onChange={(v) => update("metric", v)}
          service={service}
          placeholder='probe_success{job="blackbox"}'
        />
      ) : s.kind === "ratio" ? (
        <>
          <EditorField
            id={id("total")}
            label="Total events"
            error={errors.total}
            hint={
              <>
                A counter selector, e.g.{" "}
                <code>
                  http_requests_total{"{"}service=&quot;search&quot;{"}"}
                </code>
                . Ctrl-Space completes.
              </>
            }
            value={s.total}
            onChange={(v) => update("total", v)}
            service={service}
            placeholder='http_requests_total{service="search"}'
          />
          <RadioGroup
            name="mode"
            value={s.mode}
            choices={MODES}
            onChange={(v) => update("mode", v)}
            aria-label="Second selector counts"
          />
          <EditorField
            id={id("selector")}
            label={s.mode === "bad" ? "Bad events" : "Good events"}
            error={errors.selector}
            hint={
              s.mode === "bad" ? (
                <>
                  e.g.{" "}
                  <code>
                    http_requests_total{"{"}service=&quot;search&quot;,code=~&quot;5..&quot;{"}"}
                  </code>
                </>
              ) : (
                "Requests that met the objective."
              )
            }
            value={s.selector}
            onChange={(v) => update("selector", v)}
            service={service}
            placeholder={
              s.mode === "bad"
                ? 'http_requests_total{service="search",code=~"5.."}'
                : 'http_requests_total{service="search",code!~"5.."}'
            }
          />
        </>
      ) : (
        <LatencyFields {...p} />
      )}
      <SliceBudgeting {...p} />
    </fieldset>
  );
}
