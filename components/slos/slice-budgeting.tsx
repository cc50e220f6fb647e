"use client";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select";
import type { WizardState } from "./wizard-model";

type Props = {
  s: WizardState;
  update: <K extends keyof WizardState>(k: K, v: WizardState[K]) => void;
  errors: Record<string, string>;
  id: (name: string) => string;
};

const SLICE_OPTIONS = [
  { value: "1", label: "1 minute" },
  { value: "5", label: "5 minutes" },
];

/**
 * How the SLI is budgeted: per event, or per time slice (OpenSLO Timeslices) — a slice is good when at least
 * the slice threshold of its events is good, and the objective is then the share of good slices.
 */
export function SliceBudgeting({ s, update, errors, id }: Props) {
  const events = s.kind === "boolGauge" ? "samples" : "requests";
  return (
    <div className="field">
      <span className="field-label" id={id("budgeting-label")}>
        Budgeting
      </span>
      <div className="checks" role="radiogroup" aria-labelledby={id("budgeting-label")}>
        <label>
          <input
            type="radio"
            name="budgeting"
            value="events"
            checked={s.budgeting === "events"}
            onChange={() => update("budgeting", "events")}
          />{" "}
          Per {events.slice(0, -1)}
        </label>
        <label>
          <input
            type="radio"
            name="budgeting"
            value="timeslices"
            checked={s.budgeting === "timeslices"}
            onChange={() => update("budgeting", "timeslices")}
          />{" "}
          Per time slice (good minutes)
        </label>
      </div>
      {s.budgeting === "timeslices" ? (
        <div className="form-grid">
          <SelectField
            label="Slice length"
            name="sliceMinutes"
            id={id("sliceMinutes")}
            options={SLICE_OPTIONS}
            value={s.sliceMinutes}
            onChange={(e) => update("sliceMinutes", e.target.value as "1" | "5")}
            error={errors.sliceMinutes}
            hint="The objective counts slices: 99.9 % of 1-minute slices over 30 days allows 43 bad minutes."
          />
          <Field
            label="Good slice: good share at least (%)"
            name="sliceThreshold"
            id={id("sliceThreshold")}
            inputMode="decimal"
            value={s.sliceThreshold}
            onChange={(e) => update("sliceThreshold", e.target.value)}
            error={errors.sliceThreshold}
            autoComplete="off"
            hint={
              s.kind === "latency"
                ? "e.g. 99 with the 300 ms bucket: a slice is good when its p99 is at most 300 ms."
                : `A slice without ${events} counts neither way.`
            }
          />
        </div>
      ) : null}
    </div>
  );
}
