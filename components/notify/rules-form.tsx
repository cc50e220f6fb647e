"use client";
import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { failureText } from "@/components/ui/form-banner";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { SelectField } from "@/components/ui/select";
import { apiFetch, errorFields } from "@/lib/query/api";
import { fieldErrors } from "@/lib/validation/common";
import { notificationRulesSchema } from "@/lib/validation/notify";

type Rule = { contactMethodId: string; delayMinutes: string };
type Props = {
  methods: { id: string; name: string; verified: boolean }[];
  rules: { contactMethodId: string; delayMinutes: number }[];
  shiftReminderMinutes: number;
};

/** Edits "method M, N minutes after I am paged" as one list (saved with PUT) and the shift reminder. */
export function RulesForm({ methods, rules, shiftReminderMinutes }: Props) {
  const router = useRouter();
  const [rows, setRows] = useState<Rule[]>(
    rules.map((r) => ({ contactMethodId: r.contactMethodId, delayMinutes: String(r.delayMinutes) })),
  );
  const [reminder, setReminder] = useState(String(shiftReminderMinutes));
  const [clientErrors, setClientErrors] = useState<Record<string, string> | null>(null);
  const mutation = useMutation({
    mutationFn: (body: unknown) => apiFetch("/api/v1/me/notification-rules", { method: "PUT", body }),
    onSuccess: () => router.refresh(),
  });
  const options = methods.map((m) => ({ value: m.id, label: m.verified ? m.name : `${m.name} (not verified yet)` }));
  const set = (i: number, patch: Partial<Rule>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));

  function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const num = (s: string) => (s.trim() === "" ? Number.NaN : Number(s));
    const parsed = notificationRulesSchema.safeParse({
      rules: rows.map((r) => ({ contactMethodId: r.contactMethodId, delayMinutes: num(r.delayMinutes) })),
      shiftReminderMinutes: num(reminder),
    });
    if (!parsed.success) return setClientErrors(fieldErrors(parsed.error));
    setClientErrors(null);
    mutation.mutate(parsed.data);
  }

  const errors = clientErrors ?? errorFields(mutation.error);
  const failed = failureText(mutation.error);
  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-label="Notification rules">
      {mutation.isSuccess && !clientErrors ? (
        <p role="status" className="field-hint">
          Saved.
        </p>
      ) : null}
      {failed ? <Alert tone="danger">{failed}</Alert> : null}
      <fieldset className="fieldset">
        <legend>When I am paged</legend>
        {rows.length === 0 ? (
          <p className="field-hint">
            No rules: every verified method is notified at once. Add rules to stagger them (e.g. chat at 0, e-mail at
            2).
          </p>
        ) : null}
        <ol className="rule-rows">
          {rows.map((r, i) => (
            <li key={i} className="form-inline">
              <SelectField
                label={`Rule ${i + 1}: contact method`}
                name={`rule-${i}-method`}
                id={`rule-${i}-method`}
                value={r.contactMethodId}
                placeholder="Choose a method"
                options={options}
                onChange={(e) => set(i, { contactMethodId: e.target.value })}
                error={errors[`rules.${i}.contactMethodId`]}
              />
              <Field
                label="minutes after I am paged"
                name={`rule-${i}-delay`}
                id={`rule-${i}-delay`}
                type="number"
                min={0}
                max={1440}
                inputMode="numeric"
                value={r.delayMinutes}
                onChange={(e) => set(i, { delayMinutes: e.target.value })}
                error={errors[`rules.${i}.delayMinutes`]}
              />
              <Button
                size="sm"
                variant="ghost"
                onClick={() => setRows(rows.filter((_, j) => j !== i))}
                aria-label={`Remove rule ${i + 1}`}
              >
                Remove
              </Button>
            </li>
          ))}
        </ol>
        {errors.rules ? <p className="field-error">{errors.rules}</p> : null}
        <Button
          size="sm"
          onClick={() => setRows([...rows, { contactMethodId: methods[0]?.id ?? "", delayMinutes: "0" }])}
          disabled={methods.length === 0}
        >
          Add a rule
        </Button>
      </fieldset>
      <Field
        label="Shift reminder (minutes before my shift starts)"
        name="shiftReminderMinutes"
        type="number"
        min={0}
        max={10080}
        inputMode="numeric"
        value={reminder}
        onChange={(e) => setReminder(e.target.value)}
        hint="0 = no reminder. Default 60."
        error={errors.shiftReminderMinutes}
      />
      <div className="form-actions">
        <Button type="submit" variant="primary" pending={mutation.isPending}>
          Save rules
        </Button>
      </div>
    </form>
  );
}
