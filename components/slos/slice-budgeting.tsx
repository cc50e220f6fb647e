"use client";
import { Field } from "@/components/ui/field";
import { RadioField } from "@/components/ui/radio-group";
import { SelectField } from "@/components/ui/select";
import { bind, type StepProps } from "./wizard-fields";

const SLICE_OPTIONS = [
  { value: "1", label: "1 minute" },
  { value: "5", label: "5 minutes" },
];

/**
 * How the SLI is budgeted: per event, or per time slice (OpenSLO Timeslices) — a slice is good when at least
 * the slice threshold of its events is good, and the objective is then the share of good slices.
 */
export function SliceBudgeting(p: StepProps) {
  const { s, update, id } = p;
  const events = s.kind === "boolGauge" ? "samples" : "requests";
  return (
    <RadioField
      id={id("budgeting-label")}
      label="Budgeting"
      name="budgeting"
      value={s.budgeting}
      choices={[
        { value: "events", label: `Per ${events.slice(0, -1)}` },
        { value: "timeslices", label: "Per time slice (good minutes)" },
      ]}
      onChange={(v) => update("budgeting", v)}
    >
      {s.budgeting === "timeslices" ? (
        <div className="form-grid">
          <SelectField
            label="Slice length"
            {...bind(p, "sliceMinutes")}
            options={SLICE_OPTIONS}
            hint="The objective counts slices: 99.9 % of 1-minute slices over 30 days allows 43 bad minutes."
          />
          <Field
            label="Good slice: good share at least (%)"
            {...bind(p, "sliceThreshold")}
            inputMode="decimal"
            autoComplete="off"
            hint={
              s.kind === "latency"
                ? "e.g. 99 with the 300 ms bucket: a slice is good when its p99 is at most 300 ms."
                : `A slice without ${events} counts neither way.`
            }
          />
        </div>
      ) : null}
    </RadioField>
  );
}
