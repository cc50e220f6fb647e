"use client";
import { Alert } from "@/components/ui/alert";
import { Field } from "@/components/ui/field";
import { bind, type StepProps } from "./wizard-fields";

/** Step 4: the runbook the alerts link to, and whether burn-rate alerts are generated at all. */
export function AlertingStep(p: StepProps) {
  const { s, update } = p;
  return (
    <fieldset className="fieldset wizard-step">
      <legend>4. Alerting</legend>
      <Field
        label="Runbook URL"
        {...bind(p, "runbookUrl")}
        type="url"
        placeholder="https://runbooks.example.com/search"
      />
      {!s.runbookUrl.trim() && s.alerting ? (
        <Alert tone="warning">
          Without a runbook URL or an in-app runbook (written on the SLO's runbook pages once it is saved) no alert
          rules are generated: every alert must say what to do.
        </Alert>
      ) : null}
      <div className="checks">
        <label>
          <input type="checkbox" checked={s.alerting} onChange={(e) => update("alerting", e.target.checked)} /> Generate
          burn-rate alerts (page and ticket)
        </label>
      </div>
    </fieldset>
  );
}
