"use client";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, TextAreaField } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select";
import { errorFields, errorMessage } from "@/lib/query/api";
import { useCorrectionAction } from "@/lib/query/corrections";
import { CORRECTION_CATEGORY_LABELS } from "@/lib/validation/corrections";

const HOUR_MS = 3_600_000;
/** "YYYY-MM-DDTHH:00" of an instant in UTC, the value of a datetime-local input read as UTC. */
const utcInput = (ms: number) => new Date(ms).toISOString().slice(0, 16);
/** The input's value as a UTC instant ("" stays "" so the API names the missing field). */
const fromInput = (v: string) => (v ? `${v.length === 16 ? `${v}:00` : v}Z` : "");

/**
 * Propose a correction: a whole-hour UTC range, a category and a reason. Native inputs, so the form
 * works from the keyboard; the API's 422 messages land on their fields.
 */
export function CorrectionForm({ sloId, nowMs }: { sloId: string; nowMs: number }) {
  const lastHour = Math.floor(nowMs / HOUR_MS) * HOUR_MS;
  const [startsAt, setStartsAt] = useState(utcInput(lastHour - 2 * HOUR_MS));
  const [endsAt, setEndsAt] = useState(utcInput(lastHour));
  const [category, setCategory] = useState("maintenance");
  const [reason, setReason] = useState("");
  const action = useCorrectionAction(sloId);
  const fields = errorFields(action.error);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    action.mutate(
      { kind: "create", body: { startsAt: fromInput(startsAt), endsAt: fromInput(endsAt), category, reason } },
      { onSuccess: () => setReason("") },
    );
  };
  return (
    <form className="stack" onSubmit={submit} aria-labelledby="correction-form-title" noValidate>
      <h3 id="correction-form-title">Propose a correction</h3>
      <div className="grid-2">
        <Field
          label="Start (UTC, whole hour)"
          name="startsAt"
          id="correction-start"
          type="datetime-local"
          step={3600}
          value={startsAt}
          onChange={(e) => setStartsAt(e.target.value)}
          error={fields.startsAt}
        />
        <Field
          label="End (UTC, whole hour, exclusive)"
          name="endsAt"
          id="correction-end"
          type="datetime-local"
          step={3600}
          value={endsAt}
          onChange={(e) => setEndsAt(e.target.value)}
          error={fields.endsAt}
        />
      </div>
      <SelectField
        label="Category"
        name="category"
        id="correction-category"
        value={category}
        onChange={(e) => setCategory(e.target.value)}
        options={Object.entries(CORRECTION_CATEGORY_LABELS).map(([value, label]) => ({ value, label }))}
        error={fields.category}
      />
      <TextAreaField
        label="Reason"
        name="reason"
        id="correction-reason"
        rows={2}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={fields.reason}
        hint="Why these events should not count, e.g. the change ticket of the maintenance."
      />
      {action.error && !Object.keys(fields).length ? <Alert tone="danger">{errorMessage(action.error)}</Alert> : null}
      {action.isSuccess ? (
        <Alert tone="success">Proposed. It changes no figure until another approver of the team signs it off.</Alert>
      ) : null}
      <div className="form-actions">
        <Button type="submit" variant="primary" pending={action.isPending}>
          Propose correction
        </Button>
      </div>
    </form>
  );
}
