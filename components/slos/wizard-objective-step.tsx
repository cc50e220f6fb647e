"use client";
import { useEffect, useState } from "react";
import { Field } from "@/components/ui/field";
import { RadioField } from "@/components/ui/radio-group";
import { SelectField } from "@/components/ui/select";
import { bind, type StepProps } from "./wizard-fields";
import { OBJECTIVE_PRESETS, WINDOW_CHOICES } from "./wizard-model";

const OBJECTIVE_CHOICES = [
  ...OBJECTIVE_PRESETS.map((p) => ({ value: p as string, label: `${p} %` })),
  { value: "custom", label: "Custom" },
];

/** Step 3: the objective (a preset or typed) and the window, with the time zone of a calendar window. */
export function ObjectiveStep(p: StepProps) {
  const { s, update, errors, id } = p;
  // Filled after mount: the server does not render the browser's list of zones.
  const [zones, setZones] = useState<string[]>([]);
  useEffect(() => {
    setZones(typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : []);
  }, []);
  return (
    <fieldset className="fieldset wizard-step">
      <legend>3. Objective and window</legend>
      <RadioField
        id={id("objective-label")}
        label="Objective"
        name="objective"
        value={s.objectiveChoice}
        choices={OBJECTIVE_CHOICES}
        onChange={(v) => update("objectiveChoice", v)}
      />
      {s.objectiveChoice === "custom" ? (
        <Field
          label="Custom objective (%)"
          {...bind(p, "customObjective", "objective")}
          inputMode="decimal"
          placeholder="99.9"
          autoComplete="off"
        />
      ) : errors.objective ? (
        <p className="field-error">{errors.objective}</p>
      ) : null}
      <div className="form-grid">
        <SelectField
          label="Window"
          {...bind(p, "windowChoice", "window")}
          name="window"
          options={[...WINDOW_CHOICES]}
        />
        {s.windowChoice.startsWith("calendar") ? (
          <>
            <Field
              label="Time zone"
              {...bind(p, "timezone")}
              list={id("zones")}
              hint="Where the calendar period starts at midnight."
              autoComplete="off"
            />
            <datalist id={id("zones")}>
              {zones.map((z) => (
                <option key={z} value={z} />
              ))}
            </datalist>
          </>
        ) : null}
      </div>
    </fieldset>
  );
}
